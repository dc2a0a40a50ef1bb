import EligoYAML
import Testing

@Suite("Scalar resolution (YAML 1.2 core schema, spec §10)")
struct ScalarResolutionTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var text: String
        var expected: YAMLNode.Resolution
        var testDescription: String { "\(text.isEmpty ? "(empty)" : text) → \(expected)" }
    }

    static let plainCases: [Case] = [
        // YAML 1.1 booleans are strings in 1.2.
        Case(text: "yes", expected: .string), Case(text: "no", expected: .string),
        Case(text: "on", expected: .string), Case(text: "off", expected: .string),
        Case(text: "NO", expected: .string), Case(text: "Yes", expected: .string),
        Case(text: "y", expected: .string), Case(text: "tRUE", expected: .string),
        // Neither underscores, dates nor percentages are numbers.
        Case(text: "1_000", expected: .string), Case(text: "2025-01-01", expected: .string),
        Case(text: "3.85%", expected: .string), Case(text: "0b101", expected: .string),
        Case(text: "0x", expected: .string), Case(text: "0o8", expected: .string),
        Case(text: ".", expected: .string), Case(text: "+", expected: .string),
        Case(text: "1e", expected: .string), Case(text: "1.2.3", expected: .string),
        Case(text: "inf", expected: .string), Case(text: "nan", expected: .string),
        Case(text: "nULL", expected: .string), Case(text: "12:30", expected: .string),
        Case(text: "true", expected: .bool(true)), Case(text: "True", expected: .bool(true)),
        Case(text: "TRUE", expected: .bool(true)), Case(text: "false", expected: .bool(false)),
        Case(text: "False", expected: .bool(false)), Case(text: "FALSE", expected: .bool(false)),
        Case(text: "null", expected: .null), Case(text: "Null", expected: .null),
        Case(text: "NULL", expected: .null), Case(text: "~", expected: .null),
        Case(text: "", expected: .null),
        Case(text: "0", expected: .int), Case(text: "42", expected: .int),
        Case(text: "-17", expected: .int), Case(text: "+5", expected: .int),
        Case(text: "007", expected: .int), Case(text: "0o17", expected: .int),
        Case(text: "0x1F", expected: .int), Case(text: "0xff", expected: .int),
        Case(text: "1.5", expected: .float), Case(text: "-0.25", expected: .float),
        Case(text: ".5", expected: .float), Case(text: "5.", expected: .float),
        Case(text: "1e10", expected: .float), Case(text: "6.02E+23", expected: .float),
        Case(text: "+.inf", expected: .float), Case(text: "-.Inf", expected: .float),
        Case(text: ".INF", expected: .float), Case(text: ".nan", expected: .float),
        Case(text: ".NaN", expected: .float), Case(text: ".NAN", expected: .float),
    ]

    @Test("plain scalars resolve by the core schema", arguments: plainCases)
    func plain(_ testCase: Case) {
        #expect(YAMLNode.Resolution(plainScalar: testCase.text) == testCase.expected)
    }

    @Test("plain scalars in a document resolve the same way", arguments: plainCases.filter { !$0.text.isEmpty })
    func inDocument(_ testCase: Case) throws {
        let node = try #require(root("value: \(testCase.text)")?["value"])
        #expect(node.scalar?.resolution == testCase.expected)
        #expect(node.scalar?.value == testCase.text)
    }

    @Test("quoted and block scalars are always strings", arguments: [
        "'true'", "\"42\"", "'null'", "\"\"", "|\n  true\n", ">\n  1.5\n",
    ])
    func quotedAreStrings(_ text: String) throws {
        let node = try #require(root("value: \(text)")?["value"])
        #expect(node.scalar?.resolution == .string)
    }

    @Test("an empty value is null")
    func emptyValue() throws {
        let node = try #require(root("value:\nother: 1\n"))
        #expect(node["value"]?.isNull == true)
        #expect(node["value"]?.scalar?.value == "")
    }

    struct TagCase: CustomTestStringConvertible, Sendable {
        var yaml: String
        var expected: YAMLNode.Resolution
        var error: String?
        var testDescription: String { yaml }
    }

    @Test("tags force or check a resolution", arguments: [
        TagCase(yaml: "!!str 42", expected: .string),
        TagCase(yaml: "!!str true", expected: .string),
        TagCase(yaml: "! 42", expected: .string),
        TagCase(yaml: "!!int \"42\"", expected: .int),
        TagCase(yaml: "!!int 0x1F", expected: .int),
        TagCase(yaml: "!!float 1", expected: .float),
        TagCase(yaml: "!!float '-.inf'", expected: .float),
        TagCase(yaml: "!!bool 'false'", expected: .bool(false)),
        TagCase(yaml: "!!null ''", expected: .null),
        TagCase(yaml: "!!int abc", expected: .string, error: "yaml.tag-value@1:14"),
        TagCase(yaml: "!!float 0x1F", expected: .string, error: "yaml.tag-value@1:16"),
        TagCase(yaml: "!!bool yes", expected: .string, error: "yaml.tag-value@1:15"),
        TagCase(yaml: "!!null 0", expected: .string, error: "yaml.tag-value@1:15"),
        TagCase(yaml: "!!timestamp 2025-01-01", expected: .string, error: "yaml.unknown-tag@1:20"),
        TagCase(yaml: "!custom x", expected: .string, error: "yaml.unknown-tag@1:16"),
        TagCase(yaml: "!!map x", expected: .string, error: "yaml.tag-mismatch@1:14"),
    ])
    func tags(_ testCase: TagCase) throws {
        let result = load("value: \(testCase.yaml)")
        let node = try #require(result.documents.first?["value"])
        #expect(node.scalar?.resolution == testCase.expected)
        #expect(result.diagnostics.summaries == (testCase.error.map { [$0] } ?? []))
        #expect(node.tag?.hasPrefix("!") == true)
    }

    @Test("a !!str tag is kept in its short form")
    func shortTag() throws {
        let node = try #require(root("value: !!str 42")?["value"])
        #expect(node.tag == "!!str")
        #expect(node.span.text == "42")
    }

    @Test("collection tags must match the collection")
    func collectionTags() {
        #expect(load("a: !!seq [1]\nb: !!map {x: 1}\n").diagnostics.isEmpty)
        #expect(load("a: !!map [1]\n").diagnostics.summaries == ["yaml.tag-mismatch@1:10"])
        #expect(load("a: !!set {x: 1}\n").diagnostics.summaries == ["yaml.unknown-tag@1:10"])
    }
}
