public import EligoDiagnostics
public import EligoYAML
import Foundation

/// The record formats `eligo batch` reads (cli.md).
public enum InputFormat: String, Sendable, CaseIterable {
    /// RFC 4180 with a header row naming catalog fields.
    case csv
    /// One JSON object per line (also called NDJSON).
    case jsonl
    /// A stream of `---`-separated YAML documents, one applicant each.
    case yaml

    /// The format a file name's extension announces: `.csv`, `.jsonl`/`.ndjson`, `.yaml`/`.yml`
    /// (case-insensitive); `nil` for anything else, including stdin's `-`.
    public static func guess(path: String) -> InputFormat? {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        switch path[path.index(after: dot)...].lowercased() {
        case "csv": return .csv
        case "jsonl", "ndjson": return .jsonl
        case "yaml", "yml": return .yaml
        default: return nil
        }
    }

    /// The format the start of an input shows, for standard input and files whose name does
    /// not tell; nil while `bytes` (the input's first bytes, `complete` when they are all of
    /// it) do not reach the end of its first line that is not blank.
    ///
    /// That line decides: `{` then `"` or `}` starts a JSON object, so JSONL (any other `{`
    /// starts a YAML flow mapping); a YAML marker (`---`, `...`), a
    /// directive (`%`), a comment (`#`), a sequence item (`- `) or a mapping key (`name:`
    /// followed by a space or the line's end, no comma or quote before the colon) is YAML;
    /// anything else is CSV, whose header names columns between commas. An input with no
    /// such line has no records, and is CSV.
    public static func sniff(_ bytes: UnsafeBufferPointer<UInt8>, complete: Bool) -> InputFormat? {
        var index = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        // Blank lines (spaces, tabs, a CR) say nothing.
        while index < bytes.count, isSpace(bytes[index]) || bytes[index] == 0x0A { index += 1 }
        guard index < bytes.count else { return complete ? .csv : nil }
        var end = index
        while end < bytes.count, bytes[end] != 0x0A { end += 1 }
        if end == bytes.count, !complete { return nil }
        return classify(UnsafeBufferPointer(rebasing: bytes[index..<end]))
    }

    /// Reads the start of an input until ``sniff(_:complete:)`` can tell its format (CSV when
    /// the input ends first), for an input that cannot be read twice (standard input, a pipe).
    ///
    /// - Returns: The format, and the bytes read, which ``RecordSplitter`` takes as its `prefix`.
    public static func sniff(fileDescriptor: Int32, path: String) throws(InputError) -> (format: InputFormat, prefix: [UInt8]) {
        var prefix: [UInt8] = []
        var block = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let count = block.withUnsafeMutableBytes { read(fileDescriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: path, reason: String(cString: strerror(errno)))
            }
            prefix.append(contentsOf: block[0..<count])
            let complete = count == 0
            // A first line longer than a record may be is the splitter's to report: CSV decides then.
            if let format = prefix.withUnsafeBufferPointer({ sniff($0, complete: complete) }) { return (format, prefix) }
            if prefix.count > 1 << 20 { return (.csv, prefix) }
        }
    }

    private static func classify(_ line: UnsafeBufferPointer<UInt8>) -> InputFormat {
        let first = line[0]
        if first == 0x7B {
            // `{` then `"` or `}`: a JSON object. A YAML flow mapping (`{id: A1}`) has a key
            // without quotes, which JSON has not, so it stays a YAML stream.
            let next = line.dropFirst().first { !isSpace($0) }
            return next == 0x22 || next == 0x7D ? .jsonl : .yaml
        }
        if first == 0x25 || first == 0x23 { return .yaml }  // % #
        /// Whether the line starts with `count` of `marker` followed by a space or its end.
        func starts(with marker: UInt8, count: Int) -> Bool {
            guard line.count >= count, line.prefix(count).allSatisfy({ $0 == marker }) else { return false }
            return line.count == count || isSpace(line[count])
        }
        if starts(with: 0x2D, count: 3) || starts(with: 0x2E, count: 3) || starts(with: 0x2D, count: 1) { return .yaml }  // --- ... -
        for position in line.indices {
            switch line[position] {
            case 0x2C, 0x22, 0x27: return .csv  // a comma or a quote before any colon
            case 0x3A: return position > 0 && (position + 1 == line.count || isSpace(line[position + 1])) ? .yaml : .csv
            default: continue
            }
        }
        return .csv
    }

    /// A space, a tab or a CR: what surrounds a line's content without being part of it.
    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }
}

