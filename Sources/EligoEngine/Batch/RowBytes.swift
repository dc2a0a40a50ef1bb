import EligoDecimal

/// One output row written straight into a buffer of known size (a ``RowScratch``), then
/// added to its ``OutputBuffer`` in one copy.
///
/// A verdict row is some twenty pieces; appending each to a growing array cost about a
/// hundred instructions apiece (uniqueness, capacity, the generic copy), more than the
/// rest of the row. Here a piece is a bounds check and a copy.
///
/// Every write checks its room and traps rather than write past the end: the caller
/// sizes the buffer from the pieces' bounds, so a trap is a wrong bound, never bad input.
struct RowBytes: ~Copyable {
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    private(set) var count: Int

    /// A row in `buffer` whose first `count` bytes are written already.
    init(_ buffer: UnsafeMutableBufferPointer<UInt8>, count: Int = 0) {
        precondition(count <= buffer.count)
        self.buffer = buffer
        self.count = count
    }

    /// The bytes written so far.
    var written: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: buffer[..<count]) }

    @inline(__always)
    private func room(_ needed: Int) {
        precondition(needed <= buffer.count - count, "a row outgrew its bound")
    }

    @inline(__always)
    mutating func append(byte: UInt8) {
        room(1)
        buffer[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) { append(bytes) }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        room(bytes.count)
        Self.copy(bytes.count, from: source, to: buffer.baseAddress! + count)
        count += bytes.count
    }

    /// Copies `count` bytes between memory that does not overlap. A row's pieces are short
    /// (an outcome, a reason code, a product id): up to 32 bytes go as two overlapping
    /// loads and stores of one width, where a call to `memmove` for each cost more than
    /// the copy.
    @inline(__always)
    static func copy(_ count: Int, from source: UnsafePointer<UInt8>, to target: UnsafeMutablePointer<UInt8>) {
        let from = UnsafeRawPointer(source)
        let to = UnsafeMutableRawPointer(target)
        if count >= 16 {
            guard count <= 32 else {
                target.update(from: source, count: count)
                return
            }
            let head = from.loadUnaligned(as: SIMD16<UInt8>.self)
            let tail = from.loadUnaligned(fromByteOffset: count &- 16, as: SIMD16<UInt8>.self)
            to.storeBytes(of: head, as: SIMD16<UInt8>.self)
            to.storeBytes(of: tail, toByteOffset: count &- 16, as: SIMD16<UInt8>.self)
        } else if count >= 8 {
            let head = from.loadUnaligned(as: UInt64.self)
            let tail = from.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
            to.storeBytes(of: head, as: UInt64.self)
            to.storeBytes(of: tail, toByteOffset: count &- 8, as: UInt64.self)
        } else if count >= 4 {
            let head = from.loadUnaligned(as: UInt32.self)
            let tail = from.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)
            to.storeBytes(of: head, as: UInt32.self)
            to.storeBytes(of: tail, toByteOffset: count &- 4, as: UInt32.self)
        } else {
            for index in 0..<count { target[index] = source[index] }
        }
    }

    @inline(__always)
    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    /// Constant text (a literal), from the binary's own bytes.
    @inline(__always)
    mutating func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// A whole number in decimal: at most 20 bytes.
    mutating func append(_ value: Int) {
        room(20)
        // Scores and most points are below 100: one or two digits, without the loops.
        if value >= 0, value < 100 {
            let (tens, units) = value.quotientAndRemainder(dividingBy: 10)
            if tens > 0 {
                buffer[count] = 0x30 &+ UInt8(truncatingIfNeeded: tens)
                count += 1
            }
            buffer[count] = 0x30 &+ UInt8(truncatingIfNeeded: units)
            count += 1
            return
        }
        if value < 0 {
            buffer[count] = 0x2D
            count += 1
        }
        var magnitude = value.magnitude
        var digits = 0
        var probe = magnitude
        repeat {
            digits += 1
            probe /= 10
        } while probe > 0
        var index = count + digits
        count = index
        // Two digits a division (record and line numbers run to seven), from a literal's bytes.
        let pairs = Self.digitPairs.utf8Start
        while magnitude >= 100 {
            let (quotient, pair) = magnitude.quotientAndRemainder(dividingBy: 100)
            index -= 2
            buffer[index] = pairs[Int(pair) &* 2]
            buffer[index + 1] = pairs[Int(pair) &* 2 &+ 1]
            magnitude = quotient
        }
        if magnitude >= 10 {
            buffer[index - 2] = pairs[Int(magnitude) &* 2]
            buffer[index - 1] = pairs[Int(magnitude) &* 2 &+ 1]
        } else {
            buffer[index - 1] = 0x30 &+ UInt8(truncatingIfNeeded: magnitude)
        }
    }

    /// "00" to "99", end to end.
    private static let digitPairs: StaticString = """
        00010203040506070809101112131415161718192021222324252627282930313233343536373839\
        40414243444546474849505152535455565758596061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899
        """

    /// A decimal's canonical text (``ExactDecimal/description``): at most
    /// `ExactDecimal.maxTextCount(places: 0)` bytes.
    mutating func append(_ value: ExactDecimal) {
        if let whole = value.int64Value {
            append(Int(whole))
            return
        }
        let rest = UnsafeMutableBufferPointer(rebasing: buffer[count...])
        guard let written = value.writeText(into: rest) else { preconditionFailure("a row outgrew its bound") }
        count += written
    }

    /// Money with two places (``ExactDecimal/formatted(places:)``): at most
    /// `ExactDecimal.maxTextCount(places: 2)` bytes.
    mutating func appendMoney(_ value: ExactDecimal) {
        if let whole = value.int64Value {
            append(Int(whole))
            append(".00")
            return
        }
        let rest = UnsafeMutableBufferPointer(rebasing: buffer[count...])
        guard let written = value.writeText(places: 2, into: rest) else { preconditionFailure("a row outgrew its bound") }
        count += written
    }
}

