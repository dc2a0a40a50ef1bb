import EligoDecimal

// Every rule below mirrors `Program`'s (Evaluator.swift, Evaluator+Builtins.swift);
// the differential tests hold the two to the same results.

extension UnboxedProgram {
    /// Evaluates one compiled expression in `frame`; ``Cell/error`` means "ask ``Program``".
    /// Inlinable, so that the caller in another module calls the interpreter directly.
    @inlinable
    public func evaluate(_ entry: Entry, in frame: CellFrame) -> Cell {
        eval(entry.root, frame)
    }

    /// Evaluates one compiled boolean expression (a rule, a bin, `applies_to`) to its truth.
    /// The same result as ``evaluate(_:in:)``, returned in a register rather than as a cell,
    /// and `and`/`or`/`not` below it work on truths too.
    @inlinable
    public func test(_ entry: Entry, in frame: CellFrame) -> Truth {
        test(entry.root, frame)
    }

    @usableFromInline
    func test(_ index: Int32, _ frame: CellFrame) -> Truth {
        let op = ops[Int(index)]
        switch op.code {
        case .load:
            return Truth(frame.cells[Int(op.a)])
        case .compareSlotConstant:
            return Truth(compare(op.sub, frame.cells[Int(op.a)], constants[Int(op.b)], frame))
        case .memberSlotConstant:
            let found = Truth(membership(frame.cells[Int(op.a)], constants[Int(op.b)], frame))
            return op.sub == .notMember ? found.negated : found
        case .notSlot:
            return Truth(frame.cells[Int(op.a)]).negated
        case .presentSlot, .missingSlot:
            let value = frame.cells[Int(op.a)]
            if value.tag == .error { return .error }
            return (value.tag != .unknown) == (op.code == .presentSlot) ? .true : .false
        case .not:
            return test(op.a, frame).negated
        case .and, .or:
            // false decides `and` and true decides `or`, over unknown and error, in either position (§10).
            let decisive: Truth = op.code == .and ? .false : .true
            let left = test(op.a, frame)
            if left == decisive { return decisive }
            let right = test(op.b, frame)
            if right == decisive { return decisive }
            return left == .error || right == .error ? .error : (left == .unknown || right == .unknown ? .unknown : decisive.negated)
        case .eq, .ne, .lt, .le, .gt, .ge:
            return Truth(compare(op.code, fetch(op.a, frame), fetch(op.b, frame), frame))
        case .member, .notMember:
            let found = Truth(membership(fetch(op.a, frame), fetch(op.b, frame), frame))
            return op.code == .notMember ? found.negated : found
        default:
            return Truth(eval(index, frame))
        }
    }

    @usableFromInline
    func eval(_ index: Int32, _ frame: CellFrame) -> Cell {
        let op = ops[Int(index)]
        switch op.code {
        case .constant:
            return constants[Int(op.a)]
        case .load:
            return frame.cells[Int(op.a)]
        case .asOf:
            return .date(frame.asOf)
        case .compareSlotConstant:
            return compare(op.sub, frame.cells[Int(op.a)], constants[Int(op.b)], frame)
        case .memberSlotConstant:
            var found = membership(frame.cells[Int(op.a)], constants[Int(op.b)], frame)
            if op.sub == .notMember, found.tag == .bool { found.flag.toggle() }
            return found
        case .notSlot:
            var value = frame.cells[Int(op.a)]
            if value.tag == .bool { value.flag.toggle() }
            return value
        case .presentSlot, .missingSlot:
            let value = frame.cells[Int(op.a)]
            if value.tag == .error { return .error }
            return .bool((value.tag != .unknown) == (op.code == .presentSlot))
        case .list:
            return list(op, frame)
        case .negate:
            var value = fetch(op.a, frame)
            if value.tag == .number { value.number = value.number.negated }
            return value
        case .not, .and, .or:
            return test(index, frame).cell
        case .eq, .ne, .lt, .le, .gt, .ge:
            let left = fetch(op.a, frame)
            let right = fetch(op.b, frame)
            return compare(op.code, left, right, frame)
        case .add, .sub, .mul, .div:
            let left = fetch(op.a, frame)
            let right = fetch(op.b, frame)
            return arithmetic(op.code, left, right)
        case .member, .notMember:
            let element = fetch(op.a, frame)
            let collection = fetch(op.b, frame)
            var found = membership(element, collection, frame)
            if op.code == .notMember, found.tag == .bool { found.flag.toggle() }
            return found
        case .ifElse:
            // The condition as a truth, in a register; only the chosen branch is evaluated.
            let start = Int(op.a)
            switch test(operands[start], frame) {
            case .true: return fetch(operands[start + 1], frame)
            case .false: return fetch(operands[start + 2], frame)
            case .unknown: return .unknown
            case .error: return .error
            }
        case .call:
            return call(op, frame)
        case .unsupported:
            return .error
        }
    }

