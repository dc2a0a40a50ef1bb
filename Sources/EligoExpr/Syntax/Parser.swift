public import EligoDiagnostics

/// Recursive descent over the grammar of §4, loosest binding first.
///
/// Syntax errors are recorded and parsing carries on with an `.invalid` node, so
/// that an author sees every broken spot of an expression in one run; the checker
/// then skips expressions that had syntax errors.
public struct Parser {
    private let source: ExpressionSource
    private let limits: ExpressionLimits
    private var tokens: [Token] = []
    private var position = 0
    private var nextID: ExprID
    private var nesting = 0
    private var tooDeepReported = false
    private var lastErrorToken = -1
    public private(set) var diagnostics: [Diagnostic] = []

    /// The result of parsing one expression.
    public struct Result: Sendable {
        /// The tree; present even when there were errors (with `.invalid` nodes).
        public var expr: Expr
        /// The first id not used by this expression.
        public var nextID: ExprID
        public var diagnostics: [Diagnostic]
        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    /// Parses one expression; ids are assigned from `firstID` upward, parents first.
    public static func parse(_ source: ExpressionSource, firstID: ExprID = 0, limits: ExpressionLimits = .default) -> Result {
        var parser = Parser(source: source, limits: limits, firstID: firstID)
        let expr = parser.parseWhole()
        return Result(expr: expr, nextID: parser.nextID, diagnostics: parser.diagnostics)
    }

    private init(source: ExpressionSource, limits: ExpressionLimits, firstID: ExprID) {
        self.source = source
        self.limits = limits
        self.nextID = firstID
    }

    private mutating func parseWhole() -> Expr {
        let length = source.text.unicodeScalars.count
        if length > limits.maxLength {
            diagnostics.append(.error(.exprTooLong(length, limits.maxLength), at: source.span(0..<0)))
            return make(.invalid, 0..<0)
        }
        let (tokens, problems) = Lexer.tokenize(source.utf8)
        self.tokens = tokens
        for (message, range) in problems {
            diagnostics.append(.error(message, at: source.span(range)))
        }
        if case .endOfInput = tokens[0].kind {
            diagnostics.append(.error(.exprEmpty, at: source.span(0..<0)))
            return make(.invalid, 0..<0)
        }
        let (expr, _) = parseOr()
        if !isAtEnd {
            if case .punct(let punct) = current.kind, [.eq, .ne, .lt, .le, .gt, .ge].contains(punct) {
                error(.exprChainedComparison)
            } else {
                error(.exprExpected("an operator or the end of the expression", "运算符或表达式结尾", found: current.kind))
            }
        }
        return expr
    }

    // MARK: Tokens

    private var current: Token { tokens[min(position, tokens.count - 1)] }
    private var isAtEnd: Bool {
        if case .endOfInput = current.kind { return true }
        return false
    }

