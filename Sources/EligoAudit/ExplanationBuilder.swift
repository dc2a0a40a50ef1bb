import EligoDecimal
import EligoDiagnostics
import EligoEngine
import EligoExpr

/// Builds the sections of an explanation from a decision and its trace.
///
/// The order follows what an applicant needs first (research note §4.5): the outcome,
/// what was granted, what would change the outcome, then the rules, the score and the
/// computations in detail. A `let` is explained once, where it is first used.
struct ExplanationBuilder {
    let decision: Decision
    let product: Product
    let catalog: FieldCatalog
    let language: Language
    let maxFactors: Int
    let trace: Trace?
    let words: ExpressionWords
    /// Lets already explained above, so that a later use only names them.
    private var explained = Set<String>()

    init(_ explanation: Explanation) {
        decision = explanation.decision
        product = explanation.product
        catalog = explanation.catalog
        language = explanation.language
        maxFactors = explanation.maxFactors
        trace = explanation.decision.trace
        words = ExpressionWords(
            language: language, catalog: catalog, product: product, trace: trace, asOf: decision.asOf)
    }

    private func t(_ en: Inline, _ zh: Inline) -> Inline { language == .zh ? zh : en }

    private var comma: String { language == .zh ? "，" : ", " }
    private var colon: String { language == .zh ? "：" : ": " }

    // MARK: - The document

    mutating func build() -> ExplanationDocument {
        var sections: [Section] = []
        switch decision.outcome {
        case .approve, .waitlist:
            sections += [awardSection(), computationSection()].compactMap { $0 }
            sections += [rulesSection(), scoreSection(), documentsSection()].compactMap { $0 }
        case .refer:
            sections += [awardSection(), referSection(), computationSection()].compactMap { $0 }
            sections += [rulesSection(), scoreSection(), documentsSection()].compactMap { $0 }
        case .decline:
            sections.append(declineSection())
            let noAward = decision.reasons.contains { $0.code == "no-award" }
            sections += [noAward ? computationSection() : nil, rulesSection(), scoreSection(), reviewSection()].compactMap { $0 }
        case .incomplete:
            sections.append(missingSection())
            sections += [openSection()].compactMap { $0 }
            // A list award with an unknown item (`[1000, m]`) is as open as an unknown one (§10).
            let unknownAward = trace?.awards.contains { $0.result.isUnknown || $0.result.hasUnknownItem } ?? false
            sections += [unknownAward ? computationSection() : nil, rulesSection(), scoreSection(), documentsSection()].compactMap { $0 }
        case .error:
            sections.append(errorSection())
            sections += [rulesSection(), scoreSection()].compactMap { $0 }
        case .invalid:
            sections.append(invalidSection())
        }
        return ExplanationDocument(title: title, subtitle: subtitle, outcome: outcome, summary: summary, sections: sections)
    }

    private var title: Inline {
        let name = product.name.text(language)
        return t("\(name) (\(Inline.code(product.id)) \(product.version))", "\(name)（\(Inline.code(product.id)) \(product.version)）")
    }

    private var subtitle: Inline {
        var parts: [Inline] = []
        if let provider = product.provider { parts.append(Inline(provider.text(language))) }
        if let id = decision.applicantID {
            parts.append(t("applicant \(id)", "申请人 \(id)"))
        } else {
            parts.append(t("record \(decision.recordNumber)", "第 \(decision.recordNumber) 条记录"))
        }
        parts.append(t("as of \(decision.asOf.description)", "评估日期 \(decision.asOf.description)"))
        var line = Inline.join(parts, " · ")
        if case .text(let first)? = line.runs.first {
            line.runs[0] = .text(first.prefix(1).uppercased() + first.dropFirst())
        }
        return line
    }

    private var outcome: Inline {
        let name: String = switch (decision.outcome, language) {
        case (.approve, .en): "approved"
        case (.approve, .zh): "批准"
        case (.waitlist, .en): "eligible, on the waiting list"
        case (.waitlist, .zh): "符合条件，列入候补"
        case (.refer, .en): "referred to an officer for review"
        case (.refer, .zh): "转人工审核"
        case (.decline, .en): "not approved"
        case (.decline, .zh): "未获批准"
        case (.incomplete, .en): "more information needed"
        case (.incomplete, .zh): "需补充信息"
        case (.error, .en): "no decision (evaluation error)"
        case (.error, .zh): "无法决定（计算出错）"
        case (.invalid, .en): "no decision (invalid application record)"
        case (.invalid, .zh): "无法决定（申请记录无效）"
        }
        return .strong(language == .zh ? "结果：" + name : "Outcome: " + name)
    }

