import EligoDiagnostics
import EligoEngine
import EligoExpr
import EligoYAML
import Foundation
import Testing
import _EligoTestSupport

/// Spec §9 against the inputs of `Tests/Fixtures/fuzz-regressions/records/`: what the
/// `records` fuzz target does with a batch input (`Fuzz/FuzzRecords.swift`), done here
/// too. Each input is split and typed as CSV, as JSONL and as YAML, under the default
/// and the tight limits, against the sample catalog; every record comes out, in
/// order, without a crash or a hang, and the records' problems are the golden ones.
@Suite("Fuzz regressions: record readers")
struct RecordsFuzzRegressionTests {
    /// The fuzz target's tight limits: keep the two the same.
    static let tight = InputLimits(
        maxLineBytes: 300, maxStringBytes: 40,
        yaml: YAMLLimits(maxDocumentBytes: 600, maxDepth: 6, maxAliasExpansion: 32, maxScalarBytes: 64))

    @Test("replays", .timeLimit(.minutes(1)), arguments: FuzzRegression.inputs("records"))
    func replay(_ input: FuzzRegression) throws {
        let bytes = try input.bytes
        var lines: [String] = []
        for format in InputFormat.allCases {
            for (name, limits) in [("default", InputLimits()), ("tight", Self.tight)] {
                lines.append("\(format.rawValue), \(name) limits:")
                lines += try Self.read(bytes, format: format, limits: limits).map { "  " + $0 }
            }
        }
        if let difference = input.check(lines.joined(separator: "\n") + "\n") { Issue.record(Comment(rawValue: difference)) }
    }

    /// One line per record (`#number line: id, problems`), as `eligo batch` would cut and type them.
    static func read(_ bytes: [UInt8], format: InputFormat, limits: InputLimits) throws -> [String] {
        let (descriptor, url) = InputFixture.temporaryFile(bytes)
        defer {
            close(descriptor)
            try? FileManager.default.removeItem(at: url)
        }
        let splitter = try RecordSplitter(fileDescriptor: descriptor, format: format, path: "input", limits: limits)
        var parser: RecordParser?
        var lines: [String] = []
        var last = 0
        while true {
            let chunk: RecordChunk?
            do {
                chunk = try splitter.nextChunk(maxRecords: 3, maxBytes: 256)
            } catch {
                lines.append("input error: \(error.message.id)")
                break
            }
            guard let chunk else { break }
            if parser == nil {
                let made = RecordParser(format: format, catalog: SampleLibrary.policies.catalog, header: splitter.header, path: "input", limits: limits)
                if !made.headerProblems.isEmpty { lines.append("header: " + made.headerProblems.map(\.message.id).joined(separator: ", ")) }
                parser = made
            }
            guard let parser else { break }
            for index in chunk.records.indices {
                let slice = chunk.records[index]
                #expect(slice.number == last + 1)
                last = slice.number
                let record = parser.parse(chunk, index)
                _ = DiagnosticFormatter(language: .en).format(record.problems)
                let problems = record.problems.map(\.message.id).joined(separator: ", ")
                lines.append("#\(record.number) line \(record.line ?? 0): \(record.id.map { String(reflecting: $0) } ?? "-")" + (problems.isEmpty ? "" : "; " + problems))
            }
        }
        return lines
    }
}