    /// A list built from fields, literals and `as_of`, its items appended to the frame's.
    @inline(never)
    private func list(_ op: Op, _ frame: CellFrame) -> Cell {
        let start = Int32(frame.listItems.count)
        var failed = false
        for offset in 0..<Int(op.b) {
            let item = fetch(operands[Int(op.a) + offset], frame)
            if item.tag == .error { failed = true }
            frame.listItems.append(item)
        }
        return failed ? .error : Cell(tag: .list, flag: false, word: start, count: op.b)
    }

    /// An operand's value: a field or a literal read in place, anything else evaluated.
    /// Most operands are one of the two, and reading them here saves a call, a dispatch
    /// and a returned cell per operand (a third of all nodes in the sample library).
    @inline(__always)
    private func fetch(_ index: Int32, _ frame: CellFrame) -> Cell {
        let op = ops[Int(index)]
        if op.code == .load { return frame.cells[Int(op.a)] }
        if op.code == .constant { return constants[Int(op.a)] }
        return eval(index, frame)
    }

    /// Error first, then unknown, decide before any work (as `Program.absorbing`).
    @inline(__always)
    private func absorbing(_ left: Cell, _ right: Cell) -> Cell? {
        if left.tag == .error || right.tag == .error { return .error }
        if left.tag == .unknown || right.tag == .unknown { return .unknown }
        return nil
    }

    @inline(__always)
    func compare(_ code: OpCode, _ left: Cell, _ right: Cell, _ frame: CellFrame) -> Cell {
        if let absorbed = absorbing(left, right) { return absorbed }
        let order: Int
        if left.tag == .number, right.tag == .number {
            order = ExactDecimal.order(left.number, right.number)
        } else if left.tag == .date, right.tag == .date {
            order = left.word < right.word ? -1 : (left.word == right.word ? 0 : 1)
        } else {
            // Texts and booleans compare for equality only; lists are left to `Program`.
            if left.tag == .list || right.tag == .list { return .error }
            let equal = equal(left, right, frame)
            switch code {
            case .eq: return .bool(equal)
            case .ne: return .bool(!equal)
            default: return .bool(false)
            }
        }
        switch code {
        case .eq: return .bool(order == 0)
        case .ne: return .bool(order != 0)
        case .lt: return .bool(order < 0)
        case .le: return .bool(order <= 0)
        case .gt: return .bool(order > 0)
        default: return .bool(order >= 0)
        }
    }

    /// -1, 0 or 1 for two numbers of any scales, without a comparison's cell: one integer
    /// comparison for one scale, else `order`, which aligns 64-bit coefficients inline.
    @inline(__always)
    static func order(_ a: ExactDecimal, _ b: ExactDecimal) -> Int {
        ExactDecimal.sameScaleOrder(a, b) ?? ExactDecimal.order(a, b)
    }