    private var summary: Inline {
        let rules = trace?.rules.count ?? product.eligibility.count
        switch decision.outcome {
        case .approve:
            if let score = decision.score {
                return t(
                    "Every eligibility rule is met and the score \(points(score.low)) reaches the pass mark \(points(score.pass)).",
                    "所有准入条件均满足，评分 \(points(score.low)) 分达到通过线 \(points(score.pass)) 分。")
            }
            return t("Every eligibility rule is met.", "所有准入条件均满足。")
        case .waitlist:
            return t(
                "The application is eligible, but the programme's budget was used up before it; it is on the waiting list.",
                "申请符合条件，但本期额度已用完，列入候补名单。")
        case .refer:
            guard let score = decision.score else { return "" }
            let band = score.refer.map { t(" (and not below the referral line \(points($0)))", "（不低于转人工线 \(points($0)) 分）") } ?? ""
            return t(
                "Every eligibility rule is met, but the score \(scoreText(score)) is below the pass mark \(points(score.pass))\(band): an officer will decide.",
                "所有准入条件均满足，但评分 \(scoreText(score)) 分低于通过线 \(points(score.pass)) 分 \(band)，由工作人员人工审核决定。")
        case .decline:
            var parts: [Inline] = []
            let failed = decision.reasons.filter { !Reason.reservedCodes.contains($0.code) }.count
            if failed > 0 {
                parts.append(t(
                    rules == 1 ? "the eligibility rule is not met" : "\(failed) of \(rules) eligibility rules \(failed == 1 ? "is" : "are") not met",
                    rules == 1 ? "准入条件不满足" : "\(rules) 项准入条件中有 \(failed) 项不满足"))
            }
            if let score = decision.score, decision.reasons.contains(where: { $0.code.hasPrefix("score-below") }) {
                let high = score.low == score.high ? t("\(points(score.high))", "\(points(score.high)) 分") : t("of at most \(points(score.high))", "最高 \(points(score.high)) 分")
                if let refer = score.refer {
                    parts.append(t("the score \(high) is below the referral line \(points(refer))", "评分 \(high)，低于转人工线 \(points(refer)) 分"))
                } else {
                    parts.append(t("the score \(high) is below the pass mark \(points(score.pass))", "评分 \(high)，低于通过线 \(points(score.pass)) 分"))
                }
            }
            if decision.reasons.contains(where: { $0.code == "no-award" }) {
                parts.append(t("the computed amount is not above 0", "计算所得金额不大于 0"))
            }
            guard !parts.isEmpty else { return "" }
            var sentence = Inline.join(parts, language == .zh ? "；" : "; ")
            if language == .en, case .text(let first)? = sentence.runs.first {
                sentence.runs[0] = .text(first.prefix(1).uppercased() + first.dropFirst())
            }
            return sentence + t(".", "。")
        case .incomplete:
            return t(
                "Some information is not yet known, so no decision can be made yet.",
                "部分信息尚未取得，暂时无法作出决定。")
        case .error:
            return t(
                "An expression could not be computed, so no decision was made.",
                "有表达式无法计算，未能作出决定。")
        case .invalid:
            return t(
                "The application record has errors, so no product was evaluated.",
                "申请记录有误，所有产品均未评估。")
        }
    }

    // MARK: - Numbers

    private func points(_ value: ExactDecimal) -> String { ValueWords.number(value) }

    private func scoreText(_ score: ScoreInterval) -> Inline {
        score.low == score.high
            ? Inline(points(score.low))
            : t("between \(points(score.low)) and \(points(score.high))", "\(points(score.low)) 至 \(points(score.high))")
    }

    private func statusWord(_ status: Status) -> String {
        switch (status, language) {
        case (.met, .en): "met"
        case (.met, .zh): "满足"
        case (.notMet, .en): "not met"
        case (.notMet, .zh): "不满足"
        case (.unknown, .en): "unknown"
        case (.unknown, .zh): "未知"
        case (.error, .en): "could not be computed"
        case (.error, .zh): "无法计算"
        case (.notChecked, .en): "not checked"
        case (.notChecked, .zh): "未检查"
        }
    }

