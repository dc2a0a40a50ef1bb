public import EligoDecimal
import EligoExpr

/// A decision of the unboxed path in plain bits: approve, refer, decline or incomplete,
/// the score, which rules failed and the amount (an incomplete one's missing fields are
/// left in the frame's scratch, ``RecordFrame/missingSlots``).
///
/// A batch writes its rows and tallies straight from this, without building a
/// ``Decision`` and its strings and arrays for each of millions of records;
/// ``UnboxedProduct/fill(_:_:in:awards:missing:into:)`` makes the ``Decision`` where one is needed.
public struct Verdict: Sendable {
    public var outcome: Outcome
    /// The score interval's ends; zero for a product without a scorecard.
    public var scoreLow = ExactDecimal.zero
    public var scoreHigh = ExactDecimal.zero
    /// The eligibility rules found false, bit `i` for rule `i` in file order.
    public var failedRules: UInt64 = 0
    /// Declined on the score: `score-below-refer`, or `score-below-pass` for a scorecard with no refer band.
    public var belowScore = false
    /// Declined because `amount` is known and not above 0.
    public var noAward = false
    /// `amount`, rounded, when the outcome reports awards (approve and refer) and it is a number.
    public var amount: ExactDecimal?
}

/// What the unboxed path made of one product for one record.
enum UnboxedResult {
    case notApplicable
    case decided(Verdict)
    /// An error, or something the unboxed program leaves out: ask ``Run``.
    case fallback
}

extension UnboxedProduct {
    /// §5–§6 as ``Run`` does them, over cells, with the decision filled in.
    func decide(
        _ product: Product, in frame: CellFrame, awards awardCells: inout [Cell], missing: inout [Int32], into decision: inout Decision
    ) -> UnboxedResult {
        let result = verdict(product, in: frame, awards: &awardCells, missing: &missing)
        if case .decided(let verdict) = result { fill(verdict, product, in: frame, awards: awardCells, missing: missing, into: &decision) }
        return result
    }

    /// The decision's fields from a verdict and the award cells and missing slots it left.
    func fill(_ verdict: Verdict, _ product: Product, in frame: CellFrame, awards awardCells: [Cell], missing: [Int32], into decision: inout Decision) {
        decision.outcome = verdict.outcome
        if let card = product.score {
            decision.score = ScoreInterval(low: verdict.scoreLow, high: verdict.scoreHigh, pass: card.pass, refer: card.refer)
        }
        if verdict.outcome == .incomplete {
            decision.missing = missing.map { fieldNames[Int($0)] }
            return
        }
        guard verdict.outcome == .decline else {
            var results: [AwardResult] = []
            results.reserveCapacity(awardCells.count)
            for index in awardCells.indices {
                // `verdict` made sure that every award can be reported.
                var value = frame.value(awardCells[index]) ?? .unknown
                // A number is rounded in its cell already (`awardCell`); a list's items live in
                // the frame or the program, so a list of money is rounded here, as the reference does.
                if product.award[index].isMoney, case .list = value { value = AwardResult.roundedMoney(value) }
                results.append(AwardResult(name: product.award[index].name, value: value, isMoney: product.award[index].isMoney))
            }
            decision.awards = results
            return
        }
        // Decline: every false rule, then the score, then the amount.
        var reasons: [Reason] = []
        // One allocation for the rules and a reserved reason or two, not one per append.
        reasons.reserveCapacity(verdict.failedRules.nonzeroBitCount + 2)
        for index in product.eligibility.indices where verdict.failedRules & (1 << UInt64(index)) != 0 {
            reasons.append(Reason(code: product.eligibility[index].id, text: product.eligibility[index].reason))
        }
        if verdict.belowScore, let card = product.score {
            if let refer = card.refer {
                reasons.append(.scoreBelowRefer(high: verdict.scoreHigh, refer: refer))
            } else {
                reasons.append(.scoreBelowPass(high: verdict.scoreHigh, pass: card.pass))
            }
        }
        if verdict.noAward, let amountIndex {
            reasons.append(.noAward(amount: awardCells[amountIndex].number))
        }
        decision.reasons = reasons
    }

