import EligoDecimal
public import EligoDiagnostics

/// What an expression must produce where it is used.
public enum Expectation: Sendable {
    /// A condition: `rule`, `when`, `applies_to`.
    case condition
    /// A number or money: `award.amount`.
    case numeric
    /// Anything: `let`s and other award values.
    case anything
}

/// An expression that passed the checker, with the facts the compiler and the
/// audit need, keyed by node id.
public struct CheckedExpression: Sendable {
    public let expr: Expr
    public let source: ExpressionSource
    public let type: ExprType
    public let types: [ExprID: ExprType]
    /// The symbol each `.name` node resolved to.
    public let symbols: [ExprID: Environment.Symbol]
    /// The function each `.call` node resolved to.
    public let builtins: [ExprID: Builtin]
}

/// Checks an expression against the catalog before anything runs (§4): names,
/// functions and arity, operand types, enum literals. Every problem is reported,
/// each at the token that causes it.
public struct TypeChecker {
    private let environment: Environment
    private let source: ExpressionSource
    private let fieldsOnly: Bool
    private var types: [ExprID: ExprType] = [:]
    private var symbols: [ExprID: Environment.Symbol] = [:]
    private var builtins: [ExprID: Builtin] = [:]
    private var diagnostics: [Diagnostic] = []

    /// Checks a parsed expression.
    ///
    /// - Parameters:
    ///   - letNames: names of the product's `let`s; in `applies_to` (where
    ///     `environment` holds fields only) using one gets a precise message.
    ///   - laterLets: for a `let`'s value, the lets not yet declared (itself and those after it)
    ///     and where each is defined: using one gets a precise message, not "unknown".
    ///   - currentLet: the name of the `let` whose value this is.
    /// - Returns: the checked expression, or nil, and the problems found.
    public static func check(
        _ expr: Expr, source: ExpressionSource, in environment: Environment, expecting expectation: Expectation,
        letNames: Set<String> = [], laterLets: [String: SourceSpan] = [:], currentLet: String? = nil
    ) -> (checked: CheckedExpression?, diagnostics: [Diagnostic]) {
        var checker = TypeChecker(environment: environment, source: source, fieldsOnly: !letNames.isEmpty, letNames: letNames)
        checker.laterLets = laterLets
        checker.currentLet = currentLet
        let type = checker.infer(expr)
        switch expectation {
        case .condition where type != .bool && type != .any:
            checker.report(.exprExpectedType("a condition (bool)", "条件（布尔值）", found: type), at: expr.range)
        case .numeric where !type.isNumeric:
            checker.report(.exprExpectedType("a number or an amount of money", "数值或金额", found: type), at: expr.range)
        default:
            break
        }
        if checker.diagnostics.contains(where: { $0.severity == .error }) { return (nil, checker.diagnostics) }
        let checked = CheckedExpression(
            expr: expr, source: source, type: type, types: checker.types, symbols: checker.symbols, builtins: checker.builtins)
        return (checked, checker.diagnostics)
    }

    private let letNames: Set<String>
    private var laterLets: [String: SourceSpan] = [:]
    private var currentLet: String?

    private init(environment: Environment, source: ExpressionSource, fieldsOnly: Bool, letNames: Set<String>) {
        self.environment = environment
        self.source = source
        self.fieldsOnly = fieldsOnly
        self.letNames = letNames
    }

    private mutating func report(_ message: Message, at range: Range<Int>, help: Message? = nil, notes: [Diagnostic.Note] = []) {
        diagnostics.append(.error(message, at: source.span(range), help: help, notes: notes))
    }

    @discardableResult
    private mutating func infer(_ expr: Expr) -> ExprType {
        let type = inferUncached(expr)
        types[expr.id] = type
        return type
    }

