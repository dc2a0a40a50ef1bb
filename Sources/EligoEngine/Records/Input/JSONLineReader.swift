/// Where and why a JSON line is malformed.
struct JSONFailure: Error {
    /// Byte offset in the line.
    var position: Int
    var problem: JSONProblem
}

/// A strict JSON (RFC 8259) tokenizer over one line's bytes, for JSONL records.
///
/// Not Foundation's `JSONSerialization`, which turns numbers into binary floating
/// point: here a number stays its text until ``FieldPlan`` reads it exactly. Strings
/// are returned as byte ranges; only those with escapes are copied (``unescaped(_:)``).
struct JSONLineReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    /// The deepest nesting of arrays and objects, the record's own object counting as 1 (§9's depth limit).
    let maxDepth: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int = 64) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    /// The next byte, or 0 at the end.
    @inline(__always)
    var peek: UInt8 { index < bytes.count ? bytes[index] : 0 }

    @inline(__always)
    mutating func skipSpace() {
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A else { return }
            index += 1
        }
    }

    func fail(_ problem: JSONProblem, at position: Int? = nil) -> JSONFailure {
        JSONFailure(position: position ?? index, problem: problem)
    }

    /// A string token at `index` (its opening quote): the bytes between the quotes.
    ///
    /// - Returns: The content's range and whether it holds escapes.
    @inline(__always)
    mutating func string() throws(JSONFailure) -> (range: Range<Int>, escaped: Bool) {
        let opening = index
        index += 1
        let lower = index
        var escaped = false
        let count = bytes.count
        while index < count {
            // Eight bytes at a time past plain text (no quote, backslash or control character).
            while index + 8 <= count {
                let word = UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self))
                let found = Self.special(word)
                if found != 0 {
                    index += found.trailingZeroBitCount >> 3
                    break
                }
                index += 8
            }
            guard index < count else { break }
            let byte = bytes[index]
            if byte == 0x22 {
                let range = lower..<index
                index += 1
                return (range, escaped)
            }
            if byte == 0x5C {
                escaped = true
                index += 1
                guard index < count else { break }
                switch bytes[index] {
                case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74:
                    index += 1
                case 0x75:
                    guard index + 4 < count, (1...4).allSatisfy({ Self.hexValue(bytes[index + $0]) != nil }) else {
                        throw fail(.badEscape, at: index - 1)
                    }
                    index += 5
                default:
                    throw fail(.badEscape, at: index - 1)
                }
                continue
            }
            if byte < 0x20 { throw fail(.controlCharacter) }
            index += 1
        }
        throw fail(.unterminatedString, at: opening)
    }

    /// The high bit of each byte of `word` that is a quote, a backslash or below 0x20; exact up to the first one.
    @inline(__always)
    static func special(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let quotes = word ^ (ones &* 0x22)
        let backslashes = word ^ (ones &* 0x5C)
        // A byte below 0x20 borrows when 0x20 is subtracted (and has no high bit).
        let controls = (word &- ones &* 0x20) & ~word
        return ((quotes &- ones) & ~quotes | (backslashes &- ones) & ~backslashes | controls) & (ones &* 0x80)
    }

    /// A number token at `index`, checked against JSON's grammar (no `+`, no leading zeros, digits around the point).
    mutating func number() throws(JSONFailure) -> Range<Int> {
        let lower = index
        let count = bytes.count
        func digits() -> Int {
            let start = index
            while index < count, bytes[index] &- 0x30 < 10 { index += 1 }
            return index - start
        }
        if peek == 0x2D { index += 1 }
        let integerStart = index
        let integerDigits = digits()
        guard integerDigits > 0, integerDigits == 1 || bytes[integerStart] != 0x30 else { throw fail(.badNumber, at: lower) }
        if peek == 0x2E {
            index += 1
            guard digits() > 0 else { throw fail(.badNumber, at: lower) }
        }
        if peek == 0x65 || peek == 0x45 {
            index += 1
            if peek == 0x2B || peek == 0x2D { index += 1 }
            guard digits() > 0 else { throw fail(.badNumber, at: lower) }
        }
        // `12abc`: a number runs into letters.
        let next = peek
        if (next >= 0x41 && next <= 0x5A) || (next >= 0x61 && next <= 0x7A) || next == 0x2E || next == 0x5F {
            throw fail(.badNumber, at: lower)
        }
        return lower..<index
    }

    /// `true`, `false` or `null` at `index`.
    mutating func literal() throws(JSONFailure) -> Range<Int> {
        let lower = index
        for word: StaticString in ["true", "false", "null"] {
            let length = word.utf8CodeUnitCount
            guard index + length <= bytes.count else { continue }
            let matches = (0..<length).allSatisfy { bytes[index + $0] == word.utf8Start[$0] }
            if matches {
                index += length
                let next = peek
                if (next >= 0x41 && next <= 0x5A) || (next >= 0x61 && next <= 0x7A) || next &- 0x30 < 10 { break }
                return lower..<index
            }
        }
        throw fail(.badLiteral, at: lower)
    }

    /// Reads past any value at `index` (after leading space), checking its syntax.
    ///
    /// - Parameter depth: How many arrays and objects enclose the value (1 for a field of the record).
    mutating func skipValue(depth: Int = 1) throws(JSONFailure) {
        // Recursion is bounded by the limit: a million `[` cannot exhaust the stack.
        if peek == 0x5B || peek == 0x7B, depth >= maxDepth { throw fail(.tooDeep(maxDepth)) }
        switch peek {
        case 0x22:
            _ = try string()
        case 0x2D, 0x30...0x39:
            _ = try number()
        case 0x74, 0x66, 0x6E:
            _ = try literal()
        case 0x5B:
            index += 1
            skipSpace()
            if peek == 0x5D {
                index += 1
                return
            }
            while true {
                try skipValue(depth: depth + 1)
                skipSpace()
                if peek == 0x2C {
                    index += 1
                    skipSpace()
                    continue
                }
                if peek == 0x5D {
                    index += 1
                    return
                }
                throw fail(.expectedCommaOrBracket)
            }
        case 0x7B:
            index += 1
            skipSpace()
            if peek == 0x7D {
                index += 1
                return
            }
            while true {
                guard peek == 0x22 else { throw fail(.expectedKey) }
                _ = try string()
                skipSpace()
                guard peek == 0x3A else { throw fail(.expectedColon) }
                index += 1
                skipSpace()
                try skipValue(depth: depth + 1)
                skipSpace()
                if peek == 0x2C {
                    index += 1
                    skipSpace()
                    continue
                }
                if peek == 0x7D {
                    index += 1
                    return
                }
                throw fail(.expectedCommaOrBrace)
            }
        default:
            throw fail(.expectedValue)
        }
    }

    /// A string's content with its escapes resolved (`\u` pairs joined into one scalar).
    func unescaped(_ range: Range<Int>) throws(JSONFailure) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var position = range.lowerBound
        while position < range.upperBound {
            let byte = bytes[position]
            guard byte == 0x5C else {
                out.append(byte)
                position += 1
                continue
            }
            let kind = bytes[position + 1]
            switch kind {
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x75:
                var scalar = hex4(position + 2)
                var length = 6
                if scalar >= 0xD800, scalar < 0xDC00 {
                    // A high surrogate must be followed by a `\u` low surrogate.
                    guard position + 12 <= range.upperBound, bytes[position + 6] == 0x5C, bytes[position + 7] == 0x75 else {
                        throw fail(.loneSurrogate, at: position)
                    }
                    let low = hex4(position + 8)
                    guard low >= 0xDC00, low < 0xE000 else { throw fail(.loneSurrogate, at: position) }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    length = 12
                } else if scalar >= 0xDC00, scalar < 0xE000 {
                    throw fail(.loneSurrogate, at: position)
                }
                Self.appendUTF8(scalar, to: &out)
                position += length
                continue
            default: out.append(kind)  // \" \\ \/
            }
            position += 2
        }
        return out
    }

    private static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case ..<0x80:
            out.append(UInt8(scalar))
        case ..<0x800:
            out.append(UInt8(0xC0 | scalar >> 6))
            out.append(UInt8(0x80 | scalar & 0x3F))
        case ..<0x10000:
            out.append(UInt8(0xE0 | scalar >> 12))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        default:
            out.append(UInt8(0xF0 | scalar >> 18))
            out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    private func hex4(_ position: Int) -> UInt32 {
        var value: UInt32 = 0
        for offset in 0..<4 { value = value << 4 | UInt32(Self.hexValue(bytes[position + offset]) ?? 0) }
        return value
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }

    /// The 1-based code-point column of a byte offset in the line.
    func column(of position: Int) -> Int {
        var column = 1
        for offset in 0..<min(position, bytes.count) where bytes[offset] & 0xC0 != 0x80 { column += 1 }
        return column
    }
}
