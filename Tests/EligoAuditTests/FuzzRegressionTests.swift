import EligoAudit
import EligoDiagnostics
import EligoEngine
import EligoExpr
import Foundation
import Testing
import _EligoTestSupport

/// Spec §9 against the inputs of `Tests/Fixtures/fuzz-regressions/evaluate/`: what the
/// `evaluate` fuzz target does with an applicant file (`Fuzz/FuzzEvaluate.swift`), done
/// here too. The file is read as `eligo check` reads it (and, when it starts with `{`,
/// each line as a JSONL record), every record is decided against the sample library
/// on four dates and every decision explained in both languages and all three report
/// formats, without a crash or a hang; the outcomes on the first date are the golden ones.
@Suite("Fuzz regressions: evaluation and explanation")
struct EvaluateFuzzRegressionTests {
    static let repository = FuzzRegression.repository

    static let policies: PolicySet = {
        let (loaded, diagnostics) = PolicyLoader.load(directory: repository.appendingPathComponent("Policies").path)
        guard let loaded else { fatalError(DiagnosticFormatter(language: .en).format(diagnostics.sorted)) }
        return loaded
    }()

    static let days = ["2026-11-22", "2024-01-01", "2025-03-01", "2031-12-31"].compactMap { Day(iso: $0) }

    @Test("replays", .timeLimit(.minutes(1)), arguments: FuzzRegression.inputs("evaluate"))
    func replay(_ input: FuzzRegression) throws {
        let policies = Self.policies
        var records = try ApplicantFileLoader.load(input.url.path, catalog: policies.catalog)
        let bytes = try input.bytes
        if bytes.first == UInt8(ascii: "{") {
            let parser = RecordParser(format: .jsonl, catalog: policies.catalog, header: nil, path: "input.jsonl")
            for (index, line) in bytes.split(separator: UInt8(ascii: "\n")).enumerated() {
                records.append(parser.parse(record: Array(line), number: index + 1, line: index + 1))
            }
        }
        var lines: [String] = []
        let evaluator = Evaluator(policies: policies)
        for (index, day) in Self.days.enumerated() {
            var sections: [CheckReport.Section] = []
            var frame = evaluator.makeFrame(asOf: day)
            for record in records {
                let section = CheckReport.Section(
                    file: "input", record: record, products: policies.products, evaluator: evaluator, asOf: day, explain: true,
                    listSkipped: true, frame: &frame)
                sections.append(section)
                if index == 0 {
                    let who = record.id.map { String(reflecting: $0) } ?? "-"
                    let outcomes = section.decisions.map { "\($0.productID) \($0.outcome.rawValue)" }
                    lines.append("record \(record.number) \(who): " + (outcomes.isEmpty ? "no product" : outcomes.joined(separator: ", ")))
                }
            }
            for language in [Language.en, .zh] {
                let report = CheckReport(policies: policies, asOf: day, sections: sections, language: language)
                #expect(!report.text(explain: true).isEmpty)
                _ = report.markdown(explain: true)
                _ = report.json()
            }
        }
        if let difference = input.check(lines.joined(separator: "\n") + "\n") { Issue.record(Comment(rawValue: difference)) }
    }
}