    private mutating func inferUncached(_ expr: Expr) -> ExprType {
        switch expr.kind {
        case .number(let value, _):
            return value.isInteger ? .int : .number
        case .string:
            return .string
        case .bool:
            return .bool
        case .asOf:
            return .date
        case .invalid:
            return .any
        case .name(let name):
            guard let symbol = environment.lookup(name) else {
                if fieldsOnly, letNames.contains(name) {
                    report(.exprLetInAppliesTo(name), at: expr.range)
                } else if name == currentLet {
                    report(.exprLetUsesItself(name), at: expr.range)
                } else if let definition = laterLets[name] {
                    // Lets are evaluated in order: a later one has no value yet.
                    report(
                        .exprLetUsedEarly(name), at: expr.range, help: .exprMoveLetUp(name),
                        notes: [.init(message: .exprLetDefinedHere(name), span: definition)])
                } else if environment.acceptsAnyName {
                    // A field of a catalog that could not be read: nothing to check it against.
                } else {
                    let suggestion = Spelling.suggestion(for: name, among: environment.names)
                    report(.exprUnknownName(name), at: expr.range, help: suggestion.map(Message.didYouMean))
                }
                return .any
            }
            symbols[expr.id] = symbol
            return symbol.type
        case .list(let items):
            var element: ExprType = .any
            for item in items {
                let type = infer(item)
                guard let joined = join(element, type) else {
                    report(.exprMixedList(element, type), at: item.range)
                    continue
                }
                element = joined
            }
            return .list(element)
        case .negate(let operand):
            let type = infer(operand)
            guard type.isNumeric else {
                report(.exprOperandType("-", expected: "a number", expectedZh: "数值", found: type), at: expr.range.lowerBound..<(expr.range.lowerBound + 1))
                return .any
            }
            return type
        case .not(let operand):
            let type = infer(operand)
            if type != .bool, type != .any {
                report(.exprOperandType("not", expected: "a condition (bool)", expectedZh: "条件（布尔值）", found: type), at: expr.range.lowerBound..<(expr.range.lowerBound + 3))
            }
            return .bool
        case .binary(let op, let lhs, let rhs, let operatorRange):
            return binary(op, lhs, rhs, operatorRange)
        case .membership(_, let element, let collection, let operatorRange):
            return membership(element, collection, operatorRange)
        case .call(let name, let nameRange, let arguments):
            guard let function = Builtin(rawValue: name) else {
                let suggestion = Spelling.suggestion(for: name, among: Builtin.allCases.map(\.rawValue))
                // Without a near miss, the functions there are (§4: a wrong name gets a suggestion).
                report(
                    .exprUnknownFunction(name), at: nameRange,
                    help: suggestion.map(Message.didYouMean) ?? .knownFunctions(Builtin.allCases.map(\.rawValue)))
                for argument in arguments { infer(argument) }
                return .any
            }
            builtins[expr.id] = function
            guard function.arity.contains(arguments.count) else {
                report(.exprArity(function, found: arguments.count), at: nameRange, help: .exprSynopsis(function))
                for argument in arguments { infer(argument) }
                return .any
            }
            return call(function, arguments, expr)
        }
    }

    /// The common type of two values that may stand in the same place (list items, `if` branches).
    private func join(_ a: ExprType, _ b: ExprType) -> ExprType? {
        switch (a, b) {
        case (.any, _): return b
        case (_, .any): return a
        case _ where a == b: return a
        case _ where a.isNumeric && b.isNumeric:
            if a == .money || b == .money { return .money }
            if a == .number || b == .number { return .number }
            return .int
        case _ where a.isTextual && b.isTextual:
            return .string
        case (.list(let x), .list(let y)):
            return join(x, y).map(ExprType.list)
        default:
            return nil
        }
    }

    private mutating func binary(_ op: BinaryOperator, _ lhs: Expr, _ rhs: Expr, _ operatorRange: Range<Int>) -> ExprType {
        let left = infer(lhs)
        let right = infer(rhs)
        if left == .any || right == .any {
            return op.isArithmetic ? (left == .any ? right : left) : .bool
        }
        switch op {
        case .and, .or:
            if left != .bool || right != .bool {
                let found = left != .bool ? left : right
                report(.exprOperandType(op.rawValue, expected: "conditions (bool)", expectedZh: "条件（布尔值）", found: found), at: operatorRange)
            }
            return .bool
        case .add, .sub, .mul, .div:
            guard left.isNumeric, right.isNumeric else {
                if op == .add, left.isTextual, right.isTextual {
                    report(.exprStringPlus, at: operatorRange)
                } else {
                    let dates = (op == .add || op == .sub) && (left == .date || right == .date)
                    report(.exprOperandTypes(op.rawValue, left, right), at: operatorRange, help: dates ? .exprNoDateArithmetic : nil)
                }
                return .any
            }
            if op == .div {
                if left == .money, right == .money { return .number }
                return left == .money ? .money : (right == .money ? .money : .number)
            }
            if left == .money || right == .money { return .money }
            if left == .int, right == .int { return .int }
            return .number
        case .eq, .ne:
            if !comparable(left, right) {
                report(.exprCompare(left, right), at: operatorRange, help: quotedLiteralHelp(left, rhs) ?? quotedLiteralHelp(right, lhs))
            } else {
                checkEnumLiteral(left, rhs)
                checkEnumLiteral(right, lhs)
            }
            return .bool
        case .lt, .le, .gt, .ge:
            let orderable = { (type: ExprType) in type.isNumeric || type == .date }
            if !(left.isNumeric && right.isNumeric) && !(left == .date && right == .date) {
                if orderable(left) || orderable(right) {
                    // `annual_income >= "30000"`: a type clash between the sides, not a string being ordered.
                    report(.exprCompare(left, right), at: operatorRange, help: quotedLiteralHelp(left, rhs) ?? quotedLiteralHelp(right, lhs))
                } else {
                    report(.exprOrdering(op.rawValue, left), at: operatorRange)
                }
            }
            return .bool
        }
    }