/// Where the columns shared by both kinds of row go: a decision's row is appended to an
/// ``OutputBuffer``, a verdict's is written in place as ``RowBytes``.
protocol RowSink: ~Copyable {
    mutating func append(byte: UInt8)
    mutating func append(_ value: ExactDecimal)
    mutating func appendMoney(_ value: ExactDecimal)
}

extension OutputBuffer: RowSink {}
extension RowBytes: RowSink {}
extension RowBytes: CSVFieldSink {}

/// Memory one worker writes verdict rows in: a record's columns once, then each of its
/// rows after the rows before it, each starting with a copy of those columns, so that a
/// record's rows go to the output in one append (``flush(to:)``) and not one each: an
/// append to the output's array cost more than the copy it made.
struct RowScratch: ~Copyable {
    private var buffer: UnsafeMutableBufferPointer<UInt8>
    /// The record's columns are the first `prefixCount` bytes; its finished rows follow, up to `end`.
    private var prefixCount = 0
    private var end = 0

    init() { buffer = .allocate(capacity: 4096) }

    deinit { buffer.deallocate() }

    /// Starts the rows of a record: `write` puts its `input,record,line,applicant,` in a row
    /// of at most `maxCount` bytes. The last record's rows must have been flushed.
    mutating func startRecord(maxCount: Int, _ write: (inout RowBytes) -> Void) {
        precondition(end == prefixCount, "a record's rows were not flushed")
        (prefixCount, end) = (0, 0)
        reserve(maxCount)
        var columns = RowBytes(buffer, count: 0)
        write(&columns)
        (prefixCount, end) = (columns.count, columns.count)
    }

    /// A row after the finished ones, the record's columns written, with room for
    /// `tailCount` more bytes; kept by ``finish(_:)``.
    mutating func row(tailCount: Int) -> RowBytes {
        reserve(end + prefixCount + tailCount)
        let base = buffer.baseAddress!
        RowBytes.copy(prefixCount, from: base, to: base + end)
        return RowBytes(buffer, count: end + prefixCount)
    }

    /// Keeps a row that ``row(tailCount:)`` began, to be flushed with the record's others.
    mutating func finish(_ row: consuming RowBytes) {
        precondition(row.count >= end + prefixCount, "a row that is not the scratch's")
        end = row.count
    }

    /// Appends the finished rows to `out`, in the order they were written.
    mutating func flush(to out: inout OutputBuffer) {
        guard end > prefixCount else { return }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[prefixCount..<end]))
        end = prefixCount
    }

    /// At least `count` bytes, keeping the record's columns and its finished rows.
    @inline(__always)
    private mutating func reserve(_ count: Int) {
        if count > buffer.count { grow(to: count) }
    }

    private mutating func grow(to count: Int) {
        let grown = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: Swift.max(count, buffer.count * 2))
        grown.baseAddress!.update(from: buffer.baseAddress!, count: end)
        buffer.deallocate()
        buffer = grown
    }
}