    /// `min` (`isMin`) or `max` of `count` arguments. Strict: the first error, else any
    /// unknown, decides; numbers are compared without building a comparison's cell.
    @inline(__always)
    func extreme(_ isMin: Bool, count: Int, _ argument: (Int) -> Cell, _ compare: (OpCode, Cell, Cell) -> Cell) -> Cell {
        var best = Cell.unknown
        var failed = false
        var sawUnknown = false
        for index in 0..<count {
            let value = argument(index)
            if value.tag == .error { failed = true } else if value.tag == .unknown { sawUnknown = true }
            if failed || sawUnknown { continue }
            if index == 0 {
                best = value
            } else if value.tag == .number, best.tag == .number {
                let order = Self.order(value.number, best.number)
                if isMin ? order < 0 : order > 0 { best = value }
            } else if compare(isMin ? .lt : .gt, value, best).isTrue {
                best = value
            }
        }
        return failed ? .error : (sawUnknown ? .unknown : best)
    }

    /// Equality of two known scalars; different kinds are unequal (as `Value`'s `==`).
    @inline(__always)
    private func equal(_ left: Cell, _ right: Cell, _ frame: CellFrame) -> Bool {
        guard left.tag == right.tag else { return false }
        switch left.tag {
        case .bool: return left.flag == right.flag
        case .number: return left.number == right.number
        case .date: return left.word == right.word
        case .text:
            if left.word == right.word { return true }
            // A text not among the symbols equals none of them; two such texts compare as strings.
            if left.word >= 0 || right.word >= 0 { return false }
            return frame.string(left.word) == frame.string(right.word)
        default: return false
        }
    }

    // Out of line: inlined, its decimal code made every `eval` call pay for a larger frame.
    @inline(never)
    func arithmetic(_ code: OpCode, _ left: Cell, _ right: Cell) -> Cell {
        if let absorbed = absorbing(left, right) { return absorbed }
        guard left.tag == .number, right.tag == .number else { return .unknown }
        do {
            switch code {
            case .add: return .number(try left.number.adding(right.number))
            case .sub: return .number(try left.number.subtracting(right.number))
            case .mul: return .number(try left.number.multiplied(by: right.number))
            default: return .number(try left.number.divided(by: right.number))
            }
        } catch {
            return .error
        }
    }

    @inline(__always)
    private func item(_ list: Cell, _ offset: Int, _ frame: CellFrame) -> Cell {
        list.flag ? listConstants[Int(list.word) + offset] : frame.listItems[Int(list.word) + offset]
    }

    /// Three-valued membership (as `Program.membership`).
    func membership(_ element: Cell, _ collection: Cell, _ frame: CellFrame) -> Cell {
        if collection.tag == .error || element.tag == .error { return .error }
        switch collection.tag {
        case .list:
            var sawUnknown = element.tag == .unknown
            for offset in 0..<Int(collection.count) {
                let candidate = item(collection, offset, frame)
                if candidate.tag == .error { return .error }
                if candidate.tag == .unknown {
                    sawUnknown = true
                    continue
                }
                if candidate.tag == .list { return .error }
                if element.tag != .unknown {
                    if element.tag == .list { return .error }
                    if compare(.eq, element, candidate, frame).isTrue { return .bool(true) }
                }
            }
            return sawUnknown ? .unknown : .bool(false)
        case .text:
            // Text containment is left to `Program`.
            return element.tag == .text ? .error : .unknown
        default:
            return .unknown
        }
    }

    private func call(_ op: Op, _ frame: CellFrame) -> Cell {
        let start = Int(op.a)
        let count = Int(op.b)
        guard let builtin = op.builtin else { return .error }
        if builtin == .coalesce {
            // Lazy: the first argument that is not unknown is the value.
            for index in 0..<count {
                let value = fetch(operands[start + index], frame)
                if value.tag != .unknown { return value }
            }
            return .unknown
        }
        // Every other function evaluates all its arguments first.
        return withUnsafeTemporaryAllocation(of: Cell.self, capacity: count) { arguments in
            for index in 0..<count { arguments.initializeElement(at: index, to: fetch(operands[start + index], frame)) }
            return apply(builtin, UnsafeBufferPointer(arguments), frame)
        }
    }

