public import EligoExpr

/// Records decided together: one ``RecordFrame`` per row, and each product's result per row.
///
/// A batch decides its records a group at a time (``Evaluator/decide(_:count:isValid:products:)``):
/// every expression node then runs once per group, over its rows, instead of once per
/// record. Made by ``Evaluator/makeGroup(asOf:capacity:)``; belongs to one thread.
public final class RecordGroup {
    /// Row `i`'s frame: load or type record `i` into it before deciding the group
    /// (``Evaluator/load(_:into:row:)``, ``restore(_:row:)``). Set only here: the group's
    /// cells are these frames' cells.
    @exclusivity(unchecked) public internal(set) var frames: [RecordFrame]
    let cells: FrameGroup
    let scratch: GroupScratch
    /// Product `p`'s result for row `i` at `p * capacity + i`.
    let results: GroupResults
    let productCount: Int

    init(frames: [RecordFrame], productCount: Int, fieldSlots: Int) {
        self.frames = frames
        self.productCount = productCount
        cells = FrameGroup(frames: frames.map(\.cells), fieldSlots: fieldSlots)
        scratch = GroupScratch(capacity: frames.count)
        results = .allocate(count: frames.count * max(productCount, 1))
    }

    deinit {
        results.deallocate()
    }

    /// Loads row `row` with a record saved by ``RecordFrame/snapshot()``.
    public func restore(_ snapshot: CellFrame.Snapshot, row: Int) {
        frames[row].restore(snapshot)
    }

    /// Puts the missing fields of the incomplete verdict the group decided for `row` in the
    /// row's ``RecordFrame/missingSlots``, where a verdict decided alone leaves them.
    func loadMissing(row: Int, product productIndex: Int) {
        let span = results.missingSpans[productIndex * capacity + row]
        frames[row].missingSlots.removeAll(keepingCapacity: true)
        frames[row].missingSlots.append(contentsOf: scratch.missing[Int(span.lowerBound)..<Int(span.upperBound)])
    }

    /// The most rows the group holds.
    public var capacity: Int { frames.count }

    /// Product `productIndex`'s result for `row`, as the last ``Evaluator/decide(_:count:isValid:products:)`` left it.
    @inline(__always)
    func result(row: Int, product productIndex: Int) -> GroupResult {
        results[productIndex * capacity + row]
    }

    /// What kind of result ``result(row:product:)`` is, without copying its verdict: how
    /// `eligo batch` reads a decided group.
    @inline(__always)
    public func kind(row: Int, product productIndex: Int) -> GroupResultKind {
        results.kinds[productIndex * capacity + row]
    }

    /// Where the verdict of a ``GroupResultKind/decided`` result is, valid until the group decides again.
    @inline(__always)
    public func verdictAddress(row: Int, product productIndex: Int) -> UnsafePointer<Verdict> {
        UnsafePointer(results.verdicts + (productIndex * capacity + row))
    }
}

extension Evaluator {
    /// Rows of frames made as ``makeFrame(asOf:)`` makes one, to decide records a group at a time.
    public func makeGroup(asOf: Day, capacity: Int = 64) -> RecordGroup {
        RecordGroup(frames: (0..<max(capacity, 1)).map { _ in makeFrame(asOf: asOf) }, productCount: policies.products.count, fieldSlots: policies.catalog.fields.count)
    }

    /// Loads row `row` of the group with a record, as ``load(_:into:)`` loads a frame.
    public func load(_ record: ApplicantRecord, into group: RecordGroup, row: Int) {
        load(record, into: &group.frames[row])
    }

    /// Decides rows `0..<count` of the group, each loaded with its record, against every
    /// product the unboxed path serves (of those with `products[index]` true, when given).
    /// Read the results with ``RecordGroup/kind(row:product:)`` and ``RecordGroup/verdictAddress(row:product:)``,
    /// as `eligo batch` does, or copied into a ``RowEvaluation`` by ``rowEvaluation(_:row:record:product:asOf:)``.
    ///
    /// - Parameter isValid: whether row `i`'s record is valid; an invalid one is left to ``evaluateForRow(_:against:asOf:frame:)``.
    public func decide(_ group: RecordGroup, count: Int, isValid: (Int) -> Bool, products: [Bool]? = nil) {
        precondition(count <= group.capacity, "more rows than the group holds")
        let all = group.cells.takeRows()
        defer { group.cells.give(all) }
        var rows = GroupRows(all, count: 0)
        for row in 0..<count where isValid(row) {
            all[rows.count] = Int32(row)
            rows.count += 1
        }
        group.cells.begin(rows)
        group.scratch.missing.removeAll(keepingCapacity: true)
        let asOf = group.cells.frames[0].asOf
        for productIndex in policies.products.indices {
            let results = group.results + productIndex * group.capacity
            let product = policies.products[productIndex]
            for row in 0..<count { results[row] = .single }
            guard products?[productIndex] ?? true, product.isEffective(on: asOf), let compiled = compiledProduct(at: productIndex) else {
                continue
            }
            compiled.verdicts(product, in: group.cells, rows: rows, scratch: group.scratch, into: results)
        }
    }

    /// What row `row` of a decided group needs for product `productIndex`: the group's
    /// verdict, or ``evaluateForRow(_:against:asOf:frame:)`` where the group left the row to it.
    public func rowEvaluation(_ group: RecordGroup, row: Int, record: ApplicantRecord, product productIndex: Int, asOf: Day) -> RowEvaluation {
        switch group.result(row: row, product: productIndex) {
        case .decided(let verdict):
            if verdict.outcome == .incomplete { group.loadMissing(row: row, product: productIndex) }
            return .verdict(verdict)
        case .notApplicable: return .evaluated(.notApplicable)
        case .single: return evaluateForRow(record, against: policies.products[productIndex], asOf: asOf, frame: &group.frames[row])
        }
    }
}
