import EligoDiagnostics
import Testing
@testable import EligoExpr

struct ShapeCase: CustomTestStringConvertible, Sendable {
    var source: String
    var shape: String
    var testDescription: String { "\(source)  ⇒  \(shape)" }
}

struct SyntaxErrorCase: CustomTestStringConvertible, Sendable {
    var source: String
    var problems: [Problem]
    var testDescription: String { "\(source.debugDescription)  ⇒  \(problems)" }
}



private func shape(_ source: String, _ shape: String) -> ShapeCase { ShapeCase(source: source, shape: shape) }
private func fails(_ source: String, _ problems: Problem...) -> SyntaxErrorCase { SyntaxErrorCase(source: source, problems: problems) }

private let precedence: [ShapeCase] = [
    shape("a or b and c", "(a or (b and c))"),
    shape("a and b or c", "((a and b) or c)"),
    shape("a or b or c", "((a or b) or c)"),
    shape("a and b and c", "((a and b) and c)"),
    shape("not a == b", "(not (a == b))"),
    shape("not not a", "(not (not a))"),
    shape("not a and b", "((not a) and b)"),
    shape("not (a and b)", "(not (a and b))"),
    shape("a or not b and c", "(a or ((not b) and c))"),
    shape("-a * b", "((-a) * b)"),
    shape("-a.b", "(-a.b)"),
    shape("- -a", "(-(-a))"),
    shape("-(a + b)", "(-(a + b))"),
    shape("a - -b", "(a - (-b))"),
    shape("a - b - c", "((a - b) - c)"),
    shape("a / b / c", "((a / b) / c)"),
    shape("a - b + c", "((a - b) + c)"),
    shape("a + b * c", "(a + (b * c))"),
    shape("(a + b) * c", "((a + b) * c)"),
    shape("a * b + c / d", "((a * b) + (c / d))"),
    shape("a + b == c * d", "((a + b) == (c * d))"),
    shape("a == (b == c)", "(a == (b == c))"),
    shape("a < b and b <= c", "((a < b) and (b <= c))"),
    shape("x in [1, 2]", "(x in [1, 2])"),
    shape("x not in [1, 2]", "(x not in [1, 2])"),
    shape("not x in [1]", "(not (x in [1]))"),
    shape("x in crops and y", "((x in crops) and y)"),
    shape("x + 1 in [2]", "((x + 1) in [2])"),
    shape("\"s\" in name", "(\"s\" in name)"),
    shape("a.b.c > 1", "(a.b.c > 1)"),
    shape("a . b", "a.b"),
    shape("min(a, b + 1, max(c, d))", "min(a, (b + 1), max(c, d))"),
    shape("f()", "f()"),
    shape("[]", "[]"),
    shape("[1, [2, 3], []]", "[1, [2, 3], []]"),
    shape("70% * x", "(0.7(%) * x)"),
    shape("1_000", "1000"),
    shape("as_of > date(\"2024-01-01\")", "(as_of > date(\"2024-01-01\"))"),
    shape("true or false", "(true or false)"),
    shape("((a))", "a"),
    shape("age(birth_date) >= 18 and credit_score >= 650", "((age(birth_date) >= 18) and (credit_score >= 650))"),
    shape("if(a > 1, b, c) * 2", "(if((a > 1), b, c) * 2)"),
]

