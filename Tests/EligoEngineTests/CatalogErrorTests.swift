import EligoDiagnostics
import EligoEngine
import Foundation
import Testing

/// A catalog with errors still has its product files checked (cli.md: validation reports
/// every problem in the catalog and product files), with the fields that did load; a field
/// whose declaration is broken stays a known name, so it causes no "unknown field" of its own.
@Suite struct CatalogErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        /// The catalog's text; nil for no `fields.yaml` at all.
        let catalog: String?
        let product: String
        /// The message id of every problem, sorted by position.
        let expected: [String]

        var testDescription: String { name }
    }

    static let product = """
        id: p
        version: "1"
        name: P
        kind: insurance
        effective: {from: 2024-01-01}

        """

    static let cases: [Case] = [
        Case(
            name: "a field of an unknown type is still a known name",
            catalog: "fields:\n  id: {type: string}\n  score: {type: bogus}\n",
            product: product + "eligibility:\n  - id: a\n    rule: score > 0 and score in [1, 2]\n  - id: b\n    rule: contains(score, 1)\n",
            expected: ["catalog.unknown-type"]),
        Case(
            name: "a product problem is reported after a catalog error",
            catalog: "fields:\n  id: {type: string}\n  score: {type: bogus}\n",
            product: product + "eligibility:\n  - {id: a, rule: scor > 5}\n",
            expected: ["catalog.unknown-type", "expr.unknown-name"]),
        Case(
            name: "an enum without values is still a known name",
            catalog: "fields:\n  id: {type: string}\n  county: {type: enum}\n",
            product: product + "applies_to: county == \"x\"\neligibility:\n  - {id: a, rule: county != \"y\"}\n",
            expected: ["catalog.enum-values"]),
        Case(
            name: "a list of lists is still a known name",
            catalog: "fields:\n  id: {type: string}\n  crops: {type: list, of: list}\n",
            product: product + "eligibility:\n  - {id: a, rule: len(crops) > 0}\n",
            expected: ["catalog.list-of-list"]),
        Case(
            name: "bounds the wrong way round are reported once, not as rules that can never hold",
            catalog: "fields:\n  id: {type: string}\n  age: {type: int, min: 90, max: 18}\n",
            product: product + "eligibility:\n  - {id: a, rule: age >= 18}\n",
            expected: ["catalog.min-above-max"]),
        Case(
            name: "values on a field that is not an enum, and of on one that is not a list, are errors",
            catalog: "fields:\n  id: {type: string}\n  ratio: {type: number, values: [1, 2]}\n  share: {type: number, of: int}\n",
            product: product + "eligibility:\n  - {id: a, rule: ratio > share}\n",
            expected: ["catalog.bound-not-allowed", "catalog.bound-not-allowed"]),
        Case(
            name: "values on a list of enums, and on an enum, are its values",
            catalog: "fields:\n  id: {type: string}\n  crops: {type: list, of: enum, values: [a, b]}\n  kind: {type: enum, values: [x]}\n",
            product: product + "eligibility:\n  - id: a\n    rule: contains(crops, \"a\") and kind == \"x\"\n",
            expected: []),
        Case(
            name: "a repeated key does not stop the products being checked",
            catalog: "fields:\n  id: {type: string}\n  age: {type: int}\n  age: {type: int}\n",
            product: product + "eligibility:\n  - {id: a, rule: age >= \"18\"}\n",
            expected: ["yaml.duplicate-key", "expr.compare-types"]),
        Case(
            name: "a broken field in a test applicant, a budget order or an expected missing list",
            catalog: "fields:\n  id: {type: string}\n  score: {type: bogus}\n",
            product: product
                + "budget: {slots: 1, order: [score]}\ntests:\n  - name: t\n    applicant: {id: A, score: 3}\n"
                + "    expect: {missing: [score], outcome: approve}\n",
            expected: ["catalog.unknown-type"]),
        Case(
            name: "a let may not take a broken field's name",
            catalog: "fields:\n  id: {type: string}\n  score: {type: bogus}\n",
            product: product + "let:\n  score: 1\n",
            expected: ["catalog.unknown-type", "policy.let-shadows-field"]),
        Case(
            name: "a catalog that is not YAML: products are checked for all but their fields",
            catalog: "fields:\n  id: {type: string\n",
            product: product + "eligibility:\n  - {id: a, rule: age >= 18 and lenght(name) > 0}\naward:\n  amount: 1 + \"2\"\n",
            expected: ["yaml.unclosed-flow", "expr.unknown-function", "expr.operand-types"]),
        Case(
            name: "a catalog without fields: products are checked for all but their fields",
            catalog: "field:\n  id: {type: string}\n",
            product: product + "eligibility:\n  - {id: a, rule: age >= 18 and not}\n",
            expected: ["policy.unknown-key", "policy.missing-key", "expr.expected"]),
        Case(
            name: "no catalog: products are still checked",
            catalog: nil,
            product: product + "let:\n  x: age + 1\napplies_to: x > 3\n",
            expected: ["policy.catalog-missing", "expr.let-in-applies-to"]),
    ]

    @Test(arguments: cases)
    func productsAreStillChecked(_ test: Case) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("eligo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("p"), withIntermediateDirectories: true)
        if let catalog = test.catalog {
            try catalog.write(to: directory.appendingPathComponent("fields.yaml"), atomically: false, encoding: .utf8)
        }
        try test.product.write(to: directory.appendingPathComponent("p/p.yaml"), atomically: false, encoding: .utf8)
        let (policies, diagnostics) = PolicyLoader.load(directory: directory.path)
        #expect((policies == nil) == !test.expected.isEmpty, "a catalog with errors never makes a policy set; one without does")
        let ids = diagnostics.sorted.filter { $0.severity == .error }.map(\.message.id)
        #expect(ids == test.expected, "\(DiagnosticFormatter(language: .en).format(diagnostics.sorted))")
    }
}
