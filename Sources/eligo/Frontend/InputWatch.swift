import EligoDiagnostics
import Foundation

/// What happened to an input file while a batch read it, found by comparing the
/// open descriptor and the path at the end of the run with how they were at the start.
///
/// Linux keeps an open file readable after it is deleted or replaced, so such a run
/// reads the file as it was and its decisions are consistent; it still says so, since
/// the file at that path is no longer the one scored. A file truncated mid-read is an
/// error found by the reader (``InputError/truncated(path:size:read:)``).
struct InputWatch {
    private struct Snapshot {
        var device: UInt
        var inode: UInt
        var modified: timespec
        var size: Int
    }

    private var watched: [(path: String, descriptor: Int32, snapshot: Snapshot)] = []

    private static func snapshot(_ status: stat) -> Snapshot {
        Snapshot(device: UInt(status.st_dev), inode: UInt(status.st_ino), modified: status.st_mtim, size: Int(status.st_size))
    }

    /// Remembers how the regular file open as `descriptor` looks now; other inputs (stdin, pipes) are ignored.
    ///
    /// - Returns: The file's size, which reading must reach; `nil` for other inputs.
    mutating func watch(_ path: String, descriptor: Int32) -> Int? {
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        watched.append((path, descriptor, Self.snapshot(status)))
        return Int(status.st_size)
    }

    /// One message per input that was deleted, replaced or changed since ``watch(_:descriptor:)``.
    func changes() -> [Message] {
        var messages: [Message] = []
        for (path, descriptor, before) in watched {
            var open = stat()
            guard fstat(descriptor, &open) == 0 else { continue }
            var named = stat()
            let stillThere = stat(path, &named) == 0
            if !stillThere {
                messages.append(.inputDeleted(path))
            } else if UInt(named.st_dev) != before.device || UInt(named.st_ino) != before.inode {
                messages.append(.inputReplaced(path))
            } else if open.st_mtim.tv_sec != before.modified.tv_sec || open.st_mtim.tv_nsec != before.modified.tv_nsec
                || Int(open.st_size) != before.size
            {
                messages.append(.inputModified(path))
            }
        }
        return messages
    }
}

extension Message {
    static func inputDeleted(_ path: String) -> Message {
        Message(
            id: "input.deleted",
            en: "warning: \(path) was deleted or moved away while it was being read; every record was read from the file as it was when the run began",
            zh: "警告：\(path) 在读取过程中被删除或移走；所有记录都按运行开始时的文件内容读取")
    }

    static func inputReplaced(_ path: String) -> Message {
        Message(
            id: "input.replaced",
            en: "warning: \(path) was replaced by another file while it was being read; the decisions are for the file as it was when the run began, not for the one there now",
            zh: "警告：\(path) 在读取过程中被另一个文件替换；这些决定针对的是运行开始时的文件，而不是现在的文件")
    }

    static func inputModified(_ path: String) -> Message {
        Message(
            id: "input.modified",
            en: "warning: \(path) was written to while it was being read; the decisions may mix its old and new contents",
            zh: "警告：\(path) 在读取过程中被写入；这些决定可能混合了文件的新旧内容")
    }
}
