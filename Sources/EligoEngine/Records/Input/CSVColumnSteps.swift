import EligoExpr

/// How the plain-row loop types each column of a CSV header into a frame.
///
/// ``RecordParserCore/typeCSVRow(_:_:into:)`` finds a column's field, the field's
/// code, whether the plan reads it and what kind it is, cell by cell; for a
/// million rows of ninety cells those lookups cost as much as the typing. The
/// steps resolve them once per header, so that a row without quotes is cut and
/// typed in one pass over its bytes that reads one small value per cell. A class, so
/// that taking it out of a plan per row is one reference, not a copy of its arrays.
final class CSVColumnSteps: Sendable {
    struct Step: Sendable {
        enum Action: UInt8, Sendable {
            /// A column the header problems already made every record invalid for.
            case ignore
            case enumeration, decimal, bool, date
            /// A string: through ``FrameCells/typeScalar(_:_:_:_:)``'s general branch.
            case scalar
            /// The id or a list: through a ``Value``, as `typeCSVRow` takes them.
            case value
        }

        var action: Action
        var wanted: Bool
        /// The field must have a value; an empty cell sends the row to `typeCSVRow`, which reports it.
        var required: Bool
        var field: Int32
        var slot: Int32
    }

    let steps: [Step]
    /// The slots the plan reads whose field has no column: unknown in every row.
    let slotsWithoutColumn: [Int32]

    /// Steps for `core`'s header, or nil when some required field has no column
    /// (every record then lacks it, and only `typeCSVRow` reports that).
    init?(core: RecordParserCore, wanted: [Bool]) {
        guard core.format == .csv, !core.columnPlans.isEmpty else { return nil }
        let given = Set(core.columnPlans)
        guard core.requiredPlans.allSatisfy(given.contains) else { return nil }
        let required = Set(core.requiredPlans)
        steps = core.columnPlans.map { field in
            guard field >= 0 else { return Step(action: .ignore, wanted: false, required: false, field: -1, slot: -1) }
            let code = core.typer.codes[field]
            let action: Step.Action =
                if field == core.idPlan || code.isList { .value } else {
                    switch code.scalarKind {
                    case .enumeration: .enumeration
                    case .int, .number, .money: .decimal
                    case .bool: .bool
                    case .date: .date
                    case .string, .list: .scalar
                    }
                }
            return Step(action: action, wanted: wanted[field], required: required.contains(field), field: Int32(field), slot: Int32(code.slot))
        }
        slotsWithoutColumn = core.typer.fields.indices.filter { wanted[$0] && !given.contains($0) }.map { Int32(core.typer.codes[$0].slot) }
    }
}

extension RecordParserCore {
    /// Types a row that has no quote, the right number of cells and every required
    /// cell filled, by `steps`, with ``typeCSVRow(_:_:into:)``'s results; nil for any
    /// other row, whose cells are then partly typed and must be reset and typed by
    /// `typeCSVRow` from the start.
    ///
    /// Every column's slot that the plan reads is set, to unknown when the cell is empty
    /// or its value bad, so the frame needs no reset before it but of
    /// ``CSVColumnSteps/slotsWithoutColumn``.
    ///
    /// A value that is not one of the common literals (or is bad) goes through
    /// ``FrameCells/typeScalar(_:_:_:_:)`` as in `typeCSVRow`, so messages are the same.
    func typePlainCSVRow(_ bytes: UnsafeBufferPointer<UInt8>, _ slice: RecordSlice, steps: CSVColumnSteps, into sink: inout FrameCells) -> ApplicantRecord? {
        let count = bytes.count
        guard count > 0, let base = bytes.baseAddress else { return nil }
        var problems = headerProblems
        var id: String?
        let codes = typer.codes.pointer
        let frame = sink.frame
        let typed = steps.steps.withUnsafeBufferPointer { steps in
            sink.plan.entryCodes.withUnsafeBufferPointer { entryCodes -> Bool in
                var index = 0
                var column = 0
                while true {
                    guard column < steps.count else { return false }
                    let step = steps[column]
                    let lower = index
                    if index == count || base[index] == 0x2C {
                        // An empty cell: missing.
                        if step.required { return false }
                        if step.wanted { frame[step.slot] = .unknown }
                    } else if !typeLiteral(step, base, &index, count, codes, frame) {
                        index = CSVCells.commaOrQuote(in: base, from: index, to: count)
                        if index < count, base[index] == 0x22 { return false }
                        let text = UnsafeBufferPointer(start: base + lower, count: index - lower)
                        let field = Int(step.field)
                        switch step.action {
                        case .ignore:
                            break
                        case .enumeration:
                            // An enum value is found by its bytes and is its code (see `CSVRowSink`).
                            if let entry = typer.enums.entry(field: field, text), entryCodes[entry] >= 0 {
                                if step.wanted { frame[step.slot] = .text(entryCodes[entry]) }
                            } else if !sink.typeScalar(field, codes + field, text, typer) {
                                problems.append(error(typer.problem(field, text, .bare)))
                                if step.wanted { frame[step.slot] = .unknown }
                            }
                        case .value:
                            let cell = CSVCells.Cell(lower: lower, upper: index, quoted: false, doubled: false)
                            if let value = typedCSVCell(field, cell, bytes, &problems) {
                                if field == idPlan, case .string(let text) = value { id = text }
                                sink.take(value, field: field, slot: Int(step.slot))
                            } else if step.wanted {
                                frame[step.slot] = .unknown
                            }
                        case .decimal, .bool, .date, .scalar:
                            // Not a common literal: typed, or reported, as `typeCSVRow` types it.
                            if !sink.typeScalar(field, codes + field, text, typer) {
                                problems.append(error(typer.problem(field, text, .bare)))
                                if step.wanted { frame[step.slot] = .unknown }
                            }
                        }
                    }
                    column += 1
                    if index >= count { return column == steps.count }
                    index += 1  // the comma; a comma at the very end opens one more, empty cell
                }
            }
        }
        guard typed else { return nil }
        var record = ApplicantRecord(id: id, values: [], number: slice.number, line: slice.line, problems: problems)
        record.typedIntoFrame = true
        return record
    }

    /// Types a cell that is a common literal of a number, boolean or date field, read
    /// up to the comma that ends it, and moves `index` to that comma; false (with
    /// `index` unmoved) for anything else, to be cut and typed in full.
    @inline(__always)
    private func typeLiteral(
        _ step: CSVColumnSteps.Step, _ base: UnsafePointer<UInt8>, _ index: inout Int, _ count: Int,
        _ codes: UnsafeMutablePointer<FieldTyper.FieldCode>, _ frame: CellFrame
    ) -> Bool {
        let code = codes + Int(step.field)
        switch step.action {
        case .decimal:
            // An int given 720.0 is invalid (§10): the text must be whole, not just the value.
            guard let quick = FieldTyper.scanDecimal(base, from: index, to: count), !(code.pointee.isInt && quick.hasPoint),
                FieldTyper.withinWholeBounds(code, quick.coefficient, scale: quick.scale)
            else { return false }
            if step.wanted { frame[step.slot] = .number(quick.value) }
            index = quick.end
        case .bool:
            guard let found = FieldTyper.scanBool(base, from: index, to: count) else { return false }
            if step.wanted { frame[step.slot] = .bool(found.value) }
            index = found.end
        case .date:
            guard let day = FieldTyper.scanDay(base, from: index, to: count), FieldTyper.withinBounds(code, day) else { return false }
            if step.wanted { frame[step.slot] = .date(day) }
            index += 10
        case .ignore, .enumeration, .scalar, .value:
            return false
        }
        return true
    }
}