    /// `age`, as `Day.years(to:)` gives it, with `as_of`'s civil date converted once per frame.
    @inline(__always)
    static func age(_ birth: Day, asOf: Day, asOfParts: (year: Int, month: Int, day: Int)) -> Int {
        guard birth <= asOf else { return birth.years(to: asOf) }
        return Day.months(from: birth.components, to: asOfParts) / 12
    }

    /// `years_between`, `months_between` or `days_between`, as `Day` gives them; a span up to
    /// `as_of` (as most are) with `as_of`'s civil date converted once per frame.
    @inline(__always)
    static func span(_ builtin: Builtin, from: Day, to: Day, asOf: Day, asOfParts: (year: Int, month: Int, day: Int)) -> Int {
        if builtin == .daysBetween { return from.days(to: to) }
        let months = to == asOf && from <= to ? Day.months(from: from.components, to: asOfParts) : from.months(to: to)
        return builtin == .yearsBetween ? months / 12 : months
    }

    /// A function other than `coalesce` (and `if`) applied to its evaluated arguments.
    /// `frame` is consulted only for `as_of`, the texts of `len`, `date` and `contains`, and
    /// texts that no policy names.
    func apply(_ builtin: Builtin, _ arguments: UnsafeBufferPointer<Cell>, _ frame: CellFrame) -> Cell {
        let count = arguments.count
        // The checker gives every function its arguments; none is read past the end regardless.
        guard count > 0 else { return .error }
        @inline(__always) func argument(_ index: Int) -> Cell { arguments[index] }

        switch builtin {
        case .present, .missing:
            let value = argument(0)
            if value.tag == .error { return .error }
            return .bool((value.tag != .unknown) == (builtin == .present))
        case .min, .max:
            return extreme(builtin == .min, count: count, argument) { compare($0, $1, $2, frame) }
        case .startsWith, .endsWith, .lower, .upper, .coalesce, .if:
            return .error
        default:
            break
        }

        // Strict functions of one to three arguments.
        let a0 = argument(0)
        let a1 = count > 1 ? argument(1) : Cell.unknown
        let a2 = count > 2 ? argument(2) : Cell.unknown
        if a0.tag == .error || (count > 1 && a1.tag == .error) || (count > 2 && a2.tag == .error) { return .error }
        if a0.tag == .unknown || (count > 1 && a1.tag == .unknown) || (count > 2 && a2.tag == .unknown) { return .unknown }

        switch builtin {
        case .abs:
            return a0.tag == .number ? .number(a0.number.magnitude) : .unknown
        case .clamp:
            guard a0.tag == .number, a1.tag == .number, a2.tag == .number else { return .unknown }
            if a2.number < a1.number { return .error }
            return .number(a0.number < a1.number ? a1.number : (a2.number < a0.number ? a2.number : a0.number))
        case .round:
            guard a0.tag == .number else { return .unknown }
            var digits = 0
            if count == 2 {
                guard a1.tag == .number else { return .unknown }
                guard let places = a1.number.roundingPlaces else { return .error }
                digits = places
            }
            do { return .number(try a0.number.rounded(scale: digits, .halfAwayFromZero)) } catch { return .error }
        case .floor, .ceil:
            guard a0.tag == .number else { return .unknown }
            let step = count == 2 && a1.tag == .number ? a1.number : .one
            if step.signum <= 0 { return .error }
            do {
                return .number(builtin == .floor ? try a0.number.floor(step: step) : try a0.number.ceil(step: step))
            } catch {
                return .error
            }
        case .len:
            if a0.tag == .list { return .number(ExactDecimal(Int(a0.count))) }
            guard a0.tag == .text else { return .unknown }
            // Code points of the NFC form (§10), whatever form the record's text came in. Text
            // that no normalization changes (ASCII, Chinese) counts its lead bytes, in one pass.
            var text = frame.string(a0.word)
            if TextNormalization.isNFCAsIs(text.utf8) {
                let scalars = text.withUTF8 { bytes in bytes.reduce(0) { $0 &+ ($1 & 0xC0 != 0x80 ? 1 : 0) } }
                return .number(ExactDecimal(scalars))
            }
            return .number(ExactDecimal(Lexer.normalized(text).unicodeScalars.count))
        case .contains:
            return membership(a1, a0, frame)
        case .date:
            guard a0.tag == .text, let day = Day(iso: frame.string(a0.word)) else { return .unknown }
            return .date(day)
        case .yearsBetween, .monthsBetween, .daysBetween:
            guard a0.tag == .date, a1.tag == .date else { return .unknown }
            let span = Self.span(builtin, from: Day(daysSinceEpoch: a0.word), to: Day(daysSinceEpoch: a1.word), asOf: frame.asOf, asOfParts: frame.asOfParts)
            return .number(ExactDecimal(span))
        case .age:
            guard a0.tag == .date else { return .unknown }
            return .number(ExactDecimal(Self.age(Day(daysSinceEpoch: a0.word), asOf: frame.asOf, asOfParts: frame.asOfParts)))
        default:
            return .error
        }
    }
}

