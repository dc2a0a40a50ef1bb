import EligoDecimal

/// Output bytes built in place: rows are formatted straight into a byte array
/// instead of through intermediate strings.
public struct OutputBuffer: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    public mutating func append(_ text: String) {
        // The UTF-8 view appends in bulk from a native string's contiguous storage.
        bytes.append(contentsOf: text.utf8)
    }

    public mutating func append(byte: UInt8) { bytes.append(byte) }

    public mutating func append(_ value: Int) { append(String(value)) }

    public mutating func append(contentsOf other: OutputBuffer) { bytes.append(contentsOf: other.bytes) }

    /// A CSV field (RFC 4180): quoted only when it holds a comma, a quote or a line break.
    public mutating func appendCSVField(_ text: String) {
        var copy = text
        copy.withUTF8 { utf8 in
            var needsQuotes = false
            for byte in utf8 where byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D {
                needsQuotes = true
                break
            }
            guard needsQuotes else {
                bytes.append(contentsOf: utf8)
                return
            }
            bytes.append(0x22)
            for byte in utf8 {
                if byte == 0x22 { bytes.append(0x22) }
                bytes.append(byte)
            }
            bytes.append(0x22)
        }
    }

    public var isEmpty: Bool { bytes.isEmpty }
    public var count: Int { bytes.count }
    public mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }
}
