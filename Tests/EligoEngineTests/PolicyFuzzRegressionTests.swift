import EligoAudit
import EligoDiagnostics
@testable import EligoEngine
import EligoExpr
import EligoYAML
import Foundation
import Testing
import _EligoTestSupport

/// The repository's sample library, which the `policy`, `records` and `evaluate`
/// fuzz targets run against.
enum SampleLibrary {
    static let policies: PolicySet = {
        let directory = FuzzRegression.repository.appendingPathComponent("Policies").path
        let (loaded, diagnostics) = PolicyLoader.load(directory: directory)
        guard let loaded else { fatalError(DiagnosticFormatter(language: .en).format(diagnostics.sorted)) }
        return loaded
    }()

    static let applicants: [ApplicantRecord] = {
        let directory = FuzzRegression.repository.appendingPathComponent("Applicants")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.sorted().filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") }.flatMap { name in
            (try? ApplicantFileLoader.load(directory.appendingPathComponent(name).path, catalog: policies.catalog)) ?? []
        }
    }()

    static func summary(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.map { "  \($0.severity.rawValue) \($0.message.id)@\($0.location?.description ?? "-")" }
    }
}

/// Spec §9 against the inputs of `Tests/Fixtures/fuzz-regressions/policy/`: what the
/// `policy` fuzz target does with a product file (`Fuzz/FuzzPolicy.swift`), done here
/// too. Each input is decoded against the sample catalog (and, when it looks like a
/// catalog, decoded as one with the sample products against it) without a crash or
/// a hang; a product that validates runs its tests and decides the sample
/// applicants. The problems and outcomes are the golden ones.
@Suite("Fuzz regressions: policy decoding")
struct PolicyFuzzRegressionTests {
    @Test("replays", .timeLimit(.minutes(1)), arguments: FuzzRegression.inputs("policy"))
    func replay(_ input: FuzzRegression) throws {
        let file = SourceFile(path: "Policies/fuzz/product.yaml", bytes: try input.bytes)
        let (documents, yamlProblems) = YAMLLoader.load(file)
        var lines = ["yaml: \(documents.count) document(s)"] + SampleLibrary.summary(yamlProblems.sorted)
        if documents.count == 1, !yamlProblems.hasErrors, let root = documents.first {
            if root["fields"] != nil {
                let (catalog, problems) = CatalogDecoder.decode(root, file: file)
                lines += ["catalog: \(catalog.fields.count) field(s)"] + SampleLibrary.summary(problems.sorted)
                if !problems.hasErrors {
                    for product in SampleLibrary.policies.products {
                        guard let productRoot = YAMLLoader.load(product.file).documents.first else { continue }
                        let decoded = ProductDecoder.decode(productRoot, file: product.file, catalog: catalog, limits: .default)
                        lines.append("sample \(product.id): \(decoded.1.errorCount) error(s)")
                    }
                }
            }
            let catalog = SampleLibrary.policies.catalog
            let (product, problems) = ProductDecoder.decode(root, file: file, catalog: catalog, limits: .default)
            lines += ["product: " + (product.map { "\($0.id) decoded" } ?? "rejected")] + SampleLibrary.summary(problems.sorted)
            _ = DiagnosticFormatter(language: .en).format(problems.sorted)
            if let product {
                let policies = PolicySet(catalog: catalog, products: [product])
                let (results, _) = PolicyTestRunner(policies: policies).run()
                lines.append("tests: \(results.filter(\.passed).count) passed, \(results.filter { !$0.passed }.count) failed")
                let evaluator = Evaluator(policies: policies)
                for day in ["2024-01-01", "2025-03-01", "2026-11-22", "2031-12-31"].compactMap({ Day(iso: $0) }) + [product.effectiveFrom] {
                    var frame = evaluator.makeFrame(asOf: day)
                    let sections = SampleLibrary.applicants.map { record in
                        CheckReport.Section(
                            file: "input", record: record, products: [product], evaluator: evaluator, asOf: day, explain: true,
                            listSkipped: false, frame: &frame)
                    }
                    lines.append("\(day): " + sections.map { $0.decisions.first?.outcome.rawValue ?? "-" }.joined(separator: " "))
                    for language in [Language.en, .zh] {
                        let report = CheckReport(policies: policies, asOf: day, sections: sections, language: language)
                        _ = report.text(explain: true)
                        _ = report.markdown(explain: true)
                        _ = report.json()
                    }
                }
            }
        }
        if let difference = input.check(lines.joined(separator: "\n") + "\n") { Issue.record(Comment(rawValue: difference)) }
    }
}
