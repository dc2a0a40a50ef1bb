import EligoDiagnostics
import EligoEngine
import Foundation

/// A failure to write results, with the path and the system's reason.
struct BatchFailure: Error {
    let message: Message

    static func cannotWrite(_ path: String, _ reason: String) -> BatchFailure {
        BatchFailure(message: Message(id: "output.unwritable", en: "cannot write \(path): \(reason)", zh: "无法写入 \(path)：\(SystemErrorText.chinese(reason))"))
    }
}

extension Message {
    static func staleTemporaryRemoved(_ path: String, pid: Int32) -> Message {
        Message(
            id: "output.stale-temporary",
            en: "eligo: removed \(path), the unfinished output of an earlier run (process \(pid)) that was killed",
            zh: "eligo:已删除 \(path)，这是此前被强行终止的一次运行（进程 \(pid)）留下的未完成输出")
    }
}

/// Somewhere bytes go: a file descriptor, written in full or not at all.
struct OutputSink {
    let descriptor: Int32
    let path: String
    /// For a new file that is renamed into place when complete: its pages are handed to
    /// the disk as the run goes and dropped from the cache once written (``DropBehind``).
    let dropBehind: DropBehind?

    init(descriptor: Int32, path: String, dropBehind: Bool = false) {
        self.descriptor = descriptor
        self.path = path
        self.dropBehind = dropBehind ? DropBehind() : nil
    }

    func write(_ bytes: borrowing [UInt8]) throws {
        var offset = 0
        let count = bytes.count
        while offset < count {
            let written = bytes.withUnsafeBytes { raw in
                Foundation.write(descriptor, raw.baseAddress! + offset, count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw BatchFailure.cannotWrite(path, String(cString: strerror(errno)))
            }
            offset += written
        }
        dropBehind?.wrote(count, to: descriptor)
    }
}

/// Where results go, and how they get there.
///
/// Results are written to a temporary file beside the target and renamed into
/// place only when complete, so a failed or interrupted run leaves nothing
/// partial at `--out` (cli.md). The temporary file is `.NAME.eligo-PID.tmp` in the
/// target's folder: hidden, on the same file system (so the rename is atomic), and
/// named after the process that writes it. A run killed with SIGKILL cannot remove
/// it; the next run that writes the same target removes those left by processes that
/// no longer exist.
///
/// A target that is not a regular file (a device such as `/dev/full` or
/// `/dev/null`, a pipe, a terminal, or a descriptor alias such as `/dev/stdout`)
/// cannot be replaced by a rename: it is written in place, and a failed run may
/// leave part of its output there.
enum OutputFile {
    /// How a target is written.
    enum Mode: Equatable {
        /// Standard output, written as the run goes.
        case standardOutput
        /// Written in place (a device, a pipe, a descriptor alias).
        case inPlace(String)
        /// A regular file (or none yet) at this path, replaced when complete; symbolic links are followed.
        case replace(String)
    }

    /// How `path` will be written.
    ///
    /// - Throws: ``BatchFailure`` when the target is a directory.
    static func mode(for path: String?) throws -> Mode {
        guard let path, path != "-" else { return .standardOutput }
        var status = stat()
        guard stat(path, &status) == 0 else { return .replace(path) }
        let type = status.st_mode & S_IFMT
        if type == S_IFDIR { throw BatchFailure.cannotWrite(path, String(cString: strerror(EISDIR))) }
        if type != S_IFREG { return .inPlace(path) }
        var link = stat()
        guard lstat(path, &link) == 0, link.st_mode & S_IFMT == S_IFLNK else { return .replace(path) }
        // `/dev/stdout`, `/dev/fd/1`, `/proc/self/fd/1`: a name for a descriptor, not a place for a new file.
        if path.hasPrefix("/dev/") || path.hasPrefix("/proc/") { return .inPlace(path) }
        guard let resolved = realpath(path, nil) else { return .replace(path) }
        defer { free(resolved) }
        return .replace(String(cString: resolved))
    }

