import EligoDiagnostics
import Foundation

/// A failure to write results, with the path and the system's reason.
struct BatchFailure: Error {
    let message: Message

    static func cannotWrite(_ path: String, _ reason: String) -> BatchFailure {
        BatchFailure(message: Message(id: "output.unwritable", en: "cannot write \(path): \(reason)", zh: "无法写入 \(path):\(reason)"))
    }
}

/// Somewhere bytes go: a file descriptor, written in full or not at all.
struct OutputSink {
    let descriptor: Int32
    let path: String

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
    }
}

/// Results are written to a temporary file beside the target and renamed into
/// place only when complete, so a failed or interrupted run leaves nothing
/// partial at `--out` (cli.md).
enum OutputFile {
    static func write<T>(to path: String?, language: Language, _ body: (OutputSink) throws -> T) throws -> T {
        guard let path, path != "-" else { return try body(OutputSink(descriptor: 1, path: "standard output")) }
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).eligo-\(getpid()).tmp").path
        // Armed before the file exists, so an interruption at any moment after it is created removes it.
        Interruption.register(temporary)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            Interruption.unregister()
            throw BatchFailure.cannotWrite(path, String(cString: strerror(errno)))
        }
        var closed = false
        defer {
            if !closed { close(descriptor) }
            Interruption.unregister()
        }
        do {
            let result = try body(OutputSink(descriptor: descriptor, path: path))
            guard fsync(descriptor) == 0 || errno == EINVAL else { throw BatchFailure.cannotWrite(path, String(cString: strerror(errno))) }
            closed = true
            guard close(descriptor) == 0 else { throw BatchFailure.cannotWrite(path, String(cString: strerror(errno))) }
            guard rename(temporary, path) == 0 else { throw BatchFailure.cannotWrite(path, String(cString: strerror(errno))) }
            return result
        } catch {
            unlink(temporary)
            throw error
        }
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
