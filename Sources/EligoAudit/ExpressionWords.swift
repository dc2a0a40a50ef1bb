import EligoDecimal
import EligoDiagnostics
import EligoEngine
import EligoExpr

/// Whether a condition held, from the value its node took in the trace.
enum Status: Sendable, Equatable {
    case met, notMet, unknown, error
    /// Not evaluated: `and`/`or` decided without it, or a bin after the matching one.
    case notChecked

    init(_ value: Value?) {
        switch value {
        case .bool(true): self = .met
        case .bool(false): self = .notMet
        case .error: self = .error
        case .none: self = .notChecked
        default: self = .unknown
        }
    }

    /// The status of the opposite condition.
    var flipped: Status {
        switch self {
        case .met: .notMet
        case .notMet: .met
        default: self
        }
    }

    var mark: Item.Mark {
        switch self {
        case .met: .met
        case .notMet: .notMet
        case .unknown: .unknown
        case .error: .error
        case .notChecked: .notChecked
        }
    }
}

/// A condition in words, built from its AST and the values in the trace.
indirect enum Clause: Sendable {
    /// One comparison, test of a yes/no value, membership or anything else read as a whole.
    case leaf(Leaf)
    /// `and` (all) or `or` (any) chains, flattened.
    case group(all: Bool, children: [Clause], status: Status)
    /// `not` over something that has no opposite operator.
    case negation(Clause, status: Status)

    var status: Status {
        switch self {
        case .leaf(let leaf): leaf.status
        case .group(_, _, let status), .negation(_, let status): status
        }
    }
}

/// One elementary condition, in the forms an explanation needs.
struct Leaf: Sendable {
    /// What was read, with its value: "Credit score 612".
    var subject: Inline
    /// What the rule asks: "needs at least 650".
    var requirement: Inline
    /// What is the case: "Credit score 612 is below 650".
    var statement: Inline
    /// What would satisfy it, without the current value: "Credit score at least 750".
    var target: Inline
    /// For a failed numeric or date comparison, by how much: "Credit score 612 is 38 below 650".
    var shortfall: Inline?
    var status: Status
}

/// Turns expressions into words: operands with labels, values and units;
/// conditions as requirements; computations as steps with their intermediate values.
///
/// Every value comes from the trace (`Trace.values`, by node id); nothing is re-evaluated.
struct ExpressionWords {
    let language: Language
    let catalog: FieldCatalog
    let lets: [String: LetBinding]
    let values: [ExprID: Value]
    /// The value of every field and let by name, for a name whose node was not evaluated
    /// (the right side of an `or` that the left side decided).
    let named: [String: Value]
    let asOf: Day

    init(language: Language, catalog: FieldCatalog, product: Product, trace: Trace?, asOf: Day) {
        self.language = language
        self.catalog = catalog
        var lets: [String: LetBinding] = [:]
        for binding in product.lets { lets[binding.name] = binding }
        self.lets = lets
        self.values = trace?.values ?? [:]
        var named: [String: Value] = [:]
        if let trace {
            var entries = trace.lets + trace.rules + trace.awards
            for factor in trace.factors { entries += factor.bins.compactMap(\.when) }
            for entry in entries {
                for input in entry.inputs where named[input.name] == nil { named[input.name] = input.value }
            }
            for entry in trace.lets { named[entry.name] = entry.result }
        }
        self.named = named
        self.asOf = asOf
    }

    /// The value a node took, or for a name the value it has everywhere.
    func value(_ node: Expr) -> Value? {
        if let value = values[node.id] { return value }
        if case .name(let name) = node.kind { return named[name] }
        return nil
    }

    func t(_ en: Inline, _ zh: Inline) -> Inline { language == .zh ? zh : en }

    // MARK: - Names and quantities

    func isLet(_ node: Expr, _ e: CompiledExpression) -> Bool {
        guard case .name = node.kind else { return false }
        return e.checked.symbols[node.id]?.kind == .let
    }

    /// The catalog label of a field, in the chosen language, or its id.
    func label(_ field: String) -> String {
        catalog[field]?.label?.text(language) ?? field
    }

    /// How a node is referred to without its value: a field's label, a let's name, or the printed expression.
    func name(_ node: Expr, _ e: CompiledExpression) -> Inline {
        if case .name(let name) = node.kind {
            return isLet(node, e) ? .code(name) : Inline(label(name))
        }
        if case .call("age", _, let arguments) = node.kind, arguments.count == 1 {
            return t("age", "年龄")
        }
        return .code(node.printed)
    }

    /// How the value of a node is shown: money, a percentage, or a number with a unit.
    func quantity(_ node: Expr, _ e: CompiledExpression) -> Quantity {
        if isPercent(node, e) { return .percent }
        if e.checked.types[node.id] == .money { return .money }
        return Quantity(.plain, unit: unit(node, e))
    }

    /// Units of time: a percentage times one of them is a rate, not a time.
    static let timeUnits: Set<String> = ["days", "months", "years", "age"]

