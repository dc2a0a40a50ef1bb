import EligoDiagnostics
import EligoYAML
import Testing

/// Spec §9: bad input gets a clear error, never a crash or a hang.
@Suite("Limits on hostile documents")
struct LimitsTests {
    /// Nine levels of anchors, each aliasing the level below ten times: 10⁹ nodes if expanded.
    static let aliasBomb: String = {
        var lines = ["a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]"]
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        for (below, name) in zip(names, names.dropFirst()) {
            lines.append("\(name): &\(name) [" + Array(repeating: "*\(below)", count: 10).joined(separator: ", ") + "]")
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    @Test("an alias bomb is refused, not expanded")
    func aliasBomb() throws {
        let result = load(Self.aliasBomb)
        #expect(result.documents.isEmpty)
        #expect(result.diagnostics.summaries == ["yaml.alias-expansion@4:36"])
        let message = try #require(result.diagnostics.all.first?.message)
        #expect(message.en == "aliases in this document expand to more than 10000 nodes")
        #expect(message.zh.contains("10000"))
    }

    @Test("aliases within the budget expand")
    func aliasesWithinBudget() throws {
        // 100 aliases of an 11-node sequence add 1,100 nodes.
        let yaml = "a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\nb: [" + Array(repeating: "*a", count: 100).joined(separator: ", ") + "]\n"
        let result = load(yaml)
        #expect(result.diagnostics.isEmpty)
        #expect(result.documents.first?["b"]?.sequence?.count == 100)
        #expect(load(yaml, limits: YAMLLimits(maxAliasExpansion: 1_099)).diagnostics.summaries == ["yaml.alias-expansion@2:401"])
    }

    static func nested(_ depth: Int) -> String {
        String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
    }

    @Test("64 nested flow sequences are accepted")
    func depth64() throws {
        let result = load(Self.nested(64))
        #expect(result.diagnostics.isEmpty)
        var node = try #require(result.documents.first)
        var depth = 1
        while let inner = node.sequence?.first {
            node = inner
            depth += 1
        }
        #expect(depth == 64)
    }

    @Test("65 nested flow sequences are refused at the 65th")
    func depth65() {
        let result = load(Self.nested(65))
        #expect(result.documents.isEmpty)
        #expect(result.diagnostics.summaries == ["yaml.too-deep@1:65"])
    }

    @Test("very deep nesting is refused quickly")
    func depthHuge() {
        #expect(load(Self.nested(100_000)).diagnostics.summaries == ["yaml.too-deep@1:65"])
    }

    @Test("an alias cannot smuggle in extra depth")
    func depthThroughAlias() {
        let limits = YAMLLimits(maxDepth: 4)
        #expect(load("a: &x [[1]]\nb: [*x]\n", limits: limits).diagnostics.isEmpty)
        #expect(load("a: &x [[1]]\nb: [[*x]]\n", limits: limits).diagnostics.summaries == ["yaml.too-deep@2:6"])
    }

    @Test("a file over 8 MiB is refused before parsing")
    func documentTooLarge() throws {
        var bytes = Array("a: ".utf8)
        bytes += Array(repeating: UInt8(ascii: "x"), count: 8 << 20)
        let result = load(bytes: bytes)
        #expect(result.documents.isEmpty)
        #expect(result.diagnostics.summaries == ["yaml.document-too-large@-"])
        #expect(result.diagnostics.all.first?.path == "test.yaml")
    }

    @Test("each document of a stream is held to the size limit")
    func streamedDocumentTooLarge() {
        let file = SourceFile(path: "t.yaml", text: "a: 1\n---\nb: [1, 2, 3, 4, 5, 6, 7, 8, 9]\n---\nc: 3\n")
        let documents = Array(YAMLDocuments(file, limits: YAMLLimits(maxDocumentBytes: 20)))
        #expect(documents.map { $0.root != nil } == [true, false, true])
        #expect(documents[1].diagnostics.map(\.summary) == ["yaml.document-too-large@2:1"])
    }

    @Test("a 70 KiB scalar is refused; 64 KiB is fine")
    func scalarTooLong() {
        // The value becomes null and the rest of the document is kept (a record keeps its id).
        let long = load("a: " + String(repeating: "x", count: 70 << 10) + "\nb: 2\n")
        #expect(long.documents.count == 1)
        #expect(long.documents.first?["a"]?.isNull == true)
        #expect(long.documents.first?["b"]?.scalar?.value == "2")
        #expect(long.diagnostics.summaries == ["yaml.scalar-too-long@1:4"])
        #expect(load("a: " + String(repeating: "x", count: 64 << 10) + "\n").diagnostics.isEmpty)
    }

    @Test("a limit stops only its own document")
    func limitIsPerDocument() {
        let limits = YAMLLimits(maxAliasExpansion: 4)
        let result = load("a: *missing\n---\nb: &x [1, 2]\nc: [*x, *x]\n---\nd: 2\n", limits: limits)
        #expect(result.documents.count == 2)
        #expect(result.diagnostics.summaries == ["yaml.unknown-alias@1:4", "yaml.alias-expansion@4:9"])
    }

    @Test("nesting too deep ends the stream: skipping it could take very long")
    func depthEndsStream() {
        let result = load("a: 1\n---\n" + Self.nested(65) + "\n---\nb: 2\n")
        #expect(result.documents.count == 1)
        #expect(result.diagnostics.summaries == ["yaml.too-deep@3:65"])
    }

    @Test("skipping a refused document stops at deep nesting")
    func skipStopsAtDepth() {
        let file = SourceFile(path: "t.yaml", text: "a: 1\n---\n" + Self.nested(100_000) + "\n---\nb: 2\n")
        let documents = Array(YAMLDocuments(file, limits: YAMLLimits(maxDocumentBytes: 50)))
        #expect(documents.count == 2)
        #expect(documents[1].diagnostics.map(\.summary) == ["yaml.document-too-large@2:1", "yaml.too-deep@3:65"])
    }
}
