public import EligoDiagnostics
import EligoDecimal

/// Finds conditions that can never be true, such as `age >= 70 and age <= 65`
/// or an enum compared with two different values under `and`.
///
/// Sound but simple: it looks at conjunctions of comparisons between one
/// sub-expression and a literal (numbers, dates, strings, enum values, bools),
/// intersects what each conjunct allows per sub-expression (recognised by its
/// printed form, so `age(birth_date)` written twice is one subject), and starts
/// from the catalog's `min`/`max` for fields. A disjunction is never true when
/// every branch is never true. Anything it does not understand is assumed
/// satisfiable, so it never rejects a rule that could hold.
public enum Satisfiability {
    /// An error if `checked` (a condition) can never be true.
    public static func check(_ checked: CheckedExpression) -> Diagnostic? {
        guard let reason = neverTrue(checked.expr, checked) else { return nil }
        let span = checked.source.span(checked.expr.range)
        switch reason {
        case .constant:
            // No value of anything is involved: "no value of false satisfies false" would say nothing.
            // Only a condition that reads nothing at all is false "for every applicant" by itself;
            // in `x > 1 and (false or false)` it is the part without a field that is.
            let readsNothing = checked.symbols.isEmpty
            return .error(.exprNeverTrue, at: span, help: readsNothing ? .exprNeverTrueConstant : .exprNeverTruePartConstant)
        case .conflict(let subject):
            return .error(.exprNeverTrue, at: span, help: .exprNeverTrueBecause(subject, checked.expr.printed, checked.expr.printed))
        }
    }

    /// Why a condition is never true.
    enum Reason: Equatable {
        /// It is the literal `false` (or made only of such): it reads nothing.
        case constant
        /// What one sub-expression (printed) is required to be cannot hold together.
        case conflict(String)
    }

    /// Why the expression is never true, if it is.
    static func neverTrue(_ expr: Expr, _ checked: CheckedExpression) -> Reason? {
        switch expr.kind {
        case .bool(false):
            return .constant
        case .binary(.or, let lhs, let rhs, _):
            guard let left = neverTrue(lhs, checked), let right = neverTrue(rhs, checked) else { return nil }
            // A conflict names a subject; a constant branch has none to name.
            return left == .constant ? right : left
        default:
            var constraints: [String: Constraint] = [:]
            var order: [String] = []
            for conjunct in conjuncts(expr) {
                if case .binary(.or, _, _, _) = conjunct.kind, let reason = neverTrue(conjunct, checked) { return reason }
                guard let (subject, atom) = Self.atom(conjunct, checked) else { continue }
                let key = subject.printed
                if constraints[key] == nil {
                    constraints[key] = Constraint(initial: subject, checked)
                    order.append(key)
                }
                constraints[key]?.apply(atom)
            }
            return order.first { constraints[$0]?.isEmpty == true }.map(Reason.conflict)
        }
    }

    private static func conjuncts(_ expr: Expr) -> [Expr] {
        if case .binary(.and, let lhs, let rhs, _) = expr.kind { return conjuncts(lhs) + conjuncts(rhs) }
        return [expr]
    }

    /// What one conjunct says about one subject.
    enum Atom {
        case compare(BinaryOperator, Scalar)
        case oneOf([Scalar])
    }

    /// A literal, in a form where numbers and dates are ordered alike.
    enum Scalar: Hashable {
        case ordered(ExactDecimal)
        case text(String)
        case flag(Bool)
    }

    private static func literal(_ expr: Expr) -> Scalar? {
        switch expr.kind {
        case .number(let value, _): return .ordered(value)
        case .negate(let inner):
            if case .number(let value, _) = inner.kind { return .ordered(value.negated) }
            return nil
        case .string(let value): return .text(value)
        case .bool(let value): return .flag(value)
        case .call("date", _, let arguments):
            if case .string(let text) = arguments.first?.kind, let day = Day(iso: text) {
                return .ordered(ExactDecimal(Int(day.daysSinceEpoch)))
            }
            return nil
        default: return nil
        }
    }

    private static func isSubject(_ expr: Expr) -> Bool {
        literal(expr) == nil && {
            if case .list = expr.kind { return false }
            return true
        }()
    }

    private static func atom(_ expr: Expr, _ checked: CheckedExpression) -> (Expr, Atom)? {
        switch expr.kind {
        case .name, .call:
            // A bare bool is the subject being true.
            if checked.types[expr.id] == .bool { return (expr, .compare(.eq, .flag(true))) }
            return nil
        case .not(let inner):
            if checked.types[inner.id] == .bool, isSubject(inner), !isCompound(inner) { return (inner, .compare(.eq, .flag(false))) }
            return nil
        case .binary(let op, let lhs, let rhs, _) where op.isComparison:
            if isSubject(lhs), let value = literal(rhs) { return (lhs, .compare(op, value)) }
            if isSubject(rhs), let value = literal(lhs) { return (rhs, .compare(op.flipped, value)) }
            return nil
        case .membership(false, let element, let collection, _):
            guard isSubject(element), case .list(let items) = collection.kind else { return nil }
            let values = items.compactMap(literal)
            guard values.count == items.count else { return nil }
            return (element, .oneOf(values))
        default:
            return nil
        }
    }

