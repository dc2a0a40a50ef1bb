import EligoDiagnostics
import EligoEngine
import Foundation
import Testing

/// A budget's `order` ranks approved applicants by fields of one value each (§7); a list
/// field, which ranking could not use, is rejected at its entry.
@Suite struct BudgetOrderTests {
    static let catalog = """
        fields:
          id: {type: string, required: true}
          applied_on: {type: date}
          merit: {type: int}
          county: {type: enum, values: [a, b]}
          flagged: {type: bool}
          crops: {type: list, of: string}
          plots: {type: list, of: int}
        """

    static func product(_ order: String) -> String {
        """
        id: p
        version: "1"
        name: P
        kind: grant
        effective: {from: 2025-01-01}
        award:
          amount: 1000
        budget:
          slots: 2
          order: \(order)
        """
    }

    @Test(arguments: [
        ("[applied_on, merit, county, flagged, id]", []),
        ("[applied_on, crops]", ["policy.order-list-field@10:23"]),
        ("[plots, crops]", ["policy.order-list-field@10:11", "policy.order-list-field@10:18"]),
        ("[crop]", ["policy.unknown-field@10:11"]),
    ] as [(String, [String])])
    func listFieldsAreRejected(_ order: String, _ expected: [String]) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("eligo-order-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("p"), withIntermediateDirectories: true)
        try Self.catalog.write(to: directory.appendingPathComponent("fields.yaml"), atomically: false, encoding: .utf8)
        try Self.product(order).write(to: directory.appendingPathComponent("p/p.yaml"), atomically: false, encoding: .utf8)
        let (policies, diagnostics) = PolicyLoader.load(directory: directory.path)
        #expect(diagnostics.sorted.map { "\($0.message.id)@\($0.location?.description ?? "-")" } == expected)
        #expect((policies != nil) == expected.isEmpty)
        if let list = diagnostics.sorted.first(where: { $0.message.id == "policy.order-list-field" }) {
            #expect(list.message.en.hasSuffix("is a list field; a budget's 'order' ranks by fields of one value each (numbers, money, dates, texts, booleans)"))
            #expect(!list.message.zh.isEmpty)
        }
    }
}
