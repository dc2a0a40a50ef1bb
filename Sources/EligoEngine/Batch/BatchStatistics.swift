public import EligoDecimal
import EligoExpr

/// Counts per product, merged from every chunk; what `--summary` reports.
public struct ProductStatistics: Sendable {
    public var decisions = 0
    /// Records the product was not evaluated for because `applies_to` was false.
    public var notApplicable = 0
    /// Records the product was not evaluated for because it is not in effect on `as_of`.
    public var inactive = 0
    /// Decisions by outcome, in `Outcome.allCases` order.
    public var outcomes = [Int](repeating: 0, count: Outcome.allCases.count)
    /// Sum of `amount` over approved (funded) decisions.
    public var amountTotal = ExactDecimal.zero
    public var amountCount = 0
    /// Decline reasons by code.
    public var declineReasons: [String: Int] {
        var table: [String: Int] = [:]
        for entry in reasonTally { table[entry.code, default: 0] += entry.count }
        for index in verdictCounts.indices where verdictCounts[index] > 0 { table[verdictCodes[index], default: 0] += verdictCounts[index] }
        return table
    }

    /// Reasons in the order first seen. A short list searched by `==` beats hashing
    /// each code: a product has a dozen codes, and a decision's code is usually the
    /// very string the list holds, which `==` recognises without reading it.
    private var reasonTally: [(code: String, count: Int)] = []
    /// The reasons of verdicts, by place: each eligibility rule, then the score, then
    /// `no-award` (``VerdictRowParts/reasonCodes``); counted by index, no string compared.
    private var verdictCodes: [String] = []
    private var verdictCounts: [Int] = []

    /// Adds counts by reason place, `codes` being the product's ``VerdictRowParts/reasonCodes``.
    mutating func addVerdictReasons(_ counts: UnsafeBufferPointer<Int>, codes: [String]) {
        if verdictCounts.isEmpty {
            verdictCodes = codes
            verdictCounts = [Int](repeating: 0, count: codes.count)
        }
        for index in counts.indices { verdictCounts[index] += counts[index] }
    }

    private mutating func tally(_ code: String, _ count: Int) {
        for index in reasonTally.indices where reasonTally[index].code == code {
            reasonTally[index].count += count
            return
        }
        reasonTally.append((code, count))
    }
    /// Approved, referred and declined decisions by the low end of their score, in the product's ``HistogramBins``.
    public var histogram: [Int] = []

    public func count(_ outcome: Outcome) -> Int {
        outcomes[outcome.index]
    }

    mutating func add(_ decision: Decision, histogram bins: HistogramBins?) {
        decisions += 1
        outcomes[decision.outcome.index] += 1
        if decision.outcome == .approve, let amount = decision.amount { addAmount(amount) }
        for index in decision.reasons.indices { tally(decision.reasons[index].code, 1) }
        if let score = decision.score, let bins { count(bins.index(of: score.low)) }
    }

    mutating func addAmount(_ amount: ExactDecimal) {
        amountTotal = (try? amountTotal.adding(amount)) ?? amountTotal
        amountCount += 1
    }

    /// Counts a decision in histogram bin `index`.
    mutating func count(_ index: Int) {
        if histogram.isEmpty { histogram = [Int](repeating: 0, count: HistogramBins.count) }
        histogram[index] += 1
    }

    /// Moves a decision that allocation turned from approve into waitlist.
    mutating func waitlist(_ decision: Decision) {
        outcomes[Outcome.approve.index] -= 1
        outcomes[Outcome.waitlist.index] += 1
        if let amount = decision.amount {
            amountTotal = (try? amountTotal.subtracting(amount)) ?? amountTotal
            amountCount -= 1
        }
    }

    mutating func merge(_ other: ProductStatistics) {
        decisions += other.decisions
        notApplicable += other.notApplicable
        inactive += other.inactive
        for index in outcomes.indices { outcomes[index] += other.outcomes[index] }
        amountTotal = (try? amountTotal.adding(other.amountTotal)) ?? amountTotal
        amountCount += other.amountCount
        for entry in other.reasonTally { tally(entry.code, entry.count) }
        if verdictCounts.isEmpty {
            verdictCodes = other.verdictCodes
            verdictCounts = other.verdictCounts
        } else {
            for index in other.verdictCounts.indices { verdictCounts[index] += other.verdictCounts[index] }
        }
        if histogram.isEmpty { histogram = other.histogram } else if !other.histogram.isEmpty {
            for index in histogram.indices { histogram[index] += other.histogram[index] }
        }
    }