    private func isPercent(_ node: Expr, _ e: CompiledExpression) -> Bool {
        switch node.kind {
        case .number(_, let isPercent):
            return isPercent
        case .name(let name):
            guard isLet(node, e), let binding = lets[name] else { return false }
            return isPercent(binding.expression.expr, binding.expression)
        case .negate(let operand):
            return isPercent(operand, e)
        case .binary(let op, let lhs, let rhs, _) where op == .add || op == .sub:
            return isPercent(lhs, e) || isPercent(rhs, e)
        case .binary(.mul, let lhs, let rhs, _):
            // A rate per day (or month, or year) times a number of days is a rate: `0.02% * days` is 0.1%, not "0.001 days".
            return isPercent(lhs, e) && Self.timeUnits.contains(unit(rhs, e) ?? "") || isPercent(rhs, e) && Self.timeUnits.contains(unit(lhs, e) ?? "")
        case .call(let function, _, let arguments):
            switch function {
            case "min", "max", "clamp", "abs", "coalesce": return arguments.contains { isPercent($0, e) }
            case "round", "floor", "ceil": return arguments.first.map { isPercent($0, e) } ?? false
            case "if": return arguments.dropFirst().contains { isPercent($0, e) }
            default: return false
            }
        default:
            return false
        }
    }

    /// The catalog unit a value carries, followed through lets and the functions that keep it.
    ///
    /// Multiplying by anything but a percentage drops the unit: `pv_capacity_kw * 7` is
    /// not in kW.
    private func unit(_ node: Expr, _ e: CompiledExpression) -> String? {
        switch node.kind {
        case .name(let name):
            if isLet(node, e) {
                guard let binding = lets[name] else { return nil }
                return unit(binding.expression.expr, binding.expression)
            }
            return catalog[name]?.unit
        case .negate(let operand):
            return unit(operand, e)
        case .binary(let op, let lhs, let rhs, _):
            switch op {
            case .add, .sub: return unit(lhs, e) ?? unit(rhs, e)
            case .mul:
                // 70% of a cost is a cost; a percentage of a number of days is a rate (see `isPercent`).
                if case .number(_, true) = rhs.kind { return unit(lhs, e).flatMap { Self.timeUnits.contains($0) ? nil : $0 } }
                if case .number(_, true) = lhs.kind { return unit(rhs, e).flatMap { Self.timeUnits.contains($0) ? nil : $0 } }
                return nil
            default: return nil
            }
        case .call(let function, _, let arguments):
            switch function {
            case "age": return "age"
            case "years_between": return "years"
            case "months_between": return "months"
            case "days_between": return "days"
            case "min", "max", "clamp", "abs", "coalesce": return arguments.lazy.compactMap { unit($0, e) }.first
            case "round", "floor", "ceil": return arguments.first.flatMap { unit($0, e) }
            case "if": return arguments.dropFirst().lazy.compactMap { unit($0, e) }.first
            default: return nil
            }
        default:
            return nil
        }
    }

    /// Two sides of a comparison are the same kind of thing: the one that knows its unit lends it.
    private func merged(_ a: Quantity, _ b: Quantity) -> Quantity {
        if a.kind == .money || b.kind == .money { return .money }
        if a.kind == .percent || b.kind == .percent { return .percent }
        return Quantity(.plain, unit: a.unit ?? b.unit)
    }

    /// A node's own quantity, or `hint` when the node knows nothing better.
    private func shown(_ node: Expr, _ e: CompiledExpression, _ hint: Quantity?) -> Quantity {
        let own = quantity(node, e)
        if let hint, own.kind == .plain, own.unit == nil { return hint }
        return own
    }

    /// The value a node took, as people read it; "not evaluated" when the trace has none.
    func valueText(_ node: Expr, _ e: CompiledExpression, hint: Quantity? = nil) -> String {
        guard let value = value(node) else { return notEvaluated }
        // Only a field is "not provided"; a computed value that depends on one is unknown.
        if value.isUnknown, !isField(node, e) { return language == .zh ? "未知" : "unknown" }
        return ValueWords.value(value, shown(node, e, hint), language)
    }

    private func isField(_ node: Expr, _ e: CompiledExpression) -> Bool {
        guard case .name = node.kind else { return false }
        return !isLet(node, e)
    }

    var notEvaluated: String { language == .zh ? "未计算" : "not evaluated" }

    /// A figure the policy fixes: a literal, a choice between such figures (`if(household,
    /// 500000, 3000000)`), or a `let` that is one (`cap`). Not an amount of the applicant's.
    private func isFixed(_ node: Expr, _ e: CompiledExpression) -> Bool {
        if isConstant(node) { return true }
        switch node.kind {
        case .call("if", _, let arguments) where arguments.count == 3:
            return isFixed(arguments[1], e) && isFixed(arguments[2], e)
        case .name(let name):
            guard isLet(node, e), let binding = lets[name] else { return false }
            return isFixed(binding.expression.expr, binding.expression)
        default:
            return false
        }
    }

    /// Whether a subtree is made of literals only (its value never depends on the applicant).
    func isConstant(_ node: Expr) -> Bool {
        switch node.kind {
        case .number, .string, .bool: return true
        case .list(let items): return items.allSatisfy(isConstant)
        case .negate(let operand): return isConstant(operand)
        case .binary(let op, let lhs, let rhs, _): return op.isArithmetic && isConstant(lhs) && isConstant(rhs)
        case .call("date", _, _): return true
        default: return false
        }
    }

    private func isLeafNode(_ node: Expr) -> Bool {
        switch node.kind {
        case .number, .string, .bool, .asOf, .name, .list, .invalid: true
        case .call("date", _, _): true
        default: false
        }
    }

    private func containsCall(_ node: Expr) -> Bool {
        var found = false
        node.forEach { child in
            if case .call(let function, _, _) = child.kind, function != "date" { found = true }
        }
        return found
    }

    /// The names of the lets a node reads directly, in order of first use.
    func letsRead(by node: Expr, _ e: CompiledExpression) -> [String] {
        var names: [String] = []
        node.forEach { child in
            if case .name(let name) = child.kind, isLet(child, e), !names.contains(name) { names.append(name) }
        }
        return names
    }