    // MARK: - Award

    private func awardSection() -> Section? {
        guard !decision.awards.isEmpty else { return nil }
        var section = Section(title: decision.outcome == .refer
            ? t("Award, if the officer approves", "人工审核通过后的批准内容")
            : t("Award", "批准内容"))
        for award in decision.awards {
            let quantity = awardQuantity(award.name, isMoney: award.isMoney)
            section.items.append(Item(.bullet, Inline(AwardNames.label(award.name, language)) + Inline(colon) + Inline(ValueWords.value(award.value, quantity, language))))
        }
        return section
    }

    private func awardQuantity(_ name: String, isMoney: Bool) -> Quantity {
        if isMoney { return .money }
        var quantity = product.award.first { $0.name == name }.map { words.quantity($0.expression.expr, $0.expression) } ?? .plain
        if quantity.kind == .plain, quantity.unit == nil { quantity.unit = AwardNames.unit(name) }
        return quantity
    }

    /// Every award value with the lets it depends on, in file order, each as its steps.
    private mutating func computationSection() -> Section? {
        guard trace != nil, !product.award.isEmpty else { return nil }
        var section = Section(title: t("How the award was computed", "计算过程"))
        var needed = Set<String>()
        func collect(_ expression: CompiledExpression) {
            for name in words.letsRead(by: expression.expr, expression) where needed.insert(name).inserted {
                if let binding = product.lets.first(where: { $0.name == name }) { collect(binding.expression) }
            }
        }
        for award in product.award { collect(award.expression) }
        for binding in product.lets where needed.contains(binding.name) {
            explained.insert(binding.name)
            section.items.append(letItem(binding, lead: .code(binding.name)))
        }
        for award in product.award {
            let lead = Inline(AwardNames.label(award.name, language)) + t(" (\(Inline.code(award.name)))", "（\(Inline.code(award.name))）")
            section.items.append(computation(lead, award.expression, hint: awardQuantity(award.name, isMoney: award.isMoney)))
        }
        return section
    }

    private func letItem(_ binding: LetBinding, lead: Inline) -> Item {
        computation(lead, binding.expression)
    }

    /// "lead = steps" on one line, or the printed expression with one line per step.
    private func computation(_ lead: Inline, _ expression: CompiledExpression, hint: Quantity? = nil) -> Item {
        let steps = words.steps(expression, hint: hint)
        if steps.count == 1 { return Item(.bullet, lead + " = " + steps[0]) }
        return Item(.bullet, lead + " = " + .code(expression.expr.printed), children: steps.map { Item(.bullet, $0) })
    }

    /// The lets a node reads that are not explained yet, each after the lets it reads itself.
    private mutating func whereItems(_ node: Expr, _ expression: CompiledExpression) -> [Item] {
        var items: [Item] = []
        for name in words.letsRead(by: node, expression) where !explained.contains(name) {
            guard let binding = product.lets.first(where: { $0.name == name }) else { continue }
            explained.insert(name)
            items += whereItems(binding.expression.expr, binding.expression)
            items.append(letItem(binding, lead: t("where \(Inline.code(name))", "其中 \(Inline.code(name))")))
        }
        return items
    }

    // MARK: - Rules

    private func clauseText(_ leaf: Leaf) -> Inline {
        leaf.subject + Inline(comma) + leaf.requirement + Inline(colon) + Inline(statusWord(leaf.status))
    }

    private func clauseItem(_ clause: Clause) -> Item {
        switch clause {
        case .leaf(let leaf):
            return Item(leaf.status.mark, clauseText(leaf))
        case .group(let all, let children, let status):
            let head = all ? t("all of these must hold", "以下条件须全部满足") : t("one of these must hold", "以下条件满足其一即可")
            return Item(status.mark, head + Inline(colon) + Inline(statusWord(status)), children: children.map(clauseItem))
        case .negation(let inner, let status):
            return Item(status.mark, t("this must not hold", "以下条件须不成立") + Inline(colon) + Inline(statusWord(status)), children: [clauseItem(inner)])
        }
    }

