import EligoDecimal
import EligoDiagnostics
import EligoExpr
import EligoYAML

/// Decodes one product file (§3) against the catalog: every key, text and
/// expression is checked and every expression compiled into the product's
/// program. Problems are collected; a product comes out only when there were no
/// errors.
struct ProductDecoder {
    private var reader = PolicyReader()
    private let catalog: FieldCatalog
    private let file: SourceFile
    private let limits: ExpressionLimits
    private var program = Program()
    private var nextID: ExprID = 0
    private var environment: Environment
    /// For each `let`, the catalog fields it reads (through earlier lets too).
    private var letFields: [String: Set<String>] = [:]
    private var letNames: Set<String> = []
    /// Where each rule id is declared: a factor may not take one (§10: "Rule and factor ids are
    /// unique in a product"), so that an id names one thing in traces, coverage and tests.
    private var ruleIDs: [String: YAMLNode] = [:]

    static let topKeys = [
        "id", "version", "name", "kind", "provider", "effective", "applies_to", "let", "eligibility", "score", "award",
        "budget", "documents", "tests",
    ]
    static let outcomes = ["approve", "refer", "incomplete", "decline", "error", "invalid"]

    static func decode(_ root: YAMLNode, file: SourceFile, catalog: FieldCatalog, limits: ExpressionLimits) -> (Product?, Diagnostics) {
        var decoder = ProductDecoder(catalog: catalog, file: file, limits: limits)
        let product = decoder.decode(root)
        return (decoder.reader.diagnostics.hasErrors ? nil : product, decoder.reader.diagnostics)
    }

    private init(catalog: FieldCatalog, file: SourceFile, limits: ExpressionLimits) {
        self.catalog = catalog
        self.file = file
        self.limits = limits
        self.environment = catalog.environment
    }

    // MARK: Expressions

    private mutating func expression(
        _ node: YAMLNode, expecting: Expectation, fieldsOnly: Bool = false, satisfiable: Bool = false,
        laterLets: [String: SourceSpan] = [:], currentLet: String? = nil
    ) -> CompiledExpression? {
        guard let source = reader.expressionSource(node) else { return nil }
        let parsed = Parser.parse(source, firstID: nextID, limits: limits)
        nextID = parsed.nextID
        reader.diagnostics.append(contentsOf: parsed.diagnostics)
        guard !parsed.hasErrors else { return nil }
        let scope = fieldsOnly ? environment.fieldsOnly : environment
        let (checked, problems) = TypeChecker.check(
            parsed.expr, source: source, in: scope, expecting: expecting, letNames: fieldsOnly ? letNames : [], laterLets: laterLets,
            currentLet: currentLet)
        reader.diagnostics.append(contentsOf: problems)
        guard let checked else { return nil }
        if satisfiable, let never = Satisfiability.check(checked) {
            reader.diagnostics.add(never)
        }
        let entry = program.compile(checked)
        var fields = Set<String>()
        for name in parsed.expr.names {
            if catalog.contains(name), environment.lookup(name)?.kind == .field { fields.insert(name) }
            if let through = letFields[name] { fields.formUnion(through) }
        }
        let sorted = fields.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        return CompiledExpression(checked: checked, entry: entry, fields: sorted, fieldSlots: sorted.map { catalog[$0]?.slot ?? 0 })
    }

    // MARK: Product