    private static func isCompound(_ expr: Expr) -> Bool {
        switch expr.kind {
        case .binary, .not, .membership: true
        default: false
        }
    }

    /// The values one subject may still take: an interval for numbers and dates,
    /// a finite set for enums and bools, or a set of excluded/required texts.
    struct Constraint {
        var lower: (value: ExactDecimal, inclusive: Bool)?
        var upper: (value: ExactDecimal, inclusive: Bool)?
        var integral = false
        /// nil: any value; otherwise the only values left.
        var allowed: Set<Scalar>?
        var excluded: Set<Scalar> = []

        init(initial subject: Expr, _ checked: CheckedExpression) {
            switch checked.types[subject.id] {
            case .int: integral = true
            case .enumeration(let domain): allowed = Set(domain.values.map(Scalar.text))
            case .bool: allowed = [.flag(true), .flag(false)]
            default: break
            }
            if case .name = subject.kind, let symbol = checked.symbols[subject.id], symbol.kind == .field {
                lower = symbol.minimum.map { (Self.ordered($0), true) }
                upper = symbol.maximum.map { (Self.ordered($0), true) }
            }
        }

        private static func ordered(_ constant: Environment.Constant) -> ExactDecimal {
            switch constant {
            case .number(let value): value
            case .date(let day): ExactDecimal(Int(day.daysSinceEpoch))
            }
        }

        mutating func apply(_ atom: Atom) {
            switch atom {
            case .oneOf(let values):
                restrict(to: Set(values))
            case .compare(let op, let value):
                switch (op, value) {
                case (.eq, _): restrict(to: [value])
                case (.ne, _): excluded.insert(value)
                case (.lt, .ordered(let bound)): tightenUpper(bound, inclusive: false)
                case (.le, .ordered(let bound)): tightenUpper(bound, inclusive: true)
                case (.gt, .ordered(let bound)): tightenLower(bound, inclusive: false)
                case (.ge, .ordered(let bound)): tightenLower(bound, inclusive: true)
                default: break
                }
            }
        }

        private mutating func restrict(to values: Set<Scalar>) {
            allowed = allowed.map { $0.intersection(values) } ?? values
        }

        private mutating func tightenLower(_ bound: ExactDecimal, inclusive: Bool) {
            if let current = lower, current.value > bound || (current.value == bound && !current.inclusive) { return }
            lower = (bound, inclusive)
        }

        private mutating func tightenUpper(_ bound: ExactDecimal, inclusive: Bool) {
            if let current = upper, current.value < bound || (current.value == bound && !current.inclusive) { return }
            upper = (bound, inclusive)
        }

        var isEmpty: Bool {
            if let allowed {
                let left = allowed.subtracting(excluded).filter(fitsInterval)
                return left.isEmpty
            }
            guard var low = lower, var high = upper else { return false }
            if integral {
                // Over whole numbers, x > 5 is x ≥ 6 and x < 6.5 is x ≤ 6.
                guard let lowInt = Self.wholeLower(low), let highInt = Self.wholeUpper(high) else { return false }
                low = (lowInt, true)
                high = (highInt, true)
            }
            if low.value > high.value { return true }
            if low.value == high.value {
                if !(low.inclusive && high.inclusive) { return true }
                return excluded.contains(.ordered(low.value))
            }
            return false
        }

        private static func wholeLower(_ bound: (value: ExactDecimal, inclusive: Bool)) -> ExactDecimal? {
            if bound.inclusive { return try? bound.value.rounded(scale: 0, .up) }
            return try? bound.value.rounded(scale: 0, .down).adding(.one)
        }

        private static func wholeUpper(_ bound: (value: ExactDecimal, inclusive: Bool)) -> ExactDecimal? {
            if bound.inclusive { return try? bound.value.rounded(scale: 0, .down) }
            return try? bound.value.rounded(scale: 0, .up).subtracting(.one)
        }

        private func fitsInterval(_ value: Scalar) -> Bool {
            guard case .ordered(let number) = value else { return true }
            if let lower, number < lower.value || (number == lower.value && !lower.inclusive) { return false }
            if let upper, number > upper.value || (number == upper.value && !upper.inclusive) { return false }
            return true
        }
    }
}
