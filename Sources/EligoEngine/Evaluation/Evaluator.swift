import EligoDecimal
import EligoDiagnostics
public import EligoExpr

/// What happened to one product for one applicant.
public enum ProductEvaluation: Sendable {
    /// `as_of` is outside `effective`: not evaluated, not listed.
    case inactive
    /// `applies_to` is false: not evaluated, not listed.
    case notApplicable
    case decided(Decision)
}

/// Evaluates applicant records against products (§5, §6, §10).
///
/// Immutable and `Sendable`: one evaluator serves every thread of a batch, each
/// with frames of its own. Decisions without an explanation go the unboxed way
/// first (``UnboxedPolicies``) and fall back to ``Run`` where it cannot decide;
/// explanations always come from ``Run``.
public struct Evaluator: Sendable {
    public let policies: PolicySet
    /// Frame size that fits the catalog's fields and the `let`s of any product.
    private let frameSize: Int
    private let unboxed: UnboxedPolicies?

    /// - Parameter unboxed: whether decisions without an explanation may take the
    ///   unboxed path; off, every decision comes from the reference evaluator
    ///   (the differential tests compare the two).
    public init(policies: PolicySet, unboxed: Bool = true) {
        self.policies = policies
        self.frameSize = policies.products.map(\.slotCount).max() ?? policies.catalog.fields.count
        self.unboxed = unboxed ? UnboxedPolicies(policies) : nil
    }

    /// Every product in effect and applicable, in discovery order.
    public func decisions(for record: ApplicantRecord, asOf: Day, explain: Bool = false) -> [Decision] {
        var frame = makeFrame(for: record, asOf: asOf)
        return policies.products.compactMap { product in
            if case .decided(let decision) = evaluate(record, against: product, asOf: asOf, explain: explain, frame: &frame) { return decision }
            return nil
        }
    }

    public func evaluate(_ record: ApplicantRecord, against product: Product, asOf: Day, explain: Bool = false) -> ProductEvaluation {
        var frame = makeFrame(for: record, asOf: asOf)
        return evaluate(record, against: product, asOf: asOf, explain: explain, frame: &frame)
    }

    /// A frame loaded with the record's values, shared by all its products: each
    /// product writes its own `let` slots before reading them, so no product sees another's.
    public func makeFrame(for record: ApplicantRecord, asOf: Day) -> RecordFrame {
        var frame = makeFrame(asOf: asOf)
        load(record, into: &frame)
        return frame
    }

    /// An empty frame, to be loaded with one record after another (``load(_:into:)``) by a
    /// loop that reuses its storage.
    public func makeFrame(asOf: Day) -> RecordFrame {
        RecordFrame(cells: CellFrame(size: frameSize, symbols: unboxed?.symbols ?? Symbols(), asOf: asOf))
    }

    /// Loads another record into a frame made by ``makeFrame(asOf:)``, reusing its storage.
    public func load(_ record: ApplicantRecord, into frame: inout RecordFrame) {
        frame.context = nil
        // A record typed into the frame is there already.
        if let unboxed, record.isValid, !record.typedIntoFrame { frame.cells.load(record.values, slots: unboxed.fieldSlots) }
    }

    /// How a batch parser may type records straight into this evaluator's frames:
    /// the slots its expressions read, and `alsoReading` (a budget's `order` fields).
    func cellPlan(for parser: RecordParser, alsoReading: [Int32]) -> CellPlan? {
        guard let unboxed else { return nil }
        return CellPlan(parser: parser, symbols: unboxed.symbols, slots: Array(Set(unboxed.fieldSlots + alsoReading)))
    }

    /// One field's value of a record, from the frame when the record was typed into it.
    func value(ofSlot slot: Int32, _ record: ApplicantRecord, in frame: RecordFrame) -> Value {
        if record.typedIntoFrame { return frame.cells.value(frame.cells[slot]) ?? .unknown }
        return record.values.isEmpty ? .unknown : record.values[Int(slot)]
    }

