/// One chunk's counts of the rows verdicts decide, per product, in plain memory, folded
/// into the chunk's ``ProductStatistics`` once at its end.
///
/// A verdict row counted into ``ProductStatistics`` went through four arrays (the
/// products, the outcomes, the reason counts, the histogram), each checked for a
/// unique reference before every increment; most rows are counted and written and
/// nothing else. Here a count is an increment at a known place.
///
/// Per product, in order: decisions, rows not applicable, one count per outcome
/// (``Outcome/index``), one per histogram bin, one per reason place
/// (``VerdictRowParts/reasonCodes``).
final class VerdictTally {
    private static let outcomeCount = Outcome.allCases.count
    private static let binCount = HistogramBins.count
    private let counts: UnsafeMutableBufferPointer<Int>
    /// Where each product's counts start; a product without verdict rows has none.
    private let starts: [Int?]
    private let reasonCodes: [[String]]

    init(parts: [VerdictRowParts?]) {
        var starts: [Int?] = []
        var total = 0
        for part in parts {
            guard let part else {
                starts.append(nil)
                continue
            }
            starts.append(total)
            total += 2 + Self.outcomeCount + Self.binCount + part.reasonCodes.count
        }
        self.starts = starts
        reasonCodes = parts.map { $0?.reasonCodes ?? [] }
        counts = .allocate(capacity: max(total, 1))
        counts.initialize(repeating: 0)
    }

    deinit { counts.deallocate() }

    /// The counts of `product`, which must have verdict rows.
    @inline(__always)
    private func base(_ product: Int) -> UnsafeMutablePointer<Int> {
        counts.baseAddress! + starts[product]!
    }

    @inline(__always)
    func notApplicable(_ product: Int) {
        base(product)[1] += 1
    }

    /// Counts a verdict as ``ProductStatistics/add(_:histogram:)`` counts its ``Decision``, but for the
    /// approved amount, which the caller adds to the statistics itself.
    @inline(__always)
    func count(_ verdict: UnsafePointer<Verdict>, product: Int, parts: VerdictRowParts, histogram bins: HistogramBins?) {
        let counts = base(product)
        counts[0] += 1
        counts[2 + verdict.pointee.outcome.index] += 1
        if parts.scored, let bins { counts[2 + Self.outcomeCount + bins.index(of: verdict.pointee.scoreLow)] += 1 }
        let reasons = counts + 2 + Self.outcomeCount + Self.binCount
        verdict.pointee.forEachReason(scorePlace: parts.scorePlace) { reasons[$0] += 1 }
    }

    /// Adds every count to `statistics` and starts again from zero.
    func fold(into statistics: inout BatchStatistics) {
        for (product, start) in starts.enumerated() {
            guard let start else { continue }
            let counts = counts.baseAddress! + start
            let reasons = UnsafeMutableBufferPointer(start: counts + 2 + Self.outcomeCount + Self.binCount, count: reasonCodes[product].count)
            statistics.products[product].add(
                decisions: counts[0], notApplicable: counts[1],
                outcomes: UnsafeBufferPointer(start: counts + 2, count: Self.outcomeCount),
                histogram: UnsafeBufferPointer(start: counts + 2 + Self.outcomeCount, count: Self.binCount),
                reasons: UnsafeBufferPointer(reasons), codes: reasonCodes[product])
        }
        counts.update(repeating: 0)
    }
}

extension ProductStatistics {
    /// Adds counts a ``VerdictTally`` made: the same statistics as counting each verdict.
    mutating func add(
        decisions: Int, notApplicable: Int, outcomes: UnsafeBufferPointer<Int>, histogram: UnsafeBufferPointer<Int>,
        reasons: UnsafeBufferPointer<Int>, codes: [String]
    ) {
        self.decisions += decisions
        self.notApplicable += notApplicable
        for index in outcomes.indices { self.outcomes[index] += outcomes[index] }
        // As counting does: a histogram once a score was counted, reason counts once a reason was.
        if histogram.contains(where: { $0 > 0 }) {
            if self.histogram.isEmpty { self.histogram = [Int](repeating: 0, count: histogram.count) }
            for index in histogram.indices { self.histogram[index] += histogram[index] }
        }
        if reasons.contains(where: { $0 > 0 }) { addVerdictReasons(reasons, codes: codes) }
    }
}