private let syntaxErrors: [SyntaxErrorCase] = [
    // Digits grouped with commas: one error at the first comma, not one per comma.
    fails("income >= 5,000,000", Problem("expr.expected", column: 12)),
    fails("income >= 5,000,000 and age > 1,5", Problem("expr.expected", column: 12), Problem("expr.expected", column: 32)),
    fails("a < b < c", Problem("expr.chained-comparison", column: 7)),
    fails("a == b != c", Problem("expr.chained-comparison", column: 8)),
    fails("a in b in c", Problem("expr.chained-comparison", column: 8)),
    fails("a < b in c", Problem("expr.chained-comparison", column: 7)),
    fails("a not in b == c", Problem("expr.chained-comparison", column: 12)),
    fails("(a < b < c)", Problem("expr.chained-comparison", column: 8)),
    fails("(a + b", Problem("expr.expected", column: 7)),
    fails("min(a, b", Problem("expr.expected", column: 9)),
    fails("[1, 2", Problem("expr.expected", column: 6)),
    fails("", Problem("expr.empty", column: 1)),
    fails("   ", Problem("expr.empty", column: 1)),
    fails("a b", Problem("expr.expected", column: 3)),
    fails("a == 1 2", Problem("expr.expected", column: 8)),
    fails("a )", Problem("expr.expected", column: 3)),
    fails(")", Problem("expr.expected", column: 1)),
    fails("a +", Problem("expr.expected", column: 4)),
    fails("a ==", Problem("expr.expected", column: 5)),
    fails("a.", Problem("expr.expected", column: 3)),
    fails("a.and", Problem("expr.expected", column: 3)),
    fails("min(1, , 2)", Problem("expr.expected", column: 8)),
    fails("f(a b)", Problem("expr.expected", column: 5)),
    // A missing operand before an operator: one error, and the operator still applies.
    fails("a + * b", Problem("expr.expected", column: 5)),
    fails("and b", Problem("expr.expected", column: 1)),
    fails("a == not b", Problem("expr.expected", column: 6)),
    fails("* 2", Problem("expr.expected", column: 1)),
    // Positions count code points, not bytes.
    fails("\"左权\" == x y", Problem("expr.expected", column: 11)),
    // Lexical problems are not echoed by the parser.
    fails("a = b", Problem("expr.use-operator", column: 3)),
    fails("x == !b", Problem("expr.use-operator", column: 6)),
    fails("a $ b", Problem("expr.unexpected-character", column: 3)),
    fails("年龄 >= 18", Problem("expr.unexpected-character", column: 1)),
    fails("x > 1__0", Problem("expr.malformed-number", column: 5)),
    fails("a.5", Problem("expr.malformed-number", column: 2)),
    fails("name == \"abc", Problem("expr.unterminated-string", column: 9)),
    // Several independent mistakes: each reported once.
    fails("min(1, , 2) + max(, 3)", Problem("expr.expected", column: 8), Problem("expr.expected", column: 19)),
    fails("(a b) and (c d)", Problem("expr.expected", column: 4), Problem("expr.expected", column: 14)),
    fails("f(a b) + [1 2]", Problem("expr.expected", column: 5), Problem("expr.expected", column: 13)),
    fails("a < b < c and (d e)", Problem("expr.chained-comparison", column: 7), Problem("expr.expected", column: 18)),
    fails("a $ b and (c d)", Problem("expr.unexpected-character", column: 3), Problem("expr.expected", column: 14)),
    fails("a b c", Problem("expr.expected", column: 3), Problem("expr.expected", column: 5)),
    fails("min(1, 2)))", Problem("expr.expected", column: 10)),
    fails("\"a\\q\" b", Problem("expr.bad-escape", column: 3), Problem("expr.expected", column: 7)),
    fails("a = = b", Problem("expr.use-operator", column: 3), Problem("expr.use-operator", column: 5)),
]

/// Expressions that print and parse back to the same tree.
private let corpus: [String] = [
    "credit_score >= 650",
    "county == \"zuoquan\"",
    "county in [\"zuoquan\", \"yuci\"]",
    "county not in [\"yuci\"]",
    "not blacklisted",
    "not (a and b)",
    "not a == b",
    "(not a) == b",
    "a or b and c",
    "(a or b) and c",
    "a and (b or c) and d",
    "a - b - c",
    "a - (b - c)",
    "a / (b * c)",
    "a / b * c",
    "-a * b",
    "-(a * b)",
    "-(-a)",
    "a - -b",
    "-(not a)",
    "a + (not b)",
    "(a in b) == c",
    "(a < b) == (c < d)",
    "min(project_cost * 70%, 300000)",
    "3.85%",
    "0.5%",
    "1_000_000.50",
    "round(annual_income / 12, 2)",
    "floor(x, 0.5) + ceil(y, 1000)",
    "age(birth_date) >= 18 and age(birth_date) <= 60",
    "years_between(birth_date, as_of) < 65",
    "as_of >= date(\"2025-01-01\")",
    "\"say \\\"hi\\\"\" == name",
    "'it\\'s' == name",
    "\"a\\\\b\\n\\t\" != name",
    "\"左权县\" in name",
    "coalesce(ratio, 0) * 100 > 30",
    "if(present(ratio), ratio, 1) < 0.5",
    "len(crops) > 0 and contains(crops, \"corn\")",
    "starts_with(lower(name), \"li\") or ends_with(upper(name), \"WEI\")",
    "[[1, 2], [], [3]] == x",
    "true and false or not true",
    "a.b.c * -1",
    "x in [1, 2 + 3, -4]",
]