    private mutating func decode(_ root: YAMLNode) -> Product? {
        guard reader.mapping(root) != nil else { return nil }
        reader.rejectUnknownKeys(root, allowed: Self.topKeys, context: .product)

        let id = reader.require(root, "id", context: .product).flatMap { reader.id($0) }
        let version = reader.require(root, "version", context: .product).flatMap { reader.string($0) }
        if let version, version.allSatisfy(\.isWhitespace), let node = root["version"] {
            reader.error(.policyEmptyVersion, at: node)
        }
        let name = reader.require(root, "name", context: .product).flatMap { reader.text($0) }
        var kind: ProductKind?
        if let kindNode = reader.require(root, "kind", context: .product), let text = reader.string(kindNode) {
            kind = ProductKind(rawValue: text)
            if kind == nil {
                let kinds = ProductKind.allCases.map(\.rawValue)
                reader.error(
                    .policyBadValue(text, expected: "a product kind (\(kinds.joined(separator: ", ")))", "产品类型（\(kinds.joined(separator: "、"))）"),
                    at: kindNode, help: Spelling.suggestion(for: text, among: kinds).map(Message.didYouMean))
            }
        }
        let provider = root["provider"].flatMap { reader.text($0) }
        let (from, until) = decodeEffective(root)

        // `applies_to` reads fields only, but knowing the let names gives a better message.
        letNames = Set(root["let"]?.mapping?.compactMap { $0.key.scalar?.value } ?? [])
        let appliesTo = root["applies_to"].flatMap { expression($0, expecting: .condition, fieldsOnly: true, satisfiable: true) }
        let lets = decodeLets(root["let"])
        let rules = decodeRules(root["eligibility"])
        let score = root["score"].flatMap { decodeScore($0) }
        let award = decodeAward(root["award"], kind: kind, root: root)
        let budget = root["budget"].flatMap { decodeBudget($0) }
        var documents: [String] = []
        if let node = root["documents"], let items = reader.sequence(node, of: "documents") {
            documents = items.compactMap { reader.string($0) }
        }
        // Every award the file names, those that failed to check included: a broken award is
        // reported once, at its expression, and not again as an unknown key of `expect`.
        let awardKeys = root["award"]?.mapping?.compactMap { $0.key.scalar?.value } ?? []
        let tests = decodeTests(root["tests"], rules: rules, award: award, awardKeys: awardKeys, defaultAsOf: from)

        guard let id, let version, let name, let kind, let from else { return nil }
        return Product(
            id: id, version: version, name: name, kind: kind, provider: provider, effectiveFrom: from, effectiveUntil: until,
            appliesTo: appliesTo, lets: lets, eligibility: rules, score: score, award: award, budget: budget, documents: documents,
            tests: tests, program: program, slotCount: catalog.fields.count + lets.count, file: file, digest: Digest.sha256Hex(file.bytes))
    }

    private mutating func decodeEffective(_ root: YAMLNode) -> (Day?, Day?) {
        guard let node = reader.require(root, "effective", context: .product), reader.mapping(node, of: "effective") != nil else { return (nil, nil) }
        reader.rejectUnknownKeys(node, allowed: ["from", "until"], context: .effective)
        let from = reader.require(node, "from", context: .effective).flatMap { reader.date($0) }
        let untilNode = node["until"]
        let until = untilNode.flatMap { $0.isNull ? nil : reader.date($0) }
        if let from, let until, from > until, let untilNode {
            reader.error(.policyEffectiveOrder(from.description, until.description), at: untilNode)
        }
        return (from, until)
    }

    private mutating func decodeLets(_ node: YAMLNode?) -> [LetBinding] {
        guard let node, let pairs = reader.mapping(node, of: "let") else { return [] }
        var lets: [LetBinding] = []
        var seen: [String: YAMLNode] = [:]
        // Where each let is defined, for "defined later" rather than "unknown" in the values before it.
        var later: [String: SourceSpan] = [:]
        for pair in pairs.reversed() {
            if let name = pair.key.scalar?.value, CatalogDecoder.isValidName(name), !catalog.contains(name) { later[name] = pair.key.span }
        }
        for pair in pairs {
            guard let name = reader.string(pair.key) else { continue }
            guard CatalogDecoder.isValidName(name) else {
                let reserved = name.split(separator: ".", omittingEmptySubsequences: false).contains { CatalogDecoder.reserved.contains(String($0)) }
                reader.error(reserved ? .policyReservedLetName(name) : .policyBadLetName(name), at: pair.key)
                continue
            }
            if catalog.contains(name) || catalog.unusable.contains(name) {
                reader.error(.policyLetShadows(name), at: pair.key)
                continue
            }
            if seen[name] != nil { continue }  // the YAML layer already reported the duplicate key
            seen[name] = pair.key
            let slot = Int32(catalog.fields.count + lets.count)
            later[name] = nil
            guard let compiled = expression(pair.value, expecting: .anything, laterLets: later, currentLet: name) else {
                // Still a known name, of a type that fits anywhere: its own error is the one
                // worth reading, not "unknown field" at every use.
                environment.declareLet(name, type: .any, slot: slot)
                continue
            }
            environment.declareLet(name, type: compiled.type, slot: slot)
            letFields[name] = Set(compiled.fields)
            lets.append(LetBinding(name: name, slot: slot, expression: compiled))
        }
        return lets
    }

