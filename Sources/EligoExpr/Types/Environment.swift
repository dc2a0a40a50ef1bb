public import EligoDecimal

/// The names an expression may use and what they denote, built from the field
/// catalog and the product's `let`s.
///
/// Resolution happens once, at check time: every name becomes a slot index so
/// the evaluator never looks a name up per record.
public struct Environment: Sendable {
    public enum SymbolKind: Sendable, Hashable { case field, `let` }

    public struct Symbol: Sendable {
        public let name: String
        public let type: ExprType
        /// Where the value lives in an evaluation frame.
        public let slot: Int32
        public let kind: SymbolKind
        /// The catalog's `min`/`max`, used to prove rules that can never hold.
        public let minimum: Constant?
        public let maximum: Constant?
    }

    /// A bound of a field: a number or a date.
    public enum Constant: Sendable, Hashable {
        case number(ExactDecimal)
        case date(Day)
    }

    private var symbols: [String: Symbol] = [:]
    private var order: [String] = []
    /// Whether a name declared nowhere is still accepted, of a type that fits anywhere: for
    /// checking product files whose catalog could not be read, so that they get every
    /// other problem reported without an "unknown field" at every name.
    public var acceptsAnyName = false

    public init() {}

    public mutating func declareField(_ name: String, type: ExprType, slot: Int32, minimum: Constant? = nil, maximum: Constant? = nil) {
        if symbols[name] == nil { order.append(name) }
        symbols[name] = Symbol(name: name, type: type, slot: slot, kind: .field, minimum: minimum, maximum: maximum)
    }

    public mutating func declareLet(_ name: String, type: ExprType, slot: Int32) {
        if symbols[name] == nil { order.append(name) }
        symbols[name] = Symbol(name: name, type: type, slot: slot, kind: .let, minimum: nil, maximum: nil)
    }

    public func lookup(_ name: String) -> Symbol? { symbols[name] }

    /// Every declared name, in declaration order (for suggestions).
    public var names: [String] { order }

    /// A copy without the `let`s (for `applies_to`, which may read fields only).
    public var fieldsOnly: Environment {
        var copy = Environment()
        copy.acceptsAnyName = acceptsAnyName
        for name in order {
            if let symbol = symbols[name], symbol.kind == .field {
                copy.symbols[name] = symbol
                copy.order.append(name)
            }
        }
        return copy
    }
}