    /// The fix when a quoted literal stands where a number or a date belongs:
    /// `"30000"` for `30000`, `"1960-01-01"` for `date("1960-01-01")`.
    private func quotedLiteralHelp(_ type: ExprType, _ literal: Expr) -> Message? {
        guard case .string(let text) = literal.kind else { return nil }
        if type.isNumeric, ExactDecimal(text) != nil { return .exprUnquoteNumber(text) }
        if type == .date, Day(iso: text) != nil { return .exprUseDateFunction(text) }
        return nil
    }

    /// Whether `==`/`!=` make sense between the two types.
    private func comparable(_ a: ExprType, _ b: ExprType) -> Bool {
        if a.isNumeric && b.isNumeric { return true }
        if a.isTextual && b.isTextual { return true }
        if a == b { return true }
        if case .list = a, case .list = b { return join(a, b) != nil }
        return false
    }

    /// An enum compared with a string literal must name one of its values: a literal written
    /// in place, in a list, or as a value `if` or `coalesce` may give (`county == if(f,
    /// "yuci", "qq")`); a list of enums against a list of literals, item by item.
    private mutating func checkEnumLiteral(_ type: ExprType, _ other: Expr) {
        if case .list(let element) = type, case .enumeration = element, case .list(let items) = other.kind {
            for item in items { checkEnumLiteral(element, item) }
            return
        }
        guard case .enumeration(let domain) = type else { return }
        switch other.kind {
        case .string(let value) where !domain.values.contains(value):
            let suggestion = Spelling.suggestion(for: value, among: domain.values)
            report(.exprEnumValue(value, domain), at: other.range, help: suggestion.map(Message.didYouMean))
        case .list(let items):
            for item in items { checkEnumLiteral(type, item) }
        case .call("if", _, let arguments) where arguments.count == 3:
            checkEnumLiteral(type, arguments[1])
            checkEnumLiteral(type, arguments[2])
        case .call("coalesce", _, let arguments):
            for argument in arguments { checkEnumLiteral(type, argument) }
        default:
            break
        }
    }

    private mutating func membership(_ element: Expr, _ collection: Expr, _ operatorRange: Range<Int>) -> ExprType {
        let elementType = infer(element)
        let collectionType = infer(collection)
        if elementType == .any || collectionType == .any { return .bool }
        switch collectionType {
        case .list(let itemType):
            if itemType != .any, !comparable(elementType, itemType) {
                report(.exprCompare(elementType, itemType), at: operatorRange)
            } else {
                checkEnumLiteral(elementType, collection)
                if case .enumeration = itemType { checkEnumLiteral(itemType, element) }
            }
        case .string, .enumeration:
            if !elementType.isTextual { report(.exprCompare(elementType, collectionType), at: operatorRange) }
        default:
            report(.exprOperandType("in", expected: "a list or a string on the right", expectedZh: "右侧为列表或字符串", found: collectionType), at: operatorRange)
        }
        return .bool
    }