    /// §5–§6 as ``Run`` does them, over cells. Mirrors `Run.evaluateBody`,
    /// `evaluateFactor` and `decide`; the differential tests hold them together.
    func verdict(_ product: Product, in frame: CellFrame, awards awardCells: inout [Cell], missing: inout [Int32]) -> UnboxedResult {
        if let appliesTo {
            switch program.test(appliesTo, in: frame) {
            case .error: return .fallback
            case .false: return .notApplicable
            case .true, .unknown: break
            }
        }
        for binding in lets {
            let value = program.evaluate(binding.entry, in: frame)
            if value.tag == .error { return .fallback }
            frame[binding.slot] = value
        }
        // Rules by bit: a product with more rules than bits goes the reference way.
        guard rules.count <= 64 else { return .fallback }
        var failed: UInt64 = 0
        var unknownRules: UInt64 = 0
        for index in rules.indices {
            switch program.test(rules[index], in: frame) {
            case .true: break
            case .false: failed |= 1 << UInt64(index)
            case .unknown: unknownRules |= 1 << UInt64(index)
            case .error: return .fallback
            }
        }
        var undecided = unknownRules != 0

        let scoreLow: ExactDecimal
        let scoreHigh: ExactDecimal
        if let wholePoints {
            // Whole points, as most scorecards have: summed in machine integers.
            guard let interval = scoreInterval(frame, points: wholePoints, add: { $0 + $1 }) else { return .fallback }
            (scoreLow, scoreHigh) = (ExactDecimal(interval.low), ExactDecimal(interval.high))
        } else {
            // On overflow the sum stays as it was, as `Run` keeps it.
            guard let interval = scoreInterval(frame, points: points, add: { (try? $0.adding($1)) ?? $0 }) else { return .fallback }
            (scoreLow, scoreHigh) = interval
        }

        awardCells.removeAll(keepingCapacity: true)
        for index in awards.indices {
            let value = awardCell(program.evaluate(awards[index], in: frame), index, product)
            if value.tag == .error { return .fallback }
            if value.tag == .unknown { undecided = true }
            awardCells.append(value)
        }
        return awardCells.withUnsafeBufferPointer { awardCells in
            conclude(
                product, failed: failed, unknownRules: unknownRules, undecided: undecided, scoreLow: scoreLow, scoreHigh: scoreHigh,
                awards: awardCells, in: frame, missing: &missing)
        }
    }

    /// An award's value as a verdict keeps it: money rounded half away from zero to 2
    /// places, once, at the end (§4).
    @inline(__always)
    func awardCell(_ value: Cell, _ index: Int, _ product: Product) -> Cell {
        var value = value
        if product.award[index].isMoney, value.tag == .number {
            if let rounded = try? value.number.rounded(scale: 2, .halfAwayFromZero) { value.number = rounded }
        }
        return value
    }

    /// §6's outcome from the rules, the score and the awards, once every expression has
    /// been evaluated without error. `missing` is filled for an incomplete verdict only
    /// when `collecting`; a group leaves that to the record-at-a-time path.
    func conclude(
        _ product: Product, failed: UInt64, unknownRules: UInt64, undecided: Bool, scoreLow: ExactDecimal, scoreHigh: ExactDecimal,
        awards awardCells: UnsafeBufferPointer<Cell>, in frame: CellFrame, missing: inout [Int32], collecting: Bool = true
    ) -> UnboxedResult {
        var verdict = declining(product, failed: failed, scoreLow: scoreLow, scoreHigh: scoreHigh, amount: amountIndex.map { awardCells[$0] })
        if failed != 0 || verdict.belowScore || verdict.noAward { return .decided(verdict) }
        // A list award with an unknown item (`[1000, m]`) leaves the outcome incomplete; the
        // reference finds its missing fields in the list's items. Rare: no per-row cost otherwise.
        for cell in awardCells where cell.tag == .list && frame.hasUnknownItem(cell) { return .fallback }

        // Incomplete: anything unknown that could still change the outcome.
        var straddles = false
        if let card = product.score {
            straddles = (scoreLow < card.pass && scoreHigh >= card.pass)
                || (card.refer.map { scoreLow < $0 && scoreHigh >= $0 } ?? false)
        }
        if undecided || straddles {
            if collecting {
                collectMissing(unknownRules: unknownRules, straddles: straddles, awards: awardCells, in: frame, into: &missing)
            }
            verdict.outcome = .incomplete
            return .decided(verdict)
        }
        // Errors and lists of constants are only reported by ``Run``.
        for cell in awardCells where !frame.canReport(cell) { return .fallback }
        verdict.outcome = product.score.map { scoreLow < $0.pass } == true ? .refer : .approve
        if let amountIndex, awardCells[amountIndex].tag == .number { verdict.amount = awardCells[amountIndex].number }
        return .decided(verdict)
    }

