public import EligoDecimal

/// A run-time value. Unknown and error are values, not throws (§4, §10), so a
/// rule can be decided without every field and one bad record or division by
/// zero never stops a batch.
public enum Value: Sendable, Hashable {
    case unknown
    case bool(Bool)
    case number(ExactDecimal)
    case string(String)
    case date(Day)
    case list([Value])
    case error(EvalError)

    public var isKnown: Bool {
        switch self {
        case .unknown, .error: false
        default: true
        }
    }

    public var isUnknown: Bool {
        if case .unknown = self { return true }
        return false
    }

    /// Whether a list holds an unknown item, at any depth: `[1000, m]` with `m` missing is a
    /// known list whose value is not all known, so as an award it leaves the outcome incomplete.
    public var hasUnknownItem: Bool {
        guard case .list(let items) = self else { return false }
        return items.contains { $0.isUnknown || $0.hasUnknownItem }
    }

    public var isError: Bool {
        if case .error = self { return true }
        return false
    }
}

/// Why an evaluation failed, and at which node (for the message that names the
/// rule and the expression).
public struct EvalError: Error, Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case divisionByZero
        case overflow
        /// `floor`/`ceil` with a step ≤ 0.
        case nonPositiveStep
        /// `clamp` with lo > hi.
        case emptyClamp
        /// `round` with digits that are not whole.
        case fractionalDigits
        /// A number too large to round to the requested digits.
    }

    public var kind: Kind
    public var node: ExprID

    public init(_ kind: Kind, at node: ExprID) {
        self.kind = kind
        self.node = node
    }
}

extension Value: CustomStringConvertible {
    /// The value as an expression literal would write it (`"zuoquan"`, `650`, `2025-01-31`).
    public var description: String {
        switch self {
        case .unknown: "unknown"
        case .bool(let value): value ? "true" : "false"
        case .number(let value): value.description
        case .string(let value): quoted(value)
        case .date(let value): value.description
        case .list(let items): "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .error: "error"
        }
    }
}
