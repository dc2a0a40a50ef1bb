import EligoDiagnostics
import EligoYAML
import Foundation
import Testing
import _EligoTestSupport

/// Spec §9 against the inputs of `Tests/Fixtures/fuzz-regressions/yaml/`: what the
/// `yaml` fuzz target does with an input (`Fuzz/FuzzYAML.swift`), done here too.
/// Each input loads without a crash or a hang, under the default and the tight
/// limits, every span stays inside the file, and the problems are the golden ones.
@Suite("Fuzz regressions: YAML loader")
struct YAMLFuzzRegressionTests {
    /// The fuzz target's tight limits: keep the two the same.
    static let tight = YAMLLimits(maxDocumentBytes: 4096, maxDepth: 8, maxAliasExpansion: 64, maxScalarBytes: 256)

    @Test("replays", .timeLimit(.minutes(1)), arguments: FuzzRegression.inputs("yaml"))
    func replay(_ input: FuzzRegression) throws {
        let file = SourceFile(path: input.name, bytes: try input.bytes)
        var lines: [String] = []
        for (name, limits) in [("default", YAMLLimits.default), ("tight", Self.tight)] {
            let (documents, diagnostics) = YAMLLoader.load(file, limits: limits)
            lines.append("\(name) limits: \(documents.count) document(s)")
            lines += diagnostics.sorted.map { "  " + $0.summary }
            for document in documents { Self.checkSpans(document, in: file) }
            _ = DiagnosticFormatter(language: .en).format(diagnostics.sorted)
        }
        for document in YAMLDocuments(file, limits: Self.tight) {
            if let root = document.root { Self.checkSpans(root, in: file) }
        }
        if let difference = input.check(lines.joined(separator: "\n") + "\n") { Issue.record(Comment(rawValue: difference)) }
    }

    static func checkSpans(_ node: YAMLNode, in file: SourceFile) {
        #expect(node.span.start >= 0 && node.span.end <= file.bytes.count, "span \(node.span.start)..<\(node.span.end) outside the file")
        switch node.content {
        case .scalar(let scalar):
            if !node.valueOffsets.isEmpty { #expect(node.valueOffsets.count == scalar.value.utf8.count + 1) }
            #expect(node.valueOffsets.allSatisfy { $0 >= 0 && $0 <= file.bytes.count })
            let span = node.valueSpan(0..<scalar.value.utf8.count)
            #expect(span.start >= 0 && span.end <= file.bytes.count)
        case .sequence(let items):
            for item in items { checkSpans(item, in: file) }
        case .mapping(let pairs):
            for pair in pairs {
                checkSpans(pair.key, in: file)
                checkSpans(pair.value, in: file)
            }
        }
    }
}