@Suite struct ParserTests {
    @Test(arguments: precedence) func precedenceAndAssociativity(_ testCase: ShapeCase) {
        let result = parse(testCase.source)
        #expect(result.diagnostics.map(Problem.init) == [])
        #expect(result.expr.parenthesised == testCase.shape)
    }

    @Test(arguments: syntaxErrors) func reportsSyntaxErrors(_ testCase: SyntaxErrorCase) {
        let result = parse(testCase.source)
        #expect(result.diagnostics.map(Problem.init) == testCase.problems)
        #expect(result.diagnostics.allSatisfy { $0.location?.line == 1 })
    }

    /// A keyword in another case is one error, with the keyword as help, and what follows it
    /// is parsed as its right side, without a second complaint.
    @Test(arguments: [
        ("a > 1 And b > 1", [(7, "and")]),
        ("a > 1 OR b", [(7, "or")]),
        ("a > 1 AND NOT b", [(7, "and"), (11, "not")]),
        ("a IN [1, 2]", [(3, "in")]),
        ("a > 1 and b", []),
    ])
    func keywordsInAnotherCase(_ source: String, _ expected: [(Int, String)]) {
        let result = parse(source)
        #expect(result.diagnostics.map { $0.location?.column ?? 0 } == expected.map(\.0), "\(source)")
        #expect(result.diagnostics.map { $0.help?.en } == expected.map { "did you mean '\($0.1)'?" }, "\(source)")
    }

    @Test(arguments: corpus) func roundTrip(_ source: String) {
        let first = parse(source)
        #expect(first.diagnostics.map(Problem.init) == [])
        let printed = first.expr.printed
        let second = parse(printed)
        #expect(second.diagnostics.map(Problem.init) == [], "printed as \(printed)")
        #expect(second.expr.printed == printed)
        #expect(second.expr.parenthesised == first.expr.parenthesised, "printed as \(printed)")
    }

    /// The printer adds only the parentheses the meaning needs.
    @Test(arguments: [
        ("((a + b)) * c", "(a + b) * c"),
        ("(a * b) + c", "a * b + c"),
        ("(a - b) - c", "a - b - c"),
        ("not (a == b)", "not a == b"),
        ("- (-a)", "-(-a)"),
        ("x   not   in [1,2]", "x not in [1, 2]"),
        ("'abc'", "\"abc\""),
        ("70%", "70%"),
        ("1_000", "1000"),
    ])
    func printedForm(_ source: String, _ printed: String) {
        #expect(parse(source).expr.printed == printed)
    }

    /// Node ids are unique, dense from `firstID`, and in pre-order (a parent before its children).
    @Test(arguments: ["a + b * c", "min(a, b) > 1 and not c in [1, 2]", "-x - -y", "f(g(h(1)), [2, 3])"])
    func identifiersArePreOrder(_ source: String) {
        let result = Parser.parse(ExpressionSource(standalone: source), firstID: 100)
        var ids: [ExprID] = []
        result.expr.forEach { ids.append($0.id) }
        #expect(ids == Array(100..<result.nextID))
    }

    @Test func nodeRangesCoverTheirSource() {
        let source = "min(a, b + 1) >= -c"
        let result = parse(source)
        var texts: [String] = []
        let view = ExpressionSource(standalone: source)
        result.expr.forEach { texts.append(view.slice($0.range)) }
        #expect(texts == ["min(a, b + 1) >= -c", "min(a, b + 1)", "a", "b + 1", "b", "1", "-c", "c"])
        if case .binary(_, _, _, let operatorRange) = result.expr.kind {
            #expect(view.slice(operatorRange) == ">=")
        } else {
            Issue.record("not a binary operator")
        }
    }

