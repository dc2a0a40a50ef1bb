public import EligoDiagnostics

/// Recursive descent over the grammar of §4, loosest binding first.
///
/// Syntax errors are recorded and parsing carries on with an `.invalid` node, so
/// that an author sees every broken spot of an expression in one run; the checker
/// then skips expressions that had syntax errors.
///
/// Recovery aims at one error per mistake: a missing operand leaves the operator
/// in place for the rule that owns it, a missing closer skips to the matching one,
/// an error right after a lexical problem is taken for its echo, and an expression
/// nested too deeply is abandoned after one error.
public struct Parser {
    private let source: ExpressionSource
    private let limits: ExpressionLimits
    private var tokens: [Token] = []
    private var position = 0
    private var nextID: ExprID
    private let firstID: ExprID
    private var nesting = 0
    private var tooDeepReported = false
    /// Set when nesting went past the limit: the rest of the input is skipped unreported.
    private var abandoned = false
    private var lastErrorToken = -1
    /// Byte ranges of the lexer's problems, to keep the parser from echoing them.
    private var lexicalProblems: [Range<Int>] = []
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

    /// Parses one expression; ids are assigned from `firstID` upward, parents first
    /// (the order of ``Expr/forEach(_:)``).
    public static func parse(_ source: ExpressionSource, firstID: ExprID = 0, limits: ExpressionLimits = .default) -> Result {
        var parser = Parser(source: source, limits: limits, firstID: firstID)
        var expr = parser.parseWhole()
        // An expression nested past the limit is not handed on: walking it is what the limit prevents.
        if parser.tooDeepReported { expr = Expr(id: firstID, kind: .invalid, range: 0..<source.utf8.count) }
        var next = firstID
        expr = Self.renumbered(expr, &next)
        return Result(expr: expr, nextID: next, diagnostics: parser.diagnostics)
    }

    private init(source: ExpressionSource, limits: ExpressionLimits, firstID: ExprID) {
        self.source = source
        self.limits = limits
        self.nextID = firstID
        self.firstID = firstID
    }