    /// The most frequent decline reasons, most frequent first, ties by code.
    public func topReasons(_ limit: Int = 10) -> [(code: String, count: Int)] {
        declineReasons.map { ($0.key, $0.value) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.unicodeScalars.lexicographicallyPrecedes($1.0.unicodeScalars) }
            .prefix(limit).map { (code: $0.0, count: $0.1) }
    }

    /// Mean approved amount, rounded half away from zero to 2 places.
    public var amountMean: ExactDecimal? {
        guard amountCount > 0 else { return nil }
        return try? amountTotal.divided(by: ExactDecimal(amountCount)).rounded(scale: 2, .halfAwayFromZero)
    }
}

/// Everything counted over a batch run.
public struct BatchStatistics: Sendable {
    public var recordsRead = 0
    public var invalidRecords = 0
    public var decisionsWritten = 0
    public var products: [ProductStatistics]
    /// Records read per input, in the order given.
    public var inputs: [(path: String, records: Int)] = []

    public init(productCount: Int) {
        products = [ProductStatistics](repeating: ProductStatistics(), count: productCount)
    }

    mutating func merge(_ other: BatchStatistics) {
        recordsRead += other.recordsRead
        invalidRecords += other.invalidRecords
        decisionsWritten += other.decisionsWritten
        for index in products.indices { products[index].merge(other.products[index]) }
    }

    /// Every record is either invalid or gets a decision, a not-applicable or an
    /// inactive mark for every product: the counts add up to the input.
    public var reconciles: Bool {
        products.allSatisfy { $0.decisions + $0.notApplicable + $0.inactive == recordsRead }
    }
}

extension Outcome {
    /// The place of the outcome in `allCases`, without building that array.
    var index: Int {
        switch self {
        case .approve: 0
        case .refer: 1
        case .incomplete: 2
        case .decline: 3
        case .error: 4
        case .invalid: 5
        case .waitlist: 6
        }
    }
}

/// Ten bins of equal width over a product's score range, for the summary's histogram.
///
/// The range runs from 0, or from the floor of the lowest score the scorecard can give when
/// that is below 0, up to the highest score; each bin is that range / 10 wide, rounded up to
/// whole points. Bins are fixed before the run, so that counts from every chunk add up bin by bin.
///
/// A class: the batch hands a product's bins to every decision it counts, and a reference is
/// passed with one retain where this struct's fields and array were copied and destroyed.
public final class HistogramBins: Sendable {
    /// The lower bound of the first bin.
    public let start: ExactDecimal
    /// The width of every bin, whole points, above 0.
    public let width: ExactDecimal
    /// How many bins a score histogram has; computed, so that it folds into the code that reads it.
    static var count: Int { 10 }
    /// The upper bounds of every bin but the last, which takes the rest.
    let bounds: [ExactDecimal]
    /// `start` and `width` as integers, when they fit.
    private let wholeStart: Int64?
    private let wholeWidth: Int64?

    /// The bins of `scorecard`; none without a scorecard, or when its scores cannot differ.
    public init?(_ scorecard: Scorecard?) {
        guard let scorecard else { return nil }
        let start = min(.zero, (try? scorecard.minimumScore.rounded(scale: 0, .down)) ?? .zero)
        guard scorecard.maximumScore > start, let span = try? scorecard.maximumScore.subtracting(start),
            let width = try? span.divided(by: ExactDecimal(Self.count)).rounded(scale: 0, .up), width.signum > 0
        else { return nil }
        self.start = start
        self.width = width
        var bounds: [ExactDecimal] = []
        var upper = start
        for _ in 0..<Self.count - 1 {
            upper = (try? upper.adding(width)) ?? upper
            bounds.append(upper)
        }
        self.bounds = bounds
        wholeStart = start.int64Value
        wholeWidth = width.int64Value
    }

    /// The bins (``count`` of them), lowest first: `start + i × width ..< start + (i + 1) × width`.
    public var ranges: [Range<ExactDecimal>] {
        let lowers = [start] + bounds
        return lowers.map { lower in lower..<((try? lower.adding(width)) ?? lower) }
    }

    /// The bin of a score's low end: the first whose upper bound is above it.
    func index(of scoreLow: ExactDecimal) -> Int {
        // Start and width are whole: a whole score's bin is one division, not up to nine comparisons of decimals.
        if let whole = scoreLow.int64Value, let wholeStart, let wholeWidth {
            let offset = whole.subtractingReportingOverflow(wholeStart)
            if !offset.overflow { return offset.partialValue < 0 ? 0 : Int(min(offset.partialValue / wholeWidth, Int64(Self.count - 1))) }
        }
        var index = 0
        while index < Self.count - 1, scoreLow >= bounds[index] { index += 1 }
        return index
    }
}
