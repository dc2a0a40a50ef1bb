import EligoDiagnostics
import EligoYAML
import Testing

/// Lines and columns are 1-based and count code points: a BOM does not count,
/// a tab counts 1 (spec §10, "Positions").
@Suite("Node spans and their lines and columns")
struct NodeSpanTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var yaml: String
        /// Keys from the root to the node.
        var path: [String]
        var at: String
        var text: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "plain scalar", yaml: "key: value\n", path: ["key"], at: "1:6", text: "value"),
        Case(name: "double-quoted scalar includes its quotes", yaml: "key: \"v w\"\n", path: ["key"], at: "1:6", text: "\"v w\""),
        Case(name: "single-quoted scalar includes its quotes", yaml: "key: 'it''s'\n", path: ["key"], at: "1:6", text: "'it''s'"),
        Case(name: "multi-line plain scalar", yaml: "key: a\n  b\nnext: 1\n", path: ["key"], at: "1:6", text: "a\n  b"),
        Case(name: "flow sequence", yaml: "key: [1, 2]\n", path: ["key"], at: "1:6", text: "[1, 2]"),
        Case(name: "flow mapping", yaml: "key: {a: 1}\n", path: ["key"], at: "1:6", text: "{a: 1}"),
        Case(name: "nested flow mapping", yaml: "key: {a: [x, {b: c}]}\n", path: ["key", "a"], at: "1:10", text: "[x, {b: c}]"),
        Case(
            name: "block mapping ends at its last entry", yaml: "outer:\n  a: 1\n  b: 2\n\n# comment\nnext: 3\n",
            path: ["outer"], at: "2:3", text: "a: 1\n  b: 2"
        ),
        Case(name: "block sequence", yaml: "list:\n  - a\n  - b\n", path: ["list"], at: "2:3", text: "- a\n  - b"),
        Case(name: "indentless sequence", yaml: "list:\n- a\n- b\nnext: 1\n", path: ["list"], at: "2:1", text: "- a\n- b"),
        Case(name: "root mapping", yaml: "# head\na: 1\nb: 2\n", path: [], at: "2:1", text: "a: 1\nb: 2"),
        Case(name: "key", yaml: "a: 1\nkey: 2\n", path: ["key", "<key>"], at: "2:1", text: "key"),
        Case(name: "literal block scalar ends at its last line", yaml: "rule: |\n  a\n  b\n\nnext: 1\n", path: ["rule"], at: "1:7", text: "|\n  a\n  b"),
        Case(name: "folded block scalar", yaml: "rule: >-\n  a\n", path: ["rule"], at: "1:7", text: ">-\n  a"),
        Case(name: "anchor and tag are not part of the node", yaml: "a: &x [1]\nb: !!str &y 'q'\n", path: ["b"], at: "2:13", text: "'q'"),
        Case(name: "anchored block mapping starts at its first key", yaml: "a: &x\n  b: 1\n", path: ["a"], at: "2:3", text: "b: 1"),
        Case(name: "after a BOM", yaml: "\u{FEFF}key: value\n", path: ["key"], at: "1:6", text: "value"),
        Case(name: "key after a BOM", yaml: "\u{FEFF}key: value\n", path: ["key", "<key>"], at: "1:1", text: "key"),
        Case(name: "after Chinese text", yaml: "名称: 张三\n", path: ["名称"], at: "1:5", text: "张三"),
        Case(name: "Chinese in a flow sequence", yaml: "标签: [甲, 乙]\n", path: ["标签"], at: "1:5", text: "[甲, 乙]"),
        Case(name: "emoji count one column", yaml: "😀: 1\nk: v\n", path: ["k"], at: "2:4", text: "v"),
        Case(name: "after a tab", yaml: "key:\tvalue\n", path: ["key"], at: "1:6", text: "value"),
        Case(name: "CR LF line ends", yaml: "a: 1\r\nb: 2\r\n", path: ["b"], at: "2:4", text: "2"),
        Case(name: "lone CR line ends", yaml: "a: 1\rb: 2\r", path: ["b"], at: "2:4", text: "2"),
        // libyaml also counts a line at U+2028 in a quoted string (its text to YAML 1.2, kept); positions must not drift after it.
        Case(name: "after U+2028 in a string", yaml: "a: 'x\u{2028}y'\nb: 2\n", path: ["b"], at: "2:4", text: "2"),
        Case(name: "after U+2029 in a double-quoted string", yaml: "a: \"x\u{2029}y\"\nb: 2\n", path: ["b"], at: "2:4", text: "2"),
        Case(name: "implicit flow pair", yaml: "k: [a: 1 ]\n", path: ["k", "0"], at: "1:5", text: "a: 1"),
        Case(name: "empty value sits after the colon", yaml: "a:\nb: 1\n", path: ["a"], at: "1:3", text: ""),
        Case(name: "empty value after a tag", yaml: "a: !!str\nb: 1\n", path: ["a"], at: "1:9", text: ""),
    ]

    @Test("a node's span starts where the spec says and covers its text", arguments: cases)
    func span(_ testCase: Case) throws {
        let result = load(testCase.yaml)
        #expect(result.diagnostics.isEmpty)
        var node = try #require(result.documents.first)
        for (position, key) in testCase.path.enumerated() where key != "<key>" {
            if let index = Int(key), let items = node.sequence {
                node = items[index]
                continue
            }
            let pair = try #require(node.mapping?.first { $0.key.scalar?.value == key })
            let wantsKey = position + 1 < testCase.path.count && testCase.path[position + 1] == "<key>"
            node = wantsKey ? pair.key : pair.value
        }
        #expect(node.span.at == testCase.at)
        #expect(node.span.text == testCase.text)
    }

    /// YAML 1.2 reads NEL, and LINE and PARAGRAPH SEPARATOR outside quotes, as text; libyaml
    /// (YAML 1.1) breaks the line there. Such a document is refused at the character.
    @Test("a raw line break that YAML 1.2 reads as text is an error at it", arguments: [
        ("a: \"x\u{85}y\"\n", "1:6", "U+0085"), ("a: x\u{85}y\n", "1:5", "U+0085"), ("a: &x\u{2028}  v\n", "1:6", "U+2028"),
        ("name: A\u{2028}kind: loan\n", "1:8", "U+2028"), ("a: |\n  x\u{2029}y\n", "2:4", "U+2029"), ("a: 1 # note\u{2028}b: 2\n", "1:12", "U+2028"),
        ("a: 'q\u{2028}r'\nb: s\u{2028}t\n", "2:5", "U+2028"),
    ])
    func rawLineBreaks(_ yaml: String, _ at: String, _ code: String) throws {
        let result = load(yaml)
        #expect(result.documents.isEmpty)
        // Where libyaml could not read the document at all, its own error follows.
        #expect(result.diagnostics.all.first?.message.id == "yaml.raw-line-break")
        #expect(result.diagnostics.all.dropFirst().allSatisfy { $0.message.id == "yaml.syntax" })
        #expect(result.diagnostics.all.first?.span?.at == at)
        #expect(result.diagnostics.all.first?.message.en.contains(code) == true)
    }

    /// §9: never a hang. Each separator is looked up among the quoted strings by halves, not
    /// against every one of them (200,000 of each was 4·10^10 comparisons). Kept to 20,000
    /// here: the trees stay small, and the test process's size is what the CLI tests' children
    /// inherit in their memory high-water mark.
    @Test("many separators in many quoted strings: each inside its string, the one outside found", .timeLimit(.minutes(1)))
    func manySeparators() throws {
        let count = 20_000
        let result = load(String(repeating: "- \"x\u{2028}y\"\n", count: count))
        #expect(result.diagnostics.isEmpty)
        #expect(result.documents.first?.sequence?.count == count)
        let broken = load(String(repeating: "- \"x\u{2028}y\"\n", count: count) + "- a\u{2028}b\n")
        #expect(broken.diagnostics.all.first?.span?.at == "\(count + 1):4")
    }

    @Test("line and paragraph separators inside quotes are text")
    func separatorsInQuotes() throws {
        #expect(root("a: 'x\u{2028}y'\nb: \"p\u{2029}q\"\n")?["a"]?.scalar?.value == "x\u{2028}y")
        #expect(root("a: 'x\u{2028}y'\nb: \"p\u{2029}q\"\n")?["b"]?.scalar?.value == "p\u{2029}q")
    }

    @Test("document spans")
    func documentSpans() {
        let file = SourceFile(path: "t.yaml", text: "# c\na: 1\n---\nb: 2\n...\n")
        let documents = Array(YAMLDocuments(file))
        #expect(documents.map(\.span.at) == ["2:1", "3:1"])
        #expect(documents.map(\.span.text) == ["a: 1", "---\nb: 2\n..."])
    }
}