    /// Where a ``Mode/replace(_:)`` target lands: its folder with symbolic links resolved, then
    /// its name; two targets with the same location are the same file.
    static func location(of target: String) -> String {
        let directory = parent(of: target)
        guard let resolved = realpath(directory, nil) else { return join(directory, basename(target)) }
        defer { free(resolved) }
        return join(String(cString: resolved), basename(target))
    }

    /// The name of the temporary file that process `pid` writes for a target called `name`.
    static func temporaryName(for name: String, pid: Int32) -> String { ".\(name).eligo-\(pid).tmp" }

    /// Writes through `body` to `path` (`nil` or `-` for standard output).
    ///
    /// - Parameter path: The target as the user gave it; messages name it so.
    static func write<T>(to path: String?, language: Language, _ body: (OutputSink) throws -> T) throws -> T {
        let output = try open(path, language: language)
        defer { output.discard() }
        let result = try body(output.sink)
        try output.commit()
        return result
    }

    /// Opens `path` (`nil` or `-` for standard output) for writing; nothing reaches a
    /// regular file's place before ``Pending/commit()``.
    ///
    /// - Parameter path: The target as the user gave it; messages name it so.
    /// - Throws: ``BatchFailure`` when the target is a directory or the temporary file cannot be made.
    static func open(_ path: String?, language: Language) throws -> Pending {
        switch try mode(for: path) {
        case .standardOutput:
            return Pending(sink: OutputSink(descriptor: 1, path: "standard output"), owned: false)
        case .inPlace(let target):
            let shown = path ?? target
            // No O_CREAT: the target exists. O_APPEND keeps what a shell's `>>` put before us.
            let descriptor = Foundation.open(target, O_WRONLY | O_APPEND | O_CLOEXEC)
            guard descriptor >= 0 else { throw BatchFailure.cannotWrite(shown, String(cString: strerror(errno))) }
            return Pending(sink: OutputSink(descriptor: descriptor, path: shown), owned: true)
        case .replace(let target):
            let shown = path ?? target
            let directory = parent(of: target)
            let name = basename(target)
            removeStaleTemporaries(in: directory, for: name, language: language)
            let temporary = join(directory, temporaryName(for: name, pid: getpid()))
            // Armed before the file exists, so an interruption at any moment after it is created removes it.
            let slot = Interruption.register(temporary)
            let descriptor = Foundation.open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                Interruption.unregister(slot)
                throw BatchFailure.cannotWrite(shown, String(cString: strerror(errno)))
            }
            return Pending(
                sink: OutputSink(descriptor: descriptor, path: shown, dropBehind: true), owned: true, temporary: temporary, target: target, slot: slot)
        }
    }

    /// An output being written. Standard output and in-place targets receive the bytes as
    /// they are written; a regular file's bytes go to a temporary file beside it, which
    /// ``commit()`` renames into place and ``discard()`` (or the end of the object) removes.
    ///
    /// Several outputs that must appear together (a batch's decisions and its summary) are
    /// each ``finish()``ed before any is committed, so a failure to write one replaces none.
    final class Pending {
        let sink: OutputSink
        /// The descriptor is ours to close (not standard output).
        private let owned: Bool
        private let temporary: String?
        private let target: String?
        private let slot: Int?
        private var open = true
        private var done = false

        fileprivate init(sink: OutputSink, owned: Bool, temporary: String? = nil, target: String? = nil, slot: Int? = nil) {
            self.sink = sink
            self.owned = owned
            self.temporary = temporary
            self.target = target
            self.slot = slot
        }

        deinit { discard() }

        /// Flushes the bytes to disk and closes the file, so that only the rename is left.
        ///
        /// - Throws: ``BatchFailure`` when the bytes cannot be written out (a full disk).
        func finish() throws {
            guard open else { return }
            open = false
            guard owned else { return }
            if temporary != nil, fsync(sink.descriptor) != 0, errno != EINVAL {
                let reason = String(cString: strerror(errno))
                close(sink.descriptor)
                throw BatchFailure.cannotWrite(sink.path, reason)
            }
            guard close(sink.descriptor) == 0 || temporary == nil else { throw BatchFailure.cannotWrite(sink.path, String(cString: strerror(errno))) }
        }

