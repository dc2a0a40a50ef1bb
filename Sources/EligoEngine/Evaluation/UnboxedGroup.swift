import EligoDecimal
import EligoExpr

/// One product's result for one row of a group.
enum GroupResult {
    case notApplicable
    /// Approve, refer, decline or incomplete: everything a row needs. An incomplete verdict's
    /// missing fields are in ``GroupScratch/missing``, where ``GroupResults/missingSpans`` says.
    case decided(Verdict)
    /// Decided record by record instead (``UnboxedProduct/verdict(_:in:awards:missing:)``):
    /// anything that goes to the reference, and products a group does not decide.
    case single
}

/// What a group left for one row and product: read before the verdict, so that a product that
/// does not apply costs one byte.
public enum GroupResultKind: UInt8, Sendable {
    case notApplicable
    /// A verdict, at ``RecordGroup/verdictAddress(row:product:)``.
    case decided
    /// Left to ``Evaluator/rowEvaluation(_:row:record:product:asOf:)``, which decides the row alone.
    case single
}

/// One product's results over a group's rows, read and written as ``GroupResult``s but kept
/// as a byte of kind per row and the verdicts apart: a batch looks at every product of every
/// row, half of which do not apply, and then reads one byte instead of copying a result.
struct GroupResults {
    typealias Kind = GroupResultKind

    let kinds: UnsafeMutablePointer<Kind>
    let verdicts: UnsafeMutablePointer<Verdict>
    /// Where an incomplete verdict's missing fields are in ``GroupScratch/missing``.
    let missingSpans: UnsafeMutablePointer<Range<Int32>>

    /// Room for `count` results, all ``GroupResult/single``; freed by ``deallocate()``.
    static func allocate(count: Int) -> GroupResults {
        let results = GroupResults(kinds: .allocate(capacity: count), verdicts: .allocate(capacity: count), missingSpans: .allocate(capacity: count))
        results.kinds.initialize(repeating: .single, count: count)
        results.verdicts.initialize(repeating: Verdict(outcome: .decline), count: count)
        results.missingSpans.initialize(repeating: 0..<0, count: count)
        return results
    }

    func deallocate() {
        kinds.deallocate()
        verdicts.deallocate()
        missingSpans.deallocate()
    }

    /// The results from `offset` on.
    static func + (results: GroupResults, offset: Int) -> GroupResults {
        GroupResults(kinds: results.kinds + offset, verdicts: results.verdicts + offset, missingSpans: results.missingSpans + offset)
    }

    subscript(row: Int) -> GroupResult {
        @inline(__always) get {
            switch kinds[row] {
            case .notApplicable: .notApplicable
            case .decided: .decided(verdicts[row])
            case .single: .single
            }
        }
        @inline(__always) nonmutating set {
            switch newValue {
            case .notApplicable: kinds[row] = .notApplicable
            case .decided(let verdict):
                kinds[row] = .decided
                verdicts[row] = verdict
            case .single: kinds[row] = .single
            }
        }
    }
}

/// Per-row state of one product's verdicts over a group, kept to reuse its memory.
final class GroupScratch {
    let failed: UnsafeMutablePointer<UInt64>
    let unknown: UnsafeMutablePointer<UInt64>
    let scoreLow: UnsafeMutablePointer<Int>
    let scoreHigh: UnsafeMutablePointer<Int>
    let low: UnsafeMutablePointer<Int>
    let high: UnsafeMutablePointer<Int>
    let seen: UnsafeMutablePointer<Bool>
    let dead: UnsafeMutablePointer<Bool>
    @exclusivity(unchecked) var awardColumns: [UnsafeMutablePointer<Cell>] = []
    /// One incomplete row's missing fields as `conclude` collects them, before they join ``missing``.
    @exclusivity(unchecked) var collected: [Int32] = []
    /// The missing fields of every incomplete verdict of the group's last ``Evaluator/decide(_:count:isValid:products:)``, end to end.
    @exclusivity(unchecked) var missing: [Int32] = []