    private mutating func advance() -> Token {
        let token = current
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private func check(_ punct: Token.Punct) -> Bool {
        if case .punct(let found) = current.kind { return found == punct }
        return false
    }

    private func check(_ keyword: Token.Keyword) -> Bool {
        if case .keyword(let found) = current.kind { return found == keyword }
        return false
    }

    private mutating func error(_ message: Message, at range: Range<Int>? = nil) {
        // One error per token: the first is the useful one, the rest are echoes.
        guard lastErrorToken != position else { return }
        lastErrorToken = position
        diagnostics.append(.error(message, at: source.span(range ?? current.range)))
    }

    private mutating func make(_ kind: Expr.Kind, _ range: Range<Int>) -> Expr {
        let id = nextID
        nextID += 1
        return Expr(id: id, kind: kind, range: range)
    }

    /// Enters one level of nesting; false (and one error) when the limit is crossed.
    private mutating func enter() -> Bool {
        nesting += 1
        if nesting > limits.maxDepth {
            if !tooDeepReported {
                tooDeepReported = true
                diagnostics.append(.error(.exprTooDeep(limits.maxDepth), at: source.span(current.range)))
            }
            return false
        }
        return true
    }

    private mutating func leave() { nesting -= 1 }

    // MARK: Grammar. Each returns the node and the height of its tree.

    private typealias Parsed = (expr: Expr, height: Int)

    private mutating func checkHeight(_ height: Int, _ range: Range<Int>) {
        if height > limits.maxDepth, !tooDeepReported {
            tooDeepReported = true
            diagnostics.append(.error(.exprTooDeep(limits.maxDepth), at: source.span(range)))
        }
    }

    private mutating func binary(_ op: BinaryOperator, _ lhs: Parsed, _ rhs: Parsed, _ operatorRange: Range<Int>) -> Parsed {
        let height = max(lhs.height, rhs.height) + 1
        let range = lhs.expr.range.lowerBound..<max(lhs.expr.range.lowerBound, rhs.expr.range.upperBound)
        checkHeight(height, operatorRange)
        return (make(.binary(op, lhs.expr, rhs.expr, operatorRange: operatorRange), range), height)
    }

    private mutating func parseOr() -> Parsed {
        var lhs = parseAnd()
        while check(.or) {
            let op = advance()
            let rhs = parseAnd()
            lhs = binary(.or, lhs, rhs, op.range)
        }
        return lhs
    }

    private mutating func parseAnd() -> Parsed {
        var lhs = parseNot()
        while check(.and) {
            let op = advance()
            let rhs = parseNot()
            lhs = binary(.and, lhs, rhs, op.range)
        }
        return lhs
    }

    private mutating func parseNot() -> Parsed {
        guard check(.not) else { return parseComparison() }
        let op = advance()
        guard enter() else { return (make(.invalid, op.range), 1) }
        defer { leave() }
        let operand = parseNot()
        let range = op.range.lowerBound..<max(op.range.upperBound, operand.expr.range.upperBound)
        return (make(.not(operand.expr), range), operand.height + 1)
    }

    private static func comparison(_ kind: Token.Kind) -> BinaryOperator? {
        guard case .punct(let punct) = kind else { return nil }
        switch punct {
        case .eq: return .eq
        case .ne: return .ne
        case .lt: return .lt
        case .le: return .le
        case .gt: return .gt
        case .ge: return .ge
        default: return nil
        }
    }

    private mutating func parseComparison() -> Parsed {
        let lhs = parseSum()
        if let op = Self.comparison(current.kind) {
            let opToken = advance()
            let rhs = parseSum()
            let result = binary(op, lhs, rhs, opToken.range)
            if Self.comparison(current.kind) != nil || check(.in) { error(.exprChainedComparison) }
            return result
        }
        var negated = false
        var operatorRange = current.range
        if check(.not), case .keyword(.in) = tokens[min(position + 1, tokens.count - 1)].kind {
            negated = true
            operatorRange = advance().range
            operatorRange = operatorRange.lowerBound..<advance().range.upperBound
        } else if check(.in) {
            operatorRange = advance().range
        } else {
            return lhs
        }
        let rhs = parseSum()
        let height = max(lhs.height, rhs.height) + 1
        checkHeight(height, operatorRange)
        let range = lhs.expr.range.lowerBound..<max(lhs.expr.range.lowerBound, rhs.expr.range.upperBound)
        let result = make(.membership(negated: negated, lhs.expr, rhs.expr, operatorRange: operatorRange), range)
        if Self.comparison(current.kind) != nil || check(.in) { error(.exprChainedComparison) }
        return (result, height)
    }

    private mutating func parseSum() -> Parsed {
        var lhs = parseProduct()
        while check(.plus) || check(.minus) {
            let opToken = advance()
            let rhs = parseProduct()
            lhs = binary(opToken.kind == .punct(.plus) ? .add : .sub, lhs, rhs, opToken.range)
        }
        return lhs
    }

    private mutating func parseProduct() -> Parsed {
        var lhs = parseUnary()
        while check(.star) || check(.slash) {
            let opToken = advance()
            let rhs = parseUnary()
            lhs = binary(opToken.kind == .punct(.star) ? .mul : .div, lhs, rhs, opToken.range)
        }
        return lhs
    }

    private mutating func parseUnary() -> Parsed {
        guard check(.minus) else { return parsePrimary() }
        let op = advance()
        guard enter() else { return (make(.invalid, op.range), 1) }
        defer { leave() }
        let operand = parseUnary()
        let range = op.range.lowerBound..<max(op.range.upperBound, operand.expr.range.upperBound)
        return (make(.negate(operand.expr), range), operand.height + 1)
    }

    private mutating func parsePrimary() -> Parsed {
        let token = current
        switch token.kind {
        case .number(let value, let isPercent):
            _ = advance()
            return (make(.number(value, isPercent: isPercent), token.range), 1)
        case .string(let value):
            _ = advance()
            return (make(.string(value), token.range), 1)
        case .keyword(.true), .keyword(.false):
            _ = advance()
            return (make(.bool(token.kind == .keyword(.true)), token.range), 1)
        case .keyword(.asOf):
            _ = advance()
            return (make(.asOf, token.range), 1)
        case .punct(.lparen):
            _ = advance()
            guard enter() else { return skipInvalid(from: token) }
            defer { leave() }
            let inner = parseOr()
            expect(.rparen, "')'", "“)”")
            return inner
        case .punct(.lbracket):
            _ = advance()
            guard enter() else { return skipInvalid(from: token) }
            defer { leave() }
            let id = reserveID()
            let (items, height) = parseList(closing: .rbracket)
            let end = expect(.rbracket, "']'", "“]”")
            return (Expr(id: id, kind: .list(items), range: token.range.lowerBound..<end), height + 1)
        case .identifier(let first):
            _ = advance()
            if check(.lparen) {
                _ = advance()
                guard enter() else { return skipInvalid(from: token) }
                defer { leave() }
                let id = reserveID()
                let (arguments, height) = parseList(closing: .rparen)
                let end = expect(.rparen, "')'", "“)”")
                return (Expr(id: id, kind: .call(first, nameRange: token.range, arguments: arguments), range: token.range.lowerBound..<end), height + 1)
            }
            var name = first
            var end = token.range.upperBound
            while check(.dot) {
                _ = advance()
                guard case .identifier(let part) = current.kind else {
                    error(.exprExpected("a name after '.'", "“.”之后的名称", found: current.kind))
                    break
                }
                name += "." + part
                end = advance().range.upperBound
            }
            return (make(.name(name), token.range.lowerBound..<end), 1)
        default:
            error(.exprExpected("a value", "一个值", found: token.kind))
            // Step over the offending token unless it closes something an outer rule is waiting for.
            if !isAtEnd, !check(.rparen), !check(.rbracket), !check(.comma) { _ = advance() }
            return (make(.invalid, token.range), 1)
        }
    }

    /// Gives the id to a parent before its children are parsed, keeping ids in pre-order.
    private mutating func reserveID() -> ExprID {
        let id = nextID
        nextID += 1
        return id
    }

    private mutating func skipInvalid(from token: Token) -> Parsed {
        // Too deep: skip everything; the one error has been reported.
        while !isAtEnd { _ = advance() }
        return (make(.invalid, token.range), 1)
    }

    private mutating func parseList(closing: Token.Punct) -> ([Expr], Int) {
        var items: [Expr] = []
        var height = 0
        if check(closing) { return (items, height) }
        while true {
            let item = parseOr()
            items.append(item.expr)
            height = max(height, item.height)
            if check(.comma) {
                _ = advance()
                continue
            }
            break
        }
        return (items, height)
    }

    /// Consumes the expected closing token and returns the end of the construct.
    @discardableResult
    private mutating func expect(_ punct: Token.Punct, _ en: String, _ zh: String) -> Int {
        if check(punct) { return advance().range.upperBound }
        error(.exprExpected(en, zh, found: current.kind))
        return current.range.lowerBound
    }
}
