/// Records evaluated together, one ``CellFrame`` each, so that the unboxed program
/// dispatches once per expression node for the whole group rather than once per record.
///
/// Per record, a batch spent most of its evaluation in the interpreter's calls, returns
/// and switches, not in comparing or adding. Over a group each node runs as a short loop
/// over the rows, with the per-row work inlined. Each row keeps its own frame, so what is
/// rare (texts no policy names, lists built per record) still goes the per-record way.
///
/// A group belongs to one thread. Scratch columns come from pools that grow to the depth of
/// the deepest expression and are reused, so nothing is allocated per group once warm.
public final class FrameGroup {
    /// The rows' frames; row `i` is evaluated in `frames[i]`.
    public let frames: [CellFrame]
    /// A frame whose records' texts are never consulted: for the many operations that read
    /// no text of a record (texts compared against policy literals never need the frame).
    let first: CellFrame
    /// Each row's cells, read without going through its frame.
    @usableFromInline let bases: UnsafeMutablePointer<UnsafeMutablePointer<Cell>>
    public var capacity: Int { frames.count }

    @exclusivity(unchecked) private var cellPool: [UnsafeMutablePointer<Cell>] = []
    @exclusivity(unchecked) private var truthPool: [UnsafeMutablePointer<Truth>] = []
    @exclusivity(unchecked) private var rowPool: [UnsafeMutablePointer<Int32>] = []
    @exclusivity(unchecked) private var allocations: [UnsafeMutableRawPointer] = []

    /// Slots below this hold the record's fields, the same for every product; `let`s follow.
    let fieldSlots: Int32
    /// The rows being decided (``begin(_:)``).
    @exclusivity(unchecked) private(set) var rows: GroupRows
    /// Functions of fields alone (`age(birth_date)`), computed once per group for all its rows
    /// and reused by every product that calls them again.
    @exclusivity(unchecked) var memo: [MemoKey: UnsafeMutablePointer<Cell>] = [:]

    /// A function applied to fields and `as_of` only: each argument a field's slot, or -1 for `as_of`.
    struct MemoKey: Hashable {
        let builtin: Builtin
        let arguments: SIMD4<Int32>
    }

    /// - Parameters:
    ///   - frames: one or more frames of the same symbols and `as_of`.
    ///   - fieldSlots: how many slots, from 0, hold the record's fields.
    public init(frames: [CellFrame], fieldSlots: Int) {
        precondition(!frames.isEmpty, "a group needs a frame")
        self.frames = frames
        self.fieldSlots = Int32(fieldSlots)
        let rowBase = UnsafeMutablePointer<Int32>.allocate(capacity: frames.count)
        rowBase.initialize(repeating: 0, count: frames.count)
        rows = GroupRows(rowBase, count: 0)
        first = frames[0]
        bases = .allocate(capacity: frames.count)
        for index in frames.indices { bases[index] = frames[index].cells.baseAddress! }
    }

    deinit {
        rows.base.deallocate()
        bases.deallocate()
        for pointer in allocations { pointer.deallocate() }
    }

    /// Starts deciding another set of rows, their records loaded: what was computed for the
    /// last set is forgotten.
    public func begin(_ rows: GroupRows) {
        precondition(rows.count <= capacity, "more rows than the group holds")
        self.rows = rows.copy(to: self.rows.base)
        for column in memo.values { give(column) }
        memo.removeAll(keepingCapacity: true)
    }

    /// A scratch column of one cell per row, to give back when done with it.
    @inline(__always) public func takeCells() -> UnsafeMutablePointer<Cell> { take(from: &cellPool, filling: .unknown) }

    @inline(__always) public func give(_ column: UnsafeMutablePointer<Cell>) { cellPool.append(column) }

    /// A scratch column of one truth per row.
    @inline(__always) public func takeTruths() -> UnsafeMutablePointer<Truth> { take(from: &truthPool, filling: .unknown) }

    @inline(__always) public func give(_ column: UnsafeMutablePointer<Truth>) { truthPool.append(column) }

    /// Room for a list of rows.
    @inline(__always) public func takeRows() -> UnsafeMutablePointer<Int32> { take(from: &rowPool, filling: 0) }

    /// A column from `pool`, or a new one of ``capacity`` elements that the group frees with itself.
    @inline(__always)
    private func take<Element>(from pool: inout [UnsafeMutablePointer<Element>], filling value: Element) -> UnsafeMutablePointer<Element> {
        if let column = pool.popLast() { return column }
        let column = UnsafeMutablePointer<Element>.allocate(capacity: capacity)
        column.initialize(repeating: value, count: capacity)
        allocations.append(UnsafeMutableRawPointer(column))
        return column
    }

    @inline(__always) public func give(_ rows: UnsafeMutablePointer<Int32>) { rowPool.append(rows) }

    /// Stores row `row` of a computed column (a `let`'s values) into that row's slot, as the
    /// subscript would, in one copy of the cell's bytes: assigning a `Cell` stores its fields
    /// one by one around its padding, and a batch stores every `let` of every row.
    @inlinable
    public func store(_ column: UnsafeMutablePointer<Cell>, row: Int, slot: Int32) {
        UnsafeMutableRawPointer(bases[row] + Int(slot)).copyMemory(from: column + row, byteCount: MemoryLayout<Cell>.size)
    }

    /// A slot of one row, such as a `let`'s value.
    @inlinable
    public subscript(row: Int, slot: Int32) -> Cell {
        get { bases[row][Int(slot)] }
        set { bases[row][Int(slot)] = newValue }
    }
}

/// Which rows of a group an operation works on: row numbers, ascending, in memory the
/// caller owns (usually from ``FrameGroup/takeRows()``).
public struct GroupRows {
    public let base: UnsafeMutablePointer<Int32>
    public var count: Int

    @inlinable
    public init(_ base: UnsafeMutablePointer<Int32>, count: Int) {
        self.base = base
        self.count = count
    }

    @inlinable public var isEmpty: Bool { count == 0 }

    @inlinable public subscript(position: Int) -> Int { Int(base[position]) }

    /// Adds a row after the last; the memory must have room for it.
    @inlinable
    public mutating func append(_ row: Int) {
        base[count] = Int32(truncatingIfNeeded: row)
        count += 1
    }

    /// Keeps the rows for which `keep` holds, in order.
    @inlinable
    public mutating func filter(_ keep: (Int) -> Bool) {
        var kept = 0
        for position in 0..<count {
            let row = base[position]
            if keep(Int(row)) {
                base[kept] = row
                kept += 1
            }
        }
        count = kept
    }

    /// Copies these rows into `target`.
    @inlinable
    public func copy(to target: UnsafeMutablePointer<Int32>) -> GroupRows {
        target.update(from: base, count: count)
        return GroupRows(target, count: count)
    }
}