    init(capacity: Int) {
        failed = .allocate(capacity: capacity)
        unknown = .allocate(capacity: capacity)
        scoreLow = .allocate(capacity: capacity)
        scoreHigh = .allocate(capacity: capacity)
        low = .allocate(capacity: capacity)
        high = .allocate(capacity: capacity)
        seen = .allocate(capacity: capacity)
        dead = .allocate(capacity: capacity)
    }

    deinit {
        failed.deallocate()
        unknown.deallocate()
        scoreLow.deallocate()
        scoreHigh.deallocate()
        low.deallocate()
        high.deallocate()
        seen.deallocate()
        dead.deallocate()
    }
}

extension UnboxedProduct {
    /// ``verdict(_:in:awards:missing:)`` for every given row of a group at once, stage by
    /// stage as it goes for one record: `applies_to`, `let`s, rules, bins, awards, then the
    /// outcome (``conclude(_:failed:unknownRules:undecided:scoreLow:scoreHigh:awards:in:missing:collecting:)``,
    /// shared with it). A row that meets an error drops out as ``GroupResult/single``, as
    /// the record-at-a-time verdict stops at its first error.
    func verdicts(
        _ product: Product, in group: FrameGroup, rows all: GroupRows, scratch: GroupScratch, into results: GroupResults
    ) {
        guard rules.count <= 64, let wholePoints else {
            for position in 0..<all.count { results[all[position]] = .single }
            return
        }
        var rows = all.copy(to: group.takeRows())
        let truths = group.takeTruths()
        defer {
            group.give(truths)
            group.give(rows.base)
        }

        if let appliesTo {
            program.test(appliesTo, in: group, rows: rows, into: truths)
            rows.filter { row in
                switch truths[row] {
                case .false: results[row] = .notApplicable
                case .error: results[row] = .single
                case .true, .unknown: return true
                }
                return false
            }
        }

        if !lets.isEmpty {
            let cells = group.takeCells()
            for binding in lets {
                program.evaluate(binding.entry, in: group, rows: rows, into: cells)
                // Every row's value stored, an error too (its row is decided alone, which evaluates
                // the `let`s again); the rows filtered only when one met an error, which is rare.
                var errors = false
                for position in 0..<rows.count {
                    let row = rows[position]
                    if cells[row].tag == .error { errors = true }
                    group.store(cells, row: row, slot: binding.slot)
                }
                if errors { dropErrors(&rows, results) { cells[$0].tag == .error } }
            }
            group.give(cells)
        }

        let failed = scratch.failed
        let unknown = scratch.unknown
        for position in 0..<rows.count {
            failed[rows[position]] = 0
            unknown[rows[position]] = 0
        }
        for index in rules.indices {
            program.test(rules[index], in: group, rows: rows, into: truths)
            let bit: UInt64 = 1 << UInt64(index)
            var errors = false
            for position in 0..<rows.count {
                let row = rows[position]
                switch truths[row] {
                case .true: break
                case .false: failed[row] |= bit
                case .unknown: unknown[row] |= bit
                case .error: errors = true
                }
            }
            if errors { dropErrors(&rows, results) { truths[$0] == .error } }
        }

        score(wholePoints, in: group, rows: &rows, truths: truths, scratch: scratch, into: results)

        scratch.awardColumns.removeAll(keepingCapacity: true)
        for index in awards.indices {
            let column = group.takeCells()
            scratch.awardColumns.append(column)
            program.evaluate(awards[index], in: group, rows: rows, into: column)
            if (0..<rows.count).contains(where: { column[rows[$0]].tag == .error }) {
                dropErrors(&rows, results) { column[$0].tag == .error }
            }
        }
        // A row's own frame is read only for the lists among its awards.
        let anyFrame = group.frames[0]
        withUnsafeTemporaryAllocation(of: Cell.self, capacity: awards.count) { rowAwards in
            for position in 0..<rows.count {
                let row = rows[position]
                if failed[row] != 0 {
                    // Declined on its rules, as most rows are: only the amount can add a reason,
                    // and no other award is reported (their errors have sent rows away above).
                    let amount = amountIndex.map { awardCell(scratch.awardColumns[$0][row], $0, product) }
                    results[row] = .decided(declining(
                        product, failed: failed[row], scoreLow: ExactDecimal(scratch.scoreLow[row]),
                        scoreHigh: ExactDecimal(scratch.scoreHigh[row]), amount: amount))
                    continue
                }
                var undecided = unknown[row] != 0
                var lists = false
                for index in awards.indices {
                    let value = awardCell(scratch.awardColumns[index][row], index, product)
                    if value.tag == .unknown { undecided = true }
                    if value.tag == .list { lists = true }
                    rowAwards.initializeElement(at: index, to: value)
                }
                // The frame passed as it is, not chosen into a variable: choosing retained it per row.
                @inline(__always) func conclude(in frame: CellFrame, collecting: Bool = false) -> UnboxedResult {
                    self.conclude(
                        product, failed: failed[row], unknownRules: unknown[row], undecided: undecided,
                        scoreLow: ExactDecimal(scratch.scoreLow[row]), scoreHigh: ExactDecimal(scratch.scoreHigh[row]),
                        awards: UnsafeBufferPointer(rowAwards), in: frame, missing: &scratch.collected, collecting: collecting)
                }
                let result = lists ? conclude(in: group.frames[row]) : conclude(in: anyFrame)
                guard case .decided(let verdict) = result else {
                    results[row] = .single
                    continue
                }
                guard verdict.outcome == .incomplete else {
                    results[row] = .decided(verdict)
                    continue
                }
                // The missing fields are traced through the row's own cells, where its `let`s
                // for this product are: once more, collecting, as deciding it alone would.
                _ = conclude(in: group.frames[row], collecting: true)
                let start = Int32(truncatingIfNeeded: scratch.missing.count)
                scratch.missing.append(contentsOf: scratch.collected)
                results.missingSpans[row] = start..<Int32(truncatingIfNeeded: scratch.missing.count)
                results[row] = .decided(verdict)
            }
        }
        for column in scratch.awardColumns { group.give(column) }
    }

