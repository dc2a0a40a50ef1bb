import EligoDecimal
import Testing
@testable import EligoExpr

/// One token as a test expects it: its kind and its byte range in the expression.
struct Lexeme: Equatable, Sendable, CustomStringConvertible {
    var kind: Token.Kind
    var range: Range<Int>

    static func num(_ text: String, _ range: Range<Int>, percent: Bool = false) -> Lexeme {
        Lexeme(kind: .number(dec(text), isPercent: percent), range: range)
    }
    static func str(_ value: String, _ range: Range<Int>) -> Lexeme { Lexeme(kind: .string(value), range: range) }
    static func id(_ name: String, _ range: Range<Int>) -> Lexeme { Lexeme(kind: .identifier(name), range: range) }
    static func kw(_ keyword: Token.Keyword, _ range: Range<Int>) -> Lexeme { Lexeme(kind: .keyword(keyword), range: range) }
    static func p(_ punct: Token.Punct, _ range: Range<Int>) -> Lexeme { Lexeme(kind: .punct(punct), range: range) }
    static func end(_ at: Int) -> Lexeme { Lexeme(kind: .endOfInput, range: at..<at) }

    var description: String { "\(kind)@\(range.lowerBound)..<\(range.upperBound)" }
}

/// A lexer problem: message id and byte range.
struct LexProblem: Equatable, Sendable, CustomStringConvertible {
    var id: String
    var range: Range<Int>
    init(_ id: String, _ range: Range<Int>) {
        self.id = id
        self.range = range
    }
    var description: String { "\(id)@\(range.lowerBound)..<\(range.upperBound)" }
}

struct LexCase: CustomTestStringConvertible, Sendable {
    var source: String
    var tokens: [Lexeme]
    var problems: [LexProblem] = []
    var testDescription: String { source.debugDescription }
}


private let numberCases: [LexCase] = [
    LexCase(source: "0", tokens: [.num("0", 0..<1), .end(1)]),
    LexCase(source: "650", tokens: [.num("650", 0..<3), .end(3)]),
    LexCase(source: "1_000", tokens: [.num("1000", 0..<5), .end(5)]),
    LexCase(source: "840_000_000", tokens: [.num("840000000", 0..<11), .end(11)]),
    LexCase(source: "0.5", tokens: [.num("0.5", 0..<3), .end(3)]),
    LexCase(source: "1_000.25", tokens: [.num("1000.25", 0..<8), .end(8)]),
    LexCase(source: "3.85%", tokens: [.num("0.0385", 0..<5, percent: true), .end(5)]),
    LexCase(source: "70%", tokens: [.num("0.7", 0..<3, percent: true), .end(3)]),
    LexCase(source: "100%", tokens: [.num("1", 0..<4, percent: true), .end(4)]),
    LexCase(source: "0.5%", tokens: [.num("0.005", 0..<4, percent: true), .end(4)]),
    // 40 places and a percent reach the 42 places a number holds; one place more cannot be held
    // exactly and is rejected like any literal too long, not rounded to 0 (found by a property test).
    LexCase(
        source: "0.0000000000000000000000000000000000000001%",
        tokens: [.num("0.000000000000000000000000000000000000000001", 0..<43, percent: true), .end(43)]),
    LexCase(
        source: "0.00000000000000000000000000000000000000001%", tokens: [.num("0", 0..<44), .end(44)],
        problems: [LexProblem("expr.number-too-long", 0..<44)]),
    LexCase(
        source: "0.000000000000000000000000000000000000000015%", tokens: [.num("0", 0..<45), .end(45)],
        problems: [LexProblem("expr.number-too-long", 0..<45)]),
    LexCase(source: "0.00000000000000000000000000000000000000010%", tokens: [.num("0.000000000000000000000000000000000000000001", 0..<44, percent: true), .end(44)]),
    // 35 digits, but a percentage of 34 significant digits, which a number holds (was rejected as too long).
    LexCase(
        source: "12345678901234567890123456789012340%",
        tokens: [.num("123456789012345678901234567890123.4", 0..<36, percent: true), .end(36)]),
    LexCase(
        source: "12345678901234567890123456789012345%", tokens: [.num("0", 0..<36), .end(36)],
        problems: [LexProblem("expr.number-too-long", 0..<36)]),
    LexCase(source: "1__0", tokens: [.num("0", 0..<4), .end(4)], problems: [LexProblem("expr.malformed-number", 0..<4)]),
    LexCase(source: "1_", tokens: [.num("0", 0..<2), .end(2)], problems: [LexProblem("expr.malformed-number", 0..<2)]),
    LexCase(source: "1.", tokens: [.num("0", 0..<2), .end(2)], problems: [LexProblem("expr.malformed-number", 0..<2)]),
    LexCase(source: "1.2.3", tokens: [.num("0", 0..<5), .end(5)], problems: [LexProblem("expr.malformed-number", 0..<5)]),
    LexCase(source: "12abc", tokens: [.num("0", 0..<5), .end(5)], problems: [LexProblem("expr.malformed-number", 0..<5)]),
    LexCase(source: "1._5", tokens: [.num("0", 0..<4), .end(4)], problems: [LexProblem("expr.malformed-number", 0..<4)]),
    // A fraction without its leading zero is one malformed number, not a dot and a number.
    LexCase(source: ".5", tokens: [.num("0", 0..<2), .end(2)], problems: [LexProblem("expr.malformed-number", 0..<2)]),
    LexCase(
        source: "x >= 1__0 and y",
        tokens: [.id("x", 0..<1), .p(.ge, 2..<4), .num("0", 5..<9), .kw(.and, 10..<13), .id("y", 14..<15), .end(15)],
        problems: [LexProblem("expr.malformed-number", 5..<9)]),
    LexCase(source: "2-1", tokens: [.num("2", 0..<1), .p(.minus, 1..<2), .num("1", 2..<3), .end(3)]),
]

