import EligoDiagnostics
import Foundation

/// The names of a CSV file's columns, as its header row spells them (not trimmed).
///
/// Mapping them to catalog fields is ``RecordParser``'s job, done once per input.
public struct CSVHeader: Sendable, Hashable {
    public var columns: [String]
    /// The header's line (2 or more when blank lines come first).
    public var line: Int

    public init(columns: [String], line: Int) {
        self.columns = columns
        self.line = line
    }
}

/// Reads an input sequentially (a file or stdin, by descriptor) and cuts it into
/// chunks of whole records, without typing them.
///
/// Memory stays flat: the splitter holds one read buffer of a few MiB (enough for
/// the longest record the limits allow), and each chunk copies only its records.
///
/// How each format is cut:
/// - **CSV** (RFC 4180): a record ends at a line feed outside double quotes; a CR
///   before it belongs to the terminator, a lone CR is data. Quoted cells may hold
///   commas, doubled quotes and line breaks; a record's `line` is where it starts, and
///   line numbers count the breaks inside quotes. A UTF-8 BOM at the very start is
///   skipped. The first non-blank record is the header. **A completely empty line is
///   no record** (so blank lines anywhere, and a missing or repeated final line break,
///   change nothing); a one-column record whose value is missing is written `""`.
///   A quote opens a quoted cell only at the start of a cell; one inside an unquoted
///   cell is data (the parser makes that record invalid), so the record still ends at
///   its line feed. A quote left open at the end of the input makes the rest of the input one
///   invalid record. A record longer than ``InputLimits/maxLineBytes`` is cut without
///   being held in memory (quotes are still followed to find its end) and is invalid.
/// - **JSONL**: one record per line; lines holding only spaces, tabs or a CR are no
///   records; over-long lines as for CSV.
/// - **YAML**: one record per document. A document starts at a `---` line and ends
///   before the next `---` line, after a `...` line, or at the end (a line is a marker
///   when it starts with `---`/`...` followed by a space, a tab or its end, which YAML
///   forbids inside content). Comments and blank lines before a document are skipped,
///   directives (`%YAML`) stay with the document they precede, and **a document with
///   no content (`---` alone, comments only) is no record**. A record's `line` is its
///   first line that is not blank or a comment: its `---` when it has one. A document
///   over ``EligoYAML/YAMLLimits/maxDocumentBytes`` is skipped and invalid. Each
///   document is parsed on its own, so a broken one never stops the stream.
///
/// A regular file that ends before the size it had when reading began was
/// truncated under the reader: ``InputError/truncated(path:size:read:)``, since
/// the records it lost would silently be missing from the results.
///
/// Not thread-safe: use it from one thread at a time (it is `Sendable` so that a
/// pipeline can hand it to its reader thread).
public final class RecordSplitter: @unchecked Sendable {
    public let format: InputFormat
    public let path: String
    public let limits: InputLimits

    /// The header row, once the first call to ``nextChunk(maxRecords:maxBytes:)`` has read it (CSV only).
    public private(set) var header: CSVHeader?

    private let descriptor: Int32
    private let storage: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    /// Unconsumed bytes are `storage[start..<end]`.
    private var start = 0
    private var end = 0
    private var atEndOfInput = false
    private var finished = false
    private var headerDone = false
    private var bomChecked = false
    /// The line of `storage[start]`.
    private var line = 1
    /// Records cut so far.
    private var number = 0
    /// The longest record kept in memory.
    private let maxRecordBytes: Int
    /// For a regular file, its size when reading began: ending before it means the file was truncated.
    private let expectedBytes: Int?
    /// Bytes read from the descriptor so far.
    private var bytesRead = 0

