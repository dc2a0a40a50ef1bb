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
    let scorePlace: Int
    /// The reason codes as bytes, by place: a row copies them from here rather than from
    /// a `String`, which costs a retain and a release each.
    private let reasonBytes: PackedTexts
    /// The catalog's field names as bytes, by slot, for the `missing` column of incomplete verdicts.
    private let nameBytes: PackedTexts
    /// The most bytes a row can have after its record's columns.
    let maxTailCount: Int

    /// - Parameter fieldNames: the catalog's field names by slot (``FieldNames/names``).
    init(_ product: Product, fieldNames: [String]) {
        var prefix = OutputBuffer()
        prefix.append(product.id)
        prefix.append(byte: 0x2C)
        prefix.appendCSVField(product.version)
        prefix.append(byte: 0x2C)
        productAndVersion = prefix.bytes
        scored = product.score != nil
        let scoreCode = product.score?.refer != nil ? Reason.scoreBelowReferCode : Reason.scoreBelowPassCode
        reasonCodes = product.eligibility.map(\.id) + [scoreCode, Reason.noAwardCode]
        scorePlace = reasonCodes.count - 2
        reasonBytes = PackedTexts(reasonCodes)
        nameBytes = PackedTexts(fieldNames)
        // The outcome's word and comma (`incomplete,` the longest), three numbers and their
        // commas, every reason and every field name with a separator, the last comma and the line end.
        maxTailCount = productAndVersion.count + 11 + 2 * (ExactDecimal.maxTextCount(places: 0) + 1)
            + ExactDecimal.maxTextCount(places: 2) + 1 + reasonBytes.byteCount + reasonCodes.count
            + nameBytes.byteCount + fieldNames.count + 2
    }

    deinit {
        reasonBytes.deallocate()
        nameBytes.deallocate()
    }

    /// Reason `place`'s code, as bytes.
    @inline(__always)
    func reasonCode(_ place: Int) -> UnsafeBufferPointer<UInt8> { reasonBytes[place] }

    /// Field `slot`'s name, as bytes.
    @inline(__always)
    func fieldName(_ slot: Int32) -> UnsafeBufferPointer<UInt8> { nameBytes[Int(slot)] }
}

/// Texts laid end to end as UTF-8 in memory of their own, text `i` at `spans[i]`: read
/// through no reference, so a row copies a text's bytes without a retain. The owner
/// calls ``deallocate()`` once.
struct PackedTexts {
    private let bytes: UnsafeMutableBufferPointer<UInt8>
    private let spans: UnsafeMutableBufferPointer<Range<Int>>

    init(_ texts: [String]) {
        var packed: [UInt8] = []
        var spans: [Range<Int>] = []
        for text in texts {
            spans.append(packed.count..<packed.count + text.utf8.count)
            packed.append(contentsOf: text.utf8)
        }
        bytes = .allocate(capacity: max(packed.count, 1))
        _ = bytes.initialize(from: packed)
        self.spans = .allocate(capacity: max(spans.count, 1))
        _ = self.spans.initialize(from: spans)
    }

    /// All the texts' bytes together.
    var byteCount: Int { spans.last.map(\.upperBound) ?? 0 }

    @inline(__always)
    subscript(index: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[spans[index]]) }

    func deallocate() {
        bytes.deallocate()
        spans.deallocate()
    }
}

