import EligoDiagnostics
import EligoYAML

/// Loads YAML written inline in a test.
func load(_ text: String, limits: YAMLLimits = .default) -> (documents: [YAMLNode], diagnostics: Diagnostics) {
    YAMLLoader.load(SourceFile(path: "test.yaml", text: text), limits: limits)
}

func load(bytes: [UInt8], limits: YAMLLimits = .default) -> (documents: [YAMLNode], diagnostics: Diagnostics) {
    YAMLLoader.load(SourceFile(path: "test.yaml", bytes: bytes), limits: limits)
}

/// The one document of `text`, or `nil` (the test then fails on its diagnostics).
func root(_ text: String) -> YAMLNode? {
    let result = load(text)
    return result.documents.count == 1 ? result.documents[0] : nil
}

extension SourceSpan {
    /// "line:column" of the span's start, as the spec counts them.
    var at: String { location.description }
}

extension Diagnostic {
    /// "id@line:column", compact enough to compare whole lists of problems.
    var summary: String { "\(message.id)@\(location?.description ?? "-")" }
}

extension Diagnostics {
    var summaries: [String] { all.map(\.summary) }
}