    /// Parentheses belong to the operator around them, not to the node inside.
    @Test(arguments: [
        ("(a + b) * c", ["(a + b) * c", "a + b", "a", "b", "c"]),
        ("x / (y - z)", ["x / (y - z)", "x", "y - z", "y", "z"]),
        ("-(a) in [(b)]", ["-(a) in [(b)]", "-(a)", "a", "[(b)]", "b"]),
        ("not (a)", ["not (a)", "a"]),
        ("((a))", ["a"]),
    ])
    func rangesIncludeParenthesisedOperands(_ source: String, _ expected: [String]) {
        let view = ExpressionSource(standalone: source)
        var texts: [String] = []
        parse(source).expr.forEach { texts.append(view.slice($0.range)) }
        #expect(texts == expected)
    }

    @Test func notInOperatorRangeSpansBothWords() {
        let source = "x not   in [1]"
        guard case .membership(true, _, _, let range) = parse(source).expr.kind else {
            Issue.record("not a negated membership")
            return
        }
        #expect(ExpressionSource(standalone: source).slice(range) == "not   in")
    }
}

// MARK: Limits (§9)

struct NestingCase: CustomTestStringConvertible, Sendable {
    var name: String
    var depth: Int
    var build: @Sendable (Int) -> String
    var testDescription: String { "\(name) × \(depth)" }
}

private let nestings: [(String, @Sendable (Int) -> String)] = [
    ("parentheses", { String(repeating: "(", count: $0) + "a" + String(repeating: ")", count: $0) }),
    ("lists", { String(repeating: "[", count: $0) + "1" + String(repeating: "]", count: $0) }),
    ("calls", { String(repeating: "abs(", count: $0) + "a" + String(repeating: ")", count: $0) }),
    ("not", { String(repeating: "not ", count: $0) + "a" }),
    ("negation", { String(repeating: "-", count: $0) + "a" }),
    ("parentheses around a comparison", { String(repeating: "(", count: $0) + "a > 1" + String(repeating: ")", count: $0) }),
    // Each level is a pair of parentheses; the `+` between them adds none.
    ("right-nested sums", { String(repeating: "a + (", count: $0) + "a" + String(repeating: ")", count: $0) }),
]

@Suite struct LimitTests {
    static let accepted = nestings.map { NestingCase(name: $0.0, depth: 64, build: $0.1) }
    static let refused = nestings.flatMap { entry in [65, 200].map { NestingCase(name: entry.0, depth: $0, build: entry.1) } }

    @Test(arguments: accepted) func depth64IsAccepted(_ testCase: NestingCase) {
        let result = parse(testCase.build(testCase.depth))
        #expect(result.diagnostics.map(Problem.init) == [])
    }

    @Test(arguments: refused) func deeperIsRefusedWithOneError(_ testCase: NestingCase) {
        let result = parse(testCase.build(testCase.depth))
        #expect(result.diagnostics.map(\.message.id) == ["expr.too-deep"])
    }

    /// The error points at the construct that crosses the limit, and the tree is not handed on.
    @Test func tooDeepPointsAtTheCrossingConstruct() {
        let parens = parse(String(repeating: "(", count: 65) + "a" + String(repeating: ")", count: 65))
        #expect(parens.diagnostics.map(Problem.init) == [Problem("expr.too-deep", column: 65)])
        #expect(parens.diagnostics.first?.message.en == "expression is nested more than 64 levels deep")
        if case .invalid = parens.expr.kind {} else { Issue.record("a too-deep tree was handed on") }

    }

    /// `a and b and c` is flat in the grammar (§4): a chain nests no deeper however long it is.
    @Test(arguments: [
        ("and", "a" + String(repeating: " and a", count: 256)),
        ("or", "(a" + String(repeating: " or a", count: 256) + ")"),
        ("sum", "1" + String(repeating: "+1", count: 256)),
        ("product", "a" + String(repeating: " * 2", count: 255) + " > 0"),
    ])
    func flatChainsAreNotNesting(_ name: String, _ source: String) {
        #expect(source.count <= 4096)
        let result = parse(source)
        #expect(result.diagnostics.map(Problem.init) == [], "\(name)")
    }

