import EligoDecimal

/// Output bytes built in place: rows are formatted straight into a byte array
/// instead of through intermediate strings.
public struct OutputBuffer: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    public mutating func append(_ text: String) {
        // From the string's contiguous storage in one copy; the generic UTF-8 view
        // path cost ten times as much per call.
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    public mutating func append(byte: UInt8) { bytes.append(byte) }

    mutating func append(contentsOf other: [UInt8]) { bytes.append(contentsOf: other) }

    mutating func append(contentsOf other: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: other) }

    /// A whole number in decimal, without making a string.
    public mutating func append(_ value: Int) {
        if value < 0 { bytes.append(0x2D) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { scratch in
            let scratch = scratch.bindMemory(to: UInt8.self)
            repeat {
                let (quotient, digit) = magnitude.quotientAndRemainder(dividingBy: 10)
                scratch[23 - count] = 0x30 &+ UInt8(truncatingIfNeeded: digit)
                magnitude = quotient
                count += 1
            } while magnitude > 0
            // A typed buffer takes the array's contiguous copy, not the generic sequence path.
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[(24 - count)...]))
        }
    }

    public mutating func append(contentsOf other: OutputBuffer) { bytes.append(contentsOf: other.bytes) }

    /// A decimal as its canonical text (``ExactDecimal/description``); whole values, most
    /// scores, as digits without making a string.
    mutating func append(_ value: ExactDecimal) {
        if let whole = value.int64Value { append(Int(whole)) } else { append(value.description) }
    }

    /// Money with two places (``ExactDecimal/formatted(places:)``); whole amounts without a string.
    mutating func appendMoney(_ value: ExactDecimal) {
        if let whole = value.int64Value {
            append(Int(whole))
            bytes.append(0x2E)
            bytes.append(0x30)
            bytes.append(0x30)
        } else {
            append(value.formatted(places: 2))
        }
    }

    public var isEmpty: Bool { bytes.isEmpty }
    public var count: Int { bytes.count }
    public mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }
}

/// Where CSV text is written a byte or a run of bytes at a time: the batch's output, a
/// verdict row, the population generator's buffer. They share one writer of RFC 4180 fields.
protocol CSVFieldSink: ~Copyable {
    mutating func append(byte: UInt8)
    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>)
}

extension CSVFieldSink where Self: ~Copyable {
    /// A CSV field (RFC 4180): quoted only when it holds a comma, a quote or a line break,
    /// with each quote inside written twice; at most twice its UTF-8 bytes and two quotes.
    mutating func appendCSVField(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            guard utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
                append(contentsOf: utf8)
                return
            }
            append(byte: 0x22)
            for byte in utf8 {
                if byte == 0x22 { append(byte: 0x22) }
                append(byte: byte)
            }
            append(byte: 0x22)
        }
    }
}

extension OutputBuffer: CSVFieldSink {}
