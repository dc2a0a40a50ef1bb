/// Rebuilds a scalar's value from its source bytes to learn where each value byte came from.
///
/// libyaml hands over the value only, but an expression error must point at a
/// column in the file, through quotes, escapes, folded lines and block
/// indentation. This replays libyaml's scanning rules for each style and keeps,
/// for every byte it produces, the byte offset it was read from. The replay is
/// checked against libyaml's value: if they ever disagree, the table degrades to
/// "every byte is at the scalar's start" instead of pointing somewhere wrong.
struct ScalarOffsets {
    private let bytes: [UInt8]
    private var value: [UInt8] = []
    private var offsets: [Int] = []

    /// The offsets table for ``YAMLNode/valueOffsets``: one entry per UTF-8 byte of `value`, plus the end.
    ///
    /// - Parameters:
    ///   - bytes: The whole file.
    ///   - start: Offset of the scalar's first byte (its quote or `|`/`>` indicator; anchors and tags skipped).
    ///   - end: libyaml's end mark for the scalar.
    ///   - style: How the scalar is written.
    ///   - value: libyaml's value, the reference the replay must reproduce.
    ///   - parentIndent: Best guess at libyaml's indentation level around a block scalar (its parent's column, or -1).
    /// - Returns: The table, and where the scalar's content ends (for block scalars, before trailing breaks).
    static func table(
        bytes: [UInt8], start: Int, end: Int, style: YAMLNode.ScalarStyle, value: String, parentIndent: Int
    ) -> (offsets: [Int], contentEnd: Int) {
        // Most scalars are one line without escapes: the value is the source text itself.
        let quoted = style == .singleQuoted || style == .doubleQuoted
        if style == .plain || quoted {
            let from = quoted ? start + 1 : start
            let to = quoted ? end - 1 : end
            if from <= to, to <= bytes.count, bytes[from..<to].elementsEqual(value.utf8) {
                var offsets = Array(from..<to)
                offsets.append(to)
                return (offsets, end)
            }
        }
        let expected = Array(value.utf8)
        var scan = ScalarOffsets(bytes: bytes)
        scan.value.reserveCapacity(expected.count)
        scan.offsets.reserveCapacity(expected.count + 1)
        var contentEnd = end
        let replayed: Bool
        switch style {
        case .plain:
            replayed = scan.flow(from: start, to: end, quote: nil)
            scan.offsets.append(end)
        case .singleQuoted, .doubleQuoted:
            let closing = max(start + 1, end - 1)
            replayed = end - start >= 2 && scan.flow(from: start + 1, to: closing, quote: bytes[start])
            scan.offsets.append(closing)
        case .literal, .folded:
            replayed = scan.blockCandidates(start: start, end: end, parentIndent: parentIndent, expected: expected, contentEnd: &contentEnd)
        }
        guard replayed, scan.value == expected else {
            return (Array(repeating: start, count: expected.count + 1), contentEnd)
        }
        return (scan.offsets, contentEnd)
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    // MARK: Line breaks

    private enum Break {
        /// CR, LF, CR LF or NEL: all become one `\n` in the value.
        case newline(at: Int)
        /// U+2028 or U+2029: kept as they are.
        case verbatim(at: Int)
        /// A backslash before a line break in a double-quoted scalar: nothing.
        case escaped

        func emit(into scan: inout ScalarOffsets) {
            switch self {
            case .newline(let at): scan.emit(0x0A, at: at)
            case .verbatim(let at): scan.copy(from: at, count: 3)
            case .escaped: break
            }
        }
    }

    /// The break at `index` and its length, as libyaml's `IS_BREAK` sees it.
    private func lineBreak(at index: Int, limit: Int) -> (Break, Int)? {
        switch bytes.lineBreakLength(at: index, limit: limit) {
        case 0: nil
        case 3: (.verbatim(at: index), 3)
        case let length: (.newline(at: index), length)
        }
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    private static func sequenceLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0xF0...: 4
        case 0xE0...: 3
        case 0xC0...: 2
        default: 1
        }
    }

    private mutating func emit(_ byte: UInt8, at offset: Int) {
        value.append(byte)
        offsets.append(offset)
    }

    private mutating func copy(from offset: Int, count: Int) {
        for index in offset..<min(offset + count, bytes.count) { emit(bytes[index], at: index) }
    }

    // MARK: Plain and quoted scalars

