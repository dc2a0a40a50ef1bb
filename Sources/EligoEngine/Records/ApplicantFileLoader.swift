public import EligoDiagnostics
import EligoYAML
import Foundation

/// Reads applicant files for `eligo check`: YAML with one or more `---`
/// documents, or JSON (a JSON object is a YAML document too); CSV and JSONL
/// too, typed exactly as `eligo batch` types them, so that a loan officer can
/// look into one row of a population file with the same results.
///
/// The format is the one `eligo batch` would read: the extension's (`.csv`,
/// `.jsonl`/`.ndjson`, `.yaml`/`.yml`; `.json` is read as YAML, which holds any
/// JSON document however it is laid out), else the first line that is not blank
/// (``InputFormat/sniff(_:complete:)``).
///
/// A document that cannot be parsed still yields a record, an invalid one, so
/// that every applicant gets its decisions (§10: "also when the record cannot be
/// parsed at all"), and the documents after it are still read: from the next `---`
/// line (or after a `...` line), each on its own, as a batch cuts a YAML stream.
/// Records are numbered and lined as in a batch.
///
/// A document with nothing in it (a bare `---`, only comments) is no applicant and
/// takes no record number, as in a batch YAML stream: numbers and titles then agree
/// between `check` and `batch`, and a stream of empty documents costs nothing to report.
/// An explicit `~` or `null` is something written, so it stays an invalid record.
///
/// The whole file is held to the YAML document limit (§9), as a policy file is:
/// it is read into memory at once, with every record it holds.
public enum ApplicantFileLoader {
    public enum Failure: Error, Sendable {
        case unreadable(path: String, reason: String)
        /// The whole file is over ``EligoYAML/YAMLLimits/maxDocumentBytes``: `eligo check` holds
        /// every applicant of a file at once, so a population belongs to `eligo batch`, which streams.
        case tooLarge(path: String, size: Int?, limit: Int)
        /// A CSV or JSONL file that the splitter cannot cut (a CSV header that cannot be read, say).
        case input(InputError)

        /// What to tell people, in both languages.
        public var message: Message {
            switch self {
            case .unreadable(let path, let reason):
                Message(id: "input.unreadable", en: "cannot read \(path): \(reason)", zh: "无法读取 \(path)：\(SystemErrorText.chinese(reason))")
            case .tooLarge(let path, let size, let limit):
                Message(
                    id: "input.file-too-large",
                    en: "cannot read \(path): it is \(size.map { "\($0) bytes" } ?? "larger than the limit"), over the limit of \(limit) bytes "
                        + "for an applicant file (\(LimitFlag.yamlBytes.rawValue) raises it); eligo batch reads populations of any size",
                    zh: "无法读取 \(path)：文件\(size.map { "有 \($0) 字节，" } ?? "")超过了申请人文件 \(limit) 字节的上限"
                        + "（可用 \(LimitFlag.yamlBytes.rawValue) 提高）；任意规模的申请人群体请用 eligo batch 处理")
            case .input(let error):
                error.message
            }
        }
    }

    /// Refuses a file that cannot be opened or is over the limit, without reading it.
    public static func preflight(_ path: String, limits: PolicyLimits = PolicyLimits()) throws(Failure) {
        if FileSystem.isDirectory(path) { throw .unreadable(path: path, reason: "is a directory") }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var status = stat()
        if fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, Int(status.st_size) > limits.yaml.maxDocumentBytes {
            throw .tooLarge(path: path, size: Int(status.st_size), limit: limits.yaml.maxDocumentBytes)
        }
    }

    public static func load(_ path: String, catalog: FieldCatalog, limits: PolicyLimits = PolicyLimits()) throws(Failure) -> [ApplicantRecord] {
        Array(try records(path, catalog: catalog, limits: limits))
    }

