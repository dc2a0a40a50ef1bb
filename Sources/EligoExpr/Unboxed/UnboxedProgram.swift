import EligoDecimal

/// A product's expressions compiled for bulk evaluation over ``Cell``s.
///
/// ``Program`` is the reference: it works on boxed ``Value``s, records every node's
/// value for explanations and names every error. This program computes the same
/// results with no reference counting and no allocation, for decisions that need
/// no explanation. It does not try to be complete: errors, and the few operations
/// it leaves out (text functions, text containment, lists built from computed
/// items), all come out as ``Cell/error``, and the caller evaluates that product
/// again with ``Program``. An error is only absorbed where `and`/`or` is decided by
/// a definite false/true, which ``Program`` decides the same way, so the fallback
/// never changes a result.
public final class UnboxedProgram: @unchecked Sendable {
    enum OpCode: UInt8 {
        case constant, load, asOf
        case list, negate, not
        case and, or
        case eq, ne, lt, le, gt, ge
        case add, sub, mul, div
        case member, notMember
        case call
        /// `if(c, a, b)`: `a` is the start of its three operands.
        case ifElse
        /// `field OP literal`: `a` is the slot, `b` the constant, `sub` the comparison.
        case compareSlotConstant
        /// `field in [literals]` (`sub` `.member`) or `not in` (`.notMember`): `a` is the slot, `b` the list constant.
        case memberSlotConstant
        /// `not field`, `present(field)`, `missing(field)`: `a` is the slot.
        case notSlot, presentSlot, missingSlot
        /// Something this program leaves to ``Program``.
        case unsupported
    }

    struct Op {
        var code: OpCode
        var sub: OpCode = .constant
        var builtin: Builtin?
        var a: Int32 = 0
        var b: Int32 = 0
    }

    /// A handle to one compiled expression.
    public struct Entry: Sendable, Hashable {
        @usableFromInline let root: Int32
    }

    // Unsafe buffers, owned and never mutated after init: reading them needs no retain.
    let ops: UnsafeMutableBufferPointer<Op>
    let constants: UnsafeMutableBufferPointer<Cell>
    let listConstants: UnsafeMutableBufferPointer<Cell>
    let operands: UnsafeMutableBufferPointer<Int32>