    private mutating func rulesSection() -> Section? {
        guard let trace, !trace.rules.isEmpty else { return nil }
        let statuses = trace.rules.map { Status($0.result) }
        let met = statuses.filter { $0 == .met }.count
        let unknown = statuses.filter { $0 == .unknown }.count
        var title = t("Eligibility rules: \(met) of \(statuses.count) met", "准入条件：\(statuses.count) 项中 \(met) 项满足")
        if unknown > 0 { title += t(", \(unknown) unknown", "，\(unknown) 项未知") }
        var section = Section(title: title)
        for rule in product.eligibility.prefix(trace.rules.count) {
            let clause = words.clause(rule.condition.expr, rule.condition)
            var item = clauseItem(clause)
            item.text = .code(rule.id) + Inline(colon) + item.text
            var extra: [Item] = []
            if clause.status == .notMet {
                extra.append(Item(.bullet, Inline(rule.reason.text(language))))
            } else if clause.status == .error {
                // Not a finding about the applicant: what the rule asks, said as such.
                extra.append(Item(.bullet, t("the rule asks: ", "该规则要求：") + Inline(rule.reason.text(language))))
            }
            item.children = extra + item.children + whereItems(rule.condition.expr, rule.condition)
            section.items.append(item)
        }
        return section
    }

    // MARK: - Score

    private func factorPoints(_ factor: Trace.FactorResult) -> Inline {
        let maximum = points(factor.maximum)
        if factor.low == factor.high {
            return t("\(points(factor.low)) of \(maximum) points", "\(points(factor.low)) 分（满分 \(maximum) 分）")
        }
        let causes = factor.unknownFields.map { label in
            Inline(words.label(label)) + t(" (not provided)", " （未提供）")
        }
        let range = t("between \(points(factor.low)) and \(points(factor.high)) of \(maximum) points", "\(points(factor.low)) 至 \(points(factor.high)) 分（满分 \(maximum) 分）")
        guard !causes.isEmpty else { return range }
        return range + t(", depends on \(Inline.join(causes, ", ", last: " and "))", "，取决于 \(Inline.join(causes, "、"))")
    }

    private mutating func scoreSection() -> Section? {
        guard let trace, let score = decision.score, let card = product.score else { return nil }
        var paragraph = t(
            "Score \(scoreText(score)) of a possible \(points(card.maximumScore)); the pass mark is \(points(score.pass))",
            "评分 \(scoreText(score)) 分（满分 \(points(card.maximumScore)) 分）；通过线 \(points(score.pass)) 分")
        if let refer = score.refer { paragraph += t(" and the referral line \(points(refer))", "，转人工线 \(points(refer)) 分") }
        paragraph += t(".", "。")
        var section = Section(title: t("Score", "评分"), paragraphs: [paragraph])
        for factor in trace.factors {
            var text = Inline(factor.name.text(language)) + Inline(colon) + factorPoints(factor)
            var children: [Item] = []
            if factor.low == factor.high {
                let matched = factor.bins.first { $0.result == .bool(true) }
                let lastFalse = factor.bins.last { $0.result == .bool(false) }
                if let when = matched?.when {
                    let clause = words.clause(when.expression.expr, when.expression)
                    text += t(", as \(words.statement(clause))", "，因为 \(words.statement(clause))")
                    children += whereItems(when.expression.expr, when.expression)
                } else {
                    var why = matched == nil
                        ? t("none of the bands applied", "不符合任何一档")
                        : (lastFalse == nil ? t("the only band", "唯一一档") : t("none of the higher bands applied", "不符合以上各档"))
                    // Every band passed over, not only the one just above: each would have scored
                    // more. Thresholds on one value (`credit >= 750`, `credit >= 650`) need only the
                    // last, which says the rest.
                    var passed = factor.bins.filter { $0.result == .bool(false) }.compactMap(\.when)
                    if Self.areThresholdsOnOneValue(passed.map(\.expression.expr)), let last = passed.last { passed = [last] }
                    if !passed.isEmpty {
                        var said = Set<String>()
                        let statements = passed.map { words.statement(words.clause($0.expression.expr, $0.expression)) }
                            .filter { said.insert($0.text(colour: false)).inserted }
                        let joined = Inline.join(statements, language == .zh ? "；" : "; ")
                        why += t(" (\(joined))", "（\(joined)）")
                        for when in passed { children += whereItems(when.expression.expr, when.expression) }
                    }
                    text += t(", as \(why)", "，\(why)")
                }
            }
            section.items.append(Item(.bullet, text, children: children))
        }
        return section
    }

