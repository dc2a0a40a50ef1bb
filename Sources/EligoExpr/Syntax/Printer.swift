/// Prints an expression back as source text with the fewest parentheses that
/// keep its meaning; parsing the output gives the same tree. (Parentheses count
/// toward the nesting limit and `--x` prints as `-(-x)`, so an expression near the
/// limit prints to one past it: parse such output with a roomier limit.)
///
/// Used where an expression is shown to people (explanations, test failures) and
/// to recognise the same sub-expression written twice (satisfiability checks).
extension Expr {
    public var printed: String { print(self, context: 0) }
}

private let unaryPrecedence = 7
private let notPrecedence = 3

private func print(_ expr: Expr, context: Int) -> String {
    switch expr.kind {
    case .number(let value, let isPercent):
        if isPercent, let scaled = try? value.multiplied(by: 100) { return scaled.description + "%" }
        return value.description
    case .string(let value):
        return quoted(value)
    case .bool(let value):
        return value ? "true" : "false"
    case .asOf:
        return "as_of"
    case .name(let name):
        return name
    case .list(let items):
        return "[" + items.map { print($0, context: 0) }.joined(separator: ", ") + "]"
    case .call(let name, _, let arguments):
        return name + "(" + arguments.map { print($0, context: 0) }.joined(separator: ", ") + ")"
    case .negate(let operand):
        let inner = print(operand, context: unaryPrecedence)
        // `- -x` would lex fine, but `-(-x)` reads better and cannot be taken for a typo.
        if case .negate = operand.kind { return "-(" + inner + ")" }
        return "-" + inner
    case .not(let operand):
        return wrap("not " + print(operand, context: notPrecedence), notPrecedence, context)
    case .binary(let op, let lhs, let rhs, _):
        let precedence = op.precedence
        if op.isComparison {
            return wrap(print(lhs, context: precedence + 1) + " \(op.rawValue) " + print(rhs, context: precedence + 1), precedence, context)
        }
        return wrap(print(lhs, context: precedence) + " \(op.rawValue) " + print(rhs, context: precedence + 1), precedence, context)
    case .membership(let negated, let lhs, let rhs, _):
        let precedence = BinaryOperator.eq.precedence
        let op = negated ? " not in " : " in "
        return wrap(print(lhs, context: precedence + 1) + op + print(rhs, context: precedence + 1), precedence, context)
    case .invalid:
        return "<invalid>"
    }
}

private func wrap(_ text: String, _ precedence: Int, _ context: Int) -> String {
    precedence < context ? "(" + text + ")" : text
}

/// A string literal that the lexer reads back as `value`.
func quoted(_ value: String) -> String {
    var out = "\""
    for scalar in value.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}
