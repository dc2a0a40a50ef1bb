import EligoDiagnostics
@testable import EligoYAML
import Testing

@Suite("Composing documents: keys, aliases, fallbacks")
struct ComposerTests {
    @Test("a duplicate key is an error at the second key with a note at the first")
    func duplicateKey() throws {
        let result = load("a: 1\nb: 2\na: 3\n")
        let diagnostic = try #require(result.diagnostics.all.first)
        #expect(result.diagnostics.summaries == ["yaml.duplicate-key@3:1"])
        #expect(diagnostic.notes.map { $0.span?.at } == ["1:1"])
        #expect(diagnostic.notes.first?.message.id == "yaml.first-key")
        #expect(diagnostic.message.en == "duplicate key 'a'")
        #expect(diagnostic.message.zh == "重复的键“a”")
        // The first pair is kept, the repeated one dropped: keys stay unique.
        let document = try #require(result.documents.first)
        #expect(document.mapping?.count == 2)
        #expect(document["a"]?.scalar?.value == "1")
    }

    @Test("keys are compared by their value, whatever their style", arguments: [
        ("1: a\n'1': b\n", "2:1"),
        ("{x: 1, \"x\": 2}", "1:8"),
        ("outer:\n  k: 1\n  k: 2\n", "3:3"),
        ("- a: 1\n  a: 2\n", "2:3"),
    ])
    func duplicateByValue(_ yaml: String, _ at: String) {
        #expect(load(yaml).diagnostics.summaries == ["yaml.duplicate-key@\(at)"])
    }

    @Test("duplicates are found in large mappings too")
    func duplicateInLargeMapping() {
        let yaml = (0..<40).map { "k\($0): \($0)\n" }.joined() + "k3: again\n"
        let result = load(yaml)
        #expect(result.diagnostics.summaries == ["yaml.duplicate-key@41:1"])
        #expect(result.diagnostics.all.first?.notes.first?.span?.at == "4:1")
        #expect(result.documents.first?.mapping?.count == 40)
    }

    @Test("equal keys in different mappings are fine")
    func sameKeyElsewhere() {
        #expect(load("a: {k: 1}\nb: {k: 2}\nk: 3\n").diagnostics.isEmpty)
    }

    @Test("a key must be a scalar", arguments: [
        ("? [a, b]\n: 1\n", "yaml.non-scalar-key@1:3"),
        ("{[a]: 1}", "yaml.non-scalar-key@1:2"),
        ("? {a: 1}\n: 1\n", "yaml.non-scalar-key@1:3"),
        ("base: &b [1]\n*b : 2\n", "yaml.non-scalar-key@1:10"),
    ])
    func nonScalarKey(_ yaml: String, _ expected: String) throws {
        let result = load(yaml)
        #expect(result.diagnostics.summaries == [expected])
        let message = try #require(result.diagnostics.all.first?.message)
        #expect(message.en.hasPrefix("a key must be a scalar"))
    }

    @Test("<< is an ordinary key, not a merge")
    func mergeKeyIsOrdinary() throws {
        let document = try #require(root("base: &b {x: 1}\nderived:\n  <<: *b\n  y: 2\n"))
        let derived = try #require(document["derived"])
        #expect(derived.mapping?.map { $0.key.scalar?.value } == ["<<", "y"])
        #expect(derived["<<"]?["x"]?.scalar?.value == "1")
        #expect(derived["x"] == nil)
    }

    @Test("an alias is a copy of its anchored node, located at the anchor")
    func aliasCopies() throws {
        let document = try #require(root("a: &x [1, {k: v}]\nb: *x\n"))
        let copy = try #require(document["b"]?.sequence)
        #expect(copy.count == 2)
        #expect(copy[1]["k"]?.scalar?.value == "v")
        #expect(copy[1]["k"]?.span.at == "1:15")
    }

    @Test("an anchor can be redefined; aliases see the latest")
    func anchorRedefined() throws {
        let document = try #require(root("a: &x 1\nb: &x 2\nc: *x\n"))
        #expect(document["c"]?.scalar?.value == "2")
    }

    @Test("an unknown alias is an error", arguments: [
        ("a: *nope\n", "yaml.unknown-alias@1:4"),
        // An alias inside its own anchor's node is not defined yet.
        ("a: &x [*x]\n", "yaml.unknown-alias@1:8"),
    ])
    func unknownAlias(_ yaml: String, _ expected: String) throws {
        let result = load(yaml)
        #expect(result.diagnostics.summaries == [expected])
        #expect(result.documents.count == 1)
    }

    @Test("a re-scan that disagrees with libyaml maps every byte to the scalar's start")
    func fallback() {
        let bytes = Array("k: 'abc'".utf8)
        let table = ScalarOffsets.table(bytes: bytes, start: 3, end: 8, style: .singleQuoted, value: "xyz", parentIndent: -1)
        #expect(table.offsets == [3, 3, 3, 3])
    }

    /// Awkward but valid scalars: the re-scan must reproduce libyaml exactly (no fallback).
    static let corpus: [String] = [
        "a: b c  d",
        "a: 'x  ''  y'",
        "a: ' lead and trail  '",
        "a: \"\\0\\a\\b\\t\\n\\v\\f\\r\\e\\ \\\"\\/\\\\\\N\\_\\L\\P\"",
        "a: \"x\\\n\n  y\"",
        "a: \"x  \\\n   y\"",
        "a: 'x\n\n\n  y'",
        "a: \"\n  x\n  \"",
        "a: x\n\n\n  y\n  z",
        "a: |\n\n  x\n\n  y\n\n\n",
        "a: |-\n  x\n\n",
        "a: |+\n  x\n\n",
        "a: >\n  x\n  y\n\n  z\n   w\n  v\n",
        "a: >2-\n   x\n  y\n",
        "a: |  # comment\n  x\n",
        "- |\n  in a sequence\n- >+\n  folded\n\n",
        "a:\n  - b: |3\n       deep\n",
        "|\n top level\n",
        "[a b, 'c\n  d', \"e\\tf\"]",
        "a: \"tab\tinside\"",
        "a: 'é''ü'",
        "a: \"\\u4E2D\\U0001F600\\x7F\"",
        "a: x\r\n  y\r\n",
        "a: |\r\n  x\r\n  y\r\n",
    ]

    @Test("awkward scalars keep exact offsets", arguments: corpus)
    func noFallback(_ yaml: String) throws {
        let result = load(yaml)
        #expect(result.diagnostics.isEmpty)
        let document = try #require(result.documents.first)
        for scalar in scalars(in: document) where (scalar.scalar?.value.utf8.count ?? 0) > 1 {
            let offsets = scalar.valueOffsets
            #expect(Set(offsets.dropLast()).count > 1 || Set(scalar.scalar?.value.utf8 ?? "".utf8).count <= 1, "fallback for \(scalar.scalar?.value.debugDescription ?? "")")
            #expect(zip(offsets, offsets.dropFirst()).allSatisfy { $0 <= $1 }, "offsets go backwards")
        }
    }

    func scalars(in node: YAMLNode) -> [YAMLNode] {
        switch node.content {
        case .scalar: [node]
        case .sequence(let items): items.flatMap(scalars)
        case .mapping(let pairs): pairs.flatMap { scalars(in: $0.key) + scalars(in: $0.value) }
        }
    }
}