    // MARK: - Operands

    /// A literal number as a value of `hint`'s kind (200000 next to money is `200,000.00 yuan`).
    private func literal(_ value: ExactDecimal, isPercent: Bool, _ hint: Quantity?) -> String {
        if isPercent { return ValueWords.percent(value) }
        guard let hint else { return ValueWords.number(value) }
        return ValueWords.quantity(value, hint, language)
    }

    /// An operand in words: "Credit score 612", "`term` 96 months", "70% of Project cost 300,000.00 yuan".
    ///
    /// - Parameters:
    ///   - hint: how to show a bare literal or an untyped result (the other side's quantity).
    ///   - result: whether a computed operand ends with "= value".
    func operand(_ node: Expr, _ e: CompiledExpression, hint: Quantity? = nil, result: Bool = true) -> Inline {
        switch node.kind {
        case .number(let value, let isPercent):
            return Inline(literal(value, isPercent: isPercent, hint))
        case .string(let text):
            return Inline(text)
        case .bool(let flag):
            return Inline(ValueWords.yesNo(flag, language))
        case .asOf:
            return t("the as-of date \(asOf.description)", "评估日期 \(asOf.description)")
        case .name(let name):
            let value = value(node)
            // "Currently overdue: no" reads better than a bare yes/no after the label.
            var gap = " "
            if case .bool? = value { gap = language == .zh ? "：" : ": " }
            if isLet(node, e) { return .code(name) + Inline(gap) + Inline(valueText(node, e, hint: hint)) }
            if value == nil || value?.isUnknown == true {
                let missing = value == nil ? notEvaluated : ValueWords.notProvided(language)
                return Inline(label(name) + " " + missing)
            }
            if case .list? = value {
                // "Crops (vegetables, maize) include vegetables": the list reads as one thing.
                return Inline(label(name)) + t(" (\(valueText(node, e, hint: hint)))", "（\(valueText(node, e, hint: hint))）")
            }
            return Inline(label(name) + gap + valueText(node, e, hint: hint))
        case .list(let items):
            return Inline.join(items.map { operand($0, e, hint: hint, result: false) }, language == .zh ? "、" : ", ")
        case .call("date", _, _):
            return Inline(valueText(node, e))
        case .negate(let inner):
            let text = "−" + operand(inner, e, result: false)
            return result && !isConstant(node) && values[node.id] != nil ? text + " = " + Inline(valueText(node, e, hint: hint)) : text
        case .binary(let op, let lhs, let rhs, _) where op.isArithmetic:
            let text = arithmetic(op, lhs, rhs, e)
            return result && values[node.id] != nil ? text + " = " + Inline(valueText(node, e, hint: hint)) : text
        case .call("if", _, let arguments) where arguments.count == 3:
            // Only the branch taken: "30 mu (as household: no)".
            guard let (why, taken) = decision(node, e) else { return .code(node.printed) + " = " + Inline(valueText(node, e, hint: hint)) }
            let branch = operand(taken, e, hint: hint, result: true)
            return branch + t(" (as \(why))", "（因为 \(why)）")
        case .call(let function, _, let arguments):
            let text = callPhrase(function, arguments, node, e)
            return result && values[node.id] != nil ? text + " = " + Inline(valueText(node, e, hint: hint)) : text
        default:
            // A condition used as a value (inside `coalesce`, say): as a statement of fact.
            if isCondition(node, e) { return statement(clause(node, e)) }
            return .code(node.printed) + " (" + Inline(valueText(node, e)) + ")"
        }
    }

    private func symbol(_ op: BinaryOperator) -> String {
        switch op {
        case .add: "+"
        case .sub: "−"
        case .mul: "×"
        default: "÷"
        }
    }

    /// `a op b` in words, with parentheses where the tree needs them; `x * 70%` reads "70% of x".
    private func arithmetic(_ op: BinaryOperator, _ lhs: Expr, _ rhs: Expr, _ e: CompiledExpression) -> Inline {
        if op == .mul {
            if case .number(let share, true) = rhs.kind, !isConstant(lhs) { return percentOf(share, lhs, e) }
            if case .number(let share, true) = lhs.kind, !isConstant(rhs) { return percentOf(share, rhs, e) }
        }
        return part(lhs, e, parent: op, right: false) + " \(symbol(op)) " + part(rhs, e, parent: op, right: true)
    }

    private func percentOf(_ share: ExactDecimal, _ base: Expr, _ e: CompiledExpression) -> Inline {
        let whole = part(base, e, parent: .mul, right: true)
        return t("\(ValueWords.percent(share)) of \(whole)", "\(whole) 的 \(ValueWords.percent(share))")
    }

    private func part(_ node: Expr, _ e: CompiledExpression, parent: BinaryOperator, right: Bool) -> Inline {
        var text = operand(node, e, result: false)
        if case .call(let function, _, _) = node.kind, function != "if", function != "date", values[node.id] != nil {
            // A call inside arithmetic shows what it came to: "whole months from … (545 months) + …".
            text += t(" (\(valueText(node, e)))", "（\(valueText(node, e))）")
        }
        guard case .binary(let op, _, _, _) = node.kind, op.isArithmetic else { return text }
        let tighter = (op == .mul || op == .div) && (parent == .add || parent == .sub)
        let sameLevel = (op == .mul || op == .div) == (parent == .mul || parent == .div)
        let needs = !tighter && (!sameLevel || (right && (parent == .sub || parent == .div)))
        return needs ? "(" + text + ")" : text
    }