    /// The boxed frame of the reference evaluator, made when first needed.
    private func context(for record: ApplicantRecord, in frame: inout RecordFrame) -> EvaluationContext {
        if let context = frame.context {
            // Taken out, so that writing a `let` slot does not copy the slots.
            frame.context = nil
            return context
        }
        var slots = record.values
        slots.reserveCapacity(frameSize)
        while slots.count < frameSize { slots.append(.unknown) }
        if record.typedIntoFrame, let unboxed {
            // The fields any expression reads are in the cells; a CSV record's cells are
            // scalars and lists of scalars, which always have a value.
            for slot in unboxed.fieldSlots { slots[Int(slot)] = frame.cells.value(frame.cells[slot]) ?? .unknown }
        }
        return EvaluationContext(slots: slots, asOf: frame.cells.asOf)
    }

    /// Evaluates one product in a frame loaded with the same record.
    public func evaluate(
        _ record: ApplicantRecord, against product: Product, asOf: Day, explain: Bool = false, frame: inout RecordFrame
    ) -> ProductEvaluation {
        guard product.isEffective(on: asOf) else { return .inactive }
        var decision = Decision(blankFor: record, product, asOf: asOf)
        // An invalid record is invalid for every active product; applies_to is not evaluated (§10).
        guard record.isValid else {
            // Where in the input, as `eligo batch` says it of the same record: a decision stands apart from the file.
            decision.messages = record.problems.map { problem in
                guard let location = problem.span?.location else { return problem.message }
                return .yamlAt(line: location.line, column: location.column, problem.message)
            }
            return .decided(decision)
        }
        if !explain, let unboxed, frame.cells.asOf == asOf, let compiled = unboxed.compiled(product) {
            switch compiled.decide(product, in: frame.cells, awards: &frame.awardCells, missing: &frame.missingSlots, into: &decision) {
            case .notApplicable: return .notApplicable
            case .decided: return .decided(decision)
            case .fallback: break
            }
        }
        return reference(record, against: product, explain: explain, frame: &frame, into: decision)
    }

    /// What a batch row of one product needs: a ``Verdict`` when the unboxed path
    /// decides on its own, else the reference evaluator's ``Decision``.
    public func evaluateForRow(_ record: ApplicantRecord, against product: Product, asOf: Day, frame: inout RecordFrame) -> RowEvaluation {
        guard record.isValid, let unboxed, frame.cells.asOf == asOf, let compiled = unboxed.compiled(product) else {
            return .evaluated(evaluate(record, against: product, asOf: asOf, frame: &frame))
        }
        guard product.isEffective(on: asOf) else { return .evaluated(.inactive) }
        switch compiled.verdict(product, in: frame.cells, awards: &frame.awardCells, missing: &frame.missingSlots) {
        case .notApplicable: return .evaluated(.notApplicable)
        case .decided(let verdict): return .verdict(verdict)
        case .fallback: return .evaluated(referenceDecision(record, against: product, asOf: asOf, frame: &frame))
        }
    }

    /// The compiled form of the policy set's product `index`, where decisions may take the unboxed path.
    func compiledProduct(at index: Int) -> UnboxedProduct? {
        unboxed?.products[index]
    }

    /// The decision of a product that the unboxed path handed back, from the reference evaluator.
    func referenceDecision(_ record: ApplicantRecord, against product: Product, asOf: Day, frame: inout RecordFrame) -> ProductEvaluation {
        reference(record, against: product, explain: false, frame: &frame, into: Decision(blankFor: record, product, asOf: asOf))
    }

    /// The reference evaluator (``Run`` over ``Program``): the path that explains, and
    /// the one that decides whatever the unboxed path hands back.
    private func reference(
        _ record: ApplicantRecord, against product: Product, explain: Bool, frame: inout RecordFrame, into decision: Decision
    ) -> ProductEvaluation {
        var decision = decision
        var context = context(for: record, in: &frame)
        defer { frame.context = context }
        if explain { context.startTracing() }
        defer { context.stopTracing() }
        var run = Run(product: product, explain: explain)
        if let appliesTo = product.appliesTo {
            let value = run.evaluate(appliesTo, name: "applies_to", place: .appliesTo, in: &context)
            if case .bool(false) = value { return .notApplicable }
        }
        run.evaluateBody(in: &context)
        run.decide(into: &decision, frame: &context)
        return .decided(decision)
    }
}

