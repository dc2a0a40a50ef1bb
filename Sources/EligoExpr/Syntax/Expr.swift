public import EligoDecimal

/// Identifies one node of an expression within a product, so that types,
/// resolved names, source ranges and evaluated values can live in side tables.
public typealias ExprID = Int32

/// A parsed expression node.
///
/// A tree of values for the front end (checking, printing, explaining); the
/// evaluator never walks it but a compiled ``Program``.
public struct Expr: Sendable {
    public var id: ExprID
    public var kind: Kind
    /// Byte range in the expression text.
    public var range: Range<Int>

    public indirect enum Kind: Sendable {
        case number(ExactDecimal, isPercent: Bool)
        case string(String)
        case bool(Bool)
        /// The evaluation date, `as_of`.
        case asOf
        /// A field or `let` name; dotted names are joined with `.`.
        case name(String)
        case list([Expr])
        case call(String, nameRange: Range<Int>, arguments: [Expr])
        case negate(Expr)
        case not(Expr)
        case binary(BinaryOperator, Expr, Expr, operatorRange: Range<Int>)
        /// `x in xs` or `x not in xs`.
        case membership(negated: Bool, Expr, Expr, operatorRange: Range<Int>)
        /// Stands where a syntax error was; never reaches the checker.
        case invalid
    }

    public init(id: ExprID, kind: Kind, range: Range<Int>) {
        self.id = id
        self.kind = kind
        self.range = range
    }

    /// Direct sub-expressions, left to right.
    public var children: [Expr] {
        switch kind {
        case .number, .string, .bool, .asOf, .name, .invalid: []
        case .list(let items): items
        case .call(_, _, let arguments): arguments
        case .negate(let operand), .not(let operand): [operand]
        case .binary(_, let lhs, let rhs, _), .membership(_, let lhs, let rhs, _): [lhs, rhs]
        }
    }

    /// Calls `body` with each child in order, without building the array ``children`` makes.
    @inline(__always)
    public func forEachChild(_ body: (Expr) -> Void) {
        switch kind {
        case .number, .string, .bool, .asOf, .name, .invalid: break
        case .list(let items): for item in items { body(item) }
        case .call(_, _, let arguments): for argument in arguments { body(argument) }
        case .negate(let operand), .not(let operand): body(operand)
        case .binary(_, let lhs, let rhs, _), .membership(_, let lhs, let rhs, _):
            body(lhs)
            body(rhs)
        }
    }

    /// Every node of the tree, parents before children.
    public func forEach(_ body: (Expr) -> Void) {
        body(self)
        forEachChild { $0.forEach(body) }
    }

    /// The names (fields or lets) the expression reads.
    public var names: [String] {
        var result: [String] = []
        forEach { node in
            if case .name(let name) = node.kind, !result.contains(name) { result.append(name) }
        }
        return result
    }
}

public enum BinaryOperator: String, Sendable, CaseIterable {
    case and, or
    case eq = "==", ne = "!=", lt = "<", le = "<=", gt = ">", ge = ">="
    case add = "+", sub = "-", mul = "*", div = "/"

    public var isComparison: Bool {
        switch self {
        case .eq, .ne, .lt, .le, .gt, .ge: true
        default: false
        }
    }

    public var isArithmetic: Bool {
        switch self {
        case .add, .sub, .mul, .div: true
        default: false
        }
    }

    /// Binding strength: higher binds tighter.
    var precedence: Int {
        switch self {
        case .or: 1
        case .and: 2
        case .eq, .ne, .lt, .le, .gt, .ge: 4
        case .add, .sub: 5
        case .mul, .div: 6
        }
    }

    /// The comparison that holds when the operands are swapped (`a < b` ⇔ `b > a`).
    public var flipped: BinaryOperator {
        switch self {
        case .lt: .gt
        case .le: .ge
        case .gt: .lt
        case .ge: .le
        default: self
        }
    }
}
