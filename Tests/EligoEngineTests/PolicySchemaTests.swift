import EligoDiagnostics
import EligoYAML
import Foundation
import Testing

/// The JSON Schemas that editors use must accept every real policy file and
/// reject the broken examples; otherwise authors get false squiggles or none.
///
/// Policy files are turned into JSON by Eligo's own YAML loader and checked with
/// Python's `jsonschema` (installed by `.ci/run`), one process for all files.
@Suite struct PolicySchemaTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Case: Codable {
        var name: String
        var schema: String
        var document: String
        var shouldPass: Bool
    }

    static func yamlCases() throws -> [Case] {
        let policies = root.appendingPathComponent("Policies")
        let enumerator = FileManager.default.enumerator(atPath: policies.path)
        var cases: [Case] = []
        while let relative = enumerator?.nextObject() as? String {
            guard relative.hasSuffix(".yaml"), !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { continue }
            let url = policies.appendingPathComponent(relative)
            let file = SourceFile(path: relative, bytes: Array(try Data(contentsOf: url)))
            let (documents, diagnostics) = YAMLLoader.load(file)
            #expect(!diagnostics.hasErrors, "\(relative) does not load")
            guard let document = documents.first else { continue }
            let schema = relative == "fields.yaml" ? "fields.schema.json" : "product.schema.json"
            cases.append(Case(name: "Policies/" + relative, schema: schema, document: document.jsonText(), shouldPass: true))
        }
        return cases.sorted { $0.name < $1.name }
    }

    static func exampleCases() throws -> [Case] {
        var cases: [Case] = []
        for (folder, shouldPass) in [("valid", true), ("invalid", false)] {
            let directory = root.appendingPathComponent("Schemas/examples/\(folder)")
            for name in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() where name.hasSuffix(".json") {
                let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
                let schema = name.hasPrefix("fields") ? "fields.schema.json" : "product.schema.json"
                cases.append(Case(name: "\(folder)/\(name)", schema: schema, document: text, shouldPass: shouldPass))
            }
        }
        return cases
    }

    /// Runs every case through jsonschema and returns the names whose verdict was wrong.
    static func misjudged(_ cases: [Case]) throws -> [String] {
        let script = """
            import json, sys, jsonschema
            root = sys.argv[1]
            cases = json.load(sys.stdin)
            schemas = {}
            wrong = []
            for case in cases:
                if case["schema"] not in schemas:
                    with open(root + "/Schemas/" + case["schema"]) as f:
                        schema = json.load(f)
                    jsonschema.Draft202012Validator.check_schema(schema)
                    schemas[case["schema"]] = jsonschema.Draft202012Validator(schema)
                errors = list(schemas[case["schema"]].iter_errors(json.loads(case["document"])))
                if (not errors) != case["shouldPass"]:
                    wrong.append(case["name"] + ": " + ("; ".join(e.message for e in errors[:3]) or "accepted"))
            print(json.dumps(wrong))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, root.path]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(try JSONEncoder().encode(cases))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            Issue.record("python3 with the jsonschema package is needed for this test (.ci/run installs it)")
            return []
        }
        return try JSONDecoder().decode([String].self, from: data)
    }

    @Test func everyPolicyFileMatchesItsSchema() throws {
        let cases = try Self.yamlCases()
        #expect(cases.count >= 2)
        #expect(try Self.misjudged(cases) == [])
    }

    @Test func schemaExamplesAreJudgedAsLabelled() throws {
        let cases = try Self.exampleCases()
        #expect(cases.contains { !$0.shouldPass })
        #expect(try Self.misjudged(cases) == [])
    }
}