extension Decision {
    /// The record's and product's parts of a decision, before it is decided.
    init(blankFor record: ApplicantRecord, _ product: Product, asOf: Day) {
        self.init(
            applicantID: record.id, recordNumber: record.number, recordLine: record.line, productID: product.id,
            productVersion: product.version, policyDigest: product.digest, asOf: asOf, outcome: .invalid, score: nil, awards: [],
            reasons: [], messages: [], missing: [], documents: product.documents, trace: nil)
    }
}

/// One product's result for a batch row: a verdict where the unboxed path decided
/// on its own, else what ``Evaluator/evaluate(_:against:asOf:explain:frame:)`` gives.
public enum RowEvaluation {
    case verdict(Verdict)
    case evaluated(ProductEvaluation)
}

/// One record's values, ready for evaluation: cells for the unboxed path and,
/// once a product needs it, the boxed frame of the reference evaluator.
public struct RecordFrame {
    let cells: CellFrame
    var context: EvaluationContext?
    /// Scratch for a product's award values, kept to reuse its storage.
    var awardCells: [Cell] = []
    /// Scratch for the slots of an incomplete verdict's missing fields, sorted by name.
    var missingSlots: [Int32] = []

    init(cells: CellFrame) {
        self.cells = cells
    }

    /// The record loaded now, kept to load it again without typing it anew: how a
    /// benchmark measures evaluation apart from reading records.
    public func snapshot() -> CellFrame.Snapshot { cells.snapshot() }

    /// Loads a record saved by ``snapshot()`` of a frame from the same evaluator.
    public mutating func restore(_ snapshot: CellFrame.Snapshot) {
        context = nil
        cells.restore(snapshot)
    }
}

/// Where in a product an expression sits, for error messages.
enum Place {
    case appliesTo
    case letBinding(String)
    case rule(String)
    case bin(factor: String, index: Int)
    case award(String)

    var en: String {
        switch self {
        case .appliesTo: "applies_to"
        case .letBinding(let name): "let '\(name)'"
        case .rule(let id): "rule '\(id)'"
        case .bin(let factor, let index): "factor '\(factor)' bin \(index + 1)"
        case .award(let name): "award '\(name)'"
        }
    }

    var zh: String {
        switch self {
        case .appliesTo: "适用范围 applies_to"
        case .letBinding(let name): "let 值“\(name)”"
        case .rule(let id): "规则“\(id)”"
        case .bin(let factor, let index): "评分因子“\(factor)”第 \(index + 1) 档"
        case .award(let name): "输出“\(name)”"
        }
    }
}

/// The state of one evaluation of one record against one product; the frame
/// (field and `let` values, node values when tracing) is passed in.
struct Run {
    let product: Product
    let explain: Bool
    var errors: [Message] = []
    var ruleResults: [Value] = []
    /// The score so far: the sum of the factors' intervals.
    var scoreLow = ExactDecimal.zero
    var scoreHigh = ExactDecimal.zero
    /// Each factor in full, kept only when explaining or tracing node values.
    var factorResults: [Trace.FactorResult] = []
    var awardResults: [Value] = []
    var trace: Trace

    init(product: Product, explain: Bool) {
        self.product = product
        self.explain = explain
        self.trace = Trace(appliesTo: nil, lets: [], rules: [], factors: [], awards: [], values: [:])
        ruleResults.reserveCapacity(product.eligibility.count)
    }

    /// Evaluates one expression, notes an error, and records a trace entry when explaining.
    /// `name` and `place` are needed only for errors and traces, so they are built only then.
    mutating func evaluate(
        _ expression: CompiledExpression, name: @autoclosure () -> String, place: @autoclosure () -> Place, in context: inout EvaluationContext
    ) -> Value {
        let value = product.program.evaluate(expression.entry, &context)
        if case .error(let error) = value { errors.append(message(for: error, in: expression, place: place())) }
        if explain {
            let entry = Trace.Entry(name: name(), expression: expression, result: value, inputs: inputs(of: expression, context))
            switch place() {
            case .appliesTo: trace.appliesTo = entry
            case .letBinding: trace.lets.append(entry)
            case .rule: trace.rules.append(entry)
            case .award: trace.awards.append(entry)
            case .bin: break
            }
        }
        return value
    }