    /// A function call as one phrase, for calls read inside a condition.
    private func callPhrase(_ function: String, _ arguments: [Expr], _ node: Expr, _ e: CompiledExpression) -> Inline {
        let hint = quantity(node, e)
        let parts = arguments.map { operand($0, e, hint: isConstant($0) ? hint : nil, result: false) }
        switch (function, parts.count) {
        case ("age", 1):
            return t("age from \(parts[0])", "按 \(parts[0]) 计算的年龄")
        case ("years_between", 2), ("months_between", 2), ("days_between", 2):
            return between(function, parts[0], parts[1])
        case ("min", _), ("max", _):
            return t(
                (function == "min" ? (parts.count == 2 ? "the smaller of " : "the smallest of ") : (parts.count == 2 ? "the larger of " : "the largest of "))
                    + Inline.join(parts, ", ", last: " and "),
                Inline.join(parts, "、") + (function == "min" ? " 中的较小值" : " 中的较大值"))
        case ("coalesce", _):
            guard let chosen = arguments.firstIndex(where: { value($0)?.isKnown == true }) else {
                return Inline.join(parts, language == .zh ? "、" : ", ")
            }
            if chosen == 0 { return parts[0] }
            return t("\(Inline.join(Array(parts[..<chosen]), ", ")), so \(parts[chosen]) is used", "\(Inline.join(Array(parts[..<chosen]), "，"))，按 \(parts[chosen]) 计")
        case ("abs", 1):
            return t("the absolute value of \(parts[0])", "\(parts[0]) 的绝对值")
        case ("len", 1):
            // A list has a number of items; a text has a length in characters.
            if case .list = e.checked.types[arguments[0].id] {
                return t("the number of \(parts[0])", "\(parts[0]) 的个数")
            }
            return t("the length of \(parts[0]) in characters", "\(parts[0]) 的字符数")
        default:
            return .code(node.printed)
        }
    }

    private func between(_ function: String, _ from: Inline, _ to: Inline) -> Inline {
        switch function {
        case "years_between": t("whole years from \(from) to \(to)", "\(from) 至 \(to) 的整年数")
        case "months_between": t("whole months from \(from) to \(to)", "\(from) 至 \(to) 的整月数")
        default: t("days from \(from) to \(to)", "\(from) 至 \(to) 的天数")
        }
    }

    // MARK: - Conditions

    /// The condition a node expresses, for a rule or a bin.
    ///
    /// `not` is pushed inward (`not (a or b)` reads "a must not hold, and b must not hold"),
    /// so every leaf says plainly what is needed.
    func clause(_ node: Expr, _ e: CompiledExpression, negated: Bool = false) -> Clause {
        let raw = Status(values[node.id])
        let status = negated ? raw.flipped : raw
        switch node.kind {
        case .binary(let op, _, _, _) where op == .and || op == .or:
            let children = flattened(node, op).map { clause($0, e, negated: negated) }
            return .group(all: (op == .and) != negated, children: children, status: status)
        case .binary(let op, let lhs, let rhs, _) where op.isComparison:
            return .leaf(comparison(negated ? self.negated(op) : op, lhs, rhs, e, status: status))
        case .membership(let isNegated, let lhs, let rhs, _):
            return .leaf(membership(isNegated != negated, lhs, rhs, e, status: status, node: node))
        case .name where e.checked.types[node.id] == .bool:
            return .leaf(flag(node, e, expected: !negated, status: status))
        case .call(let function, _, let arguments) where (function == "present" || function == "missing") && arguments.count == 1:
            return .leaf(presence(arguments[0], e, wanted: (function == "present") != negated, status: status))
        case .not(let inner):
            return clause(inner, e, negated: !negated)
        default:
            let leaf = Clause.leaf(opaque(node, e, status: raw))
            return negated ? .negation(leaf, status: status) : leaf
        }
    }

    private func flattened(_ node: Expr, _ op: BinaryOperator) -> [Expr] {
        if case .binary(let inner, let lhs, let rhs, _) = node.kind, inner == op {
            return flattened(lhs, op) + flattened(rhs, op)
        }
        return [node]
    }

    private func negated(_ op: BinaryOperator) -> BinaryOperator {
        switch op {
        case .eq: .ne
        case .ne: .eq
        case .lt: .ge
        case .le: .gt
        case .gt: .le
        case .ge: .lt
        default: op
        }
    }

    /// "needs at least" / "要求不低于".
    private func needs(_ op: BinaryOperator) -> String {
        switch (op, language) {
        case (.ge, .en): "needs at least"
        case (.le, .en): "needs at most"
        case (.gt, .en): "needs above"
        case (.lt, .en): "needs below"
        case (.ne, .en): "must not be"
        case (_, .en): "needs to be"
        case (.ge, .zh): "要求不低于"
        case (.le, .zh): "要求不高于"
        case (.gt, .zh): "要求高于"
        case (.lt, .zh): "要求低于"
        case (.ne, .zh): "要求不为"
        case (_, .zh): "要求为"
        }
    }

    /// "is at least" / "不低于", for statements of fact: the target's words with "is" in English.
    private func verb(_ op: BinaryOperator) -> String {
        let words = bound(op)
        guard language == .en else { return words }
        return words.isEmpty ? "is" : "is " + words
    }

