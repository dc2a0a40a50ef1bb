public import EligoDecimal
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A run-time value with no references in it, for the unboxed evaluator.
///
/// ``Value`` holds strings and arrays, so every copy of one retains and every
/// drop releases; over millions of records that was a fifth of a batch's time.
/// A cell is plain bits: text is a code into ``Symbols`` (or into the frame for
/// text no policy mentions), a list is a run of cells elsewhere, and copying a
/// cell is copying 32 bytes.
public struct Cell: Sendable, BitwiseCopyable {
    public enum Tag: UInt8, Sendable, BitwiseCopyable {
        case unknown, error, bool, number, date, text, list
    }

    // The number first: the other fields then fit in the padding after its 17 bytes, and a
    // cell is 32 bytes, two to a cache line.
    public var number: ExactDecimal
    public var tag: Tag
    /// A boolean's value; for a list, whether its items are the program's constants (else the frame's).
    public var flag: Bool
    /// A date's day number, a text's code, or a list's first item.
    public var word: Int32
    /// A list's length.
    public var count: Int32

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
    /// A text by its code in the frame's ``Symbols``.
    @inline(__always) public static func text(_ code: Int32) -> Cell { Cell(tag: .text, word: code) }

    @inline(__always) var isTrue: Bool { tag == .bool && flag }
    @inline(__always) var isFalse: Bool { tag == .bool && !flag }
}

/// A boolean expression's value as ``UnboxedProgram/test(_:in:)`` gives it: one byte,
/// so that rules and the `and`/`or`/`not` under them pass their results in registers.
///
/// Anything that is not a boolean, an unknown or an error counts as `.error`, which
/// sends the product to ``Program``: the type checker rules it out, and the reference
/// is the one to report it.
public enum Truth: UInt8, Sendable, BitwiseCopyable {
    case `false`, `true`, unknown, error

    @inline(__always)
    init(_ cell: Cell) {
        switch cell.tag {
        case .bool: self = cell.flag ? .true : .false
        case .unknown: self = .unknown
        default: self = .error
        }
    }

    /// `not`: true and false swap; unknown and error stay.
    @inline(__always)
    var negated: Truth {
        switch self {
        case .true: .false
        case .false: .true
        default: self
        }
    }

    /// The cell ``UnboxedProgram/evaluate(_:in:)`` gives for this truth.
    @inline(__always)
    var cell: Cell {
        switch self {
        case .true: .bool(true)
        case .false: .bool(false)
        case .unknown: .unknown
        case .error: .error
        }
    }
}

/// Every text a set of policies can compare against, each with a code, so that
/// `county == "zuoquan"` compares two integers.
///
/// Codes from 0 up are entries here; negative codes are texts of one record that
/// no policy mentions (kept in its frame). Equal texts get equal codes: text that
/// is NFC as it stands is found by its bytes (equal NFC bytes and `==` agree), any
/// other text through a dictionary that compares strings the way `==` does; so
/// a text not found here equals none of the entries.
public struct Symbols: Sendable {
    public private(set) var strings: [String] = []
    private var codes: [String: Int32] = [:]
    /// Entries by FNV-1a hash of their bytes in NFC, open addressing; -1 is empty.
    private var table: [Int32] = [Int32](repeating: -1, count: 64)
    /// The NFC bytes of every entry, and each entry's place in them.
    private var bytes: [UInt8] = []
    private var spans: [(start: Int32, count: Int32)] = []

    public init() {}

    /// The code of `text`, adding it if new.
    @discardableResult
    public mutating func intern(_ text: String) -> Int32 {
        if let code = codes[text] { return code }
        let code = Int32(strings.count)
        strings.append(text)
        codes[text] = code
        // Strings are equal when their NFC forms are (canonical equivalence): those are the bytes kept.
        let key = TextNormalization.nfc(text).utf8
        spans.append((Int32(bytes.count), Int32(key.count)))
        bytes.append(contentsOf: key)
        // At most half full; growing places every entry again.
        if spans.count * 2 > table.count {
            table = [Int32](repeating: -1, count: table.count * 2)
            for entry in spans.indices { table[probe(Int32(entry))] = Int32(entry) }
        } else {
            table[probe(code)] = code
        }
        return code
    }

    /// The empty place for an entry being added.
    private func probe(_ code: Int32) -> Int {
        let span = spans[Int(code)]
        let mask = table.count - 1
        var index = Int(truncatingIfNeeded: Self.hash(bytes[Int(span.start)..<Int(span.start + span.count)])) & mask
        while table[index] >= 0 { index = (index + 1) & mask }
        return index
    }

    @inline(__always)
    private static func hash(_ utf8: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }

    /// The code of `text`, or nil if no policy mentions it.
    ///
    /// Text that is NFC as it stands (ASCII, Chinese, Latin letters with precomposed
    /// accents) is found by its bytes, which equal an entry's exactly when the two
    /// strings are equal; other text goes through the dictionary, which compares as `==`.
    public func code(of text: String) -> Int32? {
        var text = text
        let found: Int32?? = text.withUTF8 { utf8 in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            var any: UInt8 = 0
            for byte in utf8 {
                hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
                any |= byte
            }
            guard any < 0x80 || TextNormalization.isNFCAsIs(bytes: utf8) else { return .none }
            let mask = table.count - 1
            var index = Int(truncatingIfNeeded: hash) & mask
            return bytes.withUnsafeBufferPointer { stored in
                while true {
                    let code = table[index]
                    if code < 0 { return .some(nil) }
                    let span = spans[Int(code)]
                    if Int(span.count) == utf8.count,
                       utf8.count == 0 || memcmp(stored.baseAddress! + Int(span.start), utf8.baseAddress!, utf8.count) == 0
                    {
                        return .some(code)
                    }
                    index = (index + 1) & mask
                }
            }
        }
        if let found { return found }
        return codes[text]
    }
}
