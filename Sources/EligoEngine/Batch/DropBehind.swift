import Foundation

/// Streams a large output file through the page cache instead of filling it.
///
/// A million decisions are 800 MB. Written the plain way, each run claims 800 MB of new
/// cache pages, which the kernel must find, clear and account for (2.5 s of system time
/// a run on the 2-core machine of the batch benchmark, which a second job could not win
/// back), and the final `fsync` then writes all of it at once. Here, every ``window``
/// bytes, the window just written is handed to the disk and the one before it, on disk
/// by then, leaves the cache: `posix_fadvise(DONTNEED)` does both, starting to write
/// dirty pages and dropping clean ones. Later writes reuse those pages, and `fsync`
/// finds little left to do. It is advice only: where the file system ignores it, or on
/// a system without it, the bytes written are the same.
public final class DropBehind {
    public static let window = 16 << 20
    /// Bytes written, bytes handed to the disk, and bytes before which the cache was dropped.
    private(set) var written = 0
    private(set) var started = 0
    private(set) var dropped = 0

    public init() {}

    /// Counts `count` bytes just written at the end of the file open as `descriptor`.
    public func wrote(_ count: Int, to descriptor: Int32) {
        written += count
        guard written - started >= Self.window else { return }
        #if os(Linux)
            _ = posix_fadvise(descriptor, off_t(started), off_t(written - started), POSIX_FADV_DONTNEED)
            if started > dropped { _ = posix_fadvise(descriptor, off_t(dropped), off_t(started - dropped), POSIX_FADV_DONTNEED) }
        #endif
        dropped = started
        started = written
    }
}
