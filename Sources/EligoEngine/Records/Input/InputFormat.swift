public import EligoDiagnostics
public import EligoYAML

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
            Message(id: "input.unreadable", en: "cannot read \(path): \(reason)", zh: "无法读取 \(path):\(reason)")
        case .unwritable(let path, let reason):
            Message(id: "input.unwritable", en: "cannot write \(path): \(reason)", zh: "无法写入 \(path):\(reason)")
        case .badHeader(let path, let line, let problem):
            Message(
                id: "input.bad-header", en: "\(path):\(line): the CSV header cannot be read: \(problem.en)",
                zh: "\(path):\(line):无法读取 CSV 表头:\(problem.zh)")
        case .truncated(let path, let size, let read):
            Message(
                id: "input.truncated",
                en: "\(path) was truncated while it was being read: it held \(size) bytes when the run began, "
                    + "and its end came after \(read); the run stopped, since its decisions would be incomplete",
                zh: "\(path) 在读取过程中被截短:运行开始时有 \(size) 字节,读到 \(read) 字节就结束了;"
                    + "结果将不完整,因此运行已停止")
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
