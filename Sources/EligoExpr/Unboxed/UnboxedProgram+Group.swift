import EligoDecimal

// The same results as the per-record interpreter (UnboxedProgram+Evaluate.swift), row by
// row; the group differential tests hold the two together. Where an operation needs a
// record's own texts or lists, its rows are evaluated one by one in their frames.

extension UnboxedProgram {
    /// Tests one compiled boolean expression on the given rows: `truths[row]` for each.
    /// The rows must be among those the group began with (``FrameGroup/begin(_:)``): what is
    /// computed once per group is computed for those.
    @inlinable
    public func test(_ entry: Entry, in group: FrameGroup, rows: GroupRows, into truths: UnsafeMutablePointer<Truth>) {
        if rows.isEmpty { return }
        testGroup(entry.root, group, rows, truths)
    }

    /// Evaluates one compiled expression on the given rows, among those begun: `cells[row]` for each.
    @inlinable
    public func evaluate(_ entry: Entry, in group: FrameGroup, rows: GroupRows, into cells: UnsafeMutablePointer<Cell>) {
        if rows.isEmpty { return }
        evalGroup(entry.root, group, rows, cells)
    }

    /// An operand of a node over a group: a field or literal read in place, else a column.
    /// Indices rather than cells, so that it stays a few bytes wherever it is copied.
    enum GroupOperand {
        case slot(Int)
        case constant(Int)
        case column(UnsafeMutablePointer<Cell>)
    }

    /// A field or a literal, read in place; nil for any other node.
    @inline(__always)
    private func inPlace(_ index: Int32) -> GroupOperand? {
        let op = ops[Int(index)]
        if op.code == .load { return .slot(Int(op.a)) }
        if op.code == .constant { return .constant(Int(op.a)) }
        return nil
    }

    @inline(__always)
    private func operand(_ index: Int32, _ group: FrameGroup, _ rows: GroupRows) -> GroupOperand {
        if let direct = inPlace(index) { return direct }
        let column = group.takeCells()
        evalGroup(index, group, rows, column)
        return .column(column)
    }

    @inline(__always)
    private func read(_ operand: GroupOperand, _ bases: UnsafeMutablePointer<UnsafeMutablePointer<Cell>>, _ row: Int) -> Cell {
        switch operand {
        case .slot(let slot): bases[row][slot]
        case .constant(let index): constants[index]
        case .column(let column): column[row]
        }
    }

    /// Where ``read(_:_:_:)`` reads the operand's cell for `row`.
    @inline(__always)
    private func address(_ operand: GroupOperand, _ bases: UnsafeMutablePointer<UnsafeMutablePointer<Cell>>, _ row: Int) -> UnsafePointer<Cell> {
        switch operand {
        case .slot(let slot): UnsafePointer(bases[row] + slot)
        case .constant(let index): UnsafePointer(constants.baseAddress! + index)
        case .column(let column): UnsafePointer(column + row)
        }
    }

    @inline(__always)
    private func release(_ operand: GroupOperand, _ group: FrameGroup) {
        if case .column(let column) = operand { group.give(column) }
    }

    /// `compare` for one row: only two texts that no policy names need the row's own frame.
    @inline(__always)
    private func compare(_ code: OpCode, _ left: Cell, _ right: Cell, _ group: FrameGroup, _ row: Int) -> Cell {
        if left.tag == .text, right.tag == .text, left.word < 0, right.word < 0 {
            return compare(code, left, right, group.frames[row])
        }
        return compare(code, left, right, group.first)
    }

    /// A comparison's truth when the left side is below, equal to and above the right.
    private static func truths(_ code: OpCode) -> (Truth, Truth, Truth) {
        switch code {
        case .eq: (.false, .true, .false)
        case .ne: (.true, .false, .true)
        case .lt: (.true, .false, .false)
        case .le: (.true, .true, .false)
        case .gt: (.false, .false, .true)
        default: (.false, .true, .true)
        }
    }