    /// Whether conditions all compare one name with a number the same way (`x >= 750`, `x >= 650`).
    static func areThresholdsOnOneValue(_ conditions: [Expr]) -> Bool {
        var seen: (name: String, upward: Bool)?
        for condition in conditions {
            guard case .binary(let op, let lhs, let rhs, _) = condition.kind, op == .ge || op == .gt || op == .le || op == .lt,
                  case .name(let name) = lhs.kind, case .number = rhs.kind
            else { return false }
            let upward = op == .ge || op == .gt
            if let seen, seen.name != name || seen.upward != upward { return false }
            seen = (name, upward)
        }
        return true
    }

    /// The factors furthest from their best band, most points first, at most `maxFactors`.
    private func rankedFactors() -> [Item] {
        guard let trace, let card = product.score else { return [] }
        var losses: [(index: Int, lost: ExactDecimal)] = []
        for (index, factor) in trace.factors.enumerated() {
            guard let lost = try? factor.maximum.subtracting(factor.high), lost.signum > 0 else { continue }
            losses.append((index, lost))
        }
        losses.sort { $0.lost != $1.lost ? $0.lost > $1.lost : $0.index < $1.index }
        var items: [Item] = []
        for (rank, loss) in losses.prefix(max(0, maxFactors)).enumerated() {
            let factor = trace.factors[loss.index]
            let definition = card.factors[loss.index]
            var text = Inline(factor.name.text(language)) + Inline(colon) + factorPoints(factor)
            let gain = points(loss.lost)
            // The best band's condition is advice only where every band before it is already false:
            // bands are tried top-down (§5), so one that holds earlier would still give its points.
            let decidedAt = factor.bins.first { $0.result != .bool(false) }?.index ?? definition.bins.count
            if let bestIndex = definition.bins.firstIndex(where: { $0.points == factor.maximum }), bestIndex < decidedAt,
                let when = definition.bins[bestIndex].when
            {
                let target = self.target(words.clause(when.expr, when))
                text += t("; \(target) would add \(gain) point\(gain == "1" ? "" : "s")", "；\(target)，可多得 \(gain) 分")
            } else if decidedAt < definition.bins.count, factor.bins.first(where: { $0.index == decidedAt })?.result == .bool(true),
                let held = definition.bins[decidedAt].when
            {
                // The band that gave the points is what stands in the way of a better one after it.
                let band = target(words.clause(held.expr, held))
                text += t(
                    "; up to \(gain) more point\(gain == "1" ? "" : "s"), which needs the band that applied (\(band)) to no longer hold",
                    "；最多可多得 \(gain) 分，但需不再符合当前一档（\(band)）")
            } else {
                text += t("; up to \(gain) more point\(gain == "1" ? "" : "s")", "；最多可多得 \(gain) 分")
            }
            items.append(Item(.number(rank + 1), text))
        }
        let more = losses.count - items.count
        if more > 0 {
            items.append(Item(.bullet, t("\(more) more factor\(more == 1 ? "" : "s") lost fewer points", "另有 \(more) 项因子失分较少")))
        }
        return items
    }

    private func target(_ clause: Clause) -> Inline {
        switch clause {
        case .leaf(let leaf): leaf.target
        case .group(let all, let children, _):
            Inline.join(children.map(target), all ? (language == .zh ? " 且 " : " and ") : (language == .zh ? " 或 " : " or "))
        case .negation(let inner, _): t("not \(target(inner))", "并非 \(target(inner))")
        }
    }

    // MARK: - What would change the outcome

    private func shortfalls(_ clause: Clause) -> [Item] {
        guard clause.status == .notMet else { return [] }
        switch clause {
        case .leaf(let leaf):
            return [Item(.bullet, leaf.shortfall ?? leaf.subject + Inline(comma) + leaf.requirement)]
        case .group(true, let children, _):
            return children.flatMap(shortfalls)
        case .group(false, let children, _):
            return [Item(.bullet, t("any one of these would do:", "以下任一项满足即可："), children: children.flatMap(shortfalls))]
        case .negation(let inner, _):
            return [Item(.bullet, t("this must not hold: \(words.statement(inner))", "以下条件须不成立：\(words.statement(inner))"))]
        }
    }

