import EligoDiagnostics
import EligoYAML
import Testing

/// Expression errors are reported at the token inside a YAML value, so every
/// byte of a value must map back to the file through quotes, escapes, folding
/// and block indentation.
@Suite("Value offsets map value bytes back to the file")
struct ValueOffsetsTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var yaml: String
        /// The expected value of `rule`, to be sure the case tests what it says.
        var value: String
        var token: String
        var at: String
        /// The file text the token's span covers.
        var source: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "plain", yaml: "rule: age >= 18", value: "age >= 18", token: ">=", at: "1:11", source: ">="),
        Case(name: "plain after Chinese text", yaml: "规则: 年龄 >= 18", value: "年龄 >= 18", token: ">=", at: "1:8", source: ">="),
        Case(name: "plain Chinese token", yaml: "规则: 年龄 >= 18", value: "年龄 >= 18", token: "年龄", at: "1:5", source: "年龄"),
        Case(name: "plain after a BOM", yaml: "\u{FEFF}rule: x > 1", value: "x > 1", token: "x", at: "1:7", source: "x"),
        Case(name: "plain after a tab", yaml: "rule: a\t> 1", value: "a\t> 1", token: ">", at: "1:9", source: ">"),
        Case(
            name: "multi-line plain", yaml: "rule: age >= 18 and\n  income > 100\n",
            value: "age >= 18 and income > 100", token: "income", at: "2:3", source: "income"
        ),
        Case(
            name: "token across a folded line", yaml: "rule: age >= 18 and\n  income > 100\n",
            value: "age >= 18 and income > 100", token: "and income", at: "1:17", source: "and\n  income"
        ),
        Case(name: "plain with a blank line", yaml: "rule: a\n\n  b\n", value: "a\nb", token: "b", at: "3:3", source: "b"),
        Case(name: "plain with trailing blanks", yaml: "rule: a   \n  b\n", value: "a b", token: "b", at: "2:3", source: "b"),
        Case(name: "plain with CR LF", yaml: "rule: a and\r\n  b\r\n", value: "a and b", token: "b", at: "2:3", source: "b"),
        Case(
            name: "single-quoted with ''", yaml: "rule: 'name == ''x'' and y'",
            value: "name == 'x' and y", token: "'x'", at: "1:16", source: "''x''"
        ),
        Case(
            name: "single-quoted after ''", yaml: "rule: 'name == ''x'' and y'",
            value: "name == 'x' and y", token: "y", at: "1:26", source: "y"
        ),
        Case(name: "single-quoted multi-line", yaml: "rule: 'a and\n  b'\n", value: "a and b", token: "b", at: "2:3", source: "b"),
        Case(
            name: "single-quoted with U+2028", yaml: "rule: 'a\u{2028}b'", value: "a\u{2028}b", token: "b", at: "1:10", source: "b"
        ),
        Case(
            name: "double-quoted with \\\"", yaml: #"rule: "name == \"Zoë\" and b > 1""#,
            value: #"name == "Zoë" and b > 1"#, token: #""Zoë""#, at: "1:16", source: #"\"Zoë\""#
        ),
        Case(
            name: "double-quoted after \\\"", yaml: #"rule: "name == \"Zoë\" and b > 1""#,
            value: #"name == "Zoë" and b > 1"#, token: "b", at: "1:28", source: "b"
        ),
        Case(name: "double-quoted \\u00e9", yaml: #"rule: "caf\u00e9 == x""#, value: "café == x", token: "é", at: "1:11", source: #"\u00e9"#),
        Case(name: "double-quoted after \\u00e9", yaml: #"rule: "caf\u00e9 == x""#, value: "café == x", token: "x", at: "1:21", source: "x"),
        Case(name: "double-quoted \\x41", yaml: #"rule: "\x41\tB""#, value: "A\tB", token: "A", at: "1:8", source: #"\x41"#),
        Case(name: "double-quoted after \\t", yaml: #"rule: "\x41\tB""#, value: "A\tB", token: "B", at: "1:14", source: "B"),
        Case(name: "double-quoted \\U", yaml: #"rule: "\U0001F600 x""#, value: "😀 x", token: "x", at: "1:19", source: "x"),
        Case(
            name: "double-quoted escaped line break", yaml: "rule: \"a and \\\n  b\"\n",
            value: "a and b", token: "b", at: "2:3", source: "b"
        ),
        Case(name: "double-quoted blank line", yaml: "rule: \"a\n  \n  b\"\n", value: "a\nb", token: "b", at: "3:3", source: "b"),
        Case(
            name: "literal block", yaml: "rule: |\n  age >= 18\n  and income > 1\n",
            value: "age >= 18\nand income > 1\n", token: "income", at: "3:7", source: "income"
        ),
        Case(
            name: "literal block with Chinese", yaml: "规则: |\n  名称 == \"张三\"\n",
            value: "名称 == \"张三\"\n", token: "张三", at: "2:10", source: "张三"
        ),
        Case(
            name: "folded block", yaml: "rule: >\n  age >= 18\n  and b\n",
            value: "age >= 18 and b\n", token: "b", at: "3:7", source: "b"
        ),
        Case(
            name: "folded token across lines", yaml: "rule: >\n  age >= 18\n  and b\n",
            value: "age >= 18 and b\n", token: "18 and", at: "2:10", source: "18\n  and"
        ),
        Case(
            name: "folded strip with a more-indented line", yaml: "rule: >-\n  a\n    b\n  c\n",
            value: "a\n  b\nc", token: "c", at: "4:3", source: "c"
        ),
        Case(
            name: "literal keep with trailing lines", yaml: "rule: |+\n  a\n\n  b\n\n",
            value: "a\n\nb\n\n", token: "b", at: "4:3", source: "b"
        ),
        Case(
            name: "indentation indicator in a nested mapping", yaml: "outer:\n  rule: |2\n      x > 1\n",
            value: "  x > 1\n", token: "x", at: "3:7", source: "x"
        ),
        Case(
            name: "indentation indicator at the top", yaml: "rule: |1\n  x > 1\n",
            value: " x > 1\n", token: "x", at: "2:3", source: "x"
        ),
        Case(
            name: "block scalar after a tag and anchor", yaml: "rule: !!str &r |\n  a or b\n",
            value: "a or b\n", token: "or", at: "2:5", source: "or"
        ),
    ]

    @Test("a token's value range maps to its line and column", arguments: cases)
    func token(_ testCase: Case) throws {
        let result = load(testCase.yaml)
        #expect(result.diagnostics.isEmpty)
        let document = try #require(result.documents.first)
        let rule = try #require(document["rule"] ?? document["规则"] ?? document["outer"]?["rule"])
        let scalar = try #require(rule.scalar)
        #expect(scalar.value == testCase.value)
        #expect(rule.valueOffsets.count == scalar.value.utf8.count + 1)
        let range = try #require(byteRange(of: testCase.token, in: scalar.value))
        let span = rule.valueSpan(range)
        #expect(span.at == testCase.at)
        #expect(span.text == testCase.source)
    }

    struct EndCase: CustomTestStringConvertible, Sendable {
        var yaml: String
        var at: String
        var testDescription: String { yaml.debugDescription }
    }

    @Test("the end of a value sits after its last character", arguments: [
        EndCase(yaml: "rule: a > 1", at: "1:12"),
        EndCase(yaml: "rule: \"a >\"", at: "1:11"),
        EndCase(yaml: "rule: 'a >'", at: "1:11"),
        EndCase(yaml: "rule: |\n  a >\n", at: "2:6"),
        EndCase(yaml: "rule: \"\"", at: "1:8"),
    ])
    func end(_ testCase: EndCase) throws {
        let rule = try #require(root(testCase.yaml)?["rule"])
        let count = try #require(rule.scalar?.value.utf8.count)
        #expect(rule.valueSpan(count..<count).at == testCase.at)
    }

    @Test("offsets are exact for every byte of a mixed document")
    func everyByte() throws {
        // Wherever the value has the same character as the source, they must line up.
        let yaml = "a: plain text\nb: 'it''s'\nc: \"tab\\there\"\nd: |\n  one\n  two\n"
        let document = try #require(root(yaml))
        let file = SourceFile(path: "x", text: yaml)
        for pair in try #require(document.mapping) {
            let value = try #require(pair.value.scalar?.value)
            for (index, byte) in value.utf8.enumerated() where byte != 0x0A && byte != 0x09 && byte != 0x27 {
                #expect(file.bytes[pair.value.valueOffsets[index]] == byte, "\(pair.key.scalar?.value ?? "") byte \(index)")
            }
        }
    }

    func byteRange(of token: String, in value: String) -> Range<Int>? {
        let haystack = Array(value.utf8)
        let needle = Array(token.utf8)
        guard needle.count <= haystack.count else { return nil }
        for start in 0...(haystack.count - needle.count) where Array(haystack[start..<(start + needle.count)]) == needle {
            return start..<(start + needle.count)
        }
        return nil
    }
}