    /// "at least" / "不低于", for targets ("Credit score at least 750").
    private func bound(_ op: BinaryOperator) -> String {
        switch (op, language) {
        case (.ge, .en): "at least"
        case (.le, .en): "at most"
        case (.gt, .en): "above"
        case (.lt, .en): "below"
        case (.ne, .en): "not"
        case (_, .en): ""
        case (.ge, .zh): "不低于"
        case (.le, .zh): "不高于"
        case (.gt, .zh): "高于"
        case (.lt, .zh): "低于"
        case (.ne, .zh): "不为"
        case (_, .zh): "为"
        }
    }

    /// The other side of a comparison: a literal in the subject's unit, a constant computation
    /// with its value first ("780 (65 × 12)"), or an operand with its value.
    private func threshold(_ node: Expr, _ e: CompiledExpression, hint: Quantity) -> Inline {
        switch node.kind {
        case .number(let value, let isPercent):
            return Inline(literal(value, isPercent: isPercent, hint))
        case .string, .bool, .list, .call("date", _, _):
            return operand(node, e, hint: hint, result: false)
        default:
            if isConstant(node), case .number(let number)? = values[node.id] {
                let shownValue = Inline(ValueWords.quantity(number, shown(node, e, hint), language))
                let computation = operand(node, e, result: false)
                return shownValue + t(" (\(computation))", "（\(computation)）")
            }
            return operand(node, e, hint: hint, result: true)
        }
    }

    private func separator(_ en: String = ", ") -> Inline { t(Inline(en), "，") }

    private func comparison(_ op: BinaryOperator, _ lhs: Expr, _ rhs: Expr, _ e: CompiledExpression, status: Status) -> Leaf {
        var (subjectNode, thresholdNode, op) = (lhs, rhs, op)
        if isConstant(lhs) && !isConstant(rhs) { (subjectNode, thresholdNode, op) = (rhs, lhs, op.flipped) }
        let hint = merged(quantity(subjectNode, e), quantity(thresholdNode, e))
        let subject = operand(subjectNode, e, hint: hint, result: true)
        let limit = threshold(thresholdNode, e, hint: hint)
        let requirement = Inline(needs(op)) + " " + limit
        let statement: Inline = switch status {
        case .met: subject + " " + Inline(verb(op)) + " " + limit
        case .notMet: subject + " " + Inline(verb(negated(op))) + " " + limit
        default: subject + t(" (\(requirement))", "（\(requirement)）")
        }
        let target = op == .eq && language == .en
            ? name(subjectNode, e) + ": " + limit
            : name(subjectNode, e) + " " + Inline(bound(op)) + " " + limit
        var shortfall: Inline?
        if status == .notMet {
            shortfall = gap(op, subjectNode, thresholdNode, e, hint: hint, subject: subject, limit: limit)
                ?? subject + separator() + requirement
        }
        return Leaf(subject: subject, requirement: requirement, statement: statement, target: target, shortfall: shortfall, status: status)
    }

    /// How far a failed comparison is from holding: "Credit score 612 is 38 below 650".
    private func gap(_ op: BinaryOperator, _ subjectNode: Expr, _ thresholdNode: Expr, _ e: CompiledExpression, hint: Quantity, subject: Inline, limit: Inline) -> Inline? {
        guard op == .ge || op == .gt || op == .le || op == .lt else { return nil }
        let wantsMore = op == .ge || op == .gt
        switch (value(subjectNode), value(thresholdNode)) {
        case (.number(let actual)?, .number(let wanted)?):
            guard let difference = try? (wantsMore ? wanted.subtracting(actual) : actual.subtracting(wanted)) else { return nil }
            if difference.isZero {
                // Equal to a strict bound: "is not above 0".
                return subject + " " + t(wantsMore ? "is not above" : "is not below", wantsMore ? "未高于" : "未低于") + " " + limit
            }
            let quantity = shown(subjectNode, e, hint)
            var amount = ValueWords.quantity(difference, quantity, language)
            if quantity.kind == .percent {
                // A difference of percentages is in points: "60% is 10 percentage points above 50%",
                // not "10% above", which reads as a tenth more.
                let points = ValueWords.number((try? difference.multiplied(by: 100)) ?? difference)
                amount = language == .zh ? "\(points) 个百分点" : "\(points) percentage point\(points == "1" ? "" : "s")"
            }
            return t(
                "\(subject) is \(amount) \(wantsMore ? "below" : "above") \(limit)",
                "\(subject)，比 \(limit) \(wantsMore ? "低" : "高") \(amount)")
        case (.date(let actual)?, .date(let wanted)?):
            let days = abs(actual.days(to: wanted))
            if days == 0 { return nil }
            let amount = ValueWords.quantity(ExactDecimal(days), Quantity(.plain, unit: "days"), language)
            return t(
                "\(subject) is \(amount) \(wantsMore ? "before" : "after") \(limit)",
                "\(subject)，比 \(limit) \(wantsMore ? "早" : "晚") \(amount)")
        default:
            return nil
        }
    }

    private func flag(_ node: Expr, _ e: CompiledExpression, expected: Bool, status: Status) -> Leaf {
        let subject = operand(node, e)
        let wanted = ValueWords.yesNo(expected, language)
        let requirement = t("needs \(wanted)", "要求为\(wanted)")
        let target = t(name(node, e) + ": \(wanted)", name(node, e) + " 为\(wanted)")
        return Leaf(
            subject: subject, requirement: requirement,
            statement: subject, target: target,
            shortfall: status == .notMet ? subject + separator() + requirement : nil, status: status)
    }