/// The bounds of §9 that apply to record input, each overridable from the CLI.
public struct InputLimits: Sendable {
    /// The longest CSV or JSONL record in bytes, its line terminator not counted.
    ///
    /// A CSV record whose quoted cells span several lines is held to this as a whole,
    /// so that one record never needs more memory than this.
    public var maxLineBytes: Int
    /// The longest string value (a string cell, a list item) in bytes, after unquoting.
    public var maxStringBytes: Int
    /// YAML documents: each is held to `maxDocumentBytes`, and to depth and alias limits.
    public var yaml: YAMLLimits

    public init(maxLineBytes: Int = 1 << 20, maxStringBytes: Int = 64 << 10, yaml: YAMLLimits = .default) {
        self.maxLineBytes = maxLineBytes
        self.maxStringBytes = maxStringBytes
        self.yaml = yaml
    }
}

/// Why an input cannot be read at all (exit status 2), as opposed to a bad record,
/// which becomes an invalid record and never stops a batch.
public enum InputError: Error, Sendable {
    /// The operating system refused to read (`read(2)` failed).
    case unreadable(path: String, reason: String)
    /// Writing failed (the generator's output).
    case unwritable(path: String, reason: String)
    /// A CSV header row that cannot be cut from the input (an unterminated quote, over the line limit).
    case badHeader(path: String, line: Int, problem: Message)
    /// A regular file ended before the size it had when reading began: something truncated it mid-run.
    case truncated(path: String, size: Int, read: Int)

    /// What to tell people, in both languages, with the path.
    public var message: Message {
        switch self {
        case .unreadable(let path, let reason):
            Message(id: "input.unreadable", en: "cannot read \(path): \(reason)", zh: "无法读取 \(path)：\(SystemErrorText.chinese(reason))")
        case .unwritable(let path, let reason):
            Message(id: "input.unwritable", en: "cannot write \(path): \(reason)", zh: "无法写入 \(path)：\(SystemErrorText.chinese(reason))")
        case .badHeader(let path, let line, let problem):
            Message(
                id: "input.bad-header", en: "\(path):\(line): the CSV header cannot be read: \(problem.en)",
                zh: "\(path):\(line):无法读取 CSV 表头：\(problem.zh)")
        case .truncated(let path, let size, let read):
            Message(
                id: "input.truncated",
                en: "\(path) was truncated while it was being read: it held \(size) bytes when the run began, "
                    + "and its end came after \(read); the run stopped, since its decisions would be incomplete",
                zh: "\(path) 在读取过程中被截短：运行开始时有 \(size) 字节，读到 \(read) 字节就结束了；"
                    + "结果将不完整，因此运行已停止")
        }
    }
}

/// A contiguous run of whole records cut from the input, in input order.
///
/// Cheap to produce sequentially: the splitter only finds where records end; typing
/// them (``RecordParser``) is the expensive part and can run on other threads.
public struct RecordChunk: Sendable {
    /// The raw bytes of these records, line terminators left out.
    public var bytes: [UInt8]
    /// Where each record lies in `bytes`, in input order.
    public var records: [RecordSlice]

    public init(bytes: [UInt8] = [], records: [RecordSlice] = []) {
        self.bytes = bytes
        self.records = records
    }
}

/// One record's place in a chunk and in the input.
public struct RecordSlice: Sendable {
    /// The record's bytes in ``RecordChunk/bytes`` (empty for a record too long to keep).
    public var range: Range<Int>
    /// 1-based position among the input's records (a CSV header and skipped blank lines do not count).
    public var number: Int
    /// The 1-based line where the record starts.
    public var line: Int
    /// A problem found while cutting the record (an unterminated quote at the end of the
    /// input, a line over the limit); the record is then invalid whatever its bytes say.
    public var problem: Message?

    public init(range: Range<Int>, number: Int, line: Int, problem: Message? = nil) {
        self.range = range
        self.number = number
        self.line = line
        self.problem = problem
    }
}
