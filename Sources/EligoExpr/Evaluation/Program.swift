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
        case .binary(let op, let lhs, let rhs, _):
            let left = emit(lhs, checked)
            let right = emit(rhs, checked)
            let code: OpCode = switch op {
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
            return append(Instruction(op: code, a: left, b: right, builtin: nil, id: expr.id))
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
