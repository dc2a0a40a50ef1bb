import EligoDecimal

/// The constant parts of one product's CSV rows, rendered once per run: a row of
/// a ``Verdict`` is then a few copies of bytes and the numbers of that record. A class:
/// the batch loop reads it per product and record, and a reference is one retain, not four.
/// Unchecked `Sendable`: its buffers are written in `init` only.
final class VerdictRowParts: @unchecked Sendable {
    /// `product,version,`: ids are `[a-z0-9-]` and never quoted; a version may need quotes.
    let productAndVersion: [UInt8]
    let scored: Bool
    /// Every reason a verdict can give, by place: each eligibility rule in file order,
    /// then the score's (`score-below-refer`, or `score-below-pass` without a refer band),
    /// then `no-award`.
    let reasonCodes: [String]
    /// The place of the score's reason; `no-award` is the next.
    var scorePlace: Int { reasonCodes.count - 2 }
    /// Every reason code's bytes end to end, reason `i` at `reasonSpans[i]`: a row copies
    /// them from here rather than from a `String`, which costs a retain and a release each.
    private let reasonBytes: UnsafeMutableBufferPointer<UInt8>
    private let reasonSpans: UnsafeMutableBufferPointer<Range<Int>>

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
        var bytes: [UInt8] = []
        var spans: [Range<Int>] = []
        for code in reasonCodes {
            spans.append(bytes.count..<bytes.count + code.utf8.count)
            bytes.append(contentsOf: code.utf8)
        }
        reasonBytes = .allocate(capacity: max(bytes.count, 1))
        _ = reasonBytes.initialize(from: bytes)
        reasonSpans = .allocate(capacity: spans.count)
        _ = reasonSpans.initialize(from: spans)
    }

    deinit {
        reasonBytes.deallocate()
        reasonSpans.deallocate()
    }

    /// Reason `place`'s code, as bytes.
    @inline(__always)
    func reasonCode(_ place: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: reasonBytes[reasonSpans[place]])
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
        switch verdict.outcome {
        case .approve: out.append("approve,")
        case .refer: out.append("refer,")
        case .decline: out.append("decline,")
        default: out.append(verdict.outcome.rawValue + ",")
        }
        Self.writeScoreColumns(parts.scored ? (verdict.scoreLow, verdict.scoreHigh) : nil, amount: verdict.amount, to: &out)
        var first = true
        verdict.forEachReason(scorePlace: parts.scorePlace) { place in
            if !first { out.append(byte: 0x3B) }
            first = false
            out.append(contentsOf: parts.reasonCode(place))
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