    /// The fields and `let`s the expression read (§6: "the input values it read"): a name in a
    /// branch of `if` not chosen, or in an argument `coalesce` did not need, was not read. Nor
    /// does the side of `and`/`or` that the other side decided count (§10: they commute): `s ==
    /// "x" or n > 1` with `n` 3 lists `n` alone, as `n > 1 or s == "x"` does, whatever `s` is.
    private func inputs(of expression: CompiledExpression, _ context: EvaluationContext) -> [(name: String, value: Value)] {
        var seen = Set<String>()
        var inputs: [(name: String, value: Value)] = []
        func visit(_ node: Expr) {
            switch node.kind {
            case .name(let name):
                guard let symbol = expression.checked.symbols[node.id], !context.isTracing || context.recordedValue(of: node.id) != nil,
                      seen.insert(name).inserted
                else { return }
                inputs.append((name, context.slots[Int(symbol.slot)]))
            case .binary(let op, _, let rhs, _) where op == .and || op == .or:
                // The right side is evaluated only when the left did not decide; when it decides, only it counts.
                if case .bool(let value)? = context.recordedValue(of: rhs.id), value == (op == .or) {
                    visit(rhs)
                } else {
                    node.forEachChild(visit)
                }
            default:
                node.forEachChild(visit)
            }
        }
        visit(expression.expr)
        return inputs
    }

    private func message(for error: EvalError, in expression: CompiledExpression, place: Place) -> Message {
        var found: Expr?
        expression.expr.forEach { node in if node.id == error.node { found = node } }
        let text: EvalErrorText = switch error.kind {
        case .divisionByZero: EvalErrorText(id: "division-by-zero", en: "division by zero", zh: "除数为零")
        case .overflow: EvalErrorText(id: "overflow", en: "a number too large to compute exactly", zh: "数值过大，无法精确计算")
        case .nonPositiveStep: EvalErrorText(id: "non-positive-step", en: "a step that is not above 0", zh: "步长不大于 0")
        case .emptyClamp: EvalErrorText(id: "empty-clamp", en: "a lower bound above the upper bound", zh: "下限大于上限")
        case .fractionalDigits: EvalErrorText(id: "fractional-digits", en: "digits that are not a whole number", zh: "位数不是整数")
        }
        if found == nil {
            // The error came through a `let` this expression read: name it, and where it failed.
            for binding in product.lets {
                var inLet: Expr?
                binding.expression.expr.forEach { node in if node.id == error.node { inLet = node } }
                if let inLet {
                    return .evalErrorThroughLet(
                        product: product.id, place: place.en, placeZh: place.zh, kind: text, name: binding.name, expression: inLet.printed)
                }
            }
        }
        return .evalError(product: product.id, place: place.en, placeZh: place.zh, kind: text, expression: (found ?? expression.expr).printed)
    }

    mutating func evaluateBody(in context: inout EvaluationContext) {
        // Indices rather than `for x in`: a copied rule would retain each of its strings.
        let lets = product.lets
        for index in lets.indices {
            let value = evaluate(lets[index].expression, name: lets[index].name, place: .letBinding(lets[index].name), in: &context)
            context.slots[Int(lets[index].slot)] = value
        }
        let rules = product.eligibility
        for index in rules.indices {
            ruleResults.append(evaluate(rules[index].condition, name: rules[index].id, place: .rule(rules[index].id), in: &context))
        }
        if let score = product.score {
            for factor in score.factors { evaluateFactor(factor, in: &context) }
        }
        let awards = product.award
        for index in awards.indices {
            var value = evaluate(awards[index].expression, name: awards[index].name, place: .award(awards[index].name), in: &context)
            // Money, alone or in a list, is rounded half away from zero to 2 places, once, at the end (§4).
            if awards[index].isMoney { value = AwardResult.roundedMoney(value) }
            awardResults.append(value)
        }
        if explain { trace.values = context.trace ?? [:] }
    }

