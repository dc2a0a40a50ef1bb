import EligoDiagnostics
import EligoYAML
import Testing

@Suite("Streams of documents")
struct StreamTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var yaml: String
        /// Each document as JSON.
        var documents: [String]
        var testDescription: String { name }
    }

    @Test("documents in a stream", arguments: [
        Case(name: "empty file", yaml: "", documents: []),
        Case(name: "only comments", yaml: "# nothing\n\n# here\n", documents: []),
        Case(name: "only a BOM", yaml: "\u{FEFF}", documents: []),
        Case(name: "one implicit document", yaml: "a: 1\n", documents: [#"{"a":1}"#]),
        Case(name: "an empty explicit document", yaml: "---\n", documents: ["null"]),
        Case(name: "two empty documents", yaml: "---\n---\n", documents: ["null", "null"]),
        Case(name: "empty document with an end marker", yaml: "---\n...\n", documents: ["null"]),
        Case(name: "three documents", yaml: "a: 1\n---\nb: 2\n...\n---\nc: 3\n", documents: [#"{"a":1}"#, #"{"b":2}"#, #"{"c":3}"#]),
        Case(name: "scalar documents", yaml: "--- 1\n--- two\n--- [3]\n", documents: ["1", #""two""#, "[3]"]),
        Case(name: "anchors do not cross documents", yaml: "a: &x 1\n---\nb: 2\n", documents: [#"{"a":1}"#, #"{"b":2}"#]),
    ])
    func documents(_ testCase: Case) {
        let result = load(testCase.yaml)
        #expect(result.diagnostics.isEmpty)
        #expect(result.documents.map { $0.jsonText() } == testCase.documents)
    }

    @Test("an alias to another document's anchor is unknown")
    func anchorsAreLocal() {
        #expect(load("a: &x 1\n---\nb: *x\n").diagnostics.summaries == ["yaml.unknown-alias@3:4"])
    }

    @Test("the streaming reader yields one document at a time")
    func streaming() throws {
        let file = SourceFile(path: "applicants.yaml", text: "id: a\n---\nid: b\nid: c\n---\nid: d\n---\nid: [\n")
        let iterator = YAMLDocuments(file).makeIterator()

        let first = try #require(iterator.next())
        #expect(first.index == 0)
        #expect(first.root?["id"]?.scalar?.value == "a")
        #expect(first.diagnostics.isEmpty)

        // A recoverable problem stays with its own document.
        let second = try #require(iterator.next())
        #expect(second.index == 1)
        #expect(second.root?["id"]?.scalar?.value == "b")
        #expect(second.diagnostics.map(\.summary) == ["yaml.duplicate-key@4:1"])
        #expect(second.span.at == "2:1")

        let third = try #require(iterator.next())
        #expect(third.root?["id"]?.scalar?.value == "d")
        #expect(!third.hasErrors)

        // A syntax error gives one last document without a tree, then the end.
        let fourth = try #require(iterator.next())
        #expect(fourth.index == 3)
        #expect(fourth.root == nil)
        #expect(fourth.diagnostics.map(\.summary) == ["yaml.unclosed-flow@8:5"])
        #expect(fourth.span.at == "7:1")
        #expect(fourth.endedStream)
        #expect(!third.endedStream)
        #expect(iterator.next() == nil)
        #expect(iterator.next() == nil)
    }

    @Test("a stream read from a line on keeps the whole file's positions")
    func resumed() throws {
        let text = "id: [\n---\nid: é\nid: f\n---\nid: [\n"
        let file = SourceFile(path: "applicants.yaml", text: text)
        let start = try #require(text.utf8.firstIndex(of: UInt8(ascii: "-")).map { text.utf8.distance(from: text.utf8.startIndex, to: $0) })
        let iterator = YAMLDocuments(file, from: start).makeIterator()

        let first = try #require(iterator.next())
        #expect(first.root?["id"]?.scalar?.value == "é")
        #expect(first.span.at == "2:1")
        #expect(first.diagnostics.map(\.summary) == ["yaml.duplicate-key@4:1"])

        let second = try #require(iterator.next())
        #expect(second.root == nil)
        #expect(second.endedStream)
        #expect(second.diagnostics.map(\.summary) == ["yaml.unclosed-flow@6:5"])
        #expect(iterator.next() == nil)
    }

    @Test("a document read on its own ends at the next one's marker, and problems at its end point there")
    func bounded() throws {
        let text = "id: a\n---\nid: \"open\nmore\n---\nid: [x\n---\nid: c\n"
        let file = SourceFile(path: "applicants.yaml", text: text)
        let bytes = Array(text.utf8)
        func lineStart(_ line: Int) -> Int { file.offset(line: line, column: 1) }
        #expect(bytes[lineStart(2)] == UInt8(ascii: "-"))

        let quoted = Array(YAMLDocuments(file, from: lineStart(2), to: lineStart(5)))
        #expect(quoted.count == 1)
        #expect(quoted[0].span.at == "2:1")
        #expect(quoted[0].endedStream)
        let quote = try #require(quoted[0].diagnostics.first)
        #expect(quote.summary == "yaml.unclosed-quote@3:5")
        #expect(quote.notes.map { "\($0.message.id)@\($0.span?.location.description ?? "-")" } == ["yaml.document-marker-here@5:1"])

        let flow = Array(YAMLDocuments(file, from: lineStart(5), to: lineStart(7)))
        #expect(flow.map { $0.diagnostics.map(\.summary) } == [["yaml.unclosed-flow@6:5"]])
        #expect(flow[0].diagnostics.first?.notes.map(\.message.id) == ["yaml.document-marker-here"])

        // The last document ends with the file, as a whole file does.
        let last = Array(YAMLDocuments(file, from: lineStart(7), to: bytes.count))
        #expect(last.map { $0.root?["id"]?.scalar?.value } == ["c"])
    }

    @Test("a long stream is read lazily")
    func lazy() {
        // Stop after two documents of many: nothing past them needs to be composed.
        let text = (0..<5_000).map { "id: \($0)\n" }.joined(separator: "---\n")
        var seen = 0
        for document in YAMLDocuments(SourceFile(path: "many.yaml", text: text)) {
            #expect(document.root?["id"]?.scalar?.value == String(seen))
            seen += 1
            if seen == 2 { break }
        }
        #expect(seen == 2)
        #expect(YAMLDocuments(SourceFile(path: "many.yaml", text: text)).reduce(0) { count, _ in count + 1 } == 5_000)
    }
}
