import EligoExpr

/// What a batch types straight into an evaluator's frame: the fields some expression
/// (or a budget's `order`) reads, and the symbol code of every enum value.
///
/// A CSV record then never becomes an array of ``Value``s that is copied into cells
/// and destroyed: numbers, dates and booleans go into cells as they are typed, and an
/// enum value is its code, with no string and no lookup by text.
struct CellPlan: Sendable {
    /// Per catalog field (by position): whether its slot is read.
    let wanted: [Bool]
    /// The slots of the wanted fields, set to unknown before each record.
    let slots: [Int32]
    /// Per entry of the typer's ``EnumTable``, its code in the frame's symbols (-1: not there).
    let entryCodes: [Int32]
    /// The CSV header's columns resolved for rows without quotes, when the header allows.
    let columnSteps: CSVColumnSteps?

    init(parser: RecordParser, symbols: Symbols, slots: [Int32]) {
        let typer = parser.core.typer
        let read = Set(slots)
        wanted = typer.fields.map { read.contains($0.slot) }
        self.slots = slots.sorted()
        entryCodes = typer.enums.entries.map { symbols.code(of: $0) ?? -1 }
        columnSteps = CSVColumnSteps(core: parser.core, wanted: wanted)
    }
}

extension RecordParser {
    /// Types record `index` of `chunk` into `frame`; the record's `values` stay empty.
    ///
    /// Only CSV is typed this way; a record of another format comes back with its
    /// values, to be loaded as usual. Problems, `id`, number and line are what
    /// ``parse(_:_:)`` gives (the batch tests compare the two ways).
    func parse(_ chunk: RecordChunk, _ index: Int, into frame: CellFrame, plan: CellPlan) -> ApplicantRecord {
        let slice = chunk.records[index]
        guard format == .csv, slice.problem == nil else { return core.parse(chunk, index) }
        return chunk.bytes.withUnsafeBufferPointer { buffer in
            core.parseCSV(UnsafeBufferPointer(rebasing: buffer[slice.range]), slice, into: frame, plan: plan)
        }
    }
}

extension RecordParserCore {
    /// ``parseCSV(_:_:)`` with the frame's cells in place of values.
    func parseCSV(_ bytes: UnsafeBufferPointer<UInt8>, _ slice: RecordSlice, into frame: CellFrame, plan: CellPlan) -> ApplicantRecord {
        var sink = FrameCells(frame: frame, plan: plan)
        if let steps = plan.columnSteps {
            // The one-pass reader sets the slot of every column it reads; the others are reset here.
            // With none (the usual header), only the texts are dropped: calling `reset` with no
            // slots cost 0.9 % more instructions a batch, through what the compiler then inlined.
            if steps.slotsWithoutColumn.isEmpty { frame.forgetTexts() } else { frame.reset(slots: steps.slotsWithoutColumn) }
            if let record = typePlainCSVRow(bytes, slice, steps: steps, into: &sink) { return record }
            // Quotes, a wrong cell count or a missing required value: cells typed so far are dropped.
        }
        frame.reset(slots: plan.slots)
        var record = typeCSVRow(bytes, slice, into: &sink)
        record.typedIntoFrame = true
        return record
    }
}