    /// §5: the first true bin wins; an unknown bin opens an interval over it and
    /// every later bin that is not definitely false, up to the first true one;
    /// without a definitely true bin, 0 (no match) is part of the interval.
    private mutating func evaluateFactor(_ factor: Factor, in context: inout EvaluationContext) {
        // The interval is the smallest and largest points among the bins that may give
        // them; kept as two running bounds rather than a list, as this runs per record.
        var low: ExactDecimal?
        var high: ExactDecimal?
        func consider(_ points: ExactDecimal) {
            if low.map({ points < $0 }) ?? true { low = points }
            if high.map({ points > $0 }) ?? true { high = points }
        }
        let recording = explain || context.isTracing
        var matched = false
        var bins: [Trace.BinResult] = []
        var unknownFields = Set<String>()
        for index in factor.bins.indices {
            let bin = factor.bins[index]
            guard let when = bin.when else {
                consider(bin.points)
                matched = true
                if recording { bins.append(Trace.BinResult(index: index, points: bin.points, when: nil, result: .bool(true))) }
                break
            }
            let value = product.program.evaluate(when.entry, &context)
            if case .error(let error) = value { errors.append(message(for: error, in: when, place: .bin(factor: factor.id, index: index))) }
            // Bin results also serve `missing` (a straddling factor's unknown bins) when only node values are traced.
            if recording {
                let entry = Trace.Entry(
                    name: "\(factor.id)#\(index + 1)", expression: when, result: value, inputs: explain ? inputs(of: when, context) : [])
                bins.append(Trace.BinResult(index: index, points: bin.points, when: entry, result: value))
            }
            switch value {
            case .bool(true):
                consider(bin.points)
                matched = true
            case .bool(false):
                continue
            default:
                consider(bin.points)
                if explain {
                    for (field, slot) in zip(when.fields, when.fieldSlots) where context.slots[Int(slot)].isUnknown {
                        unknownFields.insert(field)
                    }
                }
                continue
            }
            break
        }
        if !matched { consider(.zero) }
        let lowest = low ?? .zero
        let highest = high ?? .zero
        scoreLow = (try? scoreLow.adding(lowest)) ?? scoreLow
        scoreHigh = (try? scoreHigh.adding(highest)) ?? scoreHigh
        guard recording else { return }
        factorResults.append(Trace.FactorResult(
            id: factor.id, name: factor.name, low: lowest, high: highest, maximum: factor.maximumPoints, bins: bins,
            unknownFields: lowest == highest || unknownFields.isEmpty
                ? [] : unknownFields.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }))
    }

    /// §6 step 4: error, decline, incomplete, refer, approve — the first that holds.
    mutating func decide(into decision: inout Decision, frame context: inout EvaluationContext) {
        var trace = self.trace
        trace.factors = factorResults
        if explain { decision.trace = trace }

        var score: ScoreInterval?
        if let card = product.score {
            score = ScoreInterval(low: scoreLow, high: scoreHigh, pass: card.pass, refer: card.refer)
        }
        decision.score = score

        if !errors.isEmpty {
            decision.outcome = .error
            decision.messages = errors
            return
        }

        let amountIndex = product.award.firstIndex { $0.name == "amount" }
        let amountValue = amountIndex.map { awardResults[$0] }

        // Decline: every false rule, then the score, then the amount.
        var reasons: [Reason] = []
        for (rule, result) in zip(product.eligibility, ruleResults) {
            if case .bool(false) = result { reasons.append(Reason(code: rule.id, text: rule.reason)) }
        }
        if let score {
            if let refer = score.refer {
                if score.high < refer {
                    reasons.append(.scoreBelowRefer(high: score.high, refer: refer))
                }
            } else if score.high < score.pass {
                reasons.append(.scoreBelowPass(high: score.high, pass: score.pass))
            }
        }
        if case .number(let amount) = amountValue, amount.signum <= 0 {
            reasons.append(.noAward(amount: amount))
        }
        if !reasons.isEmpty {
            decision.outcome = .decline
            decision.reasons = reasons
            return
        }

        // Incomplete: anything unknown that could still change the outcome.
        var missing = Set<String>()
        var incomplete = false
        // When every node was traced (explaining), the causes are read off the trace;
        // otherwise only the expressions that came out unknown are evaluated again,
        // with node values, so a decided record never pays for this.
        let traced = context.isTracing
        var letsSeen = Set<String>()
        func collect(_ expression: CompiledExpression) {
            if traced {
                unknownCauses(expression.expr, expression, context.nodeValues, into: &missing)
            } else {
                causes(of: expression, in: &context, into: &missing, letsSeen: &letsSeen)
            }
        }
        for (rule, result) in zip(product.eligibility, ruleResults) where result.isUnknown {
            incomplete = true
            collect(rule.condition)
        }
        if let score {
            let straddles = (score.low < score.pass && score.high >= score.pass)
                || (score.refer.map { score.low < $0 && score.high >= $0 } ?? false)
            if straddles {
                incomplete = true
                if traced {
                    for factor in factorResults where factor.low != factor.high {
                        for bin in factor.bins where bin.result?.isUnknown == true {
                            if let when = bin.when { collect(when.expression) }
                        }
                    }
                } else {
                    for factor in product.score?.factors ?? [] {
                        for when in unknownBins(of: factor, in: &context) { collect(when) }
                    }
                }
            }
        }
        for (award, result) in zip(product.award, awardResults) where result.isUnknown || result.hasUnknownItem {
            incomplete = true
            collect(award.expression)
        }
        if incomplete {
            decision.outcome = .incomplete
            decision.missing = missing.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
            return
        }

        if let score, score.low < score.pass {
            decision.outcome = .refer
        } else {
            decision.outcome = .approve
        }
        decision.awards = zip(product.award, awardResults).map { AwardResult(name: $0.name, value: $1, isMoney: $0.isMoney) }
    }
}

