import EligoExpr
import EligoDiagnostics

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

    init(parser: RecordParser, symbols: Symbols, slots: [Int32]) {
        let typer = parser.core.typer
        let read = Set(slots)
        wanted = typer.fields.map { read.contains($0.slot) }
        self.slots = slots.sorted()
        entryCodes = typer.enums.entries.map { symbols.code(of: $0) ?? -1 }
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
    /// ``parseCSV(_:_:)`` with cells in place of values; every branch mirrors it.
    func parseCSV(_ bytes: UnsafeBufferPointer<UInt8>, _ slice: RecordSlice, into frame: CellFrame, plan: CellPlan) -> ApplicantRecord {
        var problems = headerProblems
        let columnCount = columnPlans.count
        var broken = false
        var id: String?
        frame.reset(slots: plan.slots)
        return withUnsafeTemporaryAllocation(of: Bool.self, capacity: max(fieldCount, 1)) { given in
            given.initialize(repeating: false)
            let codes = typer.codes.pointer
            plan.wanted.withUnsafeBufferPointer { wanted in
                columnPlans.withUnsafeBufferPointer { columns in
                    var reader = CSVCells.Reader(bytes)
                    var column = 0
                    while let cell = reader.next() {
                        defer { column += 1 }
                        guard column < columnCount else { continue }
                        let field = columns[column]
                        guard field >= 0, !cell.isEmpty else { continue }
                        given[field] = true
                        let code = codes + field
                        guard !cell.doubled, !code.pointee.isList, field != idPlan else {
                            guard let value = typedCSVCell(field, cell, bytes, &problems) else { continue }
                            if field == idPlan, case .string(let text) = value { id = text }
                            if wanted[field] { frame.set(code.pointee.slot, to: value) }
                            continue
                        }
                        let text = UnsafeBufferPointer(rebasing: bytes[cell.lower..<cell.upper])
                        // An ASCII enum value is found by its bytes, as `FieldTyper.scalar` finds it.
                        if code.pointee.scalarKind == .enumeration, FieldTyper.isASCII(text),
                            let entry = typer.enums.entry(field: field, text), plan.entryCodes[entry] >= 0
                        {
                            if wanted[field] { frame[Int32(code.pointee.slot)] = .text(plan.entryCodes[entry]) }
                            continue
                        }
                        var flag = FailureFlag()
                        let value = typer.scalar(field, text, .bare, &flag)
                        if flag.failed {
                            problems.append(error(typer.problem(field, text, .bare)))
                        } else if wanted[field] {
                            let slot = Int32(code.pointee.slot)
                            switch value {
                            case .number(let number): frame[slot] = .number(number)
                            case .bool(let flag): frame[slot] = .bool(flag)
                            case .date(let day): frame[slot] = .date(day)
                            default: frame.set(code.pointee.slot, to: value)
                            }
                        }
                    }
                    var problem = reader.problem
                    if problem == nil, column != columnCount { problem = .csvCellCount(column, header: columnCount) }
                    guard let problem else { return }
                    // Cells may be shifted: keep nothing but the id, to tell which record it is.
                    broken = true
                    problems = headerProblems
                    problems.append(error(problem))
                    frame.reset(slots: plan.slots)
                    id = nil
                    if let idColumn, let cell = CSVCells.cell(idColumn, of: bytes), let idPlan, !cell.isEmpty {
                        var ignored: [Diagnostic] = []
                        if case .string(let text) = typedCSVCell(idPlan, cell, bytes, &ignored) { id = text }
                    }
                }
            }
            var record = finish(id: id, values: [], given: given, problems: &problems, slice: slice, checkRequired: !broken)
            record.typedIntoFrame = true
            return record
        }
    }
}