    @usableFromInline
    func testGroup(_ index: Int32, _ group: FrameGroup, _ rows: GroupRows, _ out: UnsafeMutablePointer<Truth>) {
        let op = ops[Int(index)]
        let bases = group.bases
        switch op.code {
        case .load:
            let slot = Int(op.a)
            for position in 0..<rows.count {
                let row = rows[position]
                out[row] = Truth(bases[row][slot])
            }
        case .compareSlotConstant:
            // A policy's literal is never a text the policies lack: no row needs its frame.
            let slot = Int(op.a)
            let constant = constants[Int(op.b)]
            let first = group.first
            guard constant.tag == .number else {
                if constant.tag == .text, op.sub == .eq || op.sub == .ne {
                    // A text against a text literal (`county == "zuoquan"`): their codes compare, and
                    // a text no policy names has a code of its own, equal to none.
                    let (same, different) = op.sub == .eq ? (Truth.true, Truth.false) : (Truth.false, Truth.true)
                    for position in 0..<rows.count {
                        let row = rows[position]
                        let cell = bases[row][slot]
                        if cell.tag == .text {
                            out[row] = cell.word == constant.word ? same : different
                        } else {
                            out[row] = Truth(compare(op.sub, cell, constant, first))
                        }
                    }
                    return
                }
                for position in 0..<rows.count {
                    let row = rows[position]
                    out[row] = Truth(compare(op.sub, bases[row][slot], constant, first))
                }
                return
            }
            // A number against a number literal, the common case: one integer comparison at the
            // literal's scale, an alignment in `order` at another (`12.5` against `10`), and never
            // a comparison's cell.
            let (below, equal, above) = Self.truths(op.sub)
            for position in 0..<rows.count {
                let row = rows[position]
                let cell = bases[row][slot]
                if cell.tag == .number {
                    let order = Self.order(cell.number, constant.number)
                    out[row] = order < 0 ? below : (order == 0 ? equal : above)
                } else {
                    out[row] = Truth(compare(op.sub, cell, constant, first))
                }
            }
        case .memberSlotConstant:
            let slot = Int(op.a)
            let list = constants[Int(op.b)]
            let first = group.first
            let negated = op.sub == .notMember
            let items = UnsafeBufferPointer(rebasing: listConstants[Int(list.word)..<Int(list.word + list.count)])
            guard items.allSatisfy({ $0.tag == .text }) else {
                for position in 0..<rows.count {
                    let row = rows[position]
                    let found = Truth(membership(bases[row][slot], list, first))
                    out[row] = negated ? found.negated : found
                }
                return
            }
            // A text among text literals: its code among theirs (a text no policy names matches none).
            let (yes, no) = negated ? (Truth.false, Truth.true) : (Truth.true, Truth.false)
            for position in 0..<rows.count {
                let row = rows[position]
                let cell = bases[row][slot]
                if cell.tag == .text {
                    out[row] = items.contains { $0.word == cell.word } ? yes : no
                } else {
                    let found = Truth(membership(cell, list, first))
                    out[row] = negated ? found.negated : found
                }
            }
        case .notSlot:
            let slot = Int(op.a)
            for position in 0..<rows.count {
                let row = rows[position]
                out[row] = Truth(bases[row][slot]).negated
            }
        case .presentSlot, .missingSlot:
            let slot = Int(op.a)
            let present = op.code == .presentSlot
            for position in 0..<rows.count {
                let row = rows[position]
                let tag = bases[row][slot].tag
                out[row] = tag == .error ? .error : ((tag != .unknown) == present ? .true : .false)
            }
        case .not:
            testGroup(op.a, group, rows, out)
            for position in 0..<rows.count {
                let row = rows[position]
                out[row] = out[row].negated
            }
        case .and, .or:
            // The right side only for the rows the left did not decide, as the record-at-a-time `and`/`or`.
            let decisive: Truth = op.code == .and ? .false : .true
            testGroup(op.a, group, rows, out)
            var rest = rows.copy(to: group.takeRows())
            rest.filter { out[$0] != decisive }
            if !rest.isEmpty {
                let right = group.takeTruths()
                testGroup(op.b, group, rest, right)
                for position in 0..<rest.count {
                    let row = rest[position]
                    let left = out[row]
                    let other = right[row]
                    out[row] = other == decisive
                        ? decisive
                        : (left == .error || other == .error ? .error : (left == .unknown || other == .unknown ? .unknown : decisive.negated))
                }
                group.give(right)
            }
            group.give(rest.base)
        case .eq, .ne, .lt, .le, .gt, .ge:
            let left = operand(op.a, group, rows)
            let right = operand(op.b, group, rows)
            let (below, equal, above) = Self.truths(op.code)
            for position in 0..<rows.count {
                let row = rows[position]
                let (x, y) = (address(left, bases, row), address(right, bases, row))
                if x.pointee.tag == .number, y.pointee.tag == .number {
                    // A field against a product (`income >= 1.5 * debt`) mostly differs in scale.
                    let order = Self.order(x.pointee.number, y.pointee.number)
                    out[row] = order < 0 ? below : (order == 0 ? equal : above)
                } else {
                    out[row] = Truth(compare(op.code, x.pointee, y.pointee, group, row))
                }
            }
            release(right, group)
            release(left, group)
        default:
            let cells = group.takeCells()
            evalGroup(index, group, rows, cells)
            for position in 0..<rows.count {
                let row = rows[position]
                out[row] = Truth(cells[row])
            }
            group.give(cells)
        }
    }

