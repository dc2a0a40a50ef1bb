import EligoDiagnostics
import EligoEngine
import Foundation
import Testing

/// Values a product or catalog writes outside expressions: numbers as YAML 1.2 writes them,
/// counts in whole digits, and declarations that would say something the engine does not do.
@Suite struct PolicyValueTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        var catalog = "fields:\n  id: {type: string, required: true}\n  age: {type: int}\n"
        let product: String
        /// Every problem as `severity message-id`, sorted by position.
        let expected: [String]

        var testDescription: String { name }
    }

    static func product(version: String = "\"1\"", _ rest: String) -> String {
        "id: p\nversion: \(version)\nname: P\nkind: grant\neffective: {from: 2024-01-01}\naward: {amount: 100}\n" + rest
    }

    /// A product whose awards are a number, a list, a condition and a date, with one test expecting `expect`.
    static func awards(expect: String) -> String {
        "id: p\nversion: \"1\"\nname: P\nkind: grant\neffective: {from: 2024-01-01}\n"
            + "award: {amount: 100, steps: \"[age, 5]\", adult: age >= 18, start: date(\"2025-01-01\")}\n"
            + "tests:\n  - {name: t, applicant: {id: A, age: 30}, expect: \(expect)}\n"
    }

    static let cases: [Case] = [
        // An expectation that could never match its award is caught by validation (README).
        Case(name: "expectations of each award's kind", product: awards(expect: "{amount: 100, steps: [30, 5], adult: true, start: 2025-01-01}"), expected: []),
        Case(name: "a percentage and null", product: awards(expect: "{amount: 10000%, steps: null, adult: null}"), expected: []),
        Case(name: "an amount expected as true", product: awards(expect: "{amount: true}"), expected: ["error policy.bad-value"]),
        Case(name: "an amount expected as a list", product: awards(expect: "{amount: [100]}"), expected: ["error policy.wrong-type"]),
        Case(name: "a list award expected as one value", product: awards(expect: "{steps: 30}"), expected: ["error policy.wrong-type"]),
        Case(name: "a list item that is no number", product: awards(expect: "{steps: [30, five]}"), expected: ["error policy.bad-value"]),
        Case(name: "a condition expected as yes", product: awards(expect: "{adult: yes}"), expected: ["error policy.bad-value"]),
        Case(name: "a date that is no date", product: awards(expect: "{start: 2025-02-30}"), expected: ["error policy.bad-value"]),
        Case(
            name: "an award that does not check is reported once, and may still be expected",
            product: "id: p\nversion: \"1\"\nname: P\nkind: grant\neffective: {from: 2024-01-01}\naward: {amount: age > 1000}\n"
                + "tests:\n  - {name: t, applicant: {id: A, age: 30}, expect: {amount: 1}}\n",
            expected: ["error expr.expected-type"]),
        Case(name: "a pool written .5 or 1. is a number, as in records", product: product("budget: {pool: .5}\n"), expected: []),
        Case(name: "a pool written 1.", product: product("budget: {pool: 1., slots: 2}\n"), expected: []),
        Case(name: "a pool of more than 2 decimals is kept, and said to print rounded", product: product("budget: {pool: 100.005}\n"), expected: ["warning policy.pool-places"]),
        Case(name: "a pool of 2 decimals", product: product("budget: {pool: 100.50}\n"), expected: []),
        Case(name: "slots in whole digits", product: product("budget: {slots: 3}\n"), expected: []),
        Case(name: "slots written 3.0 are not a count, as 720.0 is no int", product: product("budget: {slots: 3.0}\n"), expected: ["error policy.bad-value"]),
        Case(name: "slots written 1e0", product: product("budget: {slots: 1e0}\n"), expected: ["error policy.bad-value"]),
        Case(name: "an empty version", product: product(version: "\"\"", ""), expected: ["error policy.empty-version"]),
        Case(name: "a version of spaces", product: product(version: "\"  \"", ""), expected: ["error policy.empty-version"]),
        Case(
            name: "an id declared not required is still required", catalog: "fields:\n  id: {type: string, required: false}\n",
            product: product(""), expected: ["warning catalog.id-always-required"]),
        Case(name: "an id declared required", catalog: "fields:\n  id: {type: string, required: true}\n", product: product(""), expected: []),
    ]

    /// `{amount: 8,600,000}` in flow style makes keys `600` and `000`: said where they are reported.
    @Test func aNumberCutByCommasSaysSo() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("eligo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("p"), withIntermediateDirectories: true)
        try "fields:\n  id: {type: string, required: true}\n  age: {type: int}\n".write(
            to: directory.appendingPathComponent("fields.yaml"), atomically: false, encoding: .utf8)
        let product = Self.product("tests:\n  - {name: t, applicant: {id: A, age: 1,000}, expect: {amount: 8,600,000}}\n")
        try product.write(to: directory.appendingPathComponent("p/p.yaml"), atomically: false, encoding: .utf8)
        let (_, diagnostics) = PolicyLoader.load(directory: directory.path)
        let errors = diagnostics.sorted.filter { $0.severity == .error }
        #expect(errors.map(\.message.id) == ["record.unknown-field", "policy.unknown-key", "policy.unknown-key"])
        #expect(errors.allSatisfy { $0.help?.id == "help.number-comma-in-flow" })
    }

    @Test(arguments: cases)
    func problems(_ test: Case) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("eligo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("p"), withIntermediateDirectories: true)
        try test.catalog.write(to: directory.appendingPathComponent("fields.yaml"), atomically: false, encoding: .utf8)
        try test.product.write(to: directory.appendingPathComponent("p/p.yaml"), atomically: false, encoding: .utf8)
        let (_, diagnostics) = PolicyLoader.load(directory: directory.path)
        let seen = diagnostics.sorted.map { "\($0.severity.rawValue) \($0.message.id)" }
        #expect(seen == test.expected, "\(DiagnosticFormatter(language: .en).format(diagnostics.sorted))")
    }
}
