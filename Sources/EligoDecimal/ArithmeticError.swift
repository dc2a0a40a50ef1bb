/// Why an exact decimal operation could not produce a result.
///
/// Errors are values the expression evaluator turns into per-record evaluation errors
/// (policy format §6), so one bad record never stops a batch; nothing here traps.
public enum ArithmeticError: Error, Sendable, Hashable {
    /// The result's magnitude is at least 10^34 (``ExactDecimal/greatestMagnitudeExponent``),
    /// which the representation cannot hold without losing integral digits.
    case overflow
    /// A division or remainder by zero; reported instead of producing infinity.
    case divisionByZero
    /// An operand outside the operation's domain, such as a step of zero or less for `floor`/`ceil`.
    case invalidOperand
}