    @usableFromInline
    func evalGroup(_ index: Int32, _ group: FrameGroup, _ rows: GroupRows, _ out: UnsafeMutablePointer<Cell>) {
        let op = ops[Int(index)]
        let bases = group.bases
        switch op.code {
        case .constant:
            let constant = constants[Int(op.a)]
            for position in 0..<rows.count { out[rows[position]] = constant }
        case .load:
            let slot = Int(op.a)
            for position in 0..<rows.count {
                let row = rows[position]
                out[row] = bases[row][slot]
            }
        case .asOf:
            let day = Cell.date(group.first.asOf)
            for position in 0..<rows.count { out[rows[position]] = day }
        case .notSlot:
            // Not through a truth: `not` of a value that is not a boolean keeps the value.
            let slot = Int(op.a)
            for position in 0..<rows.count {
                let row = rows[position]
                var value = bases[row][slot]
                if value.tag == .bool { value.flag.toggle() }
                out[row] = value
            }
        case .compareSlotConstant, .memberSlotConstant, .presentSlot, .missingSlot, .not, .and, .or, .eq, .ne, .lt, .le, .gt, .ge:
            // Their values are booleans, unknown or error: a truth holds each exactly.
            let truths = group.takeTruths()
            testGroup(index, group, rows, truths)
            for position in 0..<rows.count {
                let row = rows[position]
                out[row] = truths[row].cell
            }
            group.give(truths)
        case .negate:
            let value = operand(op.a, group, rows)
            for position in 0..<rows.count {
                let row = rows[position]
                var cell = read(value, bases, row)
                if cell.tag == .number { cell.number = cell.number.negated }
                out[row] = cell
            }
            release(value, group)
        case .add, .sub, .mul, .div:
            let left = operand(op.a, group, rows)
            let right = operand(op.b, group, rows)
            // Two numbers, the common case, added or multiplied in the loop; anything else (and
            // a result too large, which throws) as `arithmetic` decides it.
            switch op.code {
            case .add: numbers(left, right, bases, rows, out, code: op.code) { (x, y) throws(ArithmeticError) in try x.adding(y) }
            case .mul: numbers(left, right, bases, rows, out, code: op.code) { (x, y) throws(ArithmeticError) in try x.multiplied(by: y) }
            default:
                for position in 0..<rows.count {
                    let row = rows[position]
                    out[row] = arithmetic(op.code, read(left, bases, row), read(right, bases, row))
                }
            }
            release(right, group)
            release(left, group)
        case .ifElse:
            // Each branch only for the rows whose condition chose it. A branch that is a field
            // or a literal is read in the same pass; any other is evaluated on its rows after.
            let start = Int(op.a)
            let truths = group.takeTruths()
            testGroup(operands[start], group, rows, truths)
            let (yes, no) = (operands[start + 1], operands[start + 2])
            let (yesInPlace, noInPlace) = (inPlace(yes), inPlace(no))
            var chosen = GroupRows(group.takeRows(), count: 0)
            var other = GroupRows(group.takeRows(), count: 0)
            for position in 0..<rows.count {
                let row = rows[position]
                switch truths[row] {
                case .true:
                    if let yesInPlace { out[row] = read(yesInPlace, bases, row) } else { chosen.append(row) }
                case .false:
                    if let noInPlace { out[row] = read(noInPlace, bases, row) } else { other.append(row) }
                case .unknown: out[row] = .unknown
                case .error: out[row] = .error
                }
            }
            if !chosen.isEmpty { evalGroup(yes, group, chosen, out) }
            if !other.isEmpty { evalGroup(no, group, other, out) }
            group.give(other.base)
            group.give(chosen.base)
            group.give(truths)
        case .call:
            callGroup(op, group, rows, out)
        case .unsupported:
            for position in 0..<rows.count { out[rows[position]] = .error }
        case .list, .member, .notMember:
            // Lists live in each record's frame: row by row.
            for position in 0..<rows.count {
                let row = rows[position]
                out[row] = eval(index, group.frames[row])
            }
        }
    }