    /// The tree of a chain still has a bound, 4 × the depth limit, so that the recursive
    /// walks after parsing stay within the stack.
    @Test func aChainTallerThanTheTreeBoundIsRefused() {
        let limits = ExpressionLimits(maxLength: 4096, maxDepth: 3)
        #expect(limits.maxTreeHeight == 12)
        #expect(ExpressionLimits.default.maxTreeHeight == 256)
        #expect(parse("a" + String(repeating: " + a", count: 12), limits: limits).diagnostics.isEmpty)
        // `a + a + …`: the 13th `+` is at column 3 + 4 × 12.
        let chain = parse("a" + String(repeating: " + a", count: 13), limits: limits)
        #expect(chain.diagnostics.map(Problem.init) == [Problem("expr.chain-too-long", column: 3 + 4 * 12)])
        #expect(chain.diagnostics.first?.message.en == "expression chains more than 12 operators one after another")
        #expect(chain.diagnostics.first?.message.zh == "表达式中连续的运算符超过 12 个")
        if case .invalid = chain.expr.kind {} else { Issue.record("a too-tall tree was handed on") }
    }

    @Test func aLowerLimitApplies() {
        let limits = ExpressionLimits(maxLength: 4096, maxDepth: 3)
        #expect(parse("((a))", limits: limits).diagnostics.isEmpty)
        #expect(parse("abs(abs(abs(a)))", limits: limits).diagnostics.isEmpty)
        #expect(parse("abs(abs(abs(abs(a))))", limits: limits).diagnostics.map(\.message.id) == ["expr.too-deep"])
    }

    @Test func length4096IsAcceptedAnd4097Refused() {
        let base = "name == \"\""
        let fits = "name == \"" + String(repeating: "x", count: 4096 - base.count) + "\""
        #expect(fits.unicodeScalars.count == 4096)
        #expect(parse(fits).diagnostics.isEmpty)

        let tooLong = "name == \"" + String(repeating: "x", count: 4097 - base.count) + "\""
        let result = parse(tooLong)
        #expect(result.diagnostics.map(Problem.init) == [Problem("expr.too-long", column: 1)])
        #expect(result.diagnostics.first?.message.en == "expression is 4097 characters long; the limit is 4096")
    }

    @Test func lengthCountsCodePoints() {
        // 4096 Chinese characters are 12,288 bytes but 4096 characters.
        let text = "\"" + String(repeating: "左", count: 4094) + "\""
        #expect(parse(text).diagnostics.isEmpty)
        #expect(!parse(text + " ").diagnostics.isEmpty)
    }

    @Test func hostileInputDoesNotCrash() {
        for text in [
            String(repeating: "(", count: 4000),
            String(repeating: ")", count: 4000),
            String(repeating: "[", count: 2000) + String(repeating: "]", count: 2000),
            String(repeating: "not ", count: 1000),
            String(repeating: "-", count: 4096),
            String(repeating: "a < ", count: 1000) + "a",
            String(repeating: ",", count: 4096),
            "f(" + String(repeating: "a, ", count: 1300) + "a)",
        ] {
            let result = parse(text)
            #expect(result.hasErrors || text.hasPrefix("f("))
            #expect(result.diagnostics.count <= 3, "\(result.diagnostics.count) errors for \(text.prefix(12))…")
        }
        // Flat chains as long as the length limit allows are valid expressions.
        for text in ["1" + String(repeating: "+1", count: 2000), String(repeating: "a or ", count: 800) + "a"] {
            #expect(parse(text).diagnostics.map(\.message.id) == ["expr.chain-too-long"])
        }
    }
}

@Suite struct GroupedDigitsTests {
    @Test("a number written with commas gets one error, and the help writes it with underscores")
    func groupedDigits() {
        let parsed = Parser.parse(ExpressionSource(standalone: "income >= 5,000,000"))
        #expect(parsed.diagnostics.count == 1)
        #expect(parsed.diagnostics.first?.help?.en == "a comma does not group digits here: write 5_000_000 (or 5000000)")
        #expect(parsed.diagnostics.first?.help?.zh == "此处逗号不能用来分隔数字位数：请写作 5_000_000（或 5000000）")
        // A decimal comma is no grouping: no such help.
        #expect(Parser.parse(ExpressionSource(standalone: "ratio > 1,5")).diagnostics.first?.help == nil)
    }
}