    /// §6's decline as far as it goes without the other awards: the outcome when a rule
    /// failed, the score fell short or the amount is known and not above 0. `amount` is the
    /// amount's cell as ``awardCell(_:_:_:)`` gives it, nil for a product without one.
    @inline(__always)
    func declining(_ product: Product, failed: UInt64, scoreLow: ExactDecimal, scoreHigh: ExactDecimal, amount: Cell?) -> Verdict {
        var verdict = Verdict(outcome: .decline, scoreLow: scoreLow, scoreHigh: scoreHigh, failedRules: failed)
        if let card = product.score {
            if let refer = card.refer {
                verdict.belowScore = scoreHigh < refer
            } else {
                verdict.belowScore = scoreHigh < card.pass
            }
        }
        if let amount, amount.tag == .number, amount.number.signum <= 0 {
            verdict.noAward = true
        }
        return verdict
    }

    /// The missing fields of an incomplete verdict, sorted by name as `Run.decide` lists
    /// them: the causes of every unknown rule, of the unknown bins of each factor whose
    /// points are an interval (when the score straddles a threshold), and of every unknown award.
    private func collectMissing(unknownRules: UInt64, straddles: Bool, awards awardCells: UnsafeBufferPointer<Cell>, in frame: CellFrame, into missing: inout [Int32]) {
        missing.removeAll(keepingCapacity: true)
        var pending: [UnboxedProgram.Entry] = []
        var rulesLeft = unknownRules
        while rulesLeft != 0 {
            pending.append(rules[rulesLeft.trailingZeroBitCount])
            rulesLeft &= rulesLeft - 1
        }
        if straddles {
            // As `Run.unknownBins`: the bins up to the first that matched, unknown ones counted.
            var start = 0
            for end in factorEnds {
                var unknown: [UnboxedProgram.Entry] = []
                var low: ExactDecimal?
                var high: ExactDecimal?
                var matched = false
                func reach(_ value: ExactDecimal) {
                    if low.map({ value < $0 }) ?? true { low = value }
                    if high.map({ value > $0 }) ?? true { high = value }
                }
                for index in start..<end {
                    guard let entry = bins[index].entry else {
                        reach(points[index])
                        matched = true
                        break
                    }
                    let truth = program.test(entry, in: frame)
                    if truth == .false { continue }
                    reach(points[index])
                    if truth == .true {
                        matched = true
                        break
                    }
                    unknown.append(entry)
                }
                if !matched { reach(.zero) }
                if low != high { pending.append(contentsOf: unknown) }
                start = end
            }
        }
        for index in awards.indices where awardCells[index].tag == .unknown { pending.append(awards[index]) }

        // Each `let` met on the way is followed once, as `Run.causes` follows it.
        var letsSeen = [Bool](repeating: false, count: lets.count)
        while let entry = pending.popLast() {
            program.forEachUnknownSlot(entry, in: frame) { slot in
                if Int(slot) < fieldNames.count {
                    missing.append(slot)
                } else if let index = lets.firstIndex(where: { $0.slot == slot }), !letsSeen[index] {
                    letsSeen[index] = true
                    pending.append(lets[index].entry)
                }
            }
        }
        missing.sort { fieldRanks[Int($0)] < fieldRanks[Int($1)] }
        var kept = 0
        for index in missing.indices where kept == 0 || missing[kept - 1] != missing[index] {
            missing[kept] = missing[index]
            kept += 1
        }
        missing.removeLast(missing.count - kept)
    }

    /// The score interval of §5 from the bins' `points` (one per bin, in ``bins`` order);
    /// nil when a bin's condition is for the reference path. Mirrors `Run.evaluateFactor`.
    @inline(__always)
    private func scoreInterval<Points: Comparable & ExpressibleByIntegerLiteral>(
        _ frame: CellFrame, points: [Points], add: (Points, Points) -> Points
    ) -> (low: Points, high: Points)? {
        var scoreLow: Points = 0
        var scoreHigh: Points = 0
        var start = 0
        for end in factorEnds {
            var low: Points?
            var high: Points?
            var matched = false
            for index in start..<end {
                var unknown = false
                if let entry = bins[index].entry {
                    switch program.test(entry, in: frame) {
                    case .true: break
                    case .false: continue
                    case .unknown: unknown = true
                    case .error: return nil
                    }
                }
                let binPoints = points[index]
                if low.map({ binPoints < $0 }) ?? true { low = binPoints }
                if high.map({ binPoints > $0 }) ?? true { high = binPoints }
                if unknown { continue }
                matched = true
                break
            }
            if !matched {
                if low.map({ 0 < $0 }) ?? true { low = 0 }
                if high.map({ 0 > $0 }) ?? true { high = 0 }
            }
            scoreLow = add(scoreLow, low ?? 0)
            scoreHigh = add(scoreHigh, high ?? 0)
            start = end
        }
        return (scoreLow, scoreHigh)
    }
}
