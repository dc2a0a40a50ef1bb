/// The bounds of §9 that keep hostile expressions from exhausting the stack or the clock.
public struct ExpressionLimits: Sendable, Hashable {
    /// The longest expression, in characters (code points).
    public var maxLength: Int
    /// The deepest nesting of parentheses, operators, calls and lists.
    public var maxDepth: Int

    public init(maxLength: Int = 4096, maxDepth: Int = 64) {
        self.maxLength = maxLength
        self.maxDepth = maxDepth
    }

    public static let `default` = ExpressionLimits()
}