    private func declineSection() -> Section {
        var section = Section(title: t("What would change the outcome", "怎样才能改变结果"))
        for reason in decision.reasons {
            switch reason.code {
            case Reason.scoreBelowReferCode, Reason.scoreBelowPassCode:
                guard let score = decision.score else {
                    section.items.append(Item(.notMet, Inline(reason.text.text(language))))
                    continue
                }
                let high = score.low == score.high ? t("Score \(points(score.high))", "评分 \(points(score.high)) 分") : t("Score at most \(points(score.high))", "评分最高 \(points(score.high)) 分")
                var text = high + Inline(colon)
                let toPass = points((try? score.pass.subtracting(score.high)) ?? .zero)
                if let refer = score.refer {
                    let toRefer = points((try? refer.subtracting(score.high)) ?? .zero)
                    text += t(
                        "\(toRefer) points below the referral line \(points(refer)) and \(toPass) below the pass mark \(points(score.pass))",
                        "比转人工线 \(points(refer)) 分低 \(toRefer) 分，比通过线 \(points(score.pass)) 分低 \(toPass) 分")
                } else {
                    text += t("\(toPass) points below the pass mark \(points(score.pass))", "比通过线 \(points(score.pass)) 分低 \(toPass) 分")
                }
                text += t(". The factors that lost the most points:", "。失分最多的因子：")
                section.items.append(Item(.notMet, text, children: rankedFactors()))
            case "no-award":
                section.items.append(Item(.notMet, Inline(reason.text.text(language)) + t(" (\(Inline.code(reason.code)))", "（\(Inline.code(reason.code))）")))
            default:
                var children: [Item] = []
                if let trace, let index = product.eligibility.firstIndex(where: { $0.id == reason.code }), index < trace.rules.count {
                    let rule = product.eligibility[index]
                    children = shortfalls(words.clause(rule.condition.expr, rule.condition))
                }
                section.items.append(Item(.notMet, Inline(reason.text.text(language)) + t(" (\(Inline.code(reason.code)))", "（\(Inline.code(reason.code))）"), children: children))
            }
        }
        // A decline may also hold rules it could not decide yet: mending the false ones alone
        // would leave the file incomplete, so the applicant hears of them here too.
        if let trace {
            var open: [Item] = []
            for (rule, entry) in zip(product.eligibility, trace.rules) where entry.result.isUnknown {
                for leaf in unknownLeaves(words.clause(rule.condition.expr, rule.condition)) {
                    open.append(Item(.unknown, .code(rule.id) + Inline(colon) + leaf.subject + Inline(comma) + leaf.requirement))
                }
            }
            if !open.isEmpty {
                section.items.append(Item(.unknown, t("Not yet known, and needed too:", "尚不知道、同样需要满足的条件："), children: open))
            }
        }
        return section
    }

    private func referSection() -> Section? {
        guard let score = decision.score, let short = try? score.pass.subtracting(score.low),
              let least = try? score.pass.subtracting(score.high)
        else { return nil }
        var section = Section(title: t("What would change the outcome", "怎样才能改变结果"))
        // An interval score (§5) is short by a range: from its high end, and from its low end.
        let gap = least == short ? points(short) : "\(points(least))–\(points(short))"
        section.paragraphs.append(t(
            "The score \(scoreText(score)) is \(gap) point\(gap == "1" ? "" : "s") short of the pass mark \(points(score.pass)). The factors that lost the most points:",
            "评分 \(scoreText(score)) 分，距通过线 \(points(score.pass)) 分还差 \(gap) 分。失分最多的因子："))
        section.items = rankedFactors()
        return section
    }

    private func reviewSection() -> Section {
        Section(title: t("Review", "复核"), paragraphs: [t(
            "The applicant may ask for a person to review this decision, and may dispute any data it used that looks wrong.",
            "申请人可要求人工复核本决定；如认为所依据的信息有误，可提出异议。")])
    }

    // MARK: - Incomplete

    private func missingSection() -> Section {
        var section = Section(title: t("Information to collect", "需补充的信息"))
        for field in decision.missing {
            section.items.append(Item(.bullet, Inline(words.label(field)) + t(" (\(Inline.code(field)))", "（\(Inline.code(field))）")))
        }
        if section.items.isEmpty {
            section.paragraphs.append(t("No single field decides it; see the rules below.", "没有单个字段可以决定结果，见下文各项条件。"))
        }
        return section
    }

    private func unknownLeaves(_ clause: Clause) -> [Leaf] {
        guard clause.status == .unknown else { return [] }
        switch clause {
        case .leaf(let leaf): return [leaf]
        case .group(_, let children, _): return children.flatMap(unknownLeaves)
        case .negation(let inner, _): return unknownLeaves(inner)
        }
    }

