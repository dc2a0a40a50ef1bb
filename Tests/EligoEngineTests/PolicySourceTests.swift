import EligoEngine
import Foundation
import Testing

/// What the paths given to `eligo validate` and `eligo test` stand for: directories and
/// catalogs in place, product files grouped by the nearest catalog above them.
@Suite("policy sources")
struct PolicySourceTests {
    static let catalog = """
        fields:
          id: {type: string, required: true}
          age: {type: int}

        """

    static func product(_ id: String) -> String {
        """
        id: \(id)
        version: "1"
        name: \(id)
        kind: insurance
        effective: {from: 2025-01-01}
        eligibility:
          - {id: adult, rule: age >= 18}
        tests:
          - name: an adult
            as_of: 2025-06-01
            applicant: {id: T1, age: 40}
            expect: {outcome: approve}

        """
    }

    /// `root/fields.yaml`, `root/a/x.yaml`, `root/a/y.yaml`, and a nested tree `root/b/` with its
    /// own `fields.yaml` and `z.yaml`.
    static func tree() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("eligo-sources-\(UUID().uuidString)")
        let files = [
            "fields.yaml": catalog, "a/x.yaml": product("x"), "a/y.yaml": product("y"), "b/fields.yaml": catalog, "b/z.yaml": product("z"),
        ]
        for (name, text) in files {
            let url = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: false, encoding: .utf8)
        }
        return root
    }

    enum Expected: Equatable {
        case directory(String)
        case catalog(String)
        case products([String], catalog: String)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var paths: [String]
        var expected: [Expected]
        var products: [[String]]
        var testDescription: String { paths.joined(separator: " ") }
    }

    static let cases = [
        Case(paths: ["b"], expected: [.directory("b")], products: [["z"]]),
        Case(paths: ["fields.yaml"], expected: [.catalog("fields.yaml")], products: [[]]),
        Case(paths: ["a/x.yaml"], expected: [.products(["a/x.yaml"], catalog: "fields.yaml")], products: [["x"]]),
        Case(paths: ["b/z.yaml"], expected: [.products(["b/z.yaml"], catalog: "b/fields.yaml")], products: [["z"]]),
        Case(
            paths: ["a/y.yaml", "b/z.yaml", "a/x.yaml", "b"],
            expected: [.directory("b"), .products(["a/y.yaml", "a/x.yaml"], catalog: "fields.yaml")],
            products: [["z"], ["y", "x"]]),
        // Each file once, however many paths reach it: not its own duplicate id, its problems told once.
        Case(paths: ["a/x.yaml", "a/x.yaml"], expected: [.products(["a/x.yaml"], catalog: "fields.yaml")], products: [["x"]]),
        Case(paths: ["a/x.yaml", "a/../a/x.yaml", "a"], expected: [.products(["a/x.yaml", "a/y.yaml"], catalog: "fields.yaml")], products: [["x", "y"]]),
        Case(
            paths: ["a/x.yaml", "b/z.yaml", "b", "b/fields.yaml"], expected: [.directory("b"), .products(["a/x.yaml"], catalog: "fields.yaml")],
            products: [["z"], ["x"]]),
        Case(paths: ["b", "b/.", "b/z.yaml"], expected: [.directory("b")], products: [["z"]]),
    ]

    @Test("each path is a directory, a catalog or a product file tested against its nearest catalog", arguments: cases)
    func sources(_ check: Case) throws {
        let root = try Self.tree()
        defer { try? FileManager.default.removeItem(at: root) }
        let prefix = root.path + "/"
        let absolute = { (path: String) in prefix + path }
        let relative = { (path: String) in String(path.dropFirst(prefix.count)) }
        let sources = PolicyLoader.sources(for: check.paths.map(absolute), defaultDirectory: "Policies")
        let seen: [Expected] = sources.map { source in
            switch source {
            case .directory(let path): .directory(relative(path))
            case .catalog(let path): .catalog(relative(path))
            case .products(let paths, let catalog): .products(paths.map(relative), catalog: relative(catalog))
            }
        }
        #expect(seen == check.expected)
        let loaded = sources.map { PolicyLoader.load($0).0?.products.map(\.id) }
        #expect(loaded == check.products)
    }

    @Test("a product file with no catalog above it is checked against the default directory's")
    func defaultCatalog() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("eligo-sources-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("loose.yaml").path
        try Self.product("loose").write(toFile: file, atomically: false, encoding: .utf8)
        let sources = PolicyLoader.sources(for: [file], defaultDirectory: "no-such-policies")
        #expect(sources == [.products([file], catalog: "no-such-policies/fields.yaml")])
        let (policies, diagnostics) = PolicyLoader.load(sources[0])
        #expect(policies == nil)
        #expect(diagnostics.all.map(\.message.id) == ["policy.catalog-missing"])
    }
}