    /// Takes the rows that met an error out of `rows`, to be decided alone (``GroupResult/single``).
    private func dropErrors(_ rows: inout GroupRows, _ results: GroupResults, _ isError: (Int) -> Bool) {
        rows.filter { row in
            guard isError(row) else { return true }
            results[row] = .single
            return false
        }
    }

    /// The score intervals of §5 in whole points, into `scratch.scoreLow`/`scoreHigh`, as
    /// `scoreInterval` makes one: per factor, the bins tried top-down on the rows that no
    /// earlier bin matched.
    private func score(
        _ points: [Int], in group: FrameGroup, rows: inout GroupRows, truths: UnsafeMutablePointer<Truth>, scratch: GroupScratch,
        into results: GroupResults
    ) {
        let (low, high, seen, dead) = (scratch.low, scratch.high, scratch.seen, scratch.dead)
        @inline(__always) func reach(_ row: Int, _ value: Int) {
            if !seen[row] {
                (low[row], high[row], seen[row]) = (value, value, true)
            } else {
                if value < low[row] { low[row] = value }
                if value > high[row] { high[row] = value }
            }
        }
        for position in 0..<rows.count {
            let row = rows[position]
            (scratch.scoreLow[row], scratch.scoreHigh[row], dead[row]) = (0, 0, false)
        }
        let trying = group.takeRows()
        defer { group.give(trying) }
        var start = 0
        for end in factorEnds {
            for position in 0..<rows.count { seen[rows[position]] = false }
            var open = rows.copy(to: trying)
            for index in start..<end where !open.isEmpty {
                let binPoints = points[index]
                guard let entry = bins[index].entry else {
                    for position in 0..<open.count { reach(open[position], binPoints) }
                    open.count = 0
                    break
                }
                program.test(entry, in: group, rows: open, into: truths)
                open.filter { row in
                    switch truths[row] {
                    case .false: return true
                    case .unknown:
                        reach(row, binPoints)
                        return true
                    case .true: reach(row, binPoints)
                    case .error: dead[row] = true
                    }
                    return false
                }
            }
            // No bin matched: the factor gives 0.
            for position in 0..<open.count { reach(open[position], 0) }
            rows.filter { row in
                guard !dead[row] else {
                    results[row] = .single
                    return false
                }
                scratch.scoreLow[row] += low[row]
                scratch.scoreHigh[row] += high[row]
                return true
            }
            start = end
        }
    }
}
