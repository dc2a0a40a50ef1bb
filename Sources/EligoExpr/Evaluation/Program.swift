/// Compiled expressions of one product: a flat array of instructions over frame
/// slots, built once at load time.
///
/// Evaluating a record never touches the AST, a name or a dictionary: names are
/// slot numbers, functions are enum cases, literals are constants. The
/// instructions are plain values in one contiguous array, so walking them costs
/// no reference counting.
public struct Program: Sendable {
    enum OpCode: UInt8, Sendable {
        case constant, load, asOf
        case list, negate, not
        case and, or
        case eq, ne, lt, le, gt, ge
        case add, sub, mul, div
        case member, notMember
        case call
        /// `field OP literal` in one step: `a` is the slot, `b` the constant, `sub` the comparison.
        /// The commonest shape of a rule or bin, fused to skip two dispatches and two copies.
        case compareSlotConstant
    }

    struct Instruction: Sendable {
        var op: OpCode
        /// Meaning depends on `op`: a child index, a slot, a constant index or the start of an operand run.
        var a: Int32
        /// A second child, or the length of an operand run.
        var b: Int32
        /// For `call`: the builtin.
        var builtin: Builtin?
        /// The source node, for traces and error messages.
        var id: ExprID
        /// For fused instructions: the comparison, and the ids of the two operand nodes (for traces).
        var sub: OpCode = .constant
        var leftID: ExprID = 0
        var rightID: ExprID = 0
    }

    var instructions: ContiguousArray<Instruction> = []
    var constants: ContiguousArray<Value> = []
    var operands: ContiguousArray<Int32> = []

    public init() {}

    /// A handle to one compiled expression of this program.
    public struct Entry: Sendable, Hashable {
        let root: Int32
    }

    /// Compiles a checked expression into this program.
    public mutating func compile(_ checked: CheckedExpression) -> Entry {
        Entry(root: emit(checked.expr, checked))
    }

    private mutating func append(_ instruction: Instruction) -> Int32 {
        instructions.append(instruction)
        return Int32(instructions.count - 1)
    }

    private mutating func constant(_ value: Value, _ id: ExprID) -> Int32 {
        constants.append(value)
        return append(Instruction(op: .constant, a: Int32(constants.count - 1), b: 0, builtin: nil, id: id))
    }

    /// The value of a subtree made of literals only, computed once here.
    private func literal(_ expr: Expr) -> Value? {
        switch expr.kind {
        case .number(let value, _): return .number(value)
        case .string(let value): return .string(value)
        case .bool(let value): return .bool(value)
        case .call("date", _, let arguments):
            if case .string(let text) = arguments.first?.kind, let day = Day(iso: text) { return .date(day) }
            return nil
        case .list(let items):
            var values: [Value] = []
            for item in items {
                guard let value = literal(item) else { return nil }
                values.append(value)
            }
            return .list(values)
        default:
            return nil
        }
    }

    /// Whether a comparison is between a resolved name and a literal.
    private func fusable(_ lhs: Expr, _ rhs: Expr, _ checked: CheckedExpression) -> Bool {
        func isName(_ expr: Expr) -> Bool {
            if case .name = expr.kind { return checked.symbols[expr.id] != nil }
            return false
        }
        return (isName(lhs) && literal(rhs) != nil) || (isName(rhs) && literal(lhs) != nil)
    }

    static func opCode(_ op: BinaryOperator) -> OpCode {
        switch op {
        case .and: .and
        case .or: .or
        case .eq: .eq
        case .ne: .ne
        case .lt: .lt
        case .le: .le
        case .gt: .gt
        case .ge: .ge
        case .add: .add
        case .sub: .sub
        case .mul: .mul
        case .div: .div
        }
    }

    private mutating func emitOperands(_ children: [Expr], _ checked: CheckedExpression) -> (Int32, Int32) {
        let indices = children.map { emit($0, checked) }
        let start = Int32(operands.count)
        operands.append(contentsOf: indices)
        return (start, Int32(indices.count))
    }

    private mutating func emit(_ expr: Expr, _ checked: CheckedExpression) -> Int32 {
        if let value = literal(expr) { return constant(value, expr.id) }
        switch expr.kind {
        case .number, .string, .bool, .invalid:
            // Literals are handled above; invalid nodes never pass the checker.
            return constant(.unknown, expr.id)
        case .asOf:
            return append(Instruction(op: .asOf, a: 0, b: 0, builtin: nil, id: expr.id))
        case .name:
            let slot = checked.symbols[expr.id]?.slot ?? -1
            return append(Instruction(op: .load, a: slot, b: 0, builtin: nil, id: expr.id))
        case .list(let items):
            let (start, count) = emitOperands(items, checked)
            return append(Instruction(op: .list, a: start, b: count, builtin: nil, id: expr.id))
        case .negate(let operand):
            let child = emit(operand, checked)
            return append(Instruction(op: .negate, a: child, b: 0, builtin: nil, id: expr.id))
        case .not(let operand):
            let child = emit(operand, checked)
            return append(Instruction(op: .not, a: child, b: 0, builtin: nil, id: expr.id))
        case .binary(let op, let lhs, let rhs, _) where op.isComparison && fusable(lhs, rhs, checked):
            let flipped = literal(lhs) != nil
            let (field, value) = flipped ? (rhs, lhs) : (lhs, rhs)
            let slot = checked.symbols[field.id]?.slot ?? -1
            constants.append(literal(value) ?? .unknown)
            let comparison = Self.opCode(flipped ? op.flipped : op)
            return append(Instruction(
                op: .compareSlotConstant, a: slot, b: Int32(constants.count - 1), builtin: nil, id: expr.id, sub: comparison,
                leftID: field.id, rightID: value.id))
        case .binary(let op, let lhs, let rhs, _):
            let left = emit(lhs, checked)
            let right = emit(rhs, checked)
            return append(Instruction(op: Self.opCode(op), a: left, b: right, builtin: nil, id: expr.id))
        case .membership(let negated, let element, let collection, _):
            let left = emit(element, checked)
            let right = emit(collection, checked)
            return append(Instruction(op: negated ? .notMember : .member, a: left, b: right, builtin: nil, id: expr.id))
        case .call(_, _, let arguments):
            let builtin = checked.builtins[expr.id]
            let (start, count) = emitOperands(arguments, checked)
            return append(Instruction(op: .call, a: start, b: count, builtin: builtin, id: expr.id))
        }
    }
}
