import EligoDiagnostics
import EligoEngine
import EligoExpr
import EligoYAML
import Foundation
import Testing

/// A policy tree written to a temporary directory from strings, loaded the way the CLI loads it.
/// The files are removed once loaded: the policy set holds what the tests read.
struct PolicyFixture {
    let policies: PolicySet

    init(catalog: String, products: [String: String]) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("eligo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        policies = try Self.load(catalog: catalog, products: products, into: directory)
    }

    private static func load(catalog: String, products: [String: String], into directory: URL) throws -> PolicySet {
        try catalog.write(to: directory.appendingPathComponent("fields.yaml"), atomically: false, encoding: .utf8)
        for (name, text) in products {
            let url = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: false, encoding: .utf8)
        }
        let (loaded, diagnostics) = PolicyLoader.load(directory: directory.path)
        guard let loaded else { throw FixtureError.invalid(DiagnosticFormatter(language: .en).format(diagnostics.sorted)) }
        return loaded
    }

    enum FixtureError: Error { case invalid(String) }

    /// Decodes an applicant written as YAML flow or block text.
    func record(_ yaml: String) -> ApplicantRecord {
        let file = SourceFile(path: "applicant.yaml", text: yaml)
        let (documents, _) = YAMLLoader.load(file)
        guard let node = documents.first else {
            return ApplicantRecord(id: nil, values: [], number: 1, line: 1, problems: [])
        }
        return RecordDecoder(catalog: policies.catalog).decode(node).0
    }

    func decide(_ yaml: String, product: String? = nil, asOf: String = "2025-06-01", explain: Bool = false) -> Decision? {
        let evaluator = Evaluator(policies: policies)
        guard let target = policies.products.first(where: { product == nil || $0.id == product }), let day = Day(iso: asOf) else { return nil }
        if case .decided(let decision) = evaluator.evaluate(record(yaml), against: target, asOf: day, explain: explain) { return decision }
        return nil
    }
}