    private mutating func call(_ function: Builtin, _ arguments: [Expr], _ expr: Expr) -> ExprType {
        // date() checks its literal itself; everything else is inferred first.
        if function == .date {
            guard case .string(let text) = arguments[0].kind else {
                infer(arguments[0])
                report(.exprDateLiteral, at: arguments[0].range)
                return .date
            }
            infer(arguments[0])
            if Day(iso: text) == nil { report(.exprBadDate(text), at: arguments[0].range) }
            return .date
        }
        let argumentTypes = arguments.map { infer($0) }
        if argumentTypes.contains(.any), function != .present, function != .missing { return resultWithAny(function, argumentTypes) }

        // An argument of the wrong type is reported once: the call's value is then of no known
        // type, so `abs(name) > 1` is not also "cannot compare string with int".
        var failed = false
        func require(_ index: Int, _ ok: (ExprType) -> Bool, _ en: String, _ zh: String) {
            if !ok(argumentTypes[index]) {
                failed = true
                report(.exprArgumentType(function, index + 1, expected: en, expectedZh: zh, found: argumentTypes[index]), at: arguments[index].range)
            }
        }
        let numeric: (ExprType) -> Bool = { $0.isNumeric }
        let isDate: (ExprType) -> Bool = { $0 == .date }
        let textual: (ExprType) -> Bool = { $0.isTextual }

        switch function {
        case .min, .max:
            if argumentTypes.allSatisfy({ $0 == .date }) { return .date }
            for index in arguments.indices { require(index, numeric, "a number (or all dates)", "数值（或全部为日期）") }
            return failed ? .any : argumentTypes.dropFirst().reduce(argumentTypes[0]) { join($0, $1) ?? .number }
        case .abs:
            require(0, numeric, "a number", "数值")
            return failed ? .any : argumentTypes[0]
        case .clamp:
            for index in arguments.indices { require(index, numeric, "a number", "数值") }
            return failed ? .any : argumentTypes.dropFirst().reduce(argumentTypes[0]) { join($0, $1) ?? .number }
        case .round:
            require(0, numeric, "a number", "数值")
            if arguments.count == 2 {
                // Digits must be whole (§10): an int, so `round(x, 1.5)` and `round(x, ratio)`
                // are caught here rather than failing on some record.
                if !argumentTypes[1].isNumeric {
                    require(1, numeric, "a whole number", "整数")
                } else if argumentTypes[1] != .int {
                    report(.exprRoundDigits, at: arguments[1].range)
                }
                return failed ? .any : argumentTypes[0]
            }
            return failed ? .any : (argumentTypes[0] == .number ? .int : argumentTypes[0])
        case .floor, .ceil:
            require(0, numeric, "a number", "数值")
            guard arguments.count == 2 else { return failed ? .any : argumentTypes[0] }
            require(1, numeric, "a number", "数值")
            // A multiple of the step: `floor(7, 1.5)` is 6 but `floor(5, 1.5)` is 4.5.
            return failed ? .any : join(argumentTypes[0], argumentTypes[1]) ?? argumentTypes[0]
        case .len:
            switch argumentTypes[0] {
            case .list, .string, .enumeration: break
            default: require(0, { _ in false }, "a list or a string", "列表或字符串")
            }
            return .int
        case .contains:
            switch argumentTypes[0] {
            case .list(let item):
                if item != .any, !comparable(item, argumentTypes[1]) {
                    report(.exprArgumentType(function, 2, expected: item.name(.en), expectedZh: item.name(.zh), found: argumentTypes[1]), at: arguments[1].range)
                } else {
                    checkEnumLiteral(item, arguments[1])
                    // `contains(["zuoquan", "bad"], county)`, as `county in [...]` is checked.
                    if case .enumeration = argumentTypes[1] { checkEnumLiteral(argumentTypes[1], arguments[0]) }
                }
            case .string, .enumeration:
                require(1, textual, "a string", "字符串")
            default:
                require(0, { _ in false }, "a list or a string", "列表或字符串")
            }
            return .bool
        case .startsWith, .endsWith:
            require(0, textual, "a string", "字符串")
            require(1, textual, "a string", "字符串")
            return .bool
        case .lower, .upper:
            require(0, textual, "a string", "字符串")
            return .string
        case .yearsBetween, .monthsBetween, .daysBetween:
            require(0, isDate, "a date", "日期")
            require(1, isDate, "a date", "日期")
            return .int
        case .age:
            require(0, isDate, "a date", "日期")
            return .int
        case .present, .missing:
            return .bool
        case .coalesce:
            var result = argumentTypes[0]
            for (index, type) in argumentTypes.enumerated().dropFirst() {
                guard let joined = join(result, type) else {
                    report(.exprBranchTypes(function, result, type), at: arguments[index].range)
                    return .any
                }
                result = joined
            }
            return result
        case .if:
            require(0, { $0 == .bool }, "a condition (bool)", "条件（布尔值）")
            guard let joined = join(argumentTypes[1], argumentTypes[2]) else {
                report(.exprBranchTypes(function, argumentTypes[1], argumentTypes[2]), at: arguments[2].range)
                return .any
            }
            return joined
        case .date:
            return .date
        }
    }

    /// The result type of a call one of whose arguments was already wrong.
    private func resultWithAny(_ function: Builtin, _ types: [ExprType]) -> ExprType {
        switch function {
        case .contains, .startsWith, .endsWith, .present, .missing: .bool
        case .len, .yearsBetween, .monthsBetween, .daysBetween, .age: .int
        case .lower, .upper: .string
        case .date: .date
        // The branches decide, never the condition: `if(c, oops, 5) + 1` must not read as bool + int.
        case .if: types.count == 3 ? (types[1] != .any ? types[1] : types[2]) : .any
        default: types.first { $0 != .any } ?? .any
        }
    }
}