extension UnboxedProgram {
    /// Visits the slots (fields or `let`s) at the bottom of the unknown paths of an
    /// expression, as `Run.walkUnknown` does over the reference's node values: from a node
    /// whose value is unknown, down every child the reference evaluated, to the names.
    ///
    /// An incomplete decision lists these as its missing fields. Finding them here, by
    /// evaluating the nodes again, spares such a decision the whole reference evaluation.
    public func forEachUnknownSlot(_ entry: Entry, in frame: CellFrame, _ visit: (Int32) -> Void) {
        walkUnknown(entry.root, frame, visit)
    }

    private func walkUnknown(_ index: Int32, _ frame: CellFrame, _ visit: (Int32) -> Void) {
        let op = ops[Int(index)]
        switch op.code {
        case .constant, .asOf, .presentSlot, .missingSlot, .unsupported:
            // Literals and `as_of` are known.
            return
        case .list:
            // A list's value is a list, never unknown, but an unknown item makes its parent
            // unknown (`n in [1, a]`): the walk goes on into the items.
            for offset in 0..<Int(op.b) { walkUnknown(operands[Int(op.a) + offset], frame, visit) }
            return
        default:
            break
        }
        guard eval(index, frame).tag == .unknown else { return }
        switch op.code {
        case .load, .compareSlotConstant, .memberSlotConstant, .notSlot:
            // A name, or a name beside literals: the name is the only unknown child.
            if frame.cells[Int(op.a)].tag == .unknown { visit(op.a) }
        case .negate, .not:
            walkUnknown(op.a, frame, visit)
        case .and, .or, .eq, .ne, .lt, .le, .gt, .ge, .add, .sub, .mul, .div, .member, .notMember:
            // Both sides are evaluated whenever the result is unknown (`and`/`or` stop only at false/true).
            walkUnknown(op.a, frame, visit)
            walkUnknown(op.b, frame, visit)
        case .ifElse:
            // Only the branch the condition chose was evaluated; an unknown condition chose none.
            let start = Int(op.a)
            let condition = eval(operands[start], frame)
            let taken = condition.isTrue ? 1 : (condition.isFalse ? 2 : 0)
            walkUnknown(operands[start + taken], frame, visit)
        case .call:
            // `coalesce` unknown has evaluated every argument; the rest are strict.
            let start = Int(op.a)
            for offset in 0..<Int(op.b) { walkUnknown(operands[start + offset], frame, visit) }
        default:
            break
        }
    }
}