    private func presence(_ node: Expr, _ e: CompiledExpression, wanted: Bool, status: Status) -> Leaf {
        let subject = operand(node, e)
        let requirement = wanted ? t("needs to be provided", "要求已提供") : t("needs to be left out", "要求不提供")
        let target = name(node, e) + (wanted ? t(" provided", "已提供") : t(" left out", "不提供"))
        return Leaf(
            subject: subject, requirement: requirement, statement: subject, target: target,
            shortfall: status == .notMet ? subject + separator() + requirement : nil, status: status)
    }

    private func membership(_ negated: Bool, _ lhs: Expr, _ rhs: Expr, _ e: CompiledExpression, status: Status, node: Expr) -> Leaf {
        let holds = status == .met
        if !isConstant(lhs) {
            let subject = operand(lhs, e, result: true)
            let options = operand(rhs, e, hint: quantity(lhs, e), result: !isConstant(rhs))
            let requirement = negated
                ? t("must not be one of \(options)", "要求不属于 \(options)")
                : t("needs to be one of \(options)", "要求为 \(options) 之一")
            let isOneOf = negated != holds  // what is actually the case
            let statement: Inline = switch status {
            case .met, .notMet: isOneOf ? t("\(subject) is one of \(options)", "\(subject) 属于 \(options)") : t("\(subject) is not one of \(options)", "\(subject) 不属于 \(options)")
            default: subject + t(" (\(requirement))", "（\(requirement)）")
            }
            let target = negated ? t("\(name(lhs, e)) not one of \(options)", "\(name(lhs, e)) 不属于 \(options)") : t("\(name(lhs, e)) one of \(options)", "\(name(lhs, e)) 为 \(options) 之一")
            return Leaf(
                subject: subject, requirement: requirement, statement: statement, target: target,
                shortfall: status == .notMet ? subject + separator() + requirement : nil, status: status)
        }
        if !isConstant(rhs) {
            // `"wheat" in crops`: the list (or text) is what was read.
            let subject = operand(rhs, e, result: true)
            let item = operand(lhs, e, result: false)
            let requirement = negated ? t("must not include \(item)", "要求不包含 \(item)") : t("needs to include \(item)", "要求包含 \(item)")
            let includes = negated != holds
            let statement: Inline = switch status {
            case .met, .notMet: includes ? t("\(subject) includes \(item)", "\(subject) 包含 \(item)") : t("\(subject) does not include \(item)", "\(subject) 不包含 \(item)")
            default: subject + t(" (\(requirement))", "（\(requirement)）")
            }
            let target = negated ? t("\(name(rhs, e)) without \(item)", "\(name(rhs, e)) 不包含 \(item)") : t("\(name(rhs, e)) including \(item)", "\(name(rhs, e)) 包含 \(item)")
            return Leaf(
                subject: subject, requirement: requirement, statement: statement, target: target,
                shortfall: status == .notMet ? subject + separator() + requirement : nil, status: status)
        }
        return opaque(node, e, status: status)
    }

    /// Anything without a reading of its own: the printed expression with the values it read.
    private func opaque(_ node: Expr, _ e: CompiledExpression, status: Status) -> Leaf {
        var inputs: [Inline] = []
        var seen = Set<String>()
        node.forEach { child in
            if case .name(let name) = child.kind, seen.insert(name).inserted { inputs.append(operand(child, e)) }
        }
        if case .asOf? = node.children.first?.kind { inputs.append(operand(node.children[0], e)) }
        var subject = Inline.code(node.printed)
        if !inputs.isEmpty { subject += t(" (\(Inline.join(inputs, ", ")))", "（\(Inline.join(inputs, "，"))）") }
        let requirement = t("needs to hold", "要求成立")
        let statement: Inline = switch status {
        case .met: subject + t(" holds", " 成立")
        case .notMet: subject + t(" does not hold", " 不成立")
        default: subject
        }
        return Leaf(
            subject: subject, requirement: requirement, statement: statement, target: .code(node.printed),
            shortfall: status == .notMet ? subject + separator() + requirement : nil, status: status)
    }

    /// A clause as one statement of fact (for bins): leaves as they are, groups joined with and/or.
    func statement(_ clause: Clause) -> Inline {
        switch clause {
        case .leaf(let leaf):
            return leaf.statement
        case .group(let all, let children, let status):
            // What made the group come out as it did: the parts that agree with it, all of
            // them "and" (a true `or` by its true parts, a false `and` by its false parts).
            let and = language == .zh ? "，且 " : " and "
            guard status == .met || status == .notMet else {
                return Inline.join(children.map(statement), all ? and : (language == .zh ? "，或 " : " or "))
            }
            let deciding = children.filter { $0.status == status }
            return Inline.join((deciding.isEmpty ? children : deciding).map(statement), and)
        case .negation(let inner, let status):
            let text = statement(inner)
            return status == .met ? t("not: \(text)", "并非：\(text)") : text
        }
    }

    // MARK: - Computations

    /// A let or award computed step by step: each call and each computed argument of a call is a
    /// step ending with its value; a step refers to earlier ones by value.
    ///
    /// `floor(min(project_cost * 70%, 200000), 100)` gives three steps: the 70%, the cap, the rounding.
    ///
    /// - Parameter hint: how to show results that carry no quantity of their own (an award
    ///   `amount` is money even when computed from areas and plain numbers).
    func steps(_ e: CompiledExpression, hint: Quantity? = nil) -> [Inline] {
        var out: [Inline] = []
        let root = e.expr
        if isLeafNode(root) {
            return [operand(root, e, hint: hint, result: false)]
        }
        if isConstant(root) {
            // Literals alone (`-1`, `1.005 * 3`): the value as the award shows it (`3.02 yuan`),
            // after the arithmetic when there is some.
            if case .negate(let inner) = root.kind, isLeafNode(inner) { return [Inline(valueText(root, e, hint: hint))] }
            return [.code(root.printed) + " = " + Inline(valueText(root, e, hint: hint))]
        }
        if isCondition(root, e) {
            // `household: applicant_type == "household"` reads "no, as Applicant type enterprise is not household".
            let answer = valueText(root, e)
            return [t("\(answer), as \(statement(clause(root, e)))", "\(answer)，因为 \(statement(clause(root, e)))")]
        }
        _ = step(root, e, hint: hint, into: &out)
        return out
    }