private let stringCases: [LexCase] = [
    LexCase(source: #""zuoquan""#, tokens: [.str("zuoquan", 0..<9), .end(9)]),
    LexCase(source: "'zuoquan'", tokens: [.str("zuoquan", 0..<9), .end(9)]),
    LexCase(source: #""""#, tokens: [.str("", 0..<2), .end(2)]),
    LexCase(source: #"'it\'s'"#, tokens: [.str("it's", 0..<7), .end(7)]),
    LexCase(source: #""it's""#, tokens: [.str("it's", 0..<6), .end(6)]),
    LexCase(source: #"'say "hi"'"#, tokens: [.str("say \"hi\"", 0..<10), .end(10)]),
    LexCase(source: #""a\"b\\c\nd\te""#, tokens: [.str("a\"b\\c\nd\te", 0..<15), .end(15)]),
    // Any UTF-8 inside; ranges are bytes (左 and 权 are three bytes each).
    LexCase(source: #""左权" x"#, tokens: [.str("左权", 0..<8), .id("x", 9..<10), .end(10)]),
    LexCase(source: #""abc"#, tokens: [.str("abc", 0..<4), .end(4)], problems: [LexProblem("expr.unterminated-string", 0..<4)]),
    LexCase(source: #"x == 'abc"#, tokens: [.id("x", 0..<1), .p(.eq, 2..<4), .str("abc", 5..<9), .end(9)], problems: [LexProblem("expr.unterminated-string", 5..<9)]),
    LexCase(source: #""a\"#, tokens: [.str("a", 0..<3), .end(3)], problems: [LexProblem("expr.unterminated-string", 0..<3)]),
    LexCase(source: #""a\qb""#, tokens: [.str("ab", 0..<6), .end(6)], problems: [LexProblem("expr.bad-escape", 2..<4)]),
    LexCase(source: #""\u0041""#, tokens: [.str("0041", 0..<8), .end(8)], problems: [LexProblem("expr.bad-escape", 1..<3)]),
    LexCase(source: #""\左""#, tokens: [.str("", 0..<6), .end(6)], problems: [LexProblem("expr.bad-escape", 1..<5)]),
    // Literals are NFC-normalised: e + combining acute is stored as é.
    LexCase(source: "\"e\u{301}\"", tokens: [.str("\u{E9}", 0..<5), .end(5)]),
]

private let operatorCases: [LexCase] = [
    LexCase(
        source: "( ) [ ] , . + - * /",
        tokens: [
            .p(.lparen, 0..<1), .p(.rparen, 2..<3), .p(.lbracket, 4..<5), .p(.rbracket, 6..<7), .p(.comma, 8..<9),
            .p(.dot, 10..<11), .p(.plus, 12..<13), .p(.minus, 14..<15), .p(.star, 16..<17), .p(.slash, 18..<19), .end(19),
        ]),
    LexCase(
        source: "== != < <= > >=",
        tokens: [.p(.eq, 0..<2), .p(.ne, 3..<5), .p(.lt, 6..<7), .p(.le, 8..<10), .p(.gt, 11..<12), .p(.ge, 13..<15), .end(15)]),
    LexCase(source: "a<=b", tokens: [.id("a", 0..<1), .p(.le, 1..<3), .id("b", 3..<4), .end(4)]),
    LexCase(source: "a = b", tokens: [.id("a", 0..<1), .p(.eq, 2..<3), .id("b", 4..<5), .end(5)], problems: [LexProblem("expr.use-operator", 2..<3)]),
    LexCase(source: "!a", tokens: [.kw(.not, 0..<1), .id("a", 1..<2), .end(2)], problems: [LexProblem("expr.use-operator", 0..<1)]),
    LexCase(source: "a && b", tokens: [.id("a", 0..<1), .kw(.and, 2..<4), .id("b", 5..<6), .end(6)], problems: [LexProblem("expr.use-operator", 2..<4)]),
    LexCase(source: "a & b", tokens: [.id("a", 0..<1), .kw(.and, 2..<3), .id("b", 4..<5), .end(5)], problems: [LexProblem("expr.use-operator", 2..<3)]),
    LexCase(source: "a || b", tokens: [.id("a", 0..<1), .kw(.or, 2..<4), .id("b", 5..<6), .end(6)], problems: [LexProblem("expr.use-operator", 2..<4)]),
    LexCase(source: "a $ b", tokens: [.id("a", 0..<1), .id("b", 4..<5), .end(5)], problems: [LexProblem("expr.unexpected-character", 2..<3)]),
    LexCase(source: "%", tokens: [.end(1)], problems: [LexProblem("expr.unexpected-character", 0..<1)]),
    LexCase(source: "x > 年", tokens: [.id("x", 0..<1), .p(.gt, 2..<3), .end(7)], problems: [LexProblem("expr.unexpected-character", 4..<7)]),
    // A run of unexpected characters (a field name typed in Chinese) is one problem.
    LexCase(source: "年龄 >= 18", tokens: [.p(.ge, 7..<9), .num("18", 10..<12), .end(12)], problems: [LexProblem("expr.unexpected-character", 0..<6)]),
    LexCase(
        source: "a $ b # c",
        tokens: [.id("a", 0..<1), .id("b", 4..<5), .id("c", 8..<9), .end(9)],
        problems: [LexProblem("expr.unexpected-character", 2..<3), LexProblem("expr.unexpected-character", 6..<7)]),
]

private let wordCases: [LexCase] = [
    LexCase(
        source: "and or not in true false as_of",
        tokens: [
            .kw(.and, 0..<3), .kw(.or, 4..<6), .kw(.not, 7..<10), .kw(.in, 11..<13), .kw(.true, 14..<18),
            .kw(.false, 19..<24), .kw(.asOf, 25..<30), .end(30),
        ]),
    // Keywords are whole, lowercase words.
    LexCase(
        source: "AND android notin as_of_date True _x x1_y",
        tokens: [
            .id("AND", 0..<3), .id("android", 4..<11), .id("notin", 12..<17), .id("as_of_date", 18..<28),
            .id("True", 29..<33), .id("_x", 34..<36), .id("x1_y", 37..<41), .end(41),
        ]),
    LexCase(source: "a.b.c", tokens: [.id("a", 0..<1), .p(.dot, 1..<2), .id("b", 2..<3), .p(.dot, 3..<4), .id("c", 4..<5), .end(5)]),
    LexCase(source: " \t\n a\r\n", tokens: [.id("a", 4..<5), .end(7)]),
    LexCase(source: "", tokens: [.end(0)]),
    LexCase(
        source: "age(birth_date) >= 18",
        tokens: [.id("age", 0..<3), .p(.lparen, 3..<4), .id("birth_date", 4..<14), .p(.rparen, 14..<15), .p(.ge, 16..<18), .num("18", 19..<21), .end(21)]),
]

@Suite struct LexerTests {
    private func run(_ testCase: LexCase) {
        let (tokens, problems) = Lexer.tokenize(Array(testCase.source.utf8))
        let lexemes = tokens.map { Lexeme(kind: $0.kind, range: $0.range) }
        #expect(lexemes == testCase.tokens)
        #expect(problems.map { LexProblem($0.0.id, $0.1) } == testCase.problems)
    }

    @Test(arguments: numberCases) func numbers(_ testCase: LexCase) { run(testCase) }
    @Test(arguments: stringCases) func strings(_ testCase: LexCase) { run(testCase) }
    @Test(arguments: operatorCases) func operators(_ testCase: LexCase) { run(testCase) }
    @Test(arguments: wordCases) func words(_ testCase: LexCase) { run(testCase) }

    @Test func percentIsExact() throws {
        let (tokens, _) = Lexer.tokenize(Array("3.85%".utf8))
        guard case .number(let value, let isPercent) = tokens[0].kind else {
            Issue.record("not a number: \(tokens[0].kind)")
            return
        }
        #expect(isPercent)
        #expect(value == dec("0.0385"))
        #expect(value * 100 == dec("3.85"))
    }

    /// The messages tell the author what to write instead.
    @Test(arguments: [
        ("a = b", "'=' is not an operator here; write '=='"),
        ("!a", "'!' is not an operator here; write 'not'"),
        ("a && b", "'&&' is not an operator here; write 'and'"),
        ("a || b", "'||' is not an operator here; write 'or'"),
        ("x > 年", "unexpected character '年' in expression"),
        (#""a\qb""#, #"unknown escape '\q' in string (use \" \' \\ \n \t)"#),
        ("12abc", "malformed number '12abc'"),
        // A number that cannot be held exactly says which bound it breaks.
        ("10000000000000000000000000000000000", "number '10000000000000000000000000000000000' is too large: a number must be below 10^34"),
        ("0_010000000000000000000000000000000000", "number '0_010000000000000000000000000000000000' is too large: a number must be below 10^34"),
        ("123456789012345678901234567890123456.5", "number '123456789012345678901234567890123456.5' is too large: a number must be below 10^34"),
        ("1234567890123456789012345678901234567%", "number '1234567890123456789012345678901234567%' is too large: a number must be below 10^34"),
        ("0.0000000000000000000000000000000000000000001",
         "number '0.0000000000000000000000000000000000000000001' has more than 42 decimal places, the finest a number holds"),
        ("0.00000000000000000000000000000000000000001%",
         "number '0.00000000000000000000000000000000000000001%' has more than 42 decimal places, the finest a number holds (a percentage has 2 more than it shows)"),
        ("1.2345678901234567890123456789012345",
         "number '1.2345678901234567890123456789012345' has more than 34 significant digits, the most a number holds exactly"),
        ("12345678901234567890123456789012345%",
         "number '12345678901234567890123456789012345%' has more than 34 significant digits, the most a number holds exactly"),
    ])
    func helpfulMessages(_ source: String, _ english: String) {
        let (_, problems) = Lexer.tokenize(Array(source.utf8))
        #expect(problems.map(\.0.en) == [english])
        #expect(problems.allSatisfy { !$0.0.zh.isEmpty })
    }
}

private func * (lhs: ExactDecimal, rhs: Int) -> ExactDecimal {
    (try? lhs.multiplied(by: ExactDecimal(rhs))) ?? .zero
}
