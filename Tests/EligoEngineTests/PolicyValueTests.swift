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

    static let cases: [Case] = [
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