    private mutating func parseWhole() -> Expr {
        let length = source.text.unicodeScalars.count
        if length > limits.maxLength {
            diagnostics.append(.error(.exprTooLong(length, limits.maxLength), at: source.span(0..<0), help: .raiseLimit(.expressionLength)))
            return make(.invalid, 0..<0)
        }
        let (tokens, problems) = Lexer.tokenize(source.utf8)
        self.tokens = tokens
        for (message, range) in problems {
            diagnostics.append(.error(message, at: source.span(range)))
            lexicalProblems.append(range)
        }
        if case .endOfInput = tokens[0].kind {
            if problems.isEmpty { diagnostics.append(.error(.exprEmpty, at: source.span(0..<0))) }
            return make(.invalid, 0..<0)
        }
        let expr = parseOr().expr
        var expectedOperator: Message {
            .exprExpected("an operator or the end of the expression", "运算符或表达式结尾", found: current.kind)
        }
        // Text after a complete expression: report it, then parse on (dropping the
        // result) so that later, independent mistakes are reported too.
        while !isAtEnd {
            if Self.keywordInWrongCase(current.kind) != nil {
                // `a > 1 And b > 1`: one error with the keyword's spelling, then the right side
                // parsed without a second complaint (`b` is no mistake of its own).
                while let keyword = Self.keywordInWrongCase(current.kind) {
                    error(expectedOperator, help: .didYouMean(keyword))
                    _ = advance()
                }
                if isAtEnd { break }
                let before = position
                _ = parseOr()
                if position == before { _ = advance() }
                continue
            }
            if check(.comma), isNumber(at: position - 1), isThousands(at: position + 1) {
                // `5,000,000`: digits grouped the way people write them. One error, with the fix,
                // for the whole number.
                let first = tokens[position - 1].range.lowerBound
                var last = tokens[position - 1].range.upperBound
                let at = position
                while check(.comma), isThousands(at: position + 1) {
                    _ = advance()
                    last = advance().range.upperBound
                }
                let written = String(decoding: source.utf8[first..<last], as: UTF8.self)
                let grouped = written.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: ",", with: "_")
                let saved = position
                position = at
                error(expectedOperator, help: .exprGroupDigits(grouped))
                position = saved
                // What follows the number (`and age > 1`) is read on, so that its own mistakes
                // are reported and it is not taken for one.
                if check(.and) || check(.or) || Self.isBinaryPunct(current.kind) {
                    _ = advance()
                    _ = parseOr()
                }
                continue
            }
            error(expectedOperator)
            while check(.rparen) || check(.rbracket) || check(.comma) { _ = advance() }
            if isAtEnd { break }
            let before = position
            _ = parseOr()
            if position == before { _ = advance() }
        }
        return expr
    }

    /// The same tree with ids reassigned in pre-order: operators are built after
    /// their left operand, so the ids handed out while parsing are not.
    private static func renumbered(_ expr: Expr, _ next: inout ExprID) -> Expr {
        let id = next
        next += 1
        let kind: Expr.Kind
        switch expr.kind {
        case .number, .string, .bool, .asOf, .name, .invalid:
            kind = expr.kind
        case .list(let items):
            kind = .list(items.map { renumbered($0, &next) })
        case .call(let name, let nameRange, let arguments):
            kind = .call(name, nameRange: nameRange, arguments: arguments.map { renumbered($0, &next) })
        case .negate(let operand):
            kind = .negate(renumbered(operand, &next))
        case .not(let operand):
            kind = .not(renumbered(operand, &next))
        case .binary(let op, let lhs, let rhs, let operatorRange):
            let left = renumbered(lhs, &next)
            kind = .binary(op, left, renumbered(rhs, &next), operatorRange: operatorRange)
        case .membership(let negated, let lhs, let rhs, let operatorRange):
            let left = renumbered(lhs, &next)
            kind = .membership(negated: negated, left, renumbered(rhs, &next), operatorRange: operatorRange)
        }
        return Expr(id: id, kind: kind, range: expr.range)
    }

    // MARK: Tokens

    private var current: Token { tokens[min(position, tokens.count - 1)] }

    private static func isBinaryPunct(_ kind: Token.Kind) -> Bool {
        guard case .punct(let punct) = kind else { return false }
        switch punct {
        case .plus, .minus, .star, .slash, .eq, .ne, .lt, .le, .gt, .ge: return true
        default: return false
        }
    }

    /// A group of three digits, as after a comma in `5,000,000` (not `1,5`, a decimal comma).
    private func isThousands(at index: Int) -> Bool {
        guard isNumber(at: index) else { return false }
        let range = tokens[index].range
        return range.count == 3 && source.utf8[range].allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    private func isNumber(at index: Int) -> Bool {
        guard index >= 0, index < tokens.count, case .number = tokens[index].kind else { return false }
        return true
    }
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

    /// `not in`, which is two tokens.
    private var atNotIn: Bool {
        guard check(.not), position + 1 < tokens.count else { return false }
        return tokens[position + 1].kind == .keyword(.in)
    }

    /// Whether the current token continues a comparison (which cannot be chained).
    private var atComparison: Bool { Self.comparison(current.kind) != nil || check(.in) || atNotIn }

    /// `And`, `OR`, `Not`, `IN`: a keyword written in another case, which the language does
    /// not read as one (keywords are lower case); the keyword meant, else nil.
    private static func keywordInWrongCase(_ kind: Token.Kind) -> String? {
        guard case .identifier(let name) = kind else { return nil }
        let lower = name.lowercased()
        return ["and", "or", "not", "in"].contains(lower) && lower != name ? lower : nil
    }

    private mutating func error(_ message: Message, at range: Range<Int>? = nil, help: Message? = nil) {
        // One error per token: the first is the useful one, the rest are echoes.
        guard !abandoned, lastErrorToken != position else { return }
        lastErrorToken = position
        // Right after a lexical problem (a dropped character, an `=` taken for `==`), or
        // at a token that is one, the parser's complaint is that problem's echo.
        let previous = position > 0 ? tokens[position - 1].range : 0..<0
        let to = current.range.upperBound
        if lexicalProblems.contains(where: { problem in
            problem == previous || (problem.lowerBound <= to && problem.upperBound >= previous.upperBound)
        }) { return }
        diagnostics.append(.error(message, at: source.span(range ?? current.range), help: help))
    }

    private mutating func make(_ kind: Expr.Kind, _ range: Range<Int>) -> Expr {
        let id = nextID
        nextID += 1
        return Expr(id: id, kind: kind, range: range)
    }

    /// Reports the depth limit once and gives up on the rest of the input.
    private mutating func tooDeep(at range: Range<Int>) {
        if !tooDeepReported {
            tooDeepReported = true
            diagnostics.append(.error(.exprTooDeep(limits.maxDepth), at: source.span(range), help: .raiseLimit(.expressionDepth)))
        }
    }

    /// Reports, once, an operator chain whose tree would be too tall to walk safely.
    private mutating func chainTooLong(at range: Range<Int>) {
        if !tooDeepReported {
            tooDeepReported = true
            diagnostics.append(.error(.exprChainTooLong(limits.maxTreeHeight), at: source.span(range), help: .raiseLimit(.expressionDepth)))
        }
    }

    /// Enters one level of nesting at the construct starting at `range`; false (after
    /// one error, with the rest of the input skipped) when the limit is crossed.
    ///
    /// This bounds the parser's own recursion before the tree exists; the heights
    /// checked on the way back up bound the tree's.
    private mutating func enter(at range: Range<Int>) -> Bool {
        nesting += 1
        if nesting > limits.maxDepth {
            tooDeep(at: range)
            abandoned = true
            while !isAtEnd { _ = advance() }
            return false
        }
        return true
    }

    private mutating func leave() { nesting -= 1 }

    // MARK: Grammar. Each returns the node and its depth.

    /// A node; its nesting depth (how many parentheses, calls, lists and unary operators
    /// enclose its deepest leaf; a leaf alone is 0; §9 allows 64); the height of its tree
    /// (binary operators counted too); and its extent in the source, which includes any
    /// parentheses around it: an operator's range runs from its left operand's extent to its
    /// right one's, so `(a + b) * c` is all of it.
    ///
    /// A chain such as `a and b and c` is flat in the grammar (§4), so its operators do not
    /// nest: 100 conditions joined by `and` are depth 1 at most. Its tree still grows one level
    /// per operator, and everything after the parser walks trees recursively, so the tree's
    /// height has a bound of its own (``ExpressionLimits/maxTreeHeight``).
    private typealias Parsed = (expr: Expr, height: Int, tree: Int, extent: Range<Int>)

    private mutating func leaf(_ kind: Expr.Kind, _ range: Range<Int>) -> Parsed {
        (make(kind, range), 0, 0, range)
    }

    /// Checks a construct that nests one level deeper than its deepest part.
    private mutating func checkHeight(_ height: Int, _ range: Range<Int>) {
        if height > limits.maxDepth { tooDeep(at: range) }
    }

    private mutating func checkTree(_ tree: Int, _ range: Range<Int>) {
        if tree > limits.maxTreeHeight { chainTooLong(at: range) }
    }

    private mutating func binary(_ op: BinaryOperator, _ lhs: Parsed, _ rhs: Parsed, _ operatorRange: Range<Int>) -> Parsed {
        let tree = max(lhs.tree, rhs.tree) + 1
        let range = lhs.extent.lowerBound..<max(lhs.extent.lowerBound, rhs.extent.upperBound)
        checkTree(tree, operatorRange)
        return (make(.binary(op, lhs.expr, rhs.expr, operatorRange: operatorRange), range), max(lhs.height, rhs.height), tree, range)
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
        guard enter(at: op.range) else { return leaf(.invalid, op.range) }
        defer { leave() }
        let operand = parseNot()
        let range = op.range.lowerBound..<max(op.range.upperBound, operand.extent.upperBound)
        checkHeight(operand.height + 1, op.range)
        return (make(.not(operand.expr), range), operand.height + 1, operand.tree + 1, range)
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

    /// `a < b < c`: one error at the second operator; the rest of the chain is
    /// parsed (and dropped) so that later mistakes are still found.
    private mutating func rejectChainedComparison() {
        guard atComparison else { return }
        error(.exprChainedComparison)
        while atComparison {
            if atNotIn { _ = advance() }
            _ = advance()
            _ = parseSum()
        }
    }

    private mutating func parseComparison() -> Parsed {
        let lhs = parseSum()
        if let op = Self.comparison(current.kind) {
            let opToken = advance()
            let rhs = parseSum()
            let result = binary(op, lhs, rhs, opToken.range)
            rejectChainedComparison()
            return result
        }
        var negated = false
        var operatorRange = current.range
        if atNotIn {
            negated = true
            operatorRange = advance().range
            operatorRange = operatorRange.lowerBound..<advance().range.upperBound
        } else if check(.in) {
            operatorRange = advance().range
        } else {
            return lhs
        }
        let rhs = parseSum()
        let tree = max(lhs.tree, rhs.tree) + 1
        checkTree(tree, operatorRange)
        let range = lhs.extent.lowerBound..<max(lhs.extent.lowerBound, rhs.extent.upperBound)
        let result = make(.membership(negated: negated, lhs.expr, rhs.expr, operatorRange: operatorRange), range)
        rejectChainedComparison()
        return (result, max(lhs.height, rhs.height), tree, range)
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
        guard enter(at: op.range) else { return leaf(.invalid, op.range) }
        defer { leave() }
        let operand = parseUnary()
        let range = op.range.lowerBound..<max(op.range.upperBound, operand.extent.upperBound)
        checkHeight(operand.height + 1, op.range)
        return (make(.negate(operand.expr), range), operand.height + 1, operand.tree + 1, range)
    }

    /// Tokens that only ever continue an expression; a rule above the primary consumes them.
    private var atBinaryOperator: Bool {
        switch current.kind {
        case .punct(let punct):
            switch punct {
            case .plus, .star, .slash, .eq, .ne, .lt, .le, .gt, .ge: return true
            default: return false
            }
        case .keyword(let keyword):
            return keyword == .and || keyword == .or || keyword == .in
        default:
            return false
        }
    }

    private mutating func parsePrimary() -> Parsed {
        let token = current
        switch token.kind {
        case .number(let value, let isPercent):
            _ = advance()
            return leaf(.number(value, isPercent: isPercent), token.range)
        case .string(let value):
            _ = advance()
            return leaf(.string(value), token.range)
        case .keyword(.true), .keyword(.false):
            _ = advance()
            return leaf(.bool(token.kind == .keyword(.true)), token.range)
        case .keyword(.asOf):
            _ = advance()
            return leaf(.asOf, token.range)
        case .punct(.lparen):
            _ = advance()
            guard enter(at: token.range) else { return leaf(.invalid, token.range) }
            defer { leave() }
            let inner = parseOr()
            let end = expect(.rparen, "')'", "“)”")
            checkHeight(inner.height + 1, token.range)
            // The node keeps its own range; the parentheses widen only its extent.
            return (inner.expr, inner.height + 1, inner.tree, token.range.lowerBound..<max(end, inner.extent.upperBound))
        case .punct(.lbracket):
            _ = advance()
            guard enter(at: token.range) else { return leaf(.invalid, token.range) }
            defer { leave() }
            let (items, height, tree) = parseList(closing: .rbracket)
            let end = expect(.rbracket, "']'", "“]”")
            checkHeight(height + 1, token.range)
            let range = token.range.lowerBound..<end
            return (make(.list(items), range), height + 1, tree + 1, range)
        case .identifier(let first):
            _ = advance()
            if check(.lparen) {
                _ = advance()
                guard enter(at: token.range) else { return leaf(.invalid, token.range) }
                defer { leave() }
                let (arguments, height, tree) = parseList(closing: .rparen)
                let end = expect(.rparen, "')'", "“)”")
                checkHeight(height + 1, token.range)
                let range = token.range.lowerBound..<end
                return (make(.call(first, nameRange: token.range, arguments: arguments), range), height + 1, tree + 1, range)
            }
            var name = first
            var end = token.range.upperBound
            while check(.dot) {
                _ = advance()
                guard case .identifier(let part) = current.kind else {
                    error(.exprExpected("a name after '.'", "“.”之后的名称", found: current.kind))
                    // `a.and`, `a.1`: the word was meant as the name's next part.
                    if case .keyword = current.kind { _ = advance() }
                    if case .number = current.kind { _ = advance() }
                    break
                }
                name += "." + part
                end = advance().range.upperBound
            }
            return leaf(.name(name), token.range.lowerBound..<end)
        default:
            error(.exprExpected("a value", "一个值", found: token.kind))
            if check(.not) {
                // `a == not b`: `not` binds looser than a comparison; take it as meant.
                return parseNot()
            }
            // Leave an operator for the rule that owns it (`a + * b` is one missing operand)
            // and a closer for the construct it closes; step over anything else.
            if !isAtEnd, !atBinaryOperator, !check(.rparen), !check(.rbracket), !check(.comma) { _ = advance() }
            return leaf(.invalid, token.range)
        }
    }

    private mutating func parseList(closing: Token.Punct) -> ([Expr], height: Int, tree: Int) {
        var items: [Expr] = []
        var height = 0
        var tree = 0
        if check(closing) { return (items, height, tree) }
        while true {
            let item = parseOr()
            items.append(item.expr)
            height = max(height, item.height)
            tree = max(tree, item.tree)
            if check(.comma) {
                _ = advance()
                continue
            }
            break
        }
        return (items, height, tree)
    }

    /// Consumes the expected closing token and returns the end of the construct.
    ///
    /// When something else stands there, reports it once and skips to the matching
    /// closer (if there is one before a closer of an enclosing construct), so that
    /// the rest of the expression is still checked.
    @discardableResult
    private mutating func expect(_ punct: Token.Punct, _ en: String, _ zh: String) -> Int {
        if check(punct) { return advance().range.upperBound }
        error(.exprExpected(en, zh, found: current.kind))
        var depth = 0
        while !isAtEnd {
            if depth == 0, check(punct) { return advance().range.upperBound }
            switch current.kind {
            case .punct(.lparen), .punct(.lbracket):
                depth += 1
            case .punct(.rparen), .punct(.rbracket):
                if depth == 0 { return current.range.lowerBound }
                depth -= 1
            default:
                break
            }
            _ = advance()
        }
        return current.range.lowerBound
    }
}
