import EligoDecimal

/// The state one evaluation reads and, when explaining, writes.
public struct EvaluationContext: Sendable {
    /// Field values, then `let` values, by slot.
    public var slots: [Value]
    public var asOf: Day
    /// Every evaluated node's value by id (nil: not evaluated), recorded only when
    /// an explanation is wanted. Dense, because ids are small and a dictionary
    /// would hash on every node.
    public private(set) var nodeValues: [Value?] = []
    public private(set) var isTracing: Bool
    /// The ids recorded since tracing started: starting again clears just these, so
    /// tracing one small expression of a large product costs its size, not the
    /// product's (finding the missing fields of an incomplete decision traces many).
    private var recorded: [ExprID] = []

    public init(slots: [Value], asOf: Day, tracing: Bool = false) {
        self.slots = slots
        self.asOf = asOf
        self.isTracing = tracing
    }

    /// Starts recording node values afresh (the frame is reused across products).
    public mutating func startTracing() {
        isTracing = true
        for id in recorded { nodeValues[Int(id)] = nil }
        recorded.removeAll(keepingCapacity: true)
    }

    public mutating func stopTracing() {
        isTracing = false
    }

    /// The recorded values as a table by node id; nil when not tracing.
    public var trace: [ExprID: Value]? {
        guard isTracing else { return nil }
        var table: [ExprID: Value] = [:]
        for (id, value) in nodeValues.enumerated() { if let value { table[ExprID(id)] = value } }
        return table
    }

    /// The value recorded for one node while tracing; nil for a node not evaluated (a branch
    /// of `if` not chosen, an argument `coalesce` did not need), or when not tracing.
    public func recordedValue(of id: ExprID) -> Value? {
        guard isTracing, Int(id) < nodeValues.count else { return nil }
        return nodeValues[Int(id)]
    }

    mutating func record(_ value: Value, for id: ExprID) {
        let index = Int(id)
        if nodeValues.count <= index { nodeValues.append(contentsOf: repeatElement(nil, count: index + 1 - nodeValues.count)) }
        if case .none = nodeValues[index] { recorded.append(id) }
        nodeValues[index] = value
    }
}

extension Program {
    /// Evaluates one compiled expression. Never throws: unknown and error are values.
    public func evaluate(_ entry: Entry, _ context: inout EvaluationContext) -> Value {
        eval(entry.root, &context)
    }

    private func eval(_ index: Int32, _ context: inout EvaluationContext) -> Value {
        let instruction = instructions[Int(index)]
        let result = run(instruction, &context)
        if context.isTracing { context.record(result, for: instruction.id) }
        return result
    }

    @inline(__always)
    private func run(_ instruction: Instruction, _ context: inout EvaluationContext) -> Value {
        switch instruction.op {
        case .constant:
            return constants[Int(instruction.a)]
        case .load:
            return context.slots[Int(instruction.a)]
        case .asOf:
            return .date(context.asOf)
        case .list:
            // Strict in errors (a list holding an error is that error, so `x in [a, b]` cannot
            // depend on the items' order), lenient in unknowns (`x in [1, unknown]` is three-valued).
            var items: [Value] = []
            items.reserveCapacity(Int(instruction.b))
            var failure: Value?
            for offset in 0..<instruction.b {
                let item = eval(operands[Int(instruction.a + offset)], &context)
                if item.isError, failure == nil { failure = item }
                items.append(item)
            }
            return failure ?? .list(items)
        case .negate:
            switch eval(instruction.a, &context) {
            case .number(let value): return .number(value.negated)
            case let other: return other
            }
        case .not:
            switch eval(instruction.a, &context) {
            case .bool(let value): return .bool(!value)
            case let other: return other
            }
        case .and:
            // false wins over unknown and error, in either position (§10).
            let left = eval(instruction.a, &context)
            if case .bool(false) = left { return left }
            let right = eval(instruction.b, &context)
            if case .bool(false) = right { return right }
            if left.isError { return left }
            if right.isError { return right }
            if left.isUnknown || right.isUnknown { return .unknown }
            return .bool(true)
        case .or:
            let left = eval(instruction.a, &context)
            if case .bool(true) = left { return left }
            let right = eval(instruction.b, &context)
            if case .bool(true) = right { return right }
            if left.isError { return left }
            if right.isError { return right }
            if left.isUnknown || right.isUnknown { return .unknown }
            return .bool(false)
        case .eq, .ne, .lt, .le, .gt, .ge:
            let left = eval(instruction.a, &context)
            let right = eval(instruction.b, &context)
            return Self.compare(instruction.op, left, right)
        case .add, .sub, .mul, .div:
            let left = eval(instruction.a, &context)
            let right = eval(instruction.b, &context)
            return Self.arithmetic(instruction.op, left, right, instruction.id)
        case .member, .notMember:
            let element = eval(instruction.a, &context)
            let collection = eval(instruction.b, &context)
            let found = Self.membership(element, collection)
            if instruction.op == .notMember, case .bool(let value) = found { return .bool(!value) }
            return found
        case .call:
            return call(instruction, &context)
        case .compareSlotConstant:
            let field = context.slots[Int(instruction.a)]
            let literal = constants[Int(instruction.b)]
            if context.isTracing {
                context.record(field, for: instruction.leftID)
                context.record(literal, for: instruction.rightID)
            }
            return Self.compare(instruction.sub, field, literal)
        }
    }