    /// `code` row by row, by `operation` where both sides are numbers and it does not throw.
    @inline(__always)
    private func numbers(
        _ left: GroupOperand, _ right: GroupOperand, _ bases: UnsafeMutablePointer<UnsafeMutablePointer<Cell>>, _ rows: GroupRows,
        _ out: UnsafeMutablePointer<Cell>, code: OpCode, _ operation: (ExactDecimal, ExactDecimal) throws(ArithmeticError) -> ExactDecimal
    ) {
        for position in 0..<rows.count {
            let row = rows[position]
            let (x, y) = (address(left, bases, row), address(right, bases, row))
            if x.pointee.tag == .number, y.pointee.tag == .number, let value = try? operation(x.pointee.number, y.pointee.number) {
                out[row] = .number(value)
            } else {
                out[row] = arithmetic(code, x.pointee, y.pointee)
            }
        }
    }

    private func callGroup(_ op: Op, _ group: FrameGroup, _ rows: GroupRows, _ out: UnsafeMutablePointer<Cell>) {
        let start = Int(op.a)
        let count = Int(op.b)
        guard let builtin = op.builtin else {
            for position in 0..<rows.count { out[rows[position]] = .error }
            return
        }
        if builtin == .coalesce, count == 2, case .constant(let index)? = inPlace(operands[start + 1]) {
            // `coalesce(x, literal)`, the usual default: the literal where `x` is unknown, in one pass.
            evalGroup(operands[start], group, rows, out)
            let fallback = constants[index]
            for position in 0..<rows.count {
                let row = rows[position]
                if out[row].tag == .unknown { out[row] = fallback }
            }
            return
        }
        if builtin == .coalesce {
            // Each argument only for the rows every earlier one left unknown.
            for position in 0..<rows.count { out[rows[position]] = .unknown }
            var pending = rows.copy(to: group.takeRows())
            for offset in 0..<count where !pending.isEmpty {
                evalGroup(operands[start + offset], group, pending, out)
                pending.filter { out[$0].tag == .unknown }
            }
            group.give(pending.base)
            return
        }
        // A function of fields alone: computed once per group, for all its rows.
        if let key = memoKey(builtin, start, count, group) {
            let column: UnsafeMutablePointer<Cell>
            if let computed = group.memo[key] {
                column = computed
            } else {
                column = group.takeCells()
                apply(builtin, start, count, group, group.rows, column)
                group.memo[key] = column
            }
            for position in 0..<rows.count {
                let row = rows[position]
                out[row] = column[row]
            }
            return
        }
        if builtin == .min || builtin == .max {
            minMax(builtin == .min, start, count, group, rows, out)
            return
        }
        if builtin == .floor || builtin == .ceil, count == 1 || count == 2 {
            multiples(builtin == .floor, start, count, group, rows, out)
            return
        }
        apply(builtin, start, count, group, rows, out)
    }

