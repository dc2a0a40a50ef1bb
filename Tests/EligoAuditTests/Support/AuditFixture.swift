import EligoAudit
import EligoDiagnostics
import EligoEngine
import EligoExpr
import Foundation

/// The policies and applicants in `Fixtures/`, loaded the way `eligo check` loads them.
struct AuditFixture: Sendable {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// Loaded once for every test.
    static let shared: Result<AuditFixture, FixtureError> = Result { () throws(FixtureError) in try AuditFixture() }

    enum FixtureError: Error, CustomStringConvertible {
        case policies(String)
        case applicants(String)
        case missing(String)

        var description: String {
            switch self {
            case .policies(let text): "the fixture policies do not load:\n\(text)"
            case .applicants(let text): "the fixture applicants do not load: \(text)"
            case .missing(let text): text
            }
        }
    }

    let policies: PolicySet
    let records: [ApplicantRecord]

    init() throws(FixtureError) {
        let (loaded, diagnostics) = PolicyLoader.load(directory: Self.directory.appendingPathComponent("policies").path)
        guard let loaded else { throw .policies(DiagnosticFormatter(language: .en).format(diagnostics.sorted)) }
        policies = loaded
        do {
            records = try ApplicantFileLoader.load(Self.directory.appendingPathComponent("applicants.yaml").path, catalog: loaded.catalog)
        } catch {
            throw .applicants("\(error)")
        }
    }

    func product(_ id: String) throws(FixtureError) -> Product {
        guard let product = policies.products.first(where: { $0.id == id }) else { throw .missing("no product \(id)") }
        return product
    }

    /// The decision for one fixture applicant, traced for explaining.
    func decision(_ applicant: String, _ productID: String, asOf: String = "2025-06-01", explain: Bool = true) throws(FixtureError) -> Decision {
        guard let record = records.first(where: { $0.id == applicant }) else { throw .missing("no applicant \(applicant)") }
        guard let day = Day(iso: asOf) else { throw .missing("bad date \(asOf)") }
        let evaluator = Evaluator(policies: policies)
        guard case .decided(let decision) = evaluator.evaluate(record, against: try product(productID), asOf: day, explain: explain) else {
            throw .missing("\(productID) does not decide \(applicant)")
        }
        return decision
    }

    func explanation(_ applicant: String, _ productID: String, _ language: Language, maxFactors: Int = 4, explain: Bool = true) throws(FixtureError) -> Explanation {
        Explanation(
            decision: try decision(applicant, productID, explain: explain), product: try product(productID),
            catalog: policies.catalog, language: language, maxFactors: maxFactors)
    }
}
