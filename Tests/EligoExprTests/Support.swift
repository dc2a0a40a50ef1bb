import EligoDecimal
import EligoDiagnostics
@testable import EligoExpr

// Helpers shared by the expression tests: parsing standalone expressions, a
// fully parenthesised printer, the test environment and an evaluation harness.

/// A decimal from its text; the tests only use literals that parse.
func dec(_ text: String) -> ExactDecimal {
    guard let value = ExactDecimal(text) else { fatalError("bad decimal literal \(text) in a test") }
    return value
}

/// A problem as tests assert it: the stable message id and the 1-based column
/// on line 1 of a standalone expression (columns count code points).
struct Problem: Equatable, Sendable, CustomStringConvertible {
    var id: String
    var column: Int

    init(_ id: String, column: Int) {
        self.id = id
        self.column = column
    }

    init(_ diagnostic: Diagnostic) {
        id = diagnostic.message.id
        column = diagnostic.location?.column ?? 0
    }

    var description: String { "\(id)@\(column)" }
}

func parse(_ text: String, limits: ExpressionLimits = .default) -> Parser.Result {
    Parser.parse(ExpressionSource(standalone: text), limits: limits)
}

extension Expr {
    /// Every operator and call wrapped in parentheses, so that a test reads the
    /// tree's shape directly: `a or b and c` gives `(a or (b and c))`.
    var parenthesised: String {
        switch kind {
        case .number(let value, let isPercent):
            return isPercent ? "\(value)(%)" : value.description
        case .string(let value):
            return "\"" + value + "\""
        case .bool(let value):
            return value ? "true" : "false"
        case .asOf:
            return "as_of"
        case .name(let name):
            return name
        case .list(let items):
            return "[" + items.map(\.parenthesised).joined(separator: ", ") + "]"
        case .call(let name, _, let arguments):
            return name + "(" + arguments.map(\.parenthesised).joined(separator: ", ") + ")"
        case .negate(let operand):
            return "(-" + operand.parenthesised + ")"
        case .not(let operand):
            return "(not " + operand.parenthesised + ")"
        case .binary(let op, let lhs, let rhs, _):
            return "(" + lhs.parenthesised + " " + op.rawValue + " " + rhs.parenthesised + ")"
        case .membership(let negated, let lhs, let rhs, _):
            return "(" + lhs.parenthesised + (negated ? " not in " : " in ") + rhs.parenthesised + ")"
        case .invalid:
            return "<invalid>"
        }
    }
}