    private mutating func decodeRules(_ node: YAMLNode?) -> [Rule] {
        guard let node, let items = reader.sequence(node, of: "eligibility") else { return [] }
        var rules: [Rule] = []
        for (index, item) in items.enumerated() {
            let context = Context.rule(index)
            guard reader.mapping(item) != nil else { continue }
            reader.rejectUnknownKeys(item, allowed: ["id", "rule", "reason"], context: context)
            let idNode = reader.require(item, "id", context: context)
            let id = idNode.flatMap { reader.id($0) }
            if let id, let idNode {
                if Reason.reservedCodes.contains(id) {
                    reader.error(.policyReservedCode(id), at: idNode)
                } else {
                    reader.checkUnique(id, at: idNode, among: &ruleIDs, what: ("rule", "规则"))
                }
            }
            let condition = reader.require(item, "rule", context: context).flatMap { expression($0, expecting: .condition, satisfiable: true) }
            let reason = item["reason"].flatMap { reader.text($0) }
            if let id, let condition {
                rules.append(Rule(id: id, condition: condition, reason: reason ?? LocalizedText(id), span: item.span))
            }
        }
        return rules
    }

    private mutating func decodeScore(_ node: YAMLNode) -> Scorecard? {
        guard reader.mapping(node, of: "score") != nil else { return nil }
        reader.rejectUnknownKeys(node, allowed: ["pass", "refer", "factors"], context: .score)
        let passNode = reader.require(node, "pass", context: .score)
        let pass = passNode.flatMap { reader.number($0) }
        let referNode = node["refer"]
        let refer = referNode.flatMap { reader.number($0) }
        if let pass, let refer, refer > pass, let referNode {
            reader.error(.policyReferAbovePass(refer.description, pass.description), at: referNode)
        }
        var factors: [Factor] = []
        var firstSeen: [String: YAMLNode] = [:]
        if let factorsNode = reader.require(node, "factors", context: .score), let items = reader.sequence(factorsNode, of: "factors") {
            for (index, item) in items.enumerated() {
                let context = Context.factor(index)
                guard reader.mapping(item) != nil else { continue }
                reader.rejectUnknownKeys(item, allowed: ["id", "name", "bins"], context: context)
                let idNode = reader.require(item, "id", context: context)
                let id = idNode.flatMap { reader.id($0) }
                if let id, let idNode {
                    if let rule = ruleIDs[id] {
                        reader.error(.policyFactorTakesRuleID(id), at: idNode, notes: [.init(message: .policyFirstDefined(id), span: rule.span)])
                    } else {
                        reader.checkUnique(id, at: idNode, among: &firstSeen, what: ("factor", "评分因子"))
                    }
                }
                let name = item["name"].flatMap { reader.text($0) }
                let bins = reader.require(item, "bins", context: context).map { decodeBins($0) } ?? []
                if let id {
                    factors.append(Factor(id: id, name: name ?? LocalizedText(id), bins: bins, span: item.span))
                }
            }
        }
        guard let pass else { return nil }
        let scorecard = Scorecard(pass: pass, refer: refer, factors: factors)
        if !reader.diagnostics.hasErrors, pass > scorecard.maximumScore, let passNode {
            reader.error(.policyPassUnreachable(pass.description, scorecard.maximumScore.description), at: passNode)
        }
        return scorecard
    }

    private mutating func decodeBins(_ node: YAMLNode) -> [Bin] {
        guard let items = reader.sequence(node, of: "bins") else { return [] }
        var bins: [Bin] = []
        for (index, item) in items.enumerated() {
            let context = Context.bin(index)
            guard reader.mapping(item) != nil else { continue }
            reader.rejectUnknownKeys(item, allowed: ["when", "points"], context: context)
            let whenNode = item["when"]
            if whenNode == nil, index != items.count - 1 {
                reader.error(.policyDefaultBinNotLast, at: item)
            }
            let when = whenNode.flatMap { expression($0, expecting: .condition, satisfiable: true) }
            let points = reader.require(item, "points", context: context).flatMap { reader.number($0) }
            if let points, whenNode == nil || when != nil {
                bins.append(Bin(when: when, points: points, span: item.span))
            }
        }
        return bins
    }

    private mutating func decodeAward(_ node: YAMLNode?, kind: ProductKind?, root: YAMLNode) -> [AwardValue] {
        var values: [AwardValue] = []
        if let node, let pairs = reader.mapping(node, of: "award") {
            for pair in pairs {
                guard let name = reader.string(pair.key) else { continue }
                let isAmount = name == "amount"
                guard let compiled = expression(pair.value, expecting: isAmount ? .numeric : .anything) else { continue }
                // A list of money is money item by item: each rounded and printed as money (§2, §4).
                let isMoney = isAmount || compiled.type == .money || compiled.type == .list(.money)
                values.append(AwardValue(name: name, expression: compiled, isMoney: isMoney))
            }
        }
        if let kind, kind.requiresAmount, node?["amount"] == nil {
            let anchor = node.flatMap { $0.mapping?.first?.key ?? $0 } ?? root.mapping?.first?.key ?? root
            reader.error(.policyAwardAmountRequired(kind.rawValue), at: anchor)
        }
        return values
    }