    /// - Parameters:
    ///   - fileDescriptor: An open, readable descriptor (a file, a pipe, stdin); not closed here.
    ///   - format: How to cut records.
    ///   - path: The name shown in messages (`-` for stdin, say).
    ///   - limits: §9's bounds.
    ///   - expectedBytes: For a regular file, the bytes it held when it was opened; by default its size now.
    ///   - prefix: Bytes already read from the descriptor, which come first (``InputFormat/sniff(fileDescriptor:path:)``).
    public init(
        fileDescriptor: Int32, format: InputFormat, path: String, limits: InputLimits = InputLimits(), expectedBytes: Int? = nil,
        prefix: [UInt8] = []
    ) throws(InputError) {
        guard fileDescriptor >= 0 else { throw .unreadable(path: path, reason: "bad file descriptor") }
        descriptor = fileDescriptor
        self.format = format
        self.path = path
        self.limits = limits
        switch format {
        case .csv, .jsonl: maxRecordBytes = max(1, limits.maxLineBytes)
        case .yaml: maxRecordBytes = max(1, limits.yaml.maxDocumentBytes)
        }
        // Room for the longest record plus a large read behind it, and for the prefix however long.
        capacity = max(4 << 20, maxRecordBytes + (2 << 20)) + prefix.count
        var status = stat()
        if let expectedBytes {
            self.expectedBytes = expectedBytes
        } else if fstat(fileDescriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG {
            // Reading starts where the descriptor stands (0 for a file just opened), the prefix before it.
            let position = lseek(fileDescriptor, 0, SEEK_CUR)
            self.expectedBytes = max(0, Int(status.st_size) - max(0, Int(position)) + prefix.count)
        } else {
            self.expectedBytes = nil
        }
        storage = .allocate(capacity: capacity)
        if !prefix.isEmpty { prefix.withUnsafeBufferPointer { storage.update(from: $0.baseAddress!, count: $0.count) } }
        end = prefix.count
        bytesRead = prefix.count
    }

    deinit { storage.deallocate() }

    /// The next records, at most `maxRecords` of them and about `maxBytes` of input
    /// (always at least one record); `nil` once the input is exhausted.
    ///
    /// - Throws: ``InputError`` when reading fails, or when a CSV header cannot be cut.
    ///
    /// - Parameter recycled: a chunk done with, whose storage the new one reuses (its
    ///   contents are dropped): a loop that passes its last chunk back touches no new memory.
    public func nextChunk(maxRecords: Int, maxBytes: Int = 8 << 20, recycling recycled: RecordChunk? = nil) throws(InputError) -> RecordChunk? {
        guard !finished else { return nil }
        if !bomChecked { try skipByteOrderMark() }
        if format == .csv, !headerDone { try readHeader() }
        var chunk = recycled ?? RecordChunk()
        chunk.bytes.removeAll(keepingCapacity: true)
        chunk.records.removeAll(keepingCapacity: true)
        chunk.records.reserveCapacity(min(max(maxRecords, 1), 1 << 16))
        while chunk.records.count < max(maxRecords, 1), chunk.bytes.count < maxBytes {
            guard let cut = try nextCut() else {
                finished = true
                break
            }
            number += 1
            let lower = chunk.bytes.count
            if !cut.range.isEmpty {
                chunk.bytes.append(contentsOf: UnsafeBufferPointer(start: storage + cut.range.lowerBound, count: cut.range.count))
            }
            chunk.records.append(RecordSlice(range: lower..<chunk.bytes.count, number: number, line: cut.line, problem: cut.problem))
        }
        return chunk.records.isEmpty ? nil : chunk
    }

    // MARK: Reading

    /// Reads more input behind `end`, moving the unconsumed bytes to the front first.
    ///
    /// - Returns: `false` at the end of the input.
    private func fill() throws(InputError) -> Bool {
        if atEndOfInput { return false }
        if start > 0, start == end {
            start = 0
            end = 0
        } else if start > 0, capacity - end < (1 << 20) {
            memmove(storage, storage + start, end - start)
            end -= start
            start = 0
        }
        precondition(end < capacity, "record splitter buffer full")
        while true {
            let count = read(descriptor, storage + end, capacity - end)
            if count > 0 {
                end += count
                bytesRead += count
                return true
            }
            if count == 0 {
                // A file that grows while it is read is read to its new end; one that shrinks
                // cannot give every record it had, and must not pass for a shorter input.
                if let expectedBytes, bytesRead < expectedBytes {
                    throw .truncated(path: path, size: expectedBytes, read: bytesRead)
                }
                atEndOfInput = true
                return false
            }
            if errno == EINTR { continue }
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
    }

    private func skipByteOrderMark() throws(InputError) {
        while end - start < 3, try fill() {}
        if end - start >= 3, storage[start] == 0xEF, storage[start + 1] == 0xBB, storage[start + 2] == 0xBF { start += 3 }
        bomChecked = true
    }

    private func readHeader() throws(InputError) {
        headerDone = true
        guard let cut = try nextCut() else {
            finished = true
            return
        }
        if let problem = cut.problem { throw .badHeader(path: path, line: cut.line, problem: problem) }
        let bytes = UnsafeBufferPointer(start: storage + cut.range.lowerBound, count: cut.range.count)
        switch CSVCells.headerNames(bytes) {
        case .success(let names): header = CSVHeader(columns: names, line: cut.line)
        case .failure(let problem): throw .badHeader(path: path, line: cut.line, problem: problem)
        }
    }

    // MARK: Cutting

    /// One record found in the buffer: valid until the next cut.
    private struct Cut {
        var range: Range<Int>
        var line: Int
        var problem: Message?
    }

    private func nextCut() throws(InputError) -> Cut? {
        switch format {
        case .csv: try cutDelimited(quotes: true)
        case .jsonl: try cutDelimited(quotes: false)
        case .yaml: try cutYAML()
        }
    }

    /// Where a scan of a CSV or JSONL record stands, kept across refills.
    private struct LineScan {
        /// The next byte to look at, relative to the record's start.
        var offset = 0
        var inQuotes = false
        /// A quote inside quotes was the last byte read: it closes the cell unless another quote follows.
        var quotePending = false
        /// Line feeds inside quotes.
        var newlines = 0
    }

    /// The next CSV (`quotes`) or JSONL record; blank lines are skipped.
    private func cutDelimited(quotes: Bool) throws(InputError) -> Cut? {
        while true {
            if start == end, !(try fill()) { return nil }
            let recordLine = line
            var scan = LineScan()
            var skipping = false
            while true {
                if let newline = quotes ? scanQuoted(&scan) : scanPlain(&scan) {
                    line += 1 + scan.newlines
                    var contentEnd = newline
                    if contentEnd > start, storage[contentEnd - 1] == 0x0D { contentEnd -= 1 }
                    let range = start..<contentEnd
                    start = newline + 1
                    if skipping || range.count > maxRecordBytes {
                        return Cut(range: 0..<0, line: recordLine, problem: .inputLineTooLong(limit: maxRecordBytes))
                    }
                    if isBlank(range, quotes: quotes) { break }
                    return Cut(range: range, line: recordLine, problem: nil)
                }
                // No end of record in the buffer yet.
                if !skipping, end - start > maxRecordBytes + 1 { skipping = true }
                if skipping {
                    // Forget what was scanned; only the scan state matters from here.
                    start = end
                    scan.offset = 0
                }
                if try fill() { continue }
                // The input ends inside this record.
                line += scan.newlines
                if scan.inQuotes, !scan.quotePending {
                    let range = skipping ? 0..<0 : start..<end
                    start = end
                    return Cut(range: range, line: recordLine, problem: .inputUnterminatedQuote)
                }
                var contentEnd = end
                if contentEnd > start, storage[contentEnd - 1] == 0x0D { contentEnd -= 1 }
                let range = start..<contentEnd
                start = end
                if skipping || range.count > maxRecordBytes {
                    return Cut(range: 0..<0, line: recordLine, problem: .inputLineTooLong(limit: maxRecordBytes))
                }
                if range.isEmpty || isBlank(range, quotes: quotes) { return nil }
                return Cut(range: range, line: recordLine, problem: nil)
            }
        }
    }

    /// A CSV line with nothing on it, or a JSONL line of whitespace only.
    private func isBlank(_ range: Range<Int>, quotes: Bool) -> Bool {
        if range.isEmpty { return true }
        if quotes { return false }
        for index in range {
            let byte = storage[index]
            if byte != 0x20, byte != 0x09, byte != 0x0D { return false }
        }
        return true
    }

    /// Finds the line feed that ends a JSONL record, or `nil` when the buffer holds none yet.
    private func scanPlain(_ scan: inout LineScan) -> Int? {
        let from = start + scan.offset
        if let found = memchr(storage + from, 0x0A, end - from) {
            return storage.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
        scan.offset = end - start
        return nil
    }

    /// Finds the line feed that ends a CSV record (outside quotes), or `nil` when the buffer holds none yet.
    ///
    /// Two `memchr`s per line in the common case: the line feed, then any quote before it.
    private func scanQuoted(_ scan: inout LineScan) -> Int? {
        var index = start + scan.offset
        while true {
            if scan.quotePending {
                guard index < end else { break }
                scan.quotePending = false
                if storage[index] == 0x22 {
                    index += 1  // a doubled quote: still inside
                } else {
                    scan.inQuotes = false
                }
            }
            if scan.inQuotes {
                guard let quote = find(0x22, from: index) else {
                    scan.newlines += countNewlines(index..<end)
                    index = end
                    break
                }
                scan.newlines += countNewlines(index..<quote)
                index = quote + 1
                scan.quotePending = true
            } else {
                let newline = find(0x0A, from: index)
                // Only a quote that starts a cell opens a quoted cell (RFC 4180): one inside an
                // unquoted cell (`5" screen`) is data, which the parser reports, and the record
                // still ends at its line feed instead of swallowing the records after it.
                var from = index
                var opening: Int?
                while let quote = find(0x22, from: from, to: newline ?? end) {
                    if quote == start || storage[quote - 1] == 0x2C {
                        opening = quote
                        break
                    }
                    from = quote + 1
                }
                if let opening {
                    scan.inQuotes = true
                    index = opening + 1
                    continue
                }
                if let newline { return newline }
                index = end
                break
            }
        }
        scan.offset = index - start
        return nil
    }

    private func find(_ byte: UInt8, from index: Int, to limit: Int? = nil) -> Int? {
        let upper = limit ?? end
        guard index < upper, let found = memchr(storage + index, Int32(byte), upper - index) else { return nil }
        return storage.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    private func countNewlines(_ range: Range<Int>) -> Int {
        var count = 0
        for index in range where storage[index] == 0x0A { count += 1 }
        return count
    }

    // MARK: YAML

    private enum YAMLLine {
        case documentStart(hasContent: Bool)
        case documentEnd
        case directive
        case blank
        case content
    }

    /// Classifies a whole line (without its line feed).
    private func classify(_ lower: Int, _ upper: Int) -> YAMLLine {
        let count = upper - lower
        if count >= 3, let marker = markerByte(lower, count) {
            if marker == 0x2E { return .documentEnd }
            var index = lower + 3
            while index < upper, storage[index] == 0x20 || storage[index] == 0x09 || storage[index] == 0x0D { index += 1 }
            return .documentStart(hasContent: index < upper && storage[index] != 0x23)
        }
        if count > 0, storage[lower] == 0x25 { return .directive }
        var index = lower
        while index < upper, storage[index] == 0x20 || storage[index] == 0x09 || storage[index] == 0x0D { index += 1 }
        if index == upper || storage[index] == 0x23 { return .blank }
        return .content
    }

    /// `-` for a `---` marker, `.` for `...`, when the line starts with one followed by a blank or its end.
    private func markerByte(_ lower: Int, _ available: Int) -> UInt8? {
        let first = storage[lower]
        guard first == 0x2D || first == 0x2E, storage[lower + 1] == first, storage[lower + 2] == first else { return nil }
        if available == 3 { return first }
        let next = storage[lower + 3]
        return next == 0x20 || next == 0x09 || next == 0x0D || next == 0x0A ? first : nil
    }

    private func cutYAML() throws(InputError) -> Cut? {
        // The record starts at `start`: blank lines and comments before it are consumed as they are seen.
        var significant = false  // a directive, a marker or content seen
        var hasMarker = false
        var hasContent = false
        var skipping = false
        var midLine = false  // skipping through a long line whose start was examined
        var endAfterLine = false  // that line is a `...`
        var recordLine = line
        var lineStart = start  // the next line to examine
        var linesDone = 0  // line feeds between `start` and `lineStart`

        func tooLarge() -> Cut {
            Cut(range: 0..<0, line: recordLine, problem: .inputDocumentTooLarge(limit: maxRecordBytes))
        }

        while true {
            let newline = find(0x0A, from: lineStart)
            if newline == nil, !atEndOfInput {
                // The next line is not all in the buffer.
                if !skipping, end - start > maxRecordBytes + 1 {
                    if hasMarker || hasContent, lineStart > start, end - lineStart >= 4, markerByte(lineStart, end - lineStart) == 0x2D {
                        // A (long) `---` line ends this document; the next cut deals with it.
                        line += linesDone
                        let record = start..<lineStart
                        start = lineStart
                        if hasContent { return Cut(range: record, line: recordLine, problem: nil) }
                        return try cutYAML()
                    }
                    skipping = true
                }
                if skipping {
                    if !midLine, end - lineStart >= 4 {
                        if let marker = markerByte(lineStart, end - lineStart) {
                            if marker == 0x2D {
                                line += linesDone
                                start = lineStart
                                return tooLarge()
                            }
                            endAfterLine = true
                        }
                        midLine = true
                    }
                    line += linesDone
                    linesDone = 0
                    start = midLine ? end : lineStart
                    lineStart = start
                }
                let offset = lineStart - start
                _ = try fill()
                lineStart = start + offset
                continue
            }
            if lineStart == end, newline == nil {
                // The end of the input.
                line += linesDone
                let record = start..<end
                start = end
                if skipping { return tooLarge() }
                if hasContent { return Cut(range: record, line: recordLine, problem: nil) }
                return nil
            }
            let next = newline.map { $0 + 1 } ?? end
            let lineFeeds = newline == nil ? 0 : 1
            if midLine {
                midLine = false
                linesDone += lineFeeds
                lineStart = next
                if endAfterLine {
                    line += linesDone
                    start = next
                    return tooLarge()
                }
                continue
            }
            switch classify(lineStart, newline ?? end) {
            case .documentStart(let content):
                if hasMarker || hasContent {
                    line += linesDone
                    let record = start..<lineStart
                    start = lineStart
                    if skipping { return tooLarge() }
                    if hasContent { return Cut(range: record, line: recordLine, problem: nil) }
                    // An empty document is no record; this line starts the next one.
                    significant = false
                    hasMarker = false
                    recordLine = line
                    linesDone = 0
                    continue
                }
                if !significant { recordLine = line + linesDone }
                significant = true
                hasMarker = true
                hasContent = content
            case .documentEnd:
                if hasMarker || hasContent {
                    line += linesDone + lineFeeds
                    let record = start..<next
                    start = next
                    if skipping { return tooLarge() }
                    if hasContent { return Cut(range: record, line: recordLine, problem: nil) }
                    significant = false
                    hasMarker = false
                    recordLine = line
                    lineStart = next
                    linesDone = 0
                    continue
                }
                if !significant {
                    // A stray `...` before any document: like a comment.
                    start = next
                    line += lineFeeds
                    lineStart = next
                    recordLine = line
                    continue
                }
            case .directive:
                if !significant { recordLine = line + linesDone }
                significant = true
            case .blank:
                if !significant {
                    start = next
                    line += lineFeeds
                    lineStart = next
                    recordLine = line
                    continue
                }
            case .content:
                if !significant { recordLine = line + linesDone }
                significant = true
                hasContent = true
            }
            linesDone += lineFeeds
            lineStart = next
            if !skipping, lineStart - start > maxRecordBytes { skipping = true }
            if skipping {
                line += linesDone
                linesDone = 0
                start = lineStart
            }
        }
    }
}