extension Run {
    /// The catalog fields that made `expression` unknown, found by evaluating it
    /// again with node values and following `let`s the same way.
    func causes(
        of expression: CompiledExpression, in context: inout EvaluationContext, into causes: inout Set<String>, letsSeen: inout Set<String>
    ) {
        context.startTracing()
        _ = product.program.evaluate(expression.entry, &context)
        let values = context.nodeValues
        context.stopTracing()
        var lets: [LetBinding] = []
        walkUnknown(expression.expr, expression, values) { name, kind in
            switch kind {
            case .field:
                causes.insert(name)
            case .let:
                if letsSeen.insert(name).inserted, let binding = product.lets.first(where: { $0.name == name }) {
                    lets.append(binding)
                }
            }
        }
        for binding in lets { self.causes(of: binding.expression, in: &context, into: &causes, letsSeen: &letsSeen) }
    }

    /// The `when`s of a factor that came out unknown, when the factor's points are an interval.
    func unknownBins(of factor: Factor, in context: inout EvaluationContext) -> [CompiledExpression] {
        var unknown: [CompiledExpression] = []
        var points: [ExactDecimal] = []
        var matched = false
        for bin in factor.bins {
            guard let when = bin.when else {
                points.append(bin.points)
                matched = true
                break
            }
            switch product.program.evaluate(when.entry, &context) {
            case .bool(true):
                points.append(bin.points)
                matched = true
            case .bool(false):
                continue
            default:
                points.append(bin.points)
                unknown.append(when)
                continue
            }
            break
        }
        if !matched { points.append(.zero) }
        return points.min() == points.max() ? [] : unknown
    }

    /// Visits the names at the bottom of the unknown paths of `node`.
    func walkUnknown(_ node: Expr, _ expression: CompiledExpression, _ values: [Value?], _ visit: (String, Environment.SymbolKind) -> Void) {
        if case .list(let items) = node.kind {
            // A list literal is never unknown itself, but an unknown item makes the node above
            // it unknown (`n in [1, a]`): the walk goes on into the items.
            for item in items { walkUnknown(item, expression, values, visit) }
            return
        }
        guard Int(node.id) < values.count, case .some(.unknown) = values[Int(node.id)] else { return }
        if case .name(let name) = node.kind, let symbol = expression.checked.symbols[node.id] {
            visit(name, symbol.kind)
            return
        }
        node.forEachChild { walkUnknown($0, expression, values, visit) }
    }

    /// The catalog fields that made `node` unknown: follow unknown values down the
    /// tree (only through sub-expressions that were evaluated and came out unknown)
    /// and through `let`s to the unknown fields at the bottom.
    ///
    /// `coalesce(loan_term_months, 96)` is known, so `loan_term_months` never
    /// counts as missing through it, which a static list of fields read would claim.
    func unknownCauses(_ node: Expr, _ expression: CompiledExpression, _ values: [Value?], into causes: inout Set<String>) {
        var lets: [LetBinding] = []
        walkUnknown(node, expression, values) { name, kind in
            switch kind {
            case .field: causes.insert(name)
            case .let: if let binding = product.lets.first(where: { $0.name == name }) { lets.append(binding) }
            }
        }
        for binding in lets { unknownCauses(binding.expression.expr, binding.expression, values, into: &causes) }
    }
}