    /// `floor`/`ceil` row by row, without the argument copies, checks and switch of
    /// ``apply(_:_:_:)`` per row (`floor(amount, 100)` is in most loan amounts); the same
    /// results in the same order of checks: an error, then an unknown, then the step.
    private func multiples(_ down: Bool, _ start: Int, _ count: Int, _ group: FrameGroup, _ rows: GroupRows, _ out: UnsafeMutablePointer<Cell>) {
        let bases = group.bases
        let value = operand(operands[start], group, rows)
        let step = count == 2 ? operand(operands[start + 1], group, rows) : nil
        for position in 0..<rows.count {
            let row = rows[position]
            let x = read(value, bases, row)
            let s = step.map { read($0, bases, row) } ?? Cell.number(.one)
            if x.tag == .error || s.tag == .error {
                out[row] = .error
            } else if x.tag == .unknown || s.tag == .unknown || x.tag != .number {
                out[row] = .unknown
            } else {
                let stepNumber = s.tag == .number ? s.number : .one
                if stepNumber.signum <= 0 {
                    out[row] = .error
                } else if let multiple = try? (down ? x.number.floor(step: stepNumber) : x.number.ceil(step: stepNumber)) {
                    out[row] = .number(multiple)
                } else {
                    out[row] = .error
                }
            }
        }
        if let step { release(step, group) }
        release(value, group)
    }

    /// `min`/`max` row by row, without the call and switch of ``apply(_:_:_:)`` per row.
    private func minMax(_ isMin: Bool, _ start: Int, _ count: Int, _ group: FrameGroup, _ rows: GroupRows, _ out: UnsafeMutablePointer<Cell>) {
        let bases = group.bases
        withUnsafeTemporaryAllocation(of: GroupOperand.self, capacity: count) { arguments in
            for offset in 0..<count { arguments.initializeElement(at: offset, to: operand(operands[start + offset], group, rows)) }
            for position in 0..<rows.count {
                let row = rows[position]
                // Numbers only, the common case, in one pass; anything else as `extreme` decides it.
                // The best argument is followed by where it is, and its cell copied once at the end.
                var best = address(arguments[0], bases, row)
                var numeric = best.pointee.tag == .number
                var offset = 1
                while numeric, offset < count {
                    let value = address(arguments[offset], bases, row)
                    guard value.pointee.tag == .number else {
                        numeric = false
                        break
                    }
                    let order = Self.order(value.pointee.number, best.pointee.number)
                    if isMin ? order < 0 : order > 0 { best = value }
                    offset += 1
                }
                out[row] = numeric ? best.pointee : extreme(isMin, count: count, { read(arguments[$0], bases, row) }) { compare($0, $1, $2, group, row) }
            }
            for offset in 0..<count { release(arguments[offset], group) }
        }
    }

    /// The key of a function applied to fields and `as_of` only, at most four of them; nil for any other.
    private func memoKey(_ builtin: Builtin, _ start: Int, _ count: Int, _ group: FrameGroup) -> FrameGroup.MemoKey? {
        guard count <= 4 else { return nil }
        var arguments = SIMD4<Int32>(repeating: -2)
        for offset in 0..<count {
            let op = ops[Int(operands[start + offset])]
            switch op.code {
            case .load where op.a < group.fieldSlots: arguments[offset] = op.a
            case .asOf: arguments[offset] = -1
            default: return nil
            }
        }
        return FrameGroup.MemoKey(builtin: builtin, arguments: arguments)
    }

