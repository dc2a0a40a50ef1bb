import EligoExpr

/// Where ``RecordParserCore/typeCSVRow(_:_:into:)`` puts a row's values: one
/// walk over the cells, whatever they are typed into.
protocol CSVRowSink {
    /// Types a plain cell of a scalar field and keeps its value; false when it is bad.
    mutating func typeScalar(_ field: Int, _ code: UnsafeMutablePointer<FieldTyper.FieldCode>, _ text: UnsafeBufferPointer<UInt8>, _ typer: FieldTyper) -> Bool
    /// Keeps a value typed elsewhere (doubled quotes, a list, the id).
    mutating func take(_ value: Value, field: Int, slot: Int)
    /// Forgets every value of the row (it turned out to be broken).
    mutating func clear()
}

/// Values by slot, in an array being made.
struct ValueSlots: CSVRowSink {
    let slots: UnsafeMutableBufferPointer<Value>

    @inline(__always)
    mutating func typeScalar(_ field: Int, _ code: UnsafeMutablePointer<FieldTyper.FieldCode>, _ text: UnsafeBufferPointer<UInt8>, _ typer: FieldTyper) -> Bool {
        var flag = FailureFlag()
        let value = typer.scalar(field, text, .bare, &flag)
        guard !flag.failed else { return false }
        // The slot holds `.unknown`, which owns nothing: nothing to destroy first.
        (slots.baseAddress! + code.pointee.slot).initialize(to: consume value)
        return true
    }

    mutating func take(_ value: Value, field: Int, slot: Int) { slots[slot] = value }

    mutating func clear() { slots.update(repeating: .unknown) }
}

/// The cells of an evaluator's frame, for the fields the plan says are read.
struct FrameCells: CSVRowSink {
    let frame: CellFrame
    let plan: CellPlan

    @inline(__always)
    mutating func typeScalar(_ field: Int, _ code: UnsafeMutablePointer<FieldTyper.FieldCode>, _ text: UnsafeBufferPointer<UInt8>, _ typer: FieldTyper) -> Bool {
        let slot = Int32(code.pointee.slot)
        // The common values straight into cells, by `FieldTyper.scalar`'s rules; anything
        // else, bad values included, goes through it below.
        switch code.pointee.scalarKind {
        case .enumeration:
            // An enum value is found by its bytes and is its code. Bytes equal to a value's are that
            // value, ASCII or not; any other text (one in another normal form too) goes below.
            if let entry = typer.enums.entry(field: field, text), plan.entryCodes[entry] >= 0 {
                if plan.wanted[field] { frame[slot] = .text(plan.entryCodes[entry]) }
                return true
            }
        case .int, .number, .money:
            // An int given 720.0 is invalid (§10): the text must be whole, not just the value.
            if let quick = FieldTyper.quickDecimal(text), !(code.pointee.isInt && quick.hasPoint),
                FieldTyper.withinWholeBounds(code, quick.coefficient, scale: quick.scale)
            {
                if plan.wanted[field] { frame[slot] = .number(quick.value) }
                return true
            }
        case .bool:
            if let value = FieldTyper.bareBool(text) {
                if plan.wanted[field] { frame[slot] = .bool(value) }
                return true
            }
        case .date:
            if let day = FieldTyper.day(text), FieldTyper.withinBounds(code, day) {
                if plan.wanted[field] { frame[slot] = .date(day) }
                return true
            }
        case .string, .list:
            break
        }
        var flag = FailureFlag()
        let value = typer.scalar(field, text, .bare, &flag)
        guard !flag.failed else { return false }
        guard plan.wanted[field] else { return true }
        switch value {
        case .number(let number): frame[slot] = .number(number)
        case .bool(let flag): frame[slot] = .bool(flag)
        case .date(let day): frame[slot] = .date(day)
        default: frame.set(Int(slot), to: value)
        }
        return true
    }

    mutating func take(_ value: Value, field: Int, slot: Int) {
        if plan.wanted[field] { frame.set(slot, to: value) }
    }

    mutating func clear() { frame.reset(slots: plan.slots) }
}
