/// The bytes of one input file and a table of where its lines start.
///
/// Everything inside Eligo talks about positions as UTF-8 byte offsets into a
/// `SourceFile`; only at the edge (messages, JSON) are they turned into the
/// 1-based line and code-point column the spec promises authors. Keeping one
/// conversion here means libyaml's marks, expression tokens and record errors
/// all agree on what "column 7" means.
///
/// A class so that every diagnostic and every node can point at the same
/// immutable text without copying it.
public final class SourceFile: Sendable {
    /// The path as the user named it (used verbatim in messages).
    public let path: String
    /// The file's bytes, exactly as read (a BOM, if any, is kept).
    public let bytes: [UInt8]
    /// Byte offset of the first byte of each line; `lineStarts[0] == 0`.
    private let lineStarts: [Int]
    /// Whether the file starts with a UTF-8 byte order mark, which never counts as a column.
    private let bomLength: Int

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        self.bomLength = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var starts = [0]
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte == 0x0A {
                starts.append(index + 1)
            } else if byte == 0x0D {
                // CR LF and lone CR both end a line, as in YAML.
                if index + 1 < count, bytes[index + 1] == 0x0A { index += 1 }
                starts.append(index + 1)
            }
            index += 1
        }
        self.lineStarts = starts
    }

    public convenience init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// The number of lines; a final line terminator does not open a new line.
    public var lineCount: Int {
        if lineStarts.count > 1, lineStarts[lineStarts.count - 1] == bytes.count {
            return lineStarts.count - 1
        }
        return lineStarts.count
    }

    /// The 1-based line and code-point column of a byte offset (clamped to the file).
    public func location(of offset: Int) -> SourceLocation {
        let offset = max(0, min(offset, bytes.count))
        let line = lineIndex(containing: offset)
        var start = lineStarts[line]
        if line == 0 { start = min(bomLength, offset) }
        var column = 1
        var index = start
        while index < offset {
            // Every byte that does not continue a multi-byte sequence starts a code point.
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return SourceLocation(line: line + 1, column: column)
    }

    /// The byte offset of a 1-based line and code-point column, clamped to that line.
    ///
    /// Used to turn positions counted by other tools (libyaml counts code points) into offsets.
    public func offset(line: Int, column: Int) -> Int {
        let lineIdx = max(0, min(line - 1, lineStarts.count - 1))
        var index = lineStarts[lineIdx]
        if lineIdx == 0 { index = bomLength }
        let end = lineEnd(lineIdx)
        var remaining = column - 1
        while remaining > 0, index < end {
            index += 1
            while index < end, bytes[index] & 0xC0 == 0x80 { index += 1 }
            remaining -= 1
        }
        return index
    }

    /// The text of a 1-based line, without its terminator.
    public func lineText(_ line: Int) -> String {
        let lineIdx = max(0, min(line - 1, lineStarts.count - 1))
        var start = lineStarts[lineIdx]
        if lineIdx == 0 { start = bomLength }
        return String(decoding: bytes[start..<max(start, lineEnd(lineIdx))], as: UTF8.self)
    }

    /// The text between two byte offsets.
    public func text(from start: Int, to end: Int) -> String {
        let lower = max(0, min(start, bytes.count))
        let upper = max(lower, min(end, bytes.count))
        return String(decoding: bytes[lower..<upper], as: UTF8.self)
    }

    private func lineEnd(_ lineIdx: Int) -> Int {
        var end = lineIdx + 1 < lineStarts.count ? lineStarts[lineIdx + 1] : bytes.count
        while end > lineStarts[lineIdx], end - 1 < bytes.count, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D {
            end -= 1
        }
        return end
    }

    private func lineIndex(containing offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }
}
