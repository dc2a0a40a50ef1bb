import EligoDecimal
import EligoDiagnostics
import EligoEngine
import EligoExpr
import Foundation
import Testing

/// A small catalog with every field type, and helpers that run text through the
/// record splitter and parser the way `eligo batch` does.
enum InputFixture {
    static let catalogText = """
        fields:
          id: {type: string, required: true}
          applicant_type: {type: enum, values: [household, individual, enterprise, cooperative]}
          county: {type: enum, values: [zuoquan, yuci, changzhi-lucheng, "lüliang"]}
          credit_score: {type: int, min: 300, max: 900}
          annual_income: {type: money, min: 0}
          pv_capacity_kw: {type: number, min: 0, max: 100000}
          birth_date: {type: date, min: 1900-01-01, max: 2030-12-31}
          blacklisted: {type: bool}
          crops: {type: list, of: string}
          plots: {type: list, of: int}
          note: {type: string}
        """

    static let catalog = catalog(catalogText)

    /// A catalog from `fields.yaml` text, loaded the way the CLI loads it.
    static func catalog(_ text: String) -> FieldCatalog {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("eligo-input-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try! text.write(to: directory.appendingPathComponent("fields.yaml"), atomically: false, encoding: .utf8)
        let (loaded, diagnostics) = PolicyLoader.load(directory: directory.path)
        guard let loaded else { fatalError(DiagnosticFormatter(language: .en).format(diagnostics.sorted)) }
        try? FileManager.default.removeItem(at: directory)
        return loaded.catalog
    }

    static func slot(_ name: String) -> Int { Int(catalog[name]!.slot) }

    /// Writes bytes to a temporary file and opens it for reading.
    static func temporaryFile(_ bytes: [UInt8]) -> (descriptor: Int32, url: URL) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("eligo-input-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: url.path, contents: Data(bytes))
        let descriptor = open(url.path, O_RDONLY)
        precondition(descriptor >= 0)
        return (descriptor, url)
    }

    /// All chunks of an input, cut with `maxRecords` records at most.
    static func chunks(_ bytes: [UInt8], _ format: InputFormat, maxRecords: Int = 1000, limits: InputLimits = InputLimits()) throws
        -> (chunks: [RecordChunk], header: CSVHeader?)
    {
        let (descriptor, url) = temporaryFile(bytes)
        defer {
            close(descriptor)
            try? FileManager.default.removeItem(at: url)
        }
        let splitter = try RecordSplitter(fileDescriptor: descriptor, format: format, path: "input", limits: limits)
        var chunks: [RecordChunk] = []
        while let chunk = try splitter.nextChunk(maxRecords: maxRecords) { chunks.append(chunk) }
        return (chunks, splitter.header)
    }

    /// Every record of an input, typed.
    static func records(_ text: String, _ format: InputFormat, maxRecords: Int = 1000, limits: InputLimits = InputLimits()) throws
        -> [ApplicantRecord]
    {
        try records(Array(text.utf8), format, maxRecords: maxRecords, limits: limits)
    }

    static func records(
        _ bytes: [UInt8], _ format: InputFormat, maxRecords: Int = 1000, limits: InputLimits = InputLimits(), catalog: FieldCatalog = catalog
    ) throws -> [ApplicantRecord] {
        let (chunks, header) = try chunks(bytes, format, maxRecords: maxRecords, limits: limits)
        let parser = RecordParser(format: format, catalog: catalog, header: header, path: "input", limits: limits)
        return chunks.flatMap { chunk in chunk.records.indices.map { parser.parse(chunk, $0) } }
    }

    /// One CSV record under a header.
    static func csv(_ header: String, _ row: String) throws -> ApplicantRecord {
        let all = try records(header + "\n" + row + "\n", .csv)
        #expect(all.count == 1)
        return all[0]
    }

    static func jsonl(_ line: String) throws -> ApplicantRecord {
        let all = try records(line + "\n", .jsonl)
        #expect(all.count == 1)
        return all[0]
    }

    static func ids(_ problems: [Diagnostic]) -> [String] { problems.map(\.message.id) }
}

extension ApplicantRecord {
    subscript(_ name: String) -> Value { values[InputFixture.slot(name)] }
}

func decimal(_ text: String) -> Value { .number(ExactDecimal(text)!) }

@Suite("Input formats")
struct InputFixtureTests {
    @Test(arguments: [
        ("a.csv", InputFormat.csv), ("dir.v2/A.CSV", .csv), ("x.jsonl", .jsonl), ("x.ndjson", .jsonl), ("x.yaml", .yaml),
        ("x.yml", .yaml),
    ])
    func guessesByExtension(path: String, format: InputFormat) {
        #expect(InputFormat.guess(path: path) == format)
    }

    @Test(arguments: ["-", "data", "x.json", "x.csv.gz", "dir.csv/file"])
    func guessesNothingElse(path: String) {
        #expect(InputFormat.guess(path: path) == nil)
    }

