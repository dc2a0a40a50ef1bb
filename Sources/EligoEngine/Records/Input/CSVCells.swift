import EligoDiagnostics

/// Cuts one CSV record (its bytes, without the line terminator) into cells (RFC 4180).
///
/// A cell is either unquoted (no quote anywhere in it) or wholly quoted, with a
/// quote inside written twice; cells are never trimmed. An empty record is one
/// empty cell.
enum CSVCells {
    struct Cell {
        /// The cell's text without its quotes (still with doubled quotes when `doubled`).
        var lower: Int
        var upper: Int
        var quoted: Bool
        /// The text holds `""` pairs that stand for one quote each.
        var doubled: Bool

        var isEmpty: Bool { lower == upper }
    }

    struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        private var index = 0
        private var done = false
        /// 1-based number of the next cell.
        private(set) var column = 0
        /// Set when a cell breaks RFC 4180; `next()` then returns `nil`.
        private(set) var problem: Message?

        init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        /// The next cell, or `nil` after the last one (or at a syntax problem).
        @inline(__always)
        mutating func next() -> Cell? {
            guard !done else { return nil }
            column += 1
            let count = bytes.count
            var cell: Cell
            if index < count, bytes[index] == 0x22 {
                let lower = index + 1
                var scan = lower
                var doubled = false
                while true {
                    while scan < count, bytes[scan] != 0x22 { scan += 1 }
                    if scan >= count {
                        // The splitter reports unterminated quotes; a record handed in by other means may still have one.
                        problem = .inputUnterminatedQuote
                        done = true
                        return nil
                    }
                    if scan + 1 < count, bytes[scan + 1] == 0x22 {
                        doubled = true
                        scan += 2
                        continue
                    }
                    break
                }
                cell = Cell(lower: lower, upper: scan, quoted: true, doubled: doubled)
                index = scan + 1
                if index < count, bytes[index] != 0x2C {
                    problem = .csvTextAfterQuote(column: column)
                    done = true
                    return nil
                }
            } else {
                let lower = index
                index = CSVCells.commaOrQuote(in: bytes.baseAddress!, from: index, to: count)
                if index < count, bytes[index] == 0x22 {
                    problem = .csvQuoteInCell(column: column)
                    done = true
                    return nil
                }
                cell = Cell(lower: lower, upper: index, quoted: false, doubled: false)
            }
            if index >= count {
                done = true
            } else {
                index += 1  // the comma; a comma at the very end opens one more, empty cell
            }
            return cell
        }
    }

    /// Where the first comma or quote at or after `start` is, or `limit`: eight bytes at a
    /// time, then byte by byte.
    @inline(__always)
    static func commaOrQuote(in base: UnsafePointer<UInt8>, from start: Int, to limit: Int) -> Int {
        var index = start
        while index + 8 <= limit {
            let found = commaOrQuote(UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)))
            if found != 0 { return index + (found.trailingZeroBitCount >> 3) }
            index += 8
        }
        while index < limit, base[index] != 0x2C, base[index] != 0x22 { index += 1 }
        return index
    }

    /// The high bit of each byte of `word` that is a comma or a quote; exact up to the first one found.
    @inline(__always)
    static func commaOrQuote(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let commas = word ^ (ones &* 0x2C)
        let quotes = word ^ (ones &* 0x22)
        return ((commas &- ones) & ~commas | (quotes &- ones) & ~quotes) & highs
    }

    /// A cell's text with `""` turned into `"`.
    static func unescaped(_ bytes: UnsafeBufferPointer<UInt8>, _ cell: Cell) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(cell.upper - cell.lower)
        var index = cell.lower
        while index < cell.upper {
            let byte = bytes[index]
            out.append(byte)
            index += byte == 0x22 ? 2 : 1
        }
        return out
    }

    /// The cell of a (0-based) column, if the record has it and is well-formed up to it.
    static func cell(_ column: Int, of bytes: UnsafeBufferPointer<UInt8>) -> Cell? {
        var reader = Reader(bytes)
        var index = 0
        while let cell = reader.next() {
            if index == column { return cell }
            index += 1
        }
        return nil
    }

    /// The column names of a header row, as written.
    static func headerNames(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<[String], Message> {
        var reader = Reader(bytes)
        var names: [String] = []
        while let cell = reader.next() {
            if cell.doubled {
                names.append(String(decoding: unescaped(bytes, cell), as: UTF8.self))
            } else {
                names.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[cell.lower..<cell.upper]), as: UTF8.self))
            }
        }
        if let problem = reader.problem { return .failure(problem) }
        return .success(names)
    }
}
