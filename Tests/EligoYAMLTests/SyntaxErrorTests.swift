import EligoDiagnostics
import EligoYAML
import Testing

@Suite("Syntax errors become located, bilingual diagnostics")
struct SyntaxErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var expected: String
        /// Where the notes point, if the diagnostic should have any.
        var notes: [String] = []
        var testDescription: String { name }

        init(_ name: String, _ yaml: String, _ expected: String, notes: [String] = []) {
            self.init(name, bytes: Array(yaml.utf8), expected, notes: notes)
        }

        init(_ name: String, bytes: [UInt8], _ expected: String, notes: [String] = []) {
            self.name = name
            self.bytes = bytes
            self.expected = expected
            self.notes = notes
        }
    }

    static let cases: [Case] = [
        Case("tab indenting a key", "a:\n\tb: 1\n", "yaml.tab-indent@2:1"),
        Case("tab indenting a sequence entry", "list:\n\t- 1\n", "yaml.tab-indent@2:1"),
        Case("tab indenting a block scalar", "a: |\n\tb\n", "yaml.tab-indent@2:1"),
        Case("invalid UTF-8 byte", bytes: Array("a: ".utf8) + [0xFF] + Array("\n".utf8), "yaml.invalid-utf8@1:4"),
        Case("truncated UTF-8 sequence", bytes: Array("a: b\nc: ".utf8) + [0xC3, 0x28], "yaml.invalid-utf8@2:4"),
        Case("UTF-16 byte order mark", bytes: [0xFF, 0xFE, 0x61, 0x00], "yaml.invalid-utf8@1:1"),
        Case("control character", "a: \u{01}\n", "yaml.control-character@1:4"),
        Case("unclosed double quote", "a: \"abc", "yaml.unclosed-quote@1:4", notes: ["1:8"]),
        Case("unclosed single quote before a newline", "a: 'abc\n", "yaml.unclosed-quote@1:4", notes: ["1:8"]),
        Case("unclosed quote over several lines", "a: \"abc\n  def\nb: 1\n", "yaml.unclosed-quote@1:4", notes: ["3:5"]),
        Case("quote cut off by a document marker", "a: 'abc\n---\nb: 1\n", "yaml.unclosed-quote@1:4", notes: ["2:1"]),
        Case("unclosed flow sequence", "a: [", "yaml.unclosed-flow@1:4", notes: ["1:5"]),
        Case("unclosed flow sequence before a newline", "a: [\n", "yaml.unclosed-flow@1:4", notes: ["1:5"]),
        Case("unclosed flow sequence with items", "a: [1, 2\n", "yaml.unclosed-flow@1:4", notes: ["1:9"]),
        Case("unclosed nested flow", "a: [1, {b: 2\n\n", "yaml.unclosed-flow@1:8", notes: ["2:1"]),
        Case("unclosed flow mapping", "a: {x: 1", "yaml.unclosed-flow@1:4", notes: ["1:9"]),
        Case("mapping value in a plain scalar", "a: b: c\n", "yaml.syntax@1:5"),
        Case("bad indentation", "a:\n  b: 1\n c: 2\n", "yaml.syntax@3:2", notes: ["1:1"]),
        Case("unknown escape", "a: \"\\q\"\n", "yaml.syntax@1:5", notes: ["1:4"]),
    ]

    @Test("libyaml's errors are located at the right line and column", arguments: cases)
    func located(_ testCase: Case) throws {
        let result = load(bytes: testCase.bytes)
        #expect(result.documents.isEmpty)
        #expect(result.diagnostics.summaries == [testCase.expected])
        let diagnostic = try #require(result.diagnostics.all.first)
        #expect(diagnostic.notes.map { $0.span?.at ?? "-" } == testCase.notes)
        // Every location is on a line that exists.
        let file = SourceFile(path: "t", bytes: testCase.bytes)
        for span in [diagnostic.span] + diagnostic.notes.map(\.span) {
            let line = try #require(span?.location.line)
            #expect(line <= max(1, file.lineCount))
        }
        #expect(!diagnostic.message.en.isEmpty && !diagnostic.message.zh.isEmpty)
    }

    @Test("well-known problems say what to do, in both languages")
    func messages() throws {
        let tab = try #require(load("a:\n\tb: 1\n").diagnostics.all.first?.message)
        #expect(tab.en == "tabs cannot indent YAML; use spaces")
        #expect(tab.zh.contains("空格"))
        let utf8 = try #require(load(bytes: [0x61, 0x3A, 0x20, 0xFF]).diagnostics.all.first?.message)
        #expect(utf8.en == "the file is not valid UTF-8")
        #expect(utf8.zh == "文件不是有效的 UTF-8 编码")
        let flow = try #require(load("a: [").diagnostics.all.first?.message)
        #expect(flow.en == "this '[' is never closed with ']'")
        let quote = try #require(load("a: 'x").diagnostics.all.first?.message)
        #expect(quote.en == "this quoted string is never closed")
    }

    @Test("other libyaml problems keep their English, with Chinese around it")
    func passThrough() throws {
        let known = try #require(load("a: b: c\n").diagnostics.all.first?.message)
        #expect(known.en == "mapping values are not allowed in this context")
        #expect(known.zh.hasPrefix("此处不允许出现映射值"))
        let other = try #require(load("%FOO\n---\na: 1\n%BAR").diagnostics.all.first?.message)
        #expect(other.id == "yaml.syntax")
        #expect(other.zh.hasPrefix("YAML 语法错误："))
        #expect(other.zh.hasSuffix(other.en))
    }

    @Test("a syntax error keeps the documents before it")
    func keepsEarlierDocuments() {
        let result = load("a: 1\n---\nb: 2\n---\nc: [\n")
        #expect(result.documents.map { $0.mapping?.first?.key.scalar?.value } == ["a", "b"])
        #expect(result.diagnostics.summaries == ["yaml.unclosed-flow@5:4"])
    }
}