    /// A function other than `coalesce`: every argument evaluated, then applied row by row; a
    /// row's own frame only where its texts are read.
    private func apply(_ builtin: Builtin, _ start: Int, _ count: Int, _ group: FrameGroup, _ rows: GroupRows, _ out: UnsafeMutablePointer<Cell>) {
        let bases = group.bases
        let first = group.first
        let (asOf, asOfParts) = (first.asOf, first.asOfParts)
        if builtin == .age, count == 1 {
            dates(start, group, rows, out) { Self.age($0, asOf: asOf, asOfParts: asOfParts) }
            return
        }
        if builtin == .monthsBetween || builtin == .yearsBetween || builtin == .daysBetween, count == 2 {
            dates(start, group, rows, out, second: operands[start + 1]) { Self.span(builtin, from: $0, to: $1, asOf: asOf, asOfParts: asOfParts) }
            return
        }
        let textual = builtin == .len || builtin == .date || builtin == .contains
        withUnsafeTemporaryAllocation(of: GroupOperand.self, capacity: count) { arguments in
            for offset in 0..<count { arguments.initializeElement(at: offset, to: operand(operands[start + offset], group, rows)) }
            withUnsafeTemporaryAllocation(of: Cell.self, capacity: count) { values in
                for position in 0..<rows.count {
                    let row = rows[position]
                    var foreign = textual
                    for offset in 0..<count {
                        let value = read(arguments[offset], bases, row)
                        if value.tag == .text, value.word < 0 { foreign = true }
                        values.initializeElement(at: offset, to: value)
                    }
                    // Two calls rather than one with a chosen frame: choosing retained it per row.
                    if foreign {
                        out[row] = apply(builtin, UnsafeBufferPointer(values), group.frames[row])
                    } else {
                        out[row] = apply(builtin, UnsafeBufferPointer(values), first)
                    }
                }
            }
            for offset in 0..<count { release(arguments[offset], group) }
        }
    }

    /// A date function of one argument (`age`) row by row: `whole(day)` where the argument is
    /// a date; an error, an unknown or anything else as ``apply(_:_:_:)``
    /// (strict: the error first, then the unknown, then a value of another kind is unknown).
    @inline(__always)
    private func dates(
        _ start: Int, _ group: FrameGroup, _ rows: GroupRows, _ out: UnsafeMutablePointer<Cell>,
        _ whole: (Day) -> Int
    ) {
        let bases = group.bases
        let argument = operand(operands[start], group, rows)
        for position in 0..<rows.count {
            let row = rows[position]
            let cell = address(argument, bases, row)
            switch cell.pointee.tag {
            case .date: out[row] = .number(ExactDecimal(whole(Day(daysSinceEpoch: cell.pointee.word))))
            case .error: out[row] = .error
            default: out[row] = .unknown
            }
        }
        release(argument, group)
    }

    /// A date function of two arguments (`months_between`, `years_between`, `days_between`)
    /// row by row, as the one-argument ``dates(_:_:_:_:_:)``: `whole(from, to)` where both are dates.
    @inline(__always)
    private func dates(
        _ start: Int, _ group: FrameGroup, _ rows: GroupRows, _ out: UnsafeMutablePointer<Cell>, second: Int32,
        _ whole: (Day, Day) -> Int
    ) {
        let bases = group.bases
        let left = operand(operands[start], group, rows)
        let right = operand(second, group, rows)
        for position in 0..<rows.count {
            let row = rows[position]
            let (x, y) = (address(left, bases, row), address(right, bases, row))
            let (a, b) = (x.pointee.tag, y.pointee.tag)
            if a == .date, b == .date {
                out[row] = .number(ExactDecimal(whole(Day(daysSinceEpoch: x.pointee.word), Day(daysSinceEpoch: y.pointee.word))))
            } else {
                out[row] = a == .error || b == .error ? .error : .unknown
            }
        }
        release(right, group)
        release(left, group)
    }
}