extension DecisionRowWriter {
    /// The CSV row of a verdict: the same bytes as ``write(_:input:to:)`` gives for the
    /// ``Decision`` the verdict stands for (the batch tests compare the two paths).
    ///
    /// - Parameters:
    ///   - missing: the slots of an incomplete verdict's missing fields, in name order.
    ///   - scratch: holds `input,record,line,applicant,` for the verdict's record, made once
    ///     per record by ``writeRecordPrefix(of:inputField:to:)``: a record has a row for each
    ///     product that applies. The row is kept there until the record's rows are flushed.
    func write(_ verdict: UnsafePointer<Verdict>, missing: UnsafeBufferPointer<Int32>, parts: VerdictRowParts, scratch: inout RowScratch) {
        var row = scratch.row(tailCount: parts.maxTailCount)
        row.append(parts.productAndVersion)
        switch verdict.pointee.outcome {
        case .approve: row.append("approve,")
        case .refer: row.append("refer,")
        case .decline: row.append("decline,")
        case .incomplete: row.append("incomplete,")
        case .error: row.append("error,")
        case .invalid: row.append("invalid,")
        case .waitlist: row.append("waitlist,")
        }
        Self.writeScoreColumns(parts.scored ? (verdict.pointee.scoreLow, verdict.pointee.scoreHigh) : nil, amount: verdict.pointee.amount, to: &row)
        var first = true
        verdict.pointee.forEachReason(scorePlace: parts.scorePlace) { place in
            if !first { row.append(byte: 0x3B) }
            first = false
            row.append(parts.reasonCode(place))
        }
        row.append(byte: 0x2C)
        if verdict.pointee.outcome == .incomplete {
            for index in missing.indices {
                if index > 0 { row.append(byte: 0x3B) }
                row.append(parts.fieldName(missing[index]))
            }
        }
        // No messages: decisions with messages come from the reference evaluator.
        row.append(byte: 0x2C)
        row.append(byte: 0x0A)
        scratch.finish(row)
    }
}

extension DecisionRowWriter {
    /// Starts a record's verdict rows in `scratch` with the columns every one begins with
    /// (``writeRecordColumns(number:line:applicant:to:)``'s); `inputField` is the input's CSV field and comma.
    static func writeRecordPrefix(of record: borrowing ApplicantRecord, inputField: UnsafeBufferPointer<UInt8>, to scratch: inout RowScratch) {
        let id = record.id ?? ""
        // Two numbers of at most 20 bytes, three commas, the id quoted with every byte doubled.
        scratch.startRecord(maxCount: inputField.count + 43 + 2 * id.utf8.count + 2) { row in
            row.append(inputField)
            row.append(record.number)
            row.append(byte: 0x2C)
            if let line = record.line { row.append(line) }
            row.append(byte: 0x2C)
            row.appendCSVField(id)
            row.append(byte: 0x2C)
        }
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

/// One product's parts for rows decided by a verdict, held without reference counting.
///
/// A batch decides each product for each of millions of records. Reaching the product,
/// its compiled form and its row parts through arrays of references cost four retains and
/// four releases per product and record, atomic ones, about a twentieth of a run's cycles.
/// The worker that owns a lane also owns the policies, the evaluator and the batch runner
/// that keep these objects alive, so the lane borrows them. The score histogram's bins
/// are the batch runner's, shared by every worker: retaining them per row made the two
/// cores of a `--jobs 2` run take turns at one reference count.
struct VerdictLane {
    private let product: Unmanaged<Product>
    private let compiled: Unmanaged<UnboxedProduct>
    private let parts: Unmanaged<VerdictRowParts>
    private let histogram: Unmanaged<HistogramBins>?

    init(product: Product, compiled: UnboxedProduct, parts: VerdictRowParts, histogram: HistogramBins?) {
        self.product = .passUnretained(product)
        self.compiled = .passUnretained(compiled)
        self.parts = .passUnretained(parts)
        self.histogram = histogram.map { .passUnretained($0) }
    }

    /// The unboxed path's result for the record loaded in `frame`.
    @inline(__always)
    func verdict(in frame: inout RecordFrame) -> UnboxedResult {
        product._withUnsafeGuaranteedRef { product in
            compiled._withUnsafeGuaranteedRef { compiled in
                compiled.verdict(product, in: frame.cells, awards: &frame.awardCells, missing: &frame.missingSlots)
            }
        }
    }

    @inline(__always)
    func write(
        _ verdict: UnsafePointer<Verdict>, missing: UnsafeBufferPointer<Int32>, writer: DecisionRowWriter, scratch: inout RowScratch
    ) {
        parts._withUnsafeGuaranteedRef { writer.write(verdict, missing: missing, parts: $0, scratch: &scratch) }
    }

    /// Counts the row of `verdict` (all but an approved amount) into `tally`.
    @inline(__always)
    func count(_ verdict: UnsafePointer<Verdict>, product index: Int, in tally: VerdictTally) {
        parts._withUnsafeGuaranteedRef { parts in
            if let histogram {
                histogram._withUnsafeGuaranteedRef { tally.count(verdict, product: index, parts: parts, histogram: $0) }
            } else {
                tally.count(verdict, product: index, parts: parts, histogram: nil)
            }
        }
    }
}
