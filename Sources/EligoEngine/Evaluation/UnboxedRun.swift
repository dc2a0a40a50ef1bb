import EligoDecimal
import EligoExpr

/// What the unboxed path made of one product for one record.
enum UnboxedVerdict {
    case notApplicable
    /// The decision is filled in: approve, refer or decline.
    case decided
    /// An error, an unknown that could change the outcome (its `missing` needs node
    /// values), or something the unboxed program leaves out: ask ``Run``.
    case fallback
}

extension UnboxedProduct {
    /// §5–§6 as ``Run`` does them, over cells. Mirrors `Run.evaluateBody`,
    /// `evaluateFactor` and `decide`; the differential tests hold them together.
    func decide(_ product: Product, in frame: CellFrame, awards awardCells: inout [Cell], into decision: inout Decision) -> UnboxedVerdict {
        if let appliesTo {
            let value = program.evaluate(appliesTo, in: frame)
            if value.tag == .error { return .fallback }
            if value.tag == .bool, !value.flag { return .notApplicable }
        }
        for binding in lets {
            let value = program.evaluate(binding.entry, in: frame)
            if value.tag == .error { return .fallback }
            frame[binding.slot] = value
        }
        // Rules by bit: a product with more rules than bits goes the reference way.
        guard rules.count <= 64 else { return .fallback }
        var failed: UInt64 = 0
        var undecided = false
        for index in rules.indices {
            let value = program.evaluate(rules[index], in: frame)
            switch value.tag {
            case .bool: if !value.flag { failed |= 1 << UInt64(index) }
            case .unknown: undecided = true
            default: return .fallback
            }
        }

        var scoreLow = ExactDecimal.zero
        var scoreHigh = ExactDecimal.zero
        var start = 0
        for end in factorEnds {
            var low: ExactDecimal?
            var high: ExactDecimal?
            var matched = false
            for index in start..<end {
                let bin = bins[index]
                var unknown = false
                if let entry = bin.entry {
                    let value = program.evaluate(entry, in: frame)
                    switch value.tag {
                    case .bool: if !value.flag { continue }
                    case .unknown: unknown = true
                    default: return .fallback
                    }
                }
                if low.map({ bin.points < $0 }) ?? true { low = bin.points }
                if high.map({ bin.points > $0 }) ?? true { high = bin.points }
                if unknown { continue }
                matched = true
                break
            }
            if !matched {
                if low.map({ ExactDecimal.zero < $0 }) ?? true { low = .zero }
                if high.map({ ExactDecimal.zero > $0 }) ?? true { high = .zero }
            }
            scoreLow = (try? scoreLow.adding(low ?? .zero)) ?? scoreLow
            scoreHigh = (try? scoreHigh.adding(high ?? .zero)) ?? scoreHigh
            start = end
        }

        awardCells.removeAll(keepingCapacity: true)
        for index in awards.indices {
            var value = program.evaluate(awards[index], in: frame)
            if value.tag == .error { return .fallback }
            if value.tag == .unknown { undecided = true }
            if product.award[index].isMoney, value.tag == .number {
                // Money is rounded half away from zero to 2 places, once, at the end (§4).
                if let rounded = try? value.number.rounded(scale: 2, .halfAwayFromZero) { value.number = rounded }
            }
            awardCells.append(value)
        }

        var score: ScoreInterval?
        if let card = product.score { score = ScoreInterval(low: scoreLow, high: scoreHigh, pass: card.pass, refer: card.refer) }
        decision.score = score

        // Decline: every false rule, then the score, then the amount.
        var reasons: [Reason] = []
        if failed != 0 {
            // One allocation for the rules and a reserved reason or two, not one per append.
            reasons.reserveCapacity(failed.nonzeroBitCount + 2)
            for index in product.eligibility.indices where failed & (1 << UInt64(index)) != 0 {
                reasons.append(Reason(code: product.eligibility[index].id, text: product.eligibility[index].reason))
            }
        }
        if let score {
            if let refer = score.refer {
                if score.high < refer { reasons.append(.scoreBelowRefer(high: score.high, refer: refer)) }
            } else if score.high < score.pass {
                reasons.append(.scoreBelowPass(high: score.high, pass: score.pass))
            }
        }
        if let amountIndex, awardCells[amountIndex].tag == .number, awardCells[amountIndex].number.signum <= 0 {
            reasons.append(.noAward(amount: awardCells[amountIndex].number))
        }
        if !reasons.isEmpty {
            decision.outcome = .decline
            decision.reasons = reasons
            return .decided
        }

        // Incomplete needs the fields behind each unknown, which only node values tell.
        if undecided { return .fallback }
        if let score {
            let straddles = (score.low < score.pass && score.high >= score.pass)
                || (score.refer.map { score.low < $0 && score.high >= $0 } ?? false)
            if straddles { return .fallback }
        }

        var results: [AwardResult] = []
        results.reserveCapacity(awardCells.count)
        for index in awardCells.indices {
            guard let value = frame.value(awardCells[index]) else { return .fallback }
            results.append(AwardResult(name: product.award[index].name, value: value, isMoney: product.award[index].isMoney))
        }
        decision.outcome = score.map { $0.low < $0.pass } == true ? .refer : .approve
        decision.awards = results
        return .decided
    }
}