    private mutating func decodeBudget(_ node: YAMLNode) -> Budget? {
        guard reader.mapping(node, of: "budget") != nil else { return nil }
        reader.rejectUnknownKeys(node, allowed: ["pool", "slots", "order"], context: .budget)
        var pool: ExactDecimal?
        if let poolNode = node["pool"], let value = reader.number(poolNode) {
            if value.signum < 0 { reader.error(.policyNegative("pool"), at: poolNode) } else { pool = value }
            if let rounded = try? value.rounded(scale: 2, .halfAwayFromZero), rounded != value {
                reader.diagnostics.warning(.policyPoolPlaces(value.description, shown: rounded.formatted(places: 2)), at: poolNode.span)
            }
        }
        var slots: Int?
        if let slotsNode = node["slots"], let value = reader.wholeNumber(slotsNode) {
            if value < 0 { reader.error(.policyNegative("slots"), at: slotsNode) } else { slots = value }
        }
        if node["pool"] == nil, node["slots"] == nil { reader.error(.policyBudgetEmpty, at: node.mapping?.first?.key ?? node) }
        var order: [String] = []
        if let orderNode = node["order"], let items = reader.sequence(orderNode, of: "order") {
            for item in items {
                guard let name = reader.string(item) else { continue }
                if case .list = catalog[name]?.type {
                    // Ranking compares one value per applicant (§7): a list has no place in that order.
                    reader.error(.policyOrderListField(name), at: item)
                } else if catalog.contains(name) {
                    order.append(name)
                } else if !catalog.mayDeclare(name) {
                    reader.error(.policyUnknownField(name), at: item, help: Spelling.suggestion(for: name, among: catalog.names).map(Message.didYouMean))
                }
            }
        }
        return Budget(pool: pool, slots: slots, order: order)
    }

    private mutating func decodeTests(_ node: YAMLNode?, rules: [Rule], award: [AwardValue], awardKeys: [String], defaultAsOf: Day?) -> [ProductTest] {
        guard let node, let items = reader.sequence(node, of: "tests") else { return [] }
        var tests: [ProductTest] = []
        let expectKeys = ["outcome", "score", "reasons", "missing"]
        let awardNames = awardKeys
        let codes = Set(rules.map(\.id)).union(Reason.reservedCodes)
        for (index, item) in items.enumerated() {
            let context = Context.test(index)
            guard reader.mapping(item) != nil else { continue }
            reader.rejectUnknownKeys(item, allowed: ["name", "as_of", "applicant", "expect"], context: context)
            let name = reader.require(item, "name", context: context).flatMap { reader.string($0) }
            let asOf = item["as_of"].flatMap { reader.date($0) } ?? defaultAsOf
            let applicant = reader.require(item, "applicant", context: context)
            // A test may show that a record breaking the catalog is refused (`outcome: invalid`,
            // §6 step 2); any other test's applicant must be a valid record, or it tests a typo.
            let expectsInvalid = item["expect"]?["outcome"]?.scalar?.value == "invalid"
            if let applicant, !expectsInvalid {
                let (_, problems) = RecordDecoder(catalog: catalog).decode(applicant)
                reader.diagnostics.append(contentsOf: problems)
            }
            var expectations = ProductTest.Expectations(outcome: nil, score: nil, awards: [], reasons: nil, missing: nil)
            if let expect = reader.require(item, "expect", context: context), let pairs = reader.mapping(expect, of: "expect") {
                for pair in pairs {
                    let key = pair.key.scalar?.value ?? ""
                    switch key {
                    case "outcome":
                        if let value = reader.string(pair.value) {
                            if Self.outcomes.contains(value) { expectations.outcome = value } else {
                                reader.error(.policyUnknownOutcome(value), at: pair.value, help: Spelling.suggestion(for: value, among: Self.outcomes).map(Message.didYouMean))
                            }
                        }
                    case "score":
                        if pair.value.isNull {
                            expectations.noScore = true
                        } else if let items = pair.value.sequence {
                            if items.count == 2, let low = reader.number(items[0]), let high = reader.number(items[1]) {
                                expectations.score = (low, high)
                            } else if items.count != 2 {
                                reader.error(.policyExpectedKind("a number or [low, high]", "数字或 [下限, 上限]", found: pair.value.kindName), at: pair.value)
                            }
                        } else if let value = reader.number(pair.value) {
                            expectations.score = (value, value)
                        }
                    case "reasons", "missing":
                        guard let items = reader.sequence(pair.value, of: key) else { continue }
                        var values: [String] = []
                        for entry in items {
                            guard let value = reader.string(entry) else { continue }
                            if key == "reasons", !codes.contains(value) {
                                let suggestion = Spelling.suggestion(for: value, among: codes.sorted()).map(Message.didYouMean)
                                reader.error(.policyUnknownReason(value), at: entry, help: suggestion ?? .policyKnownCodes(rules.map(\.id)))
                            } else if key == "missing", !catalog.mayDeclare(value) {
                                reader.error(.policyUnknownField(value), at: entry, help: Spelling.suggestion(for: value, among: catalog.names).map(Message.didYouMean))
                            }
                            values.append(value)
                        }
                        if key == "reasons" { expectations.reasons = values } else { expectations.missing = values }
                    default:
                        if awardNames.contains(key) {
                            if let expected = Self.expectedAward(pair.value, &reader),
                                Self.expectationFits(expected, pair.value, award.first { $0.name == key }?.expression.type ?? .any, &reader)
                            {
                                expectations.awards.append((key, expected, pair.value.span))
                            }
                        } else {
                            let allowed = expectKeys + awardNames
                            let help: Message = Message.looksSplitByComma(key, in: expect) ? .yamlNumberCommaInFlow
                                : Spelling.suggestion(for: key, among: allowed).map(Message.didYouMean) ?? .policyAllowedKeys(allowed)
                            reader.error(.policyUnknownKey(key, in: .expect), at: pair.key, help: help)
                        }
                    }
                }
            }
            if let name, let asOf, let applicant {
                tests.append(ProductTest(name: name, asOf: asOf, applicant: applicant, expect: expectations, span: item.span))
            }
        }
        return tests
    }

