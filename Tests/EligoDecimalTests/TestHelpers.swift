import EligoDecimal
import Testing

/// A decimal from a literal the test knows to be valid; a typo fails the test instead of passing as nil.
func dec(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> ExactDecimal {
    guard let value = ExactDecimal(text) else {
        Issue.record("test literal does not parse: \(text)", sourceLocation: sourceLocation)
        return .zero
    }
    return value
}

/// The canonical text of a throwing computation, or the error's name, for table comparisons.
func outcome(_ body: () throws(ArithmeticError) -> ExactDecimal) -> String {
    do {
        return try body().description
    } catch {
        return "\(error)"
    }
}

/// Parses through the byte entry point, as the CSV reader does.
func parseBytes(_ text: String) -> ExactDecimal? {
    Array(text.utf8).withUnsafeBufferPointer { ExactDecimal.parse(utf8: $0) }
}