    /// What the missing information still decides: unknown rules, a score that straddles a line, unknown awards.
    private func openSection() -> Section? {
        guard let trace else { return nil }
        var section = Section(title: t("Still open", "尚待确定"))
        for (rule, entry) in zip(product.eligibility, trace.rules) where entry.result.isUnknown {
            for leaf in unknownLeaves(words.clause(rule.condition.expr, rule.condition)) {
                section.items.append(Item(.unknown, .code(rule.id) + Inline(colon) + leaf.subject + Inline(comma) + leaf.requirement))
            }
        }
        if let score = decision.score, score.low != score.high {
            var lines: [(ExactDecimal, Inline)] = [(score.pass, t("the pass mark", "通过线"))]
            if let refer = score.refer { lines.append((refer, t("the referral line", "转人工线"))) }
            for (line, name) in lines where score.low < line && score.high >= line {
                let factors = trace.factors.filter { $0.low != $0.high }.map { Item(.unknown, Inline($0.name.text(language)) + Inline(colon) + factorPoints($0)) }
                section.items.append(Item(.unknown, t(
                    "Score between \(points(score.low)) and \(points(score.high)): it may reach \(name) \(points(line)) or fall below it",
                    "评分在 \(points(score.low)) 至 \(points(score.high)) 分之间，可能达到也可能达不到 \(name) \(points(line)) 分"), children: factors))
                break
            }
        }
        for (award, entry) in zip(product.award, trace.awards) where entry.result.isUnknown || entry.result.hasUnknownItem {
            section.items.append(Item(.unknown, Inline(AwardNames.label(award.name, language)) + t(" cannot be computed yet", "暂时无法计算")))
        }
        return section.items.isEmpty ? nil : section
    }

    private func documentsSection() -> Section? {
        guard !decision.documents.isEmpty else { return nil }
        var section = Section(title: t("Documents to bring", "需提交的材料"))
        for document in decision.documents {
            section.items.append(Item(.bullet, Inline(DocumentNames.label(document, language))))
        }
        return section
    }

    // MARK: - Error and invalid

    private func errorSection() -> Section {
        var section = Section(title: t("Why no decision was made", "未能作出决定的原因"))
        for message in decision.messages {
            section.items.append(Item(.error, .message(message.text(language))))
        }
        if let trace {
            var entries = trace.lets + trace.rules
            for factor in trace.factors { entries += factor.bins.compactMap(\.when) }
            entries += trace.awards
            for entry in entries {
                guard case .error(let error) = entry.result else { continue }
                // Only where the error arose, not every expression it reached through a let.
                var origin = false
                entry.expression.expr.forEach { if $0.id == error.node { origin = true } }
                guard origin else { continue }
                let inputs = entry.inputs.map { Item(.bullet, input($0.name, $0.value, entry.expression)) }
                section.items.append(Item(.bullet, t("\(Inline.code(entry.name)) read:", "\(Inline.code(entry.name)) 读取的值："), children: inputs))
            }
        }
        section.items.append(Item(.bullet, t(
            "This is not a decision about the applicant: check these values and the policy, then check again.",
            "这不是对申请人的评定结果：请核对上述数值和政策后重新检查。")))
        return section
    }

    /// A value an expression read, by name: "Annual income 0.00 yuan" or "`ratio` 0.5".
    private func input(_ name: String, _ value: Value, _ expression: CompiledExpression) -> Inline {
        var node: Expr?
        expression.expr.forEach { child in
            if node == nil, case .name(name) = child.kind { node = child }
        }
        if let node { return words.operand(node, expression) }
        return Inline(words.label(name) + " " + ValueWords.value(value, .plain, language))
    }

    private func invalidSection() -> Section {
        var section = Section(title: t("Problems in the application record", "申请记录中的问题"))
        if let line = decision.recordLine {
            section.paragraphs.append(t("Record \(decision.recordNumber), from line \(line):", "第 \(decision.recordNumber) 条记录，始于第 \(line) 行："))
        }
        for message in decision.messages {
            section.items.append(Item(.error, .message(message.text(language))))
        }
        section.items.append(Item(.bullet, t(
            "Correct these fields and check again; no product was evaluated.",
            "请更正这些字段后重新检查；所有产品均未评估。")))
        return section
    }
}
