import EligoDecimal

/// The constant parts of one product's CSV rows, rendered once per run: a row of
/// a ``Verdict`` is then a few copies of bytes and the numbers of that record. A class:
/// the batch loop reads it per product and record, and a reference is one retain, not four.
final class VerdictRowParts: Sendable {
    /// `product,version,`: ids are `[a-z0-9-]` and never quoted; a version may need quotes.
    let productAndVersion: [UInt8]
    let scored: Bool
    /// Every reason a verdict can give, by place: each eligibility rule in file order,
    /// then the score's (`score-below-refer`, or `score-below-pass` without a refer band),
    /// then `no-award`.
    let reasonCodes: [String]
    /// The place of the score's reason; `no-award` is the next.
    var scorePlace: Int { reasonCodes.count - 2 }

    init(_ product: Product) {
        var prefix = OutputBuffer()
        prefix.append(product.id)
        prefix.append(byte: 0x2C)
        prefix.appendCSVField(product.version)
        prefix.append(byte: 0x2C)
        productAndVersion = prefix.bytes
        scored = product.score != nil
        let scoreCode = product.score?.refer != nil ? Reason.scoreBelowReferCode : Reason.scoreBelowPassCode
        reasonCodes = product.eligibility.map(\.id) + [scoreCode, Reason.noAwardCode]
    }
}

extension DecisionRowWriter {
    /// The CSV row of a verdict: the same bytes as ``write(_:input:to:)`` gives for the
    /// ``Decision`` the verdict stands for (the batch tests compare the two paths).
    ///
    /// - Parameter recordColumns: `input,record,line,applicant,` for the verdict's record,
    ///   made once per record by ``writeRecordPrefix(of:inputField:to:)``: a record has a row
    ///   for each product that applies.
    func write(_ verdict: Verdict, recordColumns: [UInt8], parts: VerdictRowParts, to out: inout OutputBuffer) {
        out.append(contentsOf: recordColumns)
        out.append(contentsOf: parts.productAndVersion)
        out.append(contentsOf: verdict.outcome.csvField)
        Self.writeScoreColumns(parts.scored ? (verdict.scoreLow, verdict.scoreHigh) : nil, amount: verdict.amount, to: &out)
        var first = true
        verdict.forEachReason(scorePlace: parts.scorePlace) { place in
            if !first { out.append(byte: 0x3B) }
            first = false
            out.append(parts.reasonCodes[place])
        }
        // No missing fields and no messages: those decisions come from the reference evaluator.
        out.append(byte: 0x2C)
        out.append(byte: 0x2C)
        out.append(byte: 0x0A)
    }
}

extension DecisionRowWriter {
    /// The columns every row of a record starts with; `inputField` is the input's CSV field and comma.
    static func writeRecordPrefix(of record: ApplicantRecord, inputField: [UInt8], to out: inout OutputBuffer) {
        out.removeAll()
        out.append(contentsOf: inputField)
        writeRecordColumns(number: record.number, line: record.line, applicant: record.id, to: &out)
    }
}

extension ProductStatistics {
    /// Counts a verdict as ``add(_:histogram:)`` counts its ``Decision``.
    mutating func add(_ verdict: Verdict, parts: VerdictRowParts, histogram bins: HistogramBins?) {
        decisions += 1
        outcomes[verdict.outcome.index] += 1
        if verdict.outcome == .approve, let amount = verdict.amount { addAmount(amount) }
        verdict.forEachReason(scorePlace: parts.scorePlace) { countVerdictReason($0, of: parts.reasonCodes) }
        if parts.scored, let bins { count(bins.index(of: verdict.scoreLow)) }
    }
}

extension Verdict {
    /// The place of each decline reason, in the order a decision lists them: the false
    /// rules in file order (place = rule index), the score (`scorePlace`), `no-award` (after it).
    @inline(__always)
    func forEachReason(scorePlace: Int, _ body: (Int) -> Void) {
        var rules = failedRules
        while rules != 0 {
            body(rules.trailingZeroBitCount)
            rules &= rules - 1
        }
        if belowScore { body(scorePlace) }
        if noAward { body(scorePlace + 1) }
    }
}

extension Outcome {
    /// The outcome and its comma, as a row writes them.
    var csvField: [UInt8] {
        switch self {
        case .approve: Self.approveField
        case .refer: Self.referField
        case .decline: Self.declineField
        default: Array((rawValue + ",").utf8)
        }
    }

    private static let approveField = Array("approve,".utf8)
    private static let referField = Array("refer,".utf8)
    private static let declineField = Array("decline,".utf8)
}