    /// Unknown or error in either operand decides the result before any work is done;
    /// an error is reported in preference to an unknown.
    @inline(__always)
    private static func absorbing(_ left: Value, _ right: Value) -> Value? {
        if left.isError { return left }
        if right.isError { return right }
        if left.isUnknown || right.isUnknown { return .unknown }
        return nil
    }

    static func compare(_ op: OpCode, _ left: Value, _ right: Value) -> Value {
        if let absorbed = absorbing(left, right) { return absorbed }
        let order: Int
        switch (left, right) {
        case (.number(let a), .number(let b)): order = a < b ? -1 : (a == b ? 0 : 1)
        case (.date(let a), .date(let b)): order = a < b ? -1 : (a == b ? 0 : 1)
        default:
            // Strings, bools and lists compare for equality only (the checker sees to that).
            let equal = equality(left, right)
            switch (op, equal) {
            case (.eq, _): return equal
            case (.ne, .bool(let value)): return .bool(!value)
            case (.ne, _): return equal
            default: return .bool(false)
            }
        }
        switch op {
        case .eq: return .bool(order == 0)
        case .ne: return .bool(order != 0)
        case .lt: return .bool(order < 0)
        case .le: return .bool(order <= 0)
        case .gt: return .bool(order > 0)
        default: return .bool(order >= 0)
        }
    }

    /// Three-valued equality of known values: lists holding unknowns are equal only
    /// if every item is, unequal as soon as one known pair differs (or the lengths do).
    static func equality(_ left: Value, _ right: Value) -> Value {
        guard case .list(let lhs) = left, case .list(let rhs) = right else { return .bool(left == right) }
        if lhs.count != rhs.count { return .bool(false) }
        var sawUnknown = false
        for (a, b) in zip(lhs, rhs) {
            if a.isUnknown || b.isUnknown {
                sawUnknown = true
                continue
            }
            switch equality(a, b) {
            case .bool(false): return .bool(false)
            case .bool(true): continue
            default: sawUnknown = true
            }
        }
        return sawUnknown ? .unknown : .bool(true)
    }

    static func arithmetic(_ op: OpCode, _ left: Value, _ right: Value, _ node: ExprID) -> Value {
        if let absorbed = absorbing(left, right) { return absorbed }
        guard case .number(let a) = left, case .number(let b) = right else { return .unknown }
        do {
            switch op {
            case .add: return .number(try a.adding(b))
            case .sub: return .number(try a.subtracting(b))
            case .mul: return .number(try a.multiplied(by: b))
            default: return .number(try a.divided(by: b))
            }
        } catch {
            return .error(EvalError(error == .divisionByZero ? .divisionByZero : .overflow, at: node))
        }
    }

    /// Three-valued membership: true if some item equals the element, else unknown
    /// if anything involved is unknown, else false. An unknown element makes even
    /// `x in []` unknown: `in` is a comparison, and unknown propagates through
    /// comparisons (§4), as through `contains([], x)`.
    static func membership(_ element: Value, _ collection: Value) -> Value {
        if collection.isError { return collection }
        if element.isError { return element }
        switch collection {
        case .list(let items):
            var sawUnknown = element.isUnknown
            for item in items {
                if item.isError { return item }
                if item.isUnknown {
                    sawUnknown = true
                    continue
                }
                if !element.isUnknown, case .bool(true) = compare(.eq, element, item) { return .bool(true) }
            }
            return sawUnknown ? .unknown : .bool(false)
        case .string(let haystack):
            guard case .string(let needle) = element else { return .unknown }
            return .bool(TextSearch.contains(haystack, needle))
        default:
            return .unknown
        }
    }
}