    init(_ builder: Builder) {
        func copy<T>(_ array: [T]) -> UnsafeMutableBufferPointer<T> {
            let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: max(array.count, 1))
            _ = buffer.initialize(from: array)
            return buffer
        }
        ops = copy(builder.ops)
        constants = copy(builder.constants)
        listConstants = copy(builder.listConstants)
        operands = copy(builder.operands)
    }

    deinit {
        ops.deallocate()
        constants.deallocate()
        listConstants.deallocate()
        operands.deallocate()
    }

    /// Compiles checked expressions into one ``UnboxedProgram``, interning every text literal.
    public struct Builder {
        var ops: [Op] = []
        var constants: [Cell] = []
        var listConstants: [Cell] = []
        var operands: [Int32] = []

        public init() {}

        public mutating func compile(_ checked: CheckedExpression, symbols: inout Symbols) -> Entry {
            Entry(root: emit(checked.expr, checked, &symbols))
        }

        public func build() -> UnboxedProgram { UnboxedProgram(self) }

        private mutating func append(_ op: Op) -> Int32 {
            ops.append(op)
            return Int32(ops.count - 1)
        }

        /// The cell of a subtree made of literals only: the literals ``Program`` folds too, and
        /// number arithmetic of literals, which it evaluates per record to the same value.
        private mutating func literal(_ expr: Expr, _ symbols: inout Symbols) -> Cell? {
            switch expr.kind {
            case .number(let value, _): return .number(value)
            case .string(let value): return .text(symbols.intern(value))
            case .bool(let value): return .bool(value)
            case .call("date", _, let arguments):
                if case .string(let text) = arguments.first?.kind, let day = Day(iso: text) { return .date(day) }
                return nil
            case .negate, .binary:
                return foldedNumber(expr).map { .number($0) }
            case .list(let items):
                var cells: [Cell] = []
                for item in items {
                    guard let cell = literal(item, &symbols), cell.tag != .list else { return nil }
                    cells.append(cell)
                }
                let start = Int32(listConstants.count)
                listConstants.append(contentsOf: cells)
                return Cell(tag: .list, flag: true, word: start, count: Int32(cells.count))
            default:
                return nil
            }
        }

        private func isLiteral(_ expr: Expr) -> Bool {
            switch expr.kind {
            case .number, .string, .bool: return true
            case .call("date", _, let arguments):
                if case .string(let text) = arguments.first?.kind { return Day(iso: text) != nil }
                return false
            case .list(let items): return items.allSatisfy { isLiteral($0) && !$0.isList }
            case .negate, .binary: return foldedNumber(expr) != nil
            default: return false
            }
        }

        /// A number computed from number literals alone (`65 * 12`, `-5`), as evaluating it
        /// would compute it, once instead of per record; nil for anything else, and for an
        /// operation that fails (division by zero), which is left for evaluation to report.
        private func foldedNumber(_ expr: Expr) -> ExactDecimal? {
            switch expr.kind {
            case .number(let value, _):
                return value
            case .negate(let operand):
                return foldedNumber(operand)?.negated
            case .binary(let op, let lhs, let rhs, _):
                guard let a = foldedNumber(lhs), let b = foldedNumber(rhs) else { return nil }
                do {
                    switch op {
                    case .add: return try a.adding(b)
                    case .sub: return try a.subtracting(b)
                    case .mul: return try a.multiplied(by: b)
                    case .div: return try a.divided(by: b)
                    default: return nil
                    }
                } catch {
                    return nil
                }
            default:
                return nil
            }
        }

        private mutating func constant(_ cell: Cell) -> Int32 {
            constants.append(cell)
            return append(Op(code: .constant, a: Int32(constants.count - 1)))
        }

        private func slot(_ expr: Expr, _ checked: CheckedExpression) -> Int32? {
            if case .name = expr.kind { return checked.symbols[expr.id]?.slot }
            return nil
        }

        private mutating func emitOperands(_ children: [Expr], _ checked: CheckedExpression, _ symbols: inout Symbols) -> (Int32, Int32) {
            let indices = children.map { emit($0, checked, &symbols) }
            let start = Int32(operands.count)
            operands.append(contentsOf: indices)
            return (start, Int32(indices.count))
        }

        private mutating func emit(_ expr: Expr, _ checked: CheckedExpression, _ symbols: inout Symbols) -> Int32 {
            if isLiteral(expr), let cell = literal(expr, &symbols) { return constant(cell) }
            switch expr.kind {
            case .number, .string, .bool, .invalid:
                return append(Op(code: .unsupported))
            case .asOf:
                return append(Op(code: .asOf))
            case .name:
                guard let slot = slot(expr, checked) else { return append(Op(code: .unsupported)) }
                return append(Op(code: .load, a: slot))
            case .list(let items):
                // Items that could build lists of their own would interleave with this one's.
                guard items.allSatisfy({ isLiteral($0) && !$0.isList || slot($0, checked) != nil || $0.isAsOf }) else {
                    return append(Op(code: .unsupported))
                }
                let (start, count) = emitOperands(items, checked, &symbols)
                return append(Op(code: .list, a: start, b: count))
            case .negate(let operand):
                let child = emit(operand, checked, &symbols)
                return append(Op(code: .negate, a: child))
            case .not(let operand):
                if let slot = slot(operand, checked) { return append(Op(code: .notSlot, a: slot)) }
                let child = emit(operand, checked, &symbols)
                return append(Op(code: .not, a: child))
            case .binary(let op, let lhs, let rhs, _) where op.isComparison
                && ((slot(lhs, checked) != nil && isLiteral(rhs)) || (slot(rhs, checked) != nil && isLiteral(lhs))):
                let flipped = slot(lhs, checked) == nil
                let (field, value) = flipped ? (rhs, lhs) : (lhs, rhs)
                constants.append(literal(value, &symbols) ?? .unknown)
                let comparison = Self.opCode(flipped ? op.flipped : op)
                return append(Op(code: .compareSlotConstant, sub: comparison, a: slot(field, checked) ?? 0, b: Int32(constants.count - 1)))
            case .binary(let op, let lhs, let rhs, _):
                let left = emit(lhs, checked, &symbols)
                let right = emit(rhs, checked, &symbols)
                return append(Op(code: Self.opCode(op), a: left, b: right))
            case .membership(let negated, let element, let collection, _):
                if let slot = slot(element, checked), collection.isList, isLiteral(collection), let list = literal(collection, &symbols) {
                    constants.append(list)
                    return append(Op(code: .memberSlotConstant, sub: negated ? .notMember : .member, a: slot, b: Int32(constants.count - 1)))
                }
                let left = emit(element, checked, &symbols)
                let right = emit(collection, checked, &symbols)
                return append(Op(code: negated ? .notMember : .member, a: left, b: right))
            case .call(_, _, let arguments):
                guard let builtin = checked.builtins[expr.id] else { return append(Op(code: .unsupported)) }
                if builtin == .present || builtin == .missing, arguments.count == 1, let slot = slot(arguments[0], checked) {
                    return append(Op(code: builtin == .present ? .presentSlot : .missingSlot, a: slot))
                }
                let (start, count) = emitOperands(arguments, checked, &symbols)
                // `if` has its own instruction; one of another arity is the checker's to report.
                if builtin == .if { return append(Op(code: count == 3 ? .ifElse : .unsupported, a: start, b: count)) }
                return append(Op(code: .call, builtin: builtin, a: start, b: count))
            }
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
    }
}

extension Expr {
    fileprivate var isList: Bool {
        if case .list = kind { return true }
        return false
    }

    fileprivate var isAsOf: Bool {
        if case .asOf = kind { return true }
        return false
    }
}
