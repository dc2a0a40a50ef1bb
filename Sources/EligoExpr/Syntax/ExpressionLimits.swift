/// The bounds of §9 that keep hostile expressions from exhausting the stack or the clock.
public struct ExpressionLimits: Sendable, Hashable {
    /// The longest expression, in characters (code points).
    public var maxLength: Int
    /// The deepest nesting of parentheses, calls, lists and unary operators (`not`, `-`).
    /// Binary operators do not nest: `a and b and c` is a flat chain (§4).
    public var maxDepth: Int

    /// The tallest expression tree, binary operators counted: 4 × ``maxDepth``, 256 by default.
    /// Every walk after parsing (checking, evaluating, explaining) recurses once per level, and
    /// a flat chain of 2,000 operators, which 4,096 characters allow, overflowed a debug
    /// build's stack; 256 operators one after another is far more than a policy needs.
    public var maxTreeHeight: Int { maxDepth.multipliedReportingOverflow(by: 4).overflow ? Int.max : maxDepth * 4 }

    public init(maxLength: Int = 4096, maxDepth: Int = 64) {
        self.maxLength = maxLength
        self.maxDepth = maxDepth
    }

    public static let `default` = ExpressionLimits()
}
