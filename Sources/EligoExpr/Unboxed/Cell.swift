public import EligoDecimal

/// A run-time value with no references in it, for the unboxed evaluator.
///
/// ``Value`` holds strings and arrays, so every copy of one retains and every
/// drop releases; over millions of records that was a fifth of a batch's time.
/// A cell is plain bits: text is a code into ``Symbols`` (or into the frame for
/// text no policy mentions), a list is a run of cells elsewhere, and copying a
/// cell is copying 48 bytes.
public struct Cell: Sendable, BitwiseCopyable {
    public enum Tag: UInt8, Sendable, BitwiseCopyable {
        case unknown, error, bool, number, date, text, list
    }

    public var tag: Tag
    /// A boolean's value; for a list, whether its items are the program's constants (else the frame's).
    public var flag: Bool
    /// A date's day number, a text's code, or a list's first item.
    public var word: Int32
    /// A list's length.
    public var count: Int32
    public var number: ExactDecimal

    @inline(__always)
    init(tag: Tag, flag: Bool = false, word: Int32 = 0, count: Int32 = 0, number: ExactDecimal = .zero) {
        self.tag = tag
        self.flag = flag
        self.word = word
        self.count = count
        self.number = number
    }

    public static let unknown = Cell(tag: .unknown)
    /// An evaluation error, or an operation this evaluator leaves to ``Program`` (see ``UnboxedProgram``).
    public static let error = Cell(tag: .error)

    @inline(__always) public static func bool(_ value: Bool) -> Cell { Cell(tag: .bool, flag: value) }
    @inline(__always) public static func number(_ value: ExactDecimal) -> Cell { Cell(tag: .number, number: value) }
    @inline(__always) public static func date(_ value: Day) -> Cell { Cell(tag: .date, word: value.daysSinceEpoch) }
    @inline(__always) static func text(_ code: Int32) -> Cell { Cell(tag: .text, word: code) }

    @inline(__always) var isTrue: Bool { tag == .bool && flag }
    @inline(__always) var isFalse: Bool { tag == .bool && !flag }
}

/// Every text a set of policies can compare against, each with a code, so that
/// `county == "zuoquan"` compares two integers.
///
/// Codes from 0 up are entries here; negative codes are texts of one record that
/// no policy mentions (kept in its frame). Equal texts get equal codes, because
/// the dictionary hashes and compares strings the way `==` does, so a text not
/// found here equals none of the entries.
public struct Symbols: Sendable {
    public private(set) var strings: [String] = []
    private var codes: [String: Int32] = [:]

    public init() {}

    /// The code of `text`, adding it if new.
    @discardableResult
    public mutating func intern(_ text: String) -> Int32 {
        if let code = codes[text] { return code }
        let code = Int32(strings.count)
        strings.append(text)
        codes[text] = code
        return code
    }

    /// The code of `text`, or nil if no policy mentions it.
    @inline(__always)
    public func code(of text: String) -> Int32? { codes[text] }
}