    /// Replays libyaml's plain and quoted scanning over `from..<to` (inside the quotes).
    ///
    /// Blanks between words are kept; a line break with the next line's
    /// indentation folds into one space, and each further (blank) line into `\n`.
    private mutating func flow(from: Int, to: Int, quote: UInt8?) -> Bool {
        var index = from
        var whitespace: Range<Int>?
        var leadingBreak: Break?
        var trailingBreaks: [Break] = []

        func join(_ scan: inout ScalarOffsets) {
            if let leading = leadingBreak {
                if case .newline(let at) = leading {
                    if trailingBreaks.isEmpty { scan.emit(0x20, at: at) }
                } else {
                    leading.emit(into: &scan)
                }
                for lineBreak in trailingBreaks { lineBreak.emit(into: &scan) }
                leadingBreak = nil
                trailingBreaks.removeAll()
            } else if let blanks = whitespace {
                scan.copy(from: blanks.lowerBound, count: blanks.count)
            }
            whitespace = nil
        }

        while index < to {
            let byte = bytes[index]
            if Self.isBlank(byte) {
                if leadingBreak == nil { whitespace = (whitespace?.lowerBound ?? index)..<(index + 1) }
                index += 1
                continue
            }
            if let (lineBreak, length) = lineBreak(at: index, limit: to) {
                if leadingBreak == nil {
                    whitespace = nil
                    leadingBreak = lineBreak
                } else {
                    trailingBreaks.append(lineBreak)
                }
                index += length
                continue
            }
            join(&self)
            switch quote {
            case UInt8(ascii: "'") where byte == UInt8(ascii: "'"):
                // Only `''` can appear inside: the closing quote is outside the range.
                emit(byte, at: index)
                index += 2
            case UInt8(ascii: "\"") where byte == UInt8(ascii: "\\"):
                guard index + 1 < to else { return false }
                if let (_, length) = lineBreak(at: index + 1, limit: to) {
                    leadingBreak = .escaped
                    index += 1 + length
                } else {
                    guard let length = escape(at: index, limit: to) else { return false }
                    index += length
                }
            default:
                let length = Self.sequenceLength(byte)
                copy(from: index, count: length)
                index += length
            }
        }
        join(&self)
        return index == to
    }

    /// Emits the bytes of the escape sequence at `index` (a backslash), all located at the backslash.
    ///
    /// - Returns: The escape's length in the source, or `nil` if libyaml would not have accepted it.
    private mutating func escape(at index: Int, limit: Int) -> Int? {
        let simple: [UInt8]? = switch bytes[index + 1] {
        case UInt8(ascii: "0"): [0x00]
        case UInt8(ascii: "a"): [0x07]
        case UInt8(ascii: "b"): [0x08]
        case UInt8(ascii: "t"), 0x09: [0x09]
        case UInt8(ascii: "n"): [0x0A]
        case UInt8(ascii: "v"): [0x0B]
        case UInt8(ascii: "f"): [0x0C]
        case UInt8(ascii: "r"): [0x0D]
        case UInt8(ascii: "e"): [0x1B]
        case UInt8(ascii: " "): [0x20]
        case UInt8(ascii: "\""): [0x22]
        case UInt8(ascii: "/"): [0x2F]
        case UInt8(ascii: "'"): [0x27]
        case UInt8(ascii: "\\"): [0x5C]
        case UInt8(ascii: "N"): [0xC2, 0x85]
        case UInt8(ascii: "_"): [0xC2, 0xA0]
        case UInt8(ascii: "L"): [0xE2, 0x80, 0xA8]
        case UInt8(ascii: "P"): [0xE2, 0x80, 0xA9]
        default: nil
        }
        if let simple {
            for byte in simple { emit(byte, at: index) }
            return 2
        }
        let digits: Int
        switch bytes[index + 1] {
        case UInt8(ascii: "x"): digits = 2
        case UInt8(ascii: "u"): digits = 4
        case UInt8(ascii: "U"): digits = 8
        default: return nil
        }
        guard index + 2 + digits <= limit else { return nil }
        var code: UInt32 = 0
        for byte in bytes[(index + 2)..<(index + 2 + digits)] {
            guard let digit = hexValue(byte) else { return nil }
            code = code << 4 | digit
        }
        guard let scalar = Unicode.Scalar(code) else { return nil }
        for byte in String(scalar).utf8 { emit(byte, at: index) }
        return 2 + digits
    }

    private func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    // MARK: Block scalars

    private struct BlockHeader {
        var literal: Bool
        /// -1 strip, 0 clip, +1 keep.
        var chomping: Int
        /// The explicit indentation indicator, 0 when absent.
        var increment: Int
        /// Just after the indicators, where an empty value is located.
        var indicatorsEnd: Int
        /// The first byte of the first content line.
        var contentStart: Int
    }