    /// A yes/no expression that is more than a name or a literal: a comparison, `and`, `present(x)`…
    private func isCondition(_ node: Expr, _ e: CompiledExpression) -> Bool {
        guard e.checked.types[node.id] == .bool else { return false }
        switch node.kind {
        case .binary(let op, _, _, _): return op.isComparison || op == .and || op == .or
        case .not, .membership: return true
        case .call(let function, _, _): return function != "if" && function != "coalesce"
        default: return false
        }
    }

    /// `if(c1, a, if(c2, b, c))` as one choice: the condition that decided it and the branch
    /// taken; the branches not taken were never evaluated and are not shown.
    private func choice(_ node: Expr, _ e: CompiledExpression, hint: Quantity, result: Inline, into out: inout [Inline]) -> Inline {
        guard let (why, taken) = decision(node, e) else {
            // A condition was unknown or failed: nothing was chosen; say which condition.
            var rest = node
            while case .call("if", _, let arguments) = rest.kind, arguments.count == 3 {
                if value(arguments[0]) != .bool(false) {
                    return t("\(statement(clause(arguments[0], e))), so \(result)", "\(statement(clause(arguments[0], e)))，因此\(result)")
                }
                rest = arguments[2]
            }
            return .code(node.printed) + " = " + result
        }
        let branch: Inline
        if isLeafNode(taken) || isConstant(taken) {
            branch = operand(taken, e, hint: hint, result: false)
        } else if !containsCall(taken) {
            branch = operand(taken, e, result: false) + " = " + result
        } else {
            branch = step(taken, e, hint: hint, into: &out)
        }
        return t("\(why), so \(branch)", "\(why)，取 \(branch)")
    }

    /// Why an `if` chain took its branch (the condition that held, or every one that did not)
    /// and the branch; nil when a condition was unknown or failed.
    private func decision(_ node: Expr, _ e: CompiledExpression) -> (Inline, Expr)? {
        var links: [(condition: Expr, branch: Expr)] = []
        var rest = node
        while case .call("if", _, let arguments) = rest.kind, arguments.count == 3 {
            links.append((arguments[0], arguments[1]))
            rest = arguments[2]
        }
        var refused: [Inline] = []
        for link in links {
            switch value(link.condition) {
            case .bool(true)?: return (statement(clause(link.condition, e)), link.branch)
            case .bool(false)?: refused.append(statement(clause(link.condition, e)))
            default: return nil
            }
        }
        return (Inline.join(refused, language == .zh ? "，" : "; "), rest)
    }

    /// Functions whose result is the same kind of quantity as their (first) arguments.
    private static let keepsQuantity: Set<String> = ["min", "max", "clamp", "abs", "coalesce", "round", "floor", "ceil", "if"]

    /// Appends the steps of `node` and returns how its parent refers to it.
    private func step(_ node: Expr, _ e: CompiledExpression, hint: Quantity? = nil, into out: inout [Inline]) -> Inline {
        if isLeafNode(node) || isConstant(node) { return operand(node, e, hint: hint, result: false) }
        let result = Inline(valueText(node, e, hint: hint))
        switch node.kind {
        case .binary(let op, let lhs, let rhs, _) where op.isArithmetic:
            if !containsCall(node) {
                out.append(operand(node, e, result: false) + " = " + result)
                return result
            }
            let same = op == .add || op == .sub ? hint : nil
            let left = containsCall(lhs) ? step(lhs, e, hint: same, into: &out) : part(lhs, e, parent: op, right: false)
            let right = containsCall(rhs) ? step(rhs, e, hint: same, into: &out) : part(rhs, e, parent: op, right: true)
            out.append(left + " \(symbol(op)) " + right + " = " + result)
            return result
        case .negate(let inner):
            let text = "−" + step(inner, e, hint: hint, into: &out)
            out.append(text + " = " + result)
            return result
        case .call("if", _, let arguments) where arguments.count == 3:
            out.append(choice(node, e, hint: shown(node, e, hint), result: result, into: &out))
            return result
        case .call(let function, _, var arguments):
            let callHint = Self.keepsQuantity.contains(function) ? shown(node, e, hint) : nil
            if function == "coalesce", let taken = arguments.firstIndex(where: { value($0)?.isKnown == true || value($0)?.isError == true }) {
                // Arguments after the one taken were never evaluated.
                arguments = Array(arguments[...taken])
            }
            let references = arguments.enumerated().map { index, argument in
                // `round(x, 2)`'s digits and `floor(x, 100)`'s step are plain numbers, not money;
                // `if`'s condition is no quantity at all.
                let plain = ((function == "round" || function == "floor" || function == "ceil") && index > 0) || (function == "if" && index == 0)
                return step(argument, e, hint: plain ? nil : callHint, into: &out)
            }
            out.append(callStep(function, arguments, references, node, e, result: result))
            return result
        default:
            return operand(node, e, result: false)
        }
    }

