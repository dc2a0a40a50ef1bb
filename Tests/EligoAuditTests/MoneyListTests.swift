import EligoAudit
import EligoDiagnostics
import EligoEngine
import EligoExpr
import Foundation
import Testing

/// Money inside a list award is money (§2: 2 places when printed; §4: rounded half away from
/// zero, once, at the end), item by item, as a scalar money award is: in the decision on both
/// evaluation paths, its JSON (which batch CSV's explain column holds too) and its explanation.
@Suite struct MoneyListTests {
    static let policies: PolicySet = {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("eligo-money-list-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let catalog = """
            fields:
              id: {type: string, required: true}
              m: {type: money}
              lm: {type: list, of: money}
            """
        let product = """
            id: tranches
            version: "1"
            name: {zh: 分期, en: Tranches}
            kind: grant
            effective: {from: 2025-01-01}
            eligibility:
              - {id: known, rule: present(lm)}
            award:
              amount: m
              tranches: lm
              pair: "[m, 2]"
            """
        do {
            try FileManager.default.createDirectory(at: directory.appendingPathComponent("p"), withIntermediateDirectories: true)
            try catalog.write(to: directory.appendingPathComponent("fields.yaml"), atomically: false, encoding: .utf8)
            try product.write(to: directory.appendingPathComponent("p/tranches.yaml"), atomically: false, encoding: .utf8)
        } catch {
            fatalError("fixture: \(error)")
        }
        let (loaded, diagnostics) = PolicyLoader.load(directory: directory.path)
        guard let loaded else { fatalError(DiagnosticFormatter(language: .en).format(diagnostics.sorted)) }
        return loaded
    }()

    struct Case: Sendable, CustomTestStringConvertible {
        var applicant: String
        var tranches: [String]
        var pair: [String]
        var words: String
        var testDescription: String { applicant }
    }

    static let cases: [Case] = [
        Case(
            applicant: "{id: A, m: 1.005, lm: [1.005, 2, -0.005]}", tranches: ["1.01", "2.00", "-0.01"], pair: ["1.01", "2.00"],
            words: "Tranches: 1.01 yuan, 2.00 yuan, -0.01 yuan"),
        Case(
            applicant: "{id: A, m: 3, lm: [0.125, 1000000, 0.1249]}", tranches: ["0.13", "1000000.00", "0.12"], pair: ["3.00", "2.00"],
            words: "Tranches: 0.13 yuan, 1,000,000.00 yuan, 0.12 yuan"),
        Case(applicant: "{id: A, m: 0.994, lm: []}", tranches: [], pair: ["0.99", "2.00"], words: "Tranches: (none)"),
    ]

    static func decide(_ applicant: String, explain: Bool) throws -> Decision {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("eligo-applicant-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: url) }
        try applicant.write(to: url, atomically: false, encoding: .utf8)
        let record = try #require(try ApplicantFileLoader.load(url.path, catalog: policies.catalog).first)
        #expect(record.isValid, "\(record.problems.map(\.message.en))")
        let product = try #require(policies.products.first)
        let day = try #require(Day(iso: "2025-06-01"))
        guard case .decided(let decision) = Evaluator(policies: policies).evaluate(record, against: product, asOf: day, explain: explain) else {
            Issue.record("not decided")
            throw CancellationError()
        }
        return decision
    }

    @Test(arguments: cases)
    func listItemsAreMoney(_ test: Case) throws {
        // Without an explanation the unboxed path decides (UnboxedDifferentialTests checks that it
        // does so itself); with one, the reference.
        for explain in [false, true] {
            let decision = try Self.decide(test.applicant, explain: explain)
            #expect(decision.outcome == .approve)
            var json = JSONWriter()
            DecisionJSON.write(decision, language: .en, to: &json)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.text.utf8)) as? [String: Any])
            let awards = try #require(object["awards"] as? [String: Any])
            #expect(awards["tranches"] as? [String] == test.tranches, "explain: \(explain)")
            #expect(awards["pair"] as? [String] == test.pair, "explain: \(explain)")
            let product = try #require(Self.policies.products.first)
            let text = Explanation(decision: decision, product: product, catalog: Self.policies.catalog, language: .en).text()
            #expect(text.contains(test.words), "\(text)")
        }
    }
}