    /// The start of an input, the format its first line that is not blank shows (nil: not
    /// yet told, the line goes on past these bytes), and that once the input ends there.
    static let starts: [(String, InputFormat?, InputFormat)] = [
        ("id,county,credit_score\nA1,zuoquan,700\n", .csv, .csv),
        ("\u{FEFF}id,county\r\nA1,zuoquan\r\n", .csv, .csv),
        ("\"id\",\"note: a\"\n", .csv, .csv),
        ("id\nA1\n", .csv, .csv),
        ("id,note:x\n", .csv, .csv),
        ("{\"id\": \"A1\", \"county\": \"zuoquan\"}\n", .jsonl, .jsonl),
        ("\n\n  {\"id\": \"A1\"}\n", .jsonl, .jsonl),
        ("---\nid: A1\n", .yaml, .yaml),
        ("--- # first\nid: A1\n", .yaml, .yaml),
        ("%YAML 1.2\n---\n", .yaml, .yaml),
        ("# applicants of 2026\nid: A1\n", .yaml, .yaml),
        ("id: A1\ncounty: zuoquan\n", .yaml, .yaml),
        ("id:\n", .yaml, .yaml),
        ("- id: A1\n", .yaml, .yaml),
        ("id,county", nil, .csv),
        ("id: A1", nil, .yaml),
        ("{\"id\"", nil, .jsonl),
        ("\n \r\n", nil, .csv),
        ("", nil, .csv),
        ("---id,county\n", .csv, .csv),
        ("http://x,y\n", .csv, .csv),
        ("{ \"id\": \"A1\"}\n", .jsonl, .jsonl),
        ("{}\n", .jsonl, .jsonl),
        ("{id: A1, county: zuoquan}\n---\n{id: A2}\n", .yaml, .yaml),
        ("{\n  id: A1 }\n", .yaml, .yaml),
        ("{", nil, .yaml),
    ]

    @Test func sniffsTheFirstLine() {
        for (text, partial, whole) in Self.starts {
            let bytes = Array(text.utf8)
            let told = bytes.withUnsafeBufferPointer { InputFormat.sniff($0, complete: false) }
            let ended = bytes.withUnsafeBufferPointer { InputFormat.sniff($0, complete: true) }
            #expect(told == partial, "\(text.debugDescription), input going on")
            #expect(ended == whole, "\(text.debugDescription), input ended")
        }
    }

    @Test func sniffingReadsAPipeAndKeepsWhatItRead() throws {
        // Through a pipe, as standard input: the bytes read to tell the format are handed back,
        // and the splitter, given them, cuts both records at their lines.
        let text = "\n# two applicants\nid: A1\ncredit_score: 700\n---\nid: A2\ncredit_score: 650\n"
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        let bytes = Array(text.utf8)
        #expect(bytes.withUnsafeBytes { write(ends[1], $0.baseAddress, $0.count) } == bytes.count)
        close(ends[1])
        defer { close(ends[0]) }
        let (format, prefix) = try InputFormat.sniff(fileDescriptor: ends[0], path: "-")
        #expect(format == .yaml)
        #expect(prefix == bytes)
        let splitter = try RecordSplitter(fileDescriptor: ends[0], format: format, path: "-", prefix: prefix)
        var lines: [Int] = []
        while let chunk = try splitter.nextChunk(maxRecords: 10) { lines += chunk.records.map(\.line) }
        #expect(lines == [3, 5])
    }

    @Test func aPrefixEndingInsideARecordJoinsTheRest() throws {
        // A file longer than one read: the prefix ends inside a record, which the splitter
        // completes from the descriptor, and the file's size still adds up (no truncation).
        let text = "id,county,credit_score\n" + (1...6_000).map { "A\($0),zuoquan,\(600 + $0 % 300)\n" }.joined()
        let (descriptor, url) = InputFixture.temporaryFile(Array(text.utf8))
        defer {
            close(descriptor)
            try? FileManager.default.removeItem(at: url)
        }
        let (format, prefix) = try InputFormat.sniff(fileDescriptor: descriptor, path: url.path)
        #expect(format == .csv)
        #expect(prefix.count < text.utf8.count)
        #expect(prefix.last != 0x0A, "the read should end inside a record for this test to mean anything")
        let splitter = try RecordSplitter(
            fileDescriptor: descriptor, format: format, path: url.path, expectedBytes: text.utf8.count, prefix: prefix)
        var records: [String] = []
        while let chunk = try splitter.nextChunk(maxRecords: 1_000) {
            records += chunk.records.map { String(decoding: chunk.bytes[$0.range], as: UTF8.self) }
        }
        #expect(splitter.header?.columns == ["id", "county", "credit_score"])
        #expect(records == (1...6_000).map { "A\($0),zuoquan,\(600 + $0 % 300)" })
    }
}
