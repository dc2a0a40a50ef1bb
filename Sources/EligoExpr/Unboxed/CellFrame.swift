import EligoDecimal

/// The cells one record is evaluated in: field values, then `let` values, by slot.
///
/// A class with its own storage, made once per thread and loaded with each record
/// in turn, so that evaluating writes a cell in place: no array uniqueness checks,
/// no copy-on-write, nothing allocated per record once the side arrays have grown.
///
/// A frame belongs to one thread, so its variables opt out of dynamic exclusivity
/// checks: each access to a class's `var` otherwise costs a runtime call, and the
/// evaluator reads them for every list and date it meets.
public final class CellFrame {
    public let symbols: Symbols
    public let asOf: Day
    /// `asOf` as year, month and day, for `age` without converting it per call.
    let asOfParts: (year: Int, month: Int, day: Int)
    /// Slot values; slots not loaded from the record are unknown.
    @usableFromInline let cells: UnsafeMutableBufferPointer<Cell>
    /// Texts of this record that ``symbols`` lacks; code `-1 - index`.
    @exclusivity(unchecked) var foreign: [String] = []
    /// Items of the record's lists and of lists built while evaluating.
    @exclusivity(unchecked) var listItems: ContiguousArray<Cell> = []

    public init(size: Int, symbols: Symbols, asOf: Day) {
        self.symbols = symbols
        self.asOf = asOf
        self.asOfParts = asOf.components
        cells = .allocate(capacity: max(size, 1))
        cells.initialize(repeating: .unknown)
    }

    deinit { cells.deallocate() }

    public var size: Int { cells.count }

    /// Loads a record's values into the slots that some expression reads.
    public func load(_ values: [Value], slots: [Int32]) {
        foreign.removeAll(keepingCapacity: true)
        listItems.removeAll(keepingCapacity: true)
        values.withUnsafeBufferPointer { values in
            for slot in slots {
                let index = Int(slot)
                cells[index] = index < values.count ? cell(for: values[index]) : .unknown
            }
        }
    }

    /// Starts a record typed straight into the frame: the given slots unknown, no texts or lists of the last one.
    public func reset(slots: [Int32]) {
        forgetTexts()
        for slot in slots { cells[Int(slot)] = .unknown }
    }

    /// Drops the texts and list items of the last record, for a caller that sets every slot itself.
    public func forgetTexts() {
        if !foreign.isEmpty { foreign.removeAll(keepingCapacity: true) }
        if !listItems.isEmpty { listItems.removeAll(keepingCapacity: true) }
    }

    /// The record loaded now, to load again later without typing it anew (``restore(_:)``).
    public func snapshot() -> Snapshot {
        Snapshot(cells: Array(cells), foreign: foreign, listItems: listItems)
    }

    /// Loads a record saved by ``snapshot()`` of a frame of the same size and symbols.
    public func restore(_ snapshot: Snapshot) {
        precondition(snapshot.cells.count == cells.count, "a snapshot of another frame")
        snapshot.cells.withUnsafeBufferPointer { _ = cells.update(fromContentsOf: $0) }
        foreign = snapshot.foreign
        listItems = snapshot.listItems
    }

    /// One record's cells, with the texts and list items they refer to.
    public struct Snapshot: Sendable {
        let cells: [Cell]
        let foreign: [String]
        let listItems: ContiguousArray<Cell>
    }

    /// Sets a slot to a boxed value, as ``load(_:slots:)`` would.
    public func set(_ slot: Int, to value: Value) {
        cells[slot] = cell(for: value)
    }

    /// Sets one slot (a `let`'s value); inlinable, as the batch sets a slot per field.
    @inlinable
    public subscript(slot: Int32) -> Cell {
        get { cells[Int(slot)] }
        set { cells[Int(slot)] = newValue }
    }

    func cell(for value: Value) -> Cell {
        switch value {
        case .unknown: return .unknown
        case .error: return .error
        case .bool(let flag): return .bool(flag)
        case .number(let number): return .number(number)
        case .date(let day): return .date(day)
        case .string(let text): return .text(code(of: text))
        case .list(let items):
            let start = Int32(listItems.count)
            for item in items {
                if case .list = item { return .error }
                listItems.append(cell(for: item))
            }
            return Cell(tag: .list, flag: false, word: start, count: Int32(items.count))
        }
    }

    func code(of text: String) -> Int32 {
        if let code = symbols.code(of: text) { return code }
        foreign.append(text)
        return -Int32(foreign.count)
    }

    /// The text behind a code.
    func string(_ code: Int32) -> String {
        code >= 0 ? symbols.strings[Int(code)] : foreign[Int(-1 - code)]
    }

    /// Whether a list of this frame's holds an unknown item, at any depth (``Value/hasUnknownItem``).
    public func hasUnknownItem(_ cell: Cell) -> Bool {
        guard cell.tag == .list, !cell.flag else { return false }
        for offset in 0..<Int(cell.count) {
            let item = listItems[Int(cell.word) + offset]
            if item.tag == .unknown || hasUnknownItem(item) { return true }
        }
        return false
    }

    /// Whether ``value(_:)`` gives a value for this cell, without building it.
    public func canReport(_ cell: Cell) -> Bool {
        switch cell.tag {
        case .error: return false
        case .list:
            guard !cell.flag else { return false }
            for offset in 0..<Int(cell.count) where !canReport(listItems[Int(cell.word) + offset]) { return false }
            return true
        default: return true
        }
    }

    /// The value a cell stands for, in the boxed form the rest of the engine uses;
    /// nil for an error and for a list of a program's constants, which only ``Program`` reports.
    public func value(_ cell: Cell) -> Value? {
        switch cell.tag {
        case .unknown: return .unknown
        case .error: return nil
        case .bool: return .bool(cell.flag)
        case .number: return .number(cell.number)
        case .date: return .date(Day(daysSinceEpoch: cell.word))
        case .text: return .string(string(cell.word))
        case .list:
            guard !cell.flag else { return nil }
            var items: [Value] = []
            for offset in 0..<Int(cell.count) {
                guard let item = value(listItems[Int(cell.word) + offset]) else { return nil }
                items.append(item)
            }
            return .list(items)
        }
    }
}