    private func callStep(_ function: String, _ arguments: [Expr], _ references: [Inline], _ node: Expr, _ e: CompiledExpression, result: Inline) -> Inline {
        switch (function, references.count) {
        case ("min", _), ("max", _):
            return extremum(isMin: function == "min", arguments, references, node, e, result: result)
        case ("floor", 1), ("ceil", 1):
            let down = function == "floor"
            return t(
                "\(references[0]) rounded \(down ? "down" : "up") to a whole number = \(result)",
                "\(references[0]) \(down ? "向下" : "向上")取整 = \(result)")
        case ("floor", 2), ("ceil", 2):
            let down = function == "floor"
            return t(
                "\(references[0]) rounded \(down ? "down" : "up") to a multiple of \(references[1]) = \(result)",
                "\(references[0]) \(down ? "向下" : "向上")取整为 \(references[1]) 的整数倍 = \(result)")
        case ("round", 1):
            return t("\(references[0]) rounded to a whole number = \(result)", "\(references[0]) 四舍五入取整 = \(result)")
        case ("round", 2):
            return t("\(references[0]) \(roundingDigits(arguments[1], references[1], .en)) = \(result)", "\(references[0]) \(roundingDigits(arguments[1], references[1], .zh)) = \(result)")
        case ("coalesce", _):
            guard let chosen = arguments.firstIndex(where: { value($0)?.isKnown == true || value($0)?.isError == true }) else {
                return t("\(Inline.join(references, ", ")) = \(result)", "\(Inline.join(references, "，")) = \(result)")
            }
            if chosen == 0 { return references[0] }
            let unknown = Inline.join(Array(references[..<chosen]), language == .zh ? "，" : ", ")
            return t("\(unknown), so \(references[chosen]) is used", "\(unknown)，按 \(references[chosen]) 计")
        case ("age", 1):
            return t("age from \(references[0]) = \(result)", "按 \(references[0]) 计算的年龄 = \(result)")
        case ("years_between", 2), ("months_between", 2), ("days_between", 2):
            return between(function, references[0], references[1]) + " = " + result
        case ("abs", 1):
            return t("the absolute value of \(references[0]) = \(result)", "\(references[0]) 的绝对值 = \(result)")
        case ("clamp", 3):
            return t(
                "\(references[0]) kept between \(references[1]) and \(references[2]) = \(result)",
                "\(references[0]) 限定在 \(references[1]) 至 \(references[2]) 之间 = \(result)")
        default:
            return .code(node.printed) + " = " + result
        }
    }

    /// What a chosen argument stands for: a field's label or a let's name, looking through
    /// `coalesce` to the argument it took; nil for a constant.
    private func origin(_ node: Expr, _ e: CompiledExpression) -> Inline? {
        switch node.kind {
        case .name: return name(node, e)
        case .call("coalesce", _, let arguments):
            guard let taken = arguments.first(where: { value($0)?.isKnown == true }) else { return .code(node.printed) }
            return origin(taken, e)
        default: return isConstant(node) ? nil : .code(node.printed)
        }
    }

    private func roundingDigits(_ digits: Expr, _ reference: Inline, _ language: Language) -> Inline {
        guard case .number(let value, _) = digits.kind, let places = value.int64Value else {
            return language == .zh ? "四舍五入保留 \(reference) 位小数" : "rounded to \(reference) decimal places"
        }
        if places == 0 { return language == .zh ? "四舍五入取整" : "rounded to a whole number" }
        if places > 0 { return language == .zh ? "四舍五入保留 \(places) 位小数" : "rounded to \(places) decimal place\(places == 1 ? "" : "s")" }
        var unit = "1"
        for _ in 0..<(-places) { unit += "0" }
        let grouped = ExactDecimal(unit).map(ValueWords.number) ?? unit
        return language == .zh ? "四舍五入为 \(grouped) 的整数倍" : "rounded to the nearest \(grouped)"
    }

    /// `min`/`max` with the argument that was chosen: the cap or floor that applied, if one did.
    ///
    /// The first argument that is not a fixed figure is the amount being limited; the others
    /// are caps (min) or floors (max). Where every argument is a fixed figure they are peers:
    /// the largest of three grants (`max(degree_grant, title_grant, skill_grant)`, each a
    /// figure the policy fixes) is no grant "raised to the minimum" of another.
    private func extremum(isMin: Bool, _ arguments: [Expr], _ references: [Inline], _ node: Expr, _ e: CompiledExpression, result: Inline) -> Inline {
        let list = t(Inline.join(references, ", ", last: " and "), Inline.join(references, "、"))
        var text: Inline = isMin
            ? t((references.count == 2 ? "the smaller of " : "the smallest of ") + list + " = " + result, "取 \(list) 中的较小值 = \(result)")
            : t((references.count == 2 ? "the larger of " : "the largest of ") + list + " = " + result, "取 \(list) 中的较大值 = \(result)")
        guard case .number(let best)? = values[node.id], let main = arguments.firstIndex(where: { !isFixed($0, e) }) else { return text }
        var chosen = main
        if value(arguments[main]) != .number(best) {
            chosen = arguments.firstIndex { value($0) == .number(best) } ?? main
        }
        if chosen == main {
            text += isMin ? t(", not capped", "，未触及上限") : t(", not raised", "，未触及下限")
        } else {
            let which: Inline = origin(arguments[chosen], e).map { $0 + " " + result } ?? result
            text += isMin ? t(", capped at \(which)", "，受上限 \(which) 限制") : t(", raised to the minimum \(which)", "，按下限 \(which) 计")
        }
        return text
    }
}