        /// Finishes the output and renames its temporary file into place.
        func commit() throws {
            try finish()
            guard !done else { return }
            if let temporary, let target, rename(temporary, target) != 0 {
                throw BatchFailure.cannotWrite(sink.path, String(cString: strerror(errno)))
            }
            done = true
            Interruption.unregister(slot)
        }

        /// Drops an output that was not committed: its temporary file is removed. Does
        /// nothing after ``commit()``.
        func discard() {
            guard !done else { return }
            done = true
            if open {
                open = false
                if owned { close(sink.descriptor) }
            }
            if let temporary { unlink(temporary) }
            Interruption.unregister(slot)
        }
    }

    /// Removes `.NAME.eligo-PID.tmp` files in `directory` whose process no longer exists
    /// (a run killed with SIGKILL, or a machine that lost power), and one of this
    /// process's own number, which can only be such a leftover: this process has not
    /// created it yet (a process writes each target once; `eligo batch` refuses a
    /// `--summary` that is its `--out`). Files of processes still running are left alone.
    static func removeStaleTemporaries(in directory: String, for name: String, language: Language) {
        let prefix = ".\(name).eligo-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for candidate in names where candidate.hasPrefix(prefix) && candidate.hasSuffix(".tmp") {
            let digits = candidate.dropFirst(prefix.count).dropLast(4)
            guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let pid = Int32(digits), pid > 0 else { continue }
            if pid != getpid() {
                guard kill(pid, 0) != 0, errno == ESRCH else { continue }
            }
            let stale = join(directory, candidate)
            if unlink(stale) == 0 {
                Terminal.writeError(Message.staleTemporaryRemoved(stale, pid: pid).text(language) + "\n")
            }
        }
    }

    private static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let parent = String(path[..<slash])
        return parent.isEmpty ? "/" : parent
    }

    private static func basename(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    private static func join(_ directory: String, _ name: String) -> String {
        directory == "." ? name : directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// Output held back while budgets are allocated: written once, then copied to the
    /// real output with the rows that allocation changed written again.
    final class Spool {
        private let descriptor: Int32
        private let path: String

        init() throws {
            var template = Array((NSTemporaryDirectory() + "/eligo-spool-XXXXXX").utf8CString)
            descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            guard descriptor >= 0 else { throw BatchFailure.cannotWrite(path, String(cString: strerror(errno))) }
            // The spool is anonymous from here on: nothing is left behind whatever happens.
            unlink(path)
        }

        deinit { close(descriptor) }

        func write(_ bytes: borrowing [UInt8]) throws {
            try OutputSink(descriptor: descriptor, path: path).write(bytes)
        }

        /// Copies the spool to `output`, replacing each byte range with its new bytes (ranges sorted, disjoint).
        func copy(into output: OutputSink, replacing rewrites: [(range: Range<Int>, bytes: [UInt8])]) throws {
            guard lseek(descriptor, 0, SEEK_SET) == 0 else { throw BatchFailure.cannotWrite(path, String(cString: strerror(errno))) }
            var position = 0
            var buffer = [UInt8](repeating: 0, count: 1 << 20)
            var next = 0
            func copy(upTo end: Int) throws {
                while position < end {
                    let wanted = min(buffer.count, end - position)
                    let count = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, wanted) }
                    if count < 0, errno == EINTR { continue }
                    if count == 0, end == Int.max { return }
                    guard count > 0 else { throw BatchFailure.cannotWrite(path, count == 0 ? "unexpected end" : String(cString: strerror(errno))) }
                    try output.write(Array(buffer[0..<count]))
                    position += count
                }
            }
            while next < rewrites.count {
                let rewrite = rewrites[next]
                try copy(upTo: rewrite.range.lowerBound)
                try output.write(rewrite.bytes)
                // Skip the old row.
                guard lseek(descriptor, off_t(rewrite.range.upperBound), SEEK_SET) >= 0 else {
                    throw BatchFailure.cannotWrite(path, String(cString: strerror(errno)))
                }
                position = rewrite.range.upperBound
                next += 1
            }
            try copy(upTo: Int.max)
        }
    }
}