    private func blockHeader(start: Int, end: Int) -> BlockHeader? {
        guard start < end else { return nil }
        var header = BlockHeader(literal: bytes[start] == UInt8(ascii: "|"), chomping: 0, increment: 0, indicatorsEnd: start + 1, contentStart: end)
        var index = start + 1
        for _ in 0..<2 where index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") {
                header.chomping = byte == UInt8(ascii: "+") ? 1 : -1
                index += 1
            } else if byte >= UInt8(ascii: "1"), byte <= UInt8(ascii: "9") {
                header.increment = Int(byte - UInt8(ascii: "0"))
                index += 1
            }
        }
        header.indicatorsEnd = index
        while index < end, Self.isBlank(bytes[index]) { index += 1 }
        if index < end, bytes[index] == UInt8(ascii: "#") {
            while index < end, lineBreak(at: index, limit: end) == nil { index += 1 }
        }
        if let (_, length) = lineBreak(at: index, limit: end) { index += length }
        header.contentStart = index
        return header
    }

    /// Tries the indentation levels libyaml may have used until one reproduces the value.
    ///
    /// An explicit indentation indicator counts from libyaml's current
    /// indentation, which events do not report; the parent's column is the
    /// usual answer and the scan is cheap, so other levels are tried after it.
    private mutating func blockCandidates(start: Int, end: Int, parentIndent: Int, expected: [UInt8], contentEnd: inout Int) -> Bool {
        guard let header = blockHeader(start: start, end: end) else { return false }
        var candidates: [Int] = [0]
        if header.increment > 0 {
            let guess = header.increment + max(parentIndent, 0)
            candidates = [guess] + (0...64).map { header.increment + $0 }.filter { $0 != guess }
        }
        for indent in candidates {
            var attempt = ScalarOffsets(bytes: bytes)
            var lastContent = header.indicatorsEnd
            if attempt.block(header, end: end, fixedIndent: indent, lastContent: &lastContent), attempt.value == expected {
                // Kept trailing lines lie past the content; the table never goes backwards.
                attempt.offsets.append(max(lastContent, attempt.offsets.last ?? lastContent))
                self = attempt
                contentEnd = lastContent
                return true
            }
        }
        return false
    }

    /// Replays libyaml's `yaml_parser_scan_block_scalar` from the first content line to `end`.
    private mutating func block(_ header: BlockHeader, end: Int, fixedIndent: Int, lastContent: inout Int) -> Bool {
        var indent = fixedIndent
        var index = header.contentStart
        var column = 0
        var leadingBreak: Break?
        var trailingBreaks: [Break] = []
        var leadingBlank = false

        /// Eats indentation and empty lines; fixes the indentation if it is still unknown.
        func breaks() -> Bool {
            var maxIndent = 0
            while true {
                column = 0
                while indent == 0 || column < indent, index < end, bytes[index] == 0x20 {
                    index += 1
                    column += 1
                }
                maxIndent = max(maxIndent, column)
                if indent == 0 || column < indent, index < end, bytes[index] == 0x09 { return false }
                guard let (lineBreak, length) = lineBreak(at: index, limit: end) else { break }
                trailingBreaks.append(lineBreak)
                index += length
            }
            if indent == 0 { indent = max(maxIndent, 1) }
            return true
        }

        guard breaks() else { return false }
        while column == indent, index < end {
            let trailingBlank = Self.isBlank(bytes[index])
            if !header.literal, case .newline(let at) = leadingBreak, !leadingBlank, !trailingBlank {
                if trailingBreaks.isEmpty { emit(0x20, at: at) }
            } else {
                leadingBreak?.emit(into: &self)
            }
            leadingBreak = nil
            for lineBreak in trailingBreaks { lineBreak.emit(into: &self) }
            trailingBreaks.removeAll()
            leadingBlank = Self.isBlank(bytes[index])
            while index < end, lineBreak(at: index, limit: end) == nil {
                emit(bytes[index], at: index)
                index += 1
            }
            lastContent = index
            if let (lineBreak, length) = lineBreak(at: index, limit: end) {
                leadingBreak = lineBreak
                index += length
            }
            guard breaks() else { return false }
        }
        if header.chomping != -1 { leadingBreak?.emit(into: &self) }
        if header.chomping == 1 { for lineBreak in trailingBreaks { lineBreak.emit(into: &self) } }
        return true
    }
}

extension [UInt8] {
    /// The length of the line break at `index` (0 if none), counting NEL, U+2028 and U+2029 as libyaml does.
    func lineBreakLength(at index: Int, limit: Int) -> Int {
        guard index < limit else { return 0 }
        switch self[index] {
        case 0x0A: return 1
        case 0x0D: return index + 1 < limit && self[index + 1] == 0x0A ? 2 : 1
        case 0xC2 where index + 1 < limit && self[index + 1] == 0x85: return 2
        case 0xE2 where index + 2 < limit && self[index + 1] == 0x80 && (self[index + 2] == 0xA8 || self[index + 2] == 0xA9): return 3
        default: return 0
        }
    }
}