    /// Whether an expectation can match an award of `type` (README: "any other shape is a
    /// validation error"): a list for a list, a value for a value, each value of its kind
    /// (`44800` or `3.85%` for a number, `true` for a condition, a real date for a date);
    /// an error at the node if not, so a test that could never pass is caught before it runs.
    private static func expectationFits(_ expected: ProductTest.ExpectedAward, _ node: YAMLNode, _ type: ExprType, _ reader: inout PolicyReader) -> Bool {
        switch (expected, type) {
        case (.null, _), (_, .any): return true
        case (.list(let texts), .list(let element)):
            guard let items = node.sequence else { return true }
            return zip(texts, items).allSatisfy { valueFits($0, $1, element, &reader) }
        case (.list, _):
            reader.error(.policyExpectedKind("a single value, as the award gives one", "单个值（该授予项是单个值）", found: node.kindName), at: node)
            return false
        case (.value, .list):
            reader.error(.policyExpectedKind("a list, as the award gives one", "列表（该授予项是列表）", found: node.kindName), at: node)
            return false
        case (.value(let text), _):
            return valueFits(text, node, type, &reader)
        }
    }

    private static func valueFits(_ text: String, _ node: YAMLNode, _ type: ExprType, _ reader: inout PolicyReader) -> Bool {
        let fits: Bool
        let kind: (en: String, zh: String)
        switch type {
        case .int, .number, .money:
            fits = PolicyTestRunner.expectedNumber(text) != nil
            kind = ("a number (or a percentage)", "数字（或百分数）")
        case .bool:
            fits = text == "true" || text == "false"
            kind = ("true or false", "true 或 false")
        case .date:
            fits = Day(iso: text) != nil
            kind = ("a date (YYYY-MM-DD)", "日期（YYYY-MM-DD）")
        default:
            return true
        }
        if !fits { reader.error(.policyBadValue(text, expected: kind.en, kind.zh), at: node) }
        return fits
    }

    /// An award's expectation: a scalar, `null`, or a list of scalars; anything else is an error
    /// at the node, never ignored.
    private static func expectedAward(_ node: YAMLNode, _ reader: inout PolicyReader) -> ProductTest.ExpectedAward? {
        if node.isNull { return .null }
        if let scalar = node.scalar { return .value(scalar.value) }
        if let items = node.sequence {
            var values: [String] = []
            for item in items {
                guard let scalar = item.scalar, !item.isNull else {
                    reader.error(.policyExpectedKind("a value", "值", found: item.kindName), at: item)
                    return nil
                }
                values.append(scalar.value)
            }
            return .list(values)
        }
        reader.error(.policyExpectedKind("a value, a list of values or null", "值、值的列表或 null", found: node.kindName), at: node)
        return nil
    }
}