    /// The records of a file, decoded one at a time as they are iterated, so that a file of
    /// many small documents never has all its records in memory at once.
    public static func records(_ path: String, catalog: FieldCatalog, limits: PolicyLimits = PolicyLimits()) throws(Failure) -> Records {
        let bytes: [UInt8]
        switch FileSystem.read(path, limit: limits.yaml.maxDocumentBytes) {
        case .success(let read): bytes = read
        case .failure(.failed(let reason)): throw .unreadable(path: path, reason: reason)
        case .failure(.tooLarge(let size)): throw .tooLarge(path: path, size: size, limit: limits.yaml.maxDocumentBytes)
        }
        let format = path.lowercased().hasSuffix(".json")
            ? .yaml : InputFormat.guess(path: path) ?? bytes.withUnsafeBufferPointer { InputFormat.sniff($0, complete: true) } ?? .yaml
        switch format {
        case .yaml:
            let file = SourceFile(path: path, bytes: bytes)
            let decoder = RecordDecoder(catalog: catalog, maxStringBytes: limits.yaml.maxScalarBytes)
            return Records(source: .documents(file: file, decoder: decoder, limits: limits.yaml))
        case .csv, .jsonl:
            return Records(source: .delimited(try delimitedRecords(bytes, path: path, format: format, catalog: catalog, limits: limits)))
        }
    }

