public import EligoDiagnostics

/// The text of one expression and how its byte ranges map back to the file it came from.
///
/// Expressions live inside YAML scalars (quoted, folded, escaped), so an offset in
/// the expression is not an offset in the file; the policy loader supplies the
/// mapping (from the YAML node's value offsets) and every diagnostic of the lexer,
/// parser and checker goes through it. That is how an unknown field in
/// `rule: "credit_scor >= 650"` is reported at the column of `credit_scor` in the file.
public struct ExpressionSource: Sendable {
    public let text: String
    public let utf8: [UInt8]
    private let locator: @Sendable (Range<Int>) -> SourceSpan

    public init(text: String, locate: @escaping @Sendable (Range<Int>) -> SourceSpan) {
        self.text = text
        self.utf8 = Array(text.utf8)
        self.locator = locate
    }

    /// An expression that is a whole file of its own (tests, the REPL-like tools).
    public init(standalone text: String, path: String = "<expression>") {
        let file = SourceFile(path: path, text: text)
        self.init(text: text) { range in SourceSpan(file: file, start: range.lowerBound, end: range.upperBound) }
    }

    /// The file span of a byte range of the expression.
    public func span(_ range: Range<Int>) -> SourceSpan { locator(range) }

    /// The expression text of a byte range.
    public func slice(_ range: Range<Int>) -> String {
        let lower = max(0, min(range.lowerBound, utf8.count))
        let upper = max(lower, min(range.upperBound, utf8.count))
        return String(decoding: utf8[lower..<upper], as: UTF8.self)
    }
}