    /// A CSV or JSONL file's bytes, as already read (within the limit) and told apart, cut by the
    /// batch splitter and typed by the batch parser. The splitter reads a descriptor after the
    /// bytes it is given first; an empty one leaves it exactly these bytes, not the file read again.
    private static func delimitedRecords(
        _ bytes: [UInt8], path: String, format: InputFormat, catalog: FieldCatalog, limits: PolicyLimits
    ) throws(Failure) -> DelimitedRecords {
        let descriptor = open("/dev/null", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        let inputLimits = InputLimits(maxStringBytes: limits.yaml.maxScalarBytes, yaml: limits.yaml)
        var chunks: [RecordChunk] = []
        let header: CSVHeader?
        do {
            let splitter = try RecordSplitter(fileDescriptor: descriptor, format: format, path: path, limits: inputLimits, prefix: bytes)
            while let chunk = try splitter.nextChunk(maxRecords: 1 << 12) { chunks.append(chunk) }
            header = splitter.header
        } catch {
            throw .input(error)
        }
        let parser = RecordParser(format: format, catalog: catalog, header: header, path: path, limits: inputLimits)
        return DelimitedRecords(parser: parser, chunks: chunks)
    }

    /// The cut records of a CSV or JSONL file, typed one at a time as they are iterated.
    struct DelimitedRecords {
        let parser: RecordParser
        let chunks: [RecordChunk]
    }

    /// The records of one file, in order.
    public struct Records: Sequence {
        enum Source {
            case documents(file: SourceFile, decoder: RecordDecoder, limits: YAMLLimits)
            case delimited(DelimitedRecords)
        }

        let source: Source

        public func makeIterator() -> Iterator {
            switch source {
            case .documents(let file, let decoder, let limits):
                Iterator(source: .documents(DocumentIterator(file: file, decoder: decoder, limits: limits)))
            case .delimited(let records):
                Iterator(source: .delimited(records, chunk: 0, record: 0))
            }
        }

        public struct Iterator: IteratorProtocol {
            enum Source {
                case documents(DocumentIterator)
                case delimited(DelimitedRecords, chunk: Int, record: Int)
            }

            var source: Source

            public mutating func next() -> ApplicantRecord? {
                switch source {
                case .documents(var documents):
                    let record = documents.next()
                    source = .documents(documents)
                    return record
                case .delimited(let records, var chunk, var record):
                    while chunk < records.chunks.count, record == records.chunks[chunk].records.count {
                        chunk += 1
                        record = 0
                    }
                    guard chunk < records.chunks.count else { return nil }
                    source = .delimited(records, chunk: chunk, record: record + 1)
                    return records.parser.parse(records.chunks[chunk], record)
                }
            }
        }

        struct DocumentIterator: IteratorProtocol {
            let file: SourceFile
            var documents: YAMLDocuments.Iterator
            let decoder: RecordDecoder
            let limits: YAMLLimits
            var number = 0
            /// After a syntax error, where the document being read ends: libyaml cannot go on
            /// past such an error, so from then on each document is cut out as a batch cuts a
            /// YAML stream and read on its own. Nil while the whole rest of the file is read at once.
            var segmentEnd: Int?

            init(file: SourceFile, decoder: RecordDecoder, limits: YAMLLimits) {
                self.file = file
                self.decoder = decoder
                self.limits = limits
                // libyaml reads ahead and stops at bytes that are not UTF-8 while still in an earlier
                // document, which that document would wear: such a file is cut into documents from
                // the start, as a batch cuts it, so only the one holding the bytes is invalid.
                let valid = String(validating: file.bytes, as: UTF8.self) != nil
                documents = YAMLDocuments(file, limits: limits, to: valid ? nil : 0).makeIterator()
                if !valid { readSegment(from: 0) }
            }

            public mutating func next() -> ApplicantRecord? {
                while true {
                    guard let document = documents.next() else {
                        // The end of the file, or of one cut-out document.
                        guard let start = segmentEnd, start < file.bytes.count else { return nil }
                        readSegment(from: start)
                        continue
                    }
                    if let root = document.root, !document.hasErrors, Self.isEmpty(root) { continue }
                    number += 1
                    // A record's line is where its document starts: its `---` when it has one, as in a batch.
                    let line = document.span.location.line
                    if let root = document.root, RecordDecoder.isDecodable(document) {
                        var record = decoder.decode(root, number: number, yamlProblems: document.diagnostics).0
                        record.line = line
                        return record
                    }
                    let documentEnd = Self.nextDocument(in: file.bytes, after: document.span.start) ?? file.bytes.count
                    if document.endedStream, segmentEnd == nil {
                        // Each later document is read on its own: a fresh reader over the rest of the
                        // file for every broken one would copy it again each time.
                        readSegment(from: documentEnd)
                    }
                    return ApplicantRecord(
                        id: BrokenDocumentID.scan(file.bytes[document.span.start..<Swift.max(document.span.start, documentEnd)]), values: [], number: number,
                        line: line, problems: document.diagnostics.filter { $0.severity == .error }.map(RecordDecoder.recordProblem))
                }
            }

            /// Reads the document that starts at `start`, up to the next one's start.
            private mutating func readSegment(from start: Int) {
                let end = start < file.bytes.count ? Self.nextDocument(in: file.bytes, after: start) ?? file.bytes.count : start
                segmentEnd = end
                documents = YAMLDocuments(file, limits: limits, from: start, to: end).makeIterator()
            }

            /// The start of the first document after the line holding `offset`, cut as a batch
            /// cuts a YAML stream: a `---` line starts one, and a `...` line ends one, so the next
            /// line starts one. Nil when no document follows.
            static func nextDocument(in bytes: [UInt8], after offset: Int) -> Int? {
                var lineStart = offset
                while lineStart < bytes.count {
                    guard let feed = bytes[lineStart...].firstIndex(of: 0x0A) else { return nil }
                    lineStart = feed + 1
                    guard let marker = markerByte(bytes, at: lineStart) else { continue }
                    if marker == 0x2D { return lineStart }
                    return bytes[lineStart...].firstIndex(of: 0x0A).map { $0 + 1 }
                }
                return nil
            }

            /// `-` for a `---` line, `.` for `...`: the three bytes followed by a blank or the line's end.
            private static func markerByte(_ bytes: [UInt8], at start: Int) -> UInt8? {
                guard start + 3 <= bytes.count else { return nil }
                let first = bytes[start]
                guard first == 0x2D || first == 0x2E, bytes[start + 1] == first, bytes[start + 2] == first else { return nil }
                guard start + 3 < bytes.count else { return first }
                let next = bytes[start + 3]
                return next == 0x20 || next == 0x09 || next == 0x0D || next == 0x0A ? first : nil
            }

            /// What libyaml composes for a document with no content: an empty, untagged plain scalar.
            static func isEmpty(_ root: YAMLNode) -> Bool {
                guard root.tag == nil, let scalar = root.scalar else { return false }
                return scalar.style == .plain && scalar.value.isEmpty
            }
        }
    }
}
