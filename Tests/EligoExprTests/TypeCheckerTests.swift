import EligoDiagnostics
import Testing
@testable import EligoExpr

struct TypeCase: CustomTestStringConvertible, Sendable {
    var source: String
    var type: String
    var testDescription: String { "\(source)  ⇒  \(type)" }
}

struct TypeErrorCase: CustomTestStringConvertible, Sendable {
    var source: String
    var expecting: EligoExpr.Expectation = .anything
    var problems: [Problem]
    /// The English help of each problem, when the case cares.
    var help: [String?]?
    var testDescription: String { "\(source)  ⇒  \(problems)" }
}

private func typed(_ source: String, _ type: String) -> TypeCase { TypeCase(source: source, type: type) }

private func rejects(_ source: String, _ id: String, at column: Int, help: String? = nil, expecting: EligoExpr.Expectation = .anything) -> TypeErrorCase {
    TypeErrorCase(source: source, expecting: expecting, problems: [Problem(id, column: column)], help: [help])
}

private let wellTyped: [TypeCase] = [
    // Names and literals.
    typed("credit_score", "int"),
    typed("annual_income", "money"),
    typed("ratio", "number"),
    typed("name", "string"),
    typed("county", "enum county"),
    typed("birth_date", "date"),
    typed("blacklisted", "bool"),
    typed("crops", "list of string"),
    typed("debt_ratio", "number"),
    typed("as_of", "date"),
    typed("650", "int"),
    typed("1.5", "number"),
    typed("70%", "number"),
    typed("\"x\"", "string"),
    typed("true", "bool"),
    typed("[1, 2.5]", "list of number"),
    typed("[1, annual_income]", "list of money"),
    typed("[]", "list of any"),
    typed("[[1], []]", "list of list of int"),
    // Arithmetic: money is contagious, money / money is a number (§10).
    typed("credit_score + 1", "int"),
    typed("credit_score * 2 - 1", "int"),
    typed("credit_score / 2", "number"),
    typed("-credit_score", "int"),
    typed("ratio * 2", "number"),
    typed("annual_income * 70%", "money"),
    typed("annual_income + 1", "money"),
    typed("annual_income / 12", "money"),
    typed("annual_income / annual_income", "number"),
    typed("annual_income * annual_income", "money"),
    typed("-annual_income", "money"),
    typed("(annual_income - 1000) / annual_income", "number"),
    // Conditions.
    typed("credit_score >= 650", "bool"),
    typed("annual_income > 1.5", "bool"),
    typed("birth_date < as_of", "bool"),
    typed("county == \"zuoquan\"", "bool"),
    typed("county == if(blacklisted, \"yuci\", county)", "bool"),
    typed("county == coalesce(county, \"zuoquan\")", "bool"),
    typed("[county] == [\"yuci\"]", "bool"),
    typed("\"yuci\" != county", "bool"),
    typed("county == name", "bool"),
    typed("blacklisted == false", "bool"),
    typed("crops == [\"corn\"]", "bool"),
    typed("county in [\"zuoquan\", \"yuci\"]", "bool"),
    typed("county not in [\"yuci\"]", "bool"),
    typed("\"corn\" in crops", "bool"),
    typed("\"li\" in name", "bool"),
    typed("credit_score in [600, 700.5]", "bool"),
    typed("birth_date in [date(\"2000-01-01\")]", "bool"),
    typed("not blacklisted and credit_score >= 650 or ratio < 0.5", "bool"),
    // Functions.
    typed("min(annual_income * 70%, 300000)", "money"),
    typed("min(credit_score, 900)", "int"),
    typed("max(ratio, 1)", "number"),
    typed("max(birth_date, date(\"2000-01-01\"), as_of)", "date"),
    typed("abs(ratio)", "number"),
    typed("abs(annual_income)", "money"),
    typed("clamp(credit_score, 300, 900)", "int"),
    typed("clamp(ratio, 0, 1)", "number"),
    typed("round(ratio)", "int"),
    typed("round(annual_income)", "money"),
    typed("round(annual_income, 2)", "money"),
    typed("round(ratio, 2)", "number"),
    typed("round(credit_score, -1)", "int"),
    typed("round(ratio, credit_score - 700)", "number"),
    typed("floor(annual_income, 0.5)", "money"),
    typed("floor(ratio)", "number"),
    typed("floor(ratio, 0.5)", "number"),
    typed("floor(credit_score, 10)", "int"),
    typed("floor(credit_score, 0.5)", "number"),
    typed("ceil(annual_income, 1000)", "money"),
    typed("len(name)", "int"),
    typed("len(crops)", "int"),
    typed("len(county)", "int"),
    typed("contains(crops, \"corn\")", "bool"),
    typed("contains(name, \"li\")", "bool"),
    typed("starts_with(name, \"li\")", "bool"),
    typed("ends_with(county, \"quan\")", "bool"),
    typed("lower(name)", "string"),
    typed("upper(county)", "string"),
    typed("date(\"2024-02-29\")", "date"),
    typed("years_between(birth_date, as_of)", "int"),
    typed("months_between(birth_date, date(\"2025-01-31\"))", "int"),
    typed("days_between(as_of, birth_date)", "int"),
    typed("age(birth_date)", "int"),
    typed("present(ratio)", "bool"),
    typed("missing(county)", "bool"),
    typed("coalesce(ratio, 0)", "number"),
    typed("coalesce(annual_income, 0)", "money"),
    typed("coalesce(county, \"zuoquan\")", "string"),
    typed("if(blacklisted, 0, annual_income)", "money"),
    typed("if(blacklisted, 1, 2.5)", "number"),
    typed("if(blacklisted, 1, 2)", "int"),
    typed("if(blacklisted, birth_date, as_of)", "date"),
    typed("if(blacklisted, county, \"x\")", "string"),
]

private let typeErrors: [TypeErrorCase] = [
    // Names and functions: at the name, with a suggestion when one is close.
    rejects("credit_scor >= 650", "expr.unknown-name", at: 1, help: "did you mean 'credit_score'?"),
    rejects("650 <= credit_scor", "expr.unknown-name", at: 8, help: "did you mean 'credit_score'?"),
    rejects("countyy == \"yuci\"", "expr.unknown-name", at: 1, help: "did you mean 'county'?"),
    rejects("debt_ratoi > 1", "expr.unknown-name", at: 1, help: "did you mean 'debt_ratio'?"),
    rejects("foo > 1", "expr.unknown-name", at: 1),
    rejects("applicant.age > 18", "expr.unknown-name", at: 1),
    rejects("maxx(1, 2)", "expr.unknown-function", at: 1, help: "did you mean 'max'?"),
    rejects("1 + start_with(name, \"a\")", "expr.unknown-function", at: 5, help: "did you mean 'starts_with'?"),
    rejects(
        "frobnicate(1)", "expr.unknown-function", at: 1,
        help: "the functions are: min, max, abs, clamp, round, floor, ceil, len, contains, starts_with, ends_with, lower, upper, date, years_between, months_between, days_between, age, present, missing, coalesce, if"),
    // Arity, one case per arity class, at the function's name, with its synopsis.
    rejects("abs()", "expr.arity", at: 1, help: "usage: abs(x)"),
    rejects("abs(1, 2)", "expr.arity", at: 1, help: "usage: abs(x)"),
    rejects("1 + len(crops, name)", "expr.arity", at: 5, help: "usage: len(x)"),
    rejects("contains(crops)", "expr.arity", at: 1, help: "usage: contains(list_or_string, x)"),
    rejects("days_between(as_of, as_of, as_of)", "expr.arity", at: 1, help: "usage: days_between(a, b)"),
    rejects("clamp(1, 2)", "expr.arity", at: 1, help: "usage: clamp(x, lo, hi)"),
    rejects("if(true, 1)", "expr.arity", at: 1, help: "usage: if(c, a, b)"),
    rejects("round()", "expr.arity", at: 1, help: "usage: round(x[, digits])"),
    rejects("floor(1, 2, 3)", "expr.arity", at: 1, help: "usage: floor(x[, step])"),
    rejects("min(1)", "expr.arity", at: 1, help: "usage: min(a, b, ...)"),
    rejects("max()", "expr.arity", at: 1, help: "usage: max(a, b, ...)"),
    rejects("coalesce(ratio)", "expr.arity", at: 1, help: "usage: coalesce(a, b, ...)"),
    rejects("date()", "expr.arity", at: 1, help: "usage: date(\"YYYY-MM-DD\")"),
    // Operands: at the operator.
    rejects("name == 1", "expr.compare-types", at: 6),
    rejects("credit_score == \"650\"", "expr.compare-types", at: 14, help: "\"650\" is a string; write the number without quotes: 650"),
    rejects("blacklisted != 0", "expr.compare-types", at: 13),
    rejects("birth_date == \"2000-01-01\"", "expr.compare-types", at: 12, help: "\"2000-01-01\" is a string; write a date as date(\"2000-01-01\")"),
    rejects("birth_date < 5", "expr.compare-types", at: 12),
    rejects("birth_date + 1", "expr.operand-types", at: 12, help: "dates cannot be added to or subtracted from; compare age(d), years_between, months_between or days_between instead"),
    rejects("birth_date - birth_date", "expr.operand-types", at: 12, help: "dates cannot be added to or subtracted from; compare age(d), years_between, months_between or days_between instead"),
    rejects("as_of + as_of", "expr.operand-types", at: 7, help: "dates cannot be added to or subtracted from; compare age(d), years_between, months_between or days_between instead"),
    rejects("blacklisted * 2", "expr.operand-types", at: 13),
    rejects("name + \"x\"", "expr.string-plus", at: 6),
    rejects("\"a\" + county", "expr.string-plus", at: 5),
    rejects("name < \"m\"", "expr.ordering", at: 6),
    rejects("county >= \"yuci\"", "expr.ordering", at: 8),
    rejects("blacklisted < true", "expr.ordering", at: 13),
    rejects("crops > crops", "expr.ordering", at: 7),
    rejects("blacklisted and 1", "expr.operand-type", at: 13),
    rejects("credit_score or blacklisted", "expr.operand-type", at: 14),
    rejects("not credit_score", "expr.operand-type", at: 1),
    rejects("-name", "expr.operand-type", at: 1),
    rejects("1 in 2", "expr.operand-type", at: 3),
    rejects("1 in crops", "expr.compare-types", at: 3),
    rejects("1 in name", "expr.compare-types", at: 3),
    rejects("[1, \"a\"]", "expr.mixed-list", at: 5),
    // Enum literals outside `values`: at the literal, with a suggestion.
    rejects("county == \"zuoqan\"", "expr.enum-value", at: 11, help: "did you mean 'zuoquan'?"),
    rejects("\"Yuci\" == county", "expr.enum-value", at: 1, help: "did you mean 'yuci'?"),
    rejects("county != \"beijing\"", "expr.enum-value", at: 11),
    rejects("county in [\"zuoquan\", \"bad\"]", "expr.enum-value", at: 23),
    rejects("county not in [\"yuci\", \"yuchi\"]", "expr.enum-value", at: 24, help: "did you mean 'yuci'?"),
    rejects("contains([\"zuoquan\", \"bad\"], county)", "expr.enum-value", at: 22),
    // …and where `if` or `coalesce` may give the literal, or a list of enums meets a list of literals.
    rejects("county == if(blacklisted, \"yuci\", \"qq\")", "expr.enum-value", at: 35),
    rejects("county == coalesce(county, \"nope\")", "expr.enum-value", at: 28),
    rejects("[county] == [\"bad\"]", "expr.enum-value", at: 14),
    rejects("[\"yuci\", \"bad\"] != [county, county]", "expr.enum-value", at: 10),
    // Function arguments: at the argument.
    rejects("if(ratio, 1, 2)", "expr.argument-type", at: 4),
    rejects("if(blacklisted, 1, \"a\")", "expr.branch-types", at: 20),
    rejects("coalesce(ratio, name)", "expr.branch-types", at: 17),
    rejects("date(\"2023-02-29\")", "expr.bad-date", at: 6),
    rejects("date(\"2024-13-01\")", "expr.bad-date", at: 6),
    rejects("date(\"2024-1-1\")", "expr.bad-date", at: 6),
    rejects("date(name)", "expr.date-literal", at: 6),
    rejects("date(20240101)", "expr.date-literal", at: 6),
    rejects("round(ratio, 1.5)", "expr.round-digits", at: 14),
    rejects("round(ratio, -1.5)", "expr.round-digits", at: 14),
    rejects("round(ratio, ratio)", "expr.round-digits", at: 14),
    rejects("round(ratio, name)", "expr.argument-type", at: 14),
    rejects("round(name)", "expr.argument-type", at: 7),
    rejects("floor(ratio, name)", "expr.argument-type", at: 14),
    rejects("abs(name)", "expr.argument-type", at: 5),
    // One problem, not a second one about the call's value where it is used.
    rejects("abs(name) > 1", "expr.argument-type", at: 5),
    rejects("round(name) + 1 > 2", "expr.argument-type", at: 7),
    rejects("min(name, 1) == 1", "expr.argument-type", at: 5),
    rejects("floor(name, 2) * 3 > 1", "expr.argument-type", at: 7),
    rejects("clamp(name, 1, 2) < 3", "expr.argument-type", at: 7),
    rejects("clamp(ratio, 0, birth_date)", "expr.argument-type", at: 17),
    rejects("min(1, birth_date)", "expr.argument-type", at: 8),
    rejects("len(5)", "expr.argument-type", at: 5),
    rejects("len(birth_date)", "expr.argument-type", at: 5),
    rejects("contains(crops, 1)", "expr.argument-type", at: 17),
    rejects("contains(5, 1)", "expr.argument-type", at: 10),
    rejects("starts_with(name, 1)", "expr.argument-type", at: 19),
    rejects("lower(1)", "expr.argument-type", at: 7),
    rejects("years_between(birth_date, 2020)", "expr.argument-type", at: 27),
    rejects("age(name)", "expr.argument-type", at: 5),
    // Where the expression is used.
    rejects("annual_income * 2", "expr.expected-type", at: 1, expecting: .condition),
    rejects("\"yes\"", "expr.expected-type", at: 1, expecting: .condition),
    rejects("name", "expr.expected-type", at: 1, expecting: .numeric),
    rejects("blacklisted", "expr.expected-type", at: 1, expecting: .numeric),
    // Several mistakes are all reported, and one mistake only once.
    TypeErrorCase(
        source: "foo > 1 and county == \"bad\"",
        problems: [Problem("expr.unknown-name", column: 1), Problem("expr.enum-value", column: 23)], help: nil),
    TypeErrorCase(source: "if(blacklisted, nope, 5) + 1 > 2", problems: [Problem("expr.unknown-name", column: 17)], help: nil),
    TypeErrorCase(source: "nope + 1 >= 2 and nope2", problems: [Problem("expr.unknown-name", column: 1), Problem("expr.unknown-name", column: 19)], help: nil),
    TypeErrorCase(source: "frob(nope) > 1", problems: [Problem("expr.unknown-function", column: 1), Problem("expr.unknown-name", column: 6)], help: nil),
    TypeErrorCase(source: "min(nope) > 1", problems: [Problem("expr.arity", column: 1), Problem("expr.unknown-name", column: 5)], help: nil),
    TypeErrorCase(source: "nope", expecting: .condition, problems: [Problem("expr.unknown-name", column: 1)], help: nil),
    TypeErrorCase(source: "-nope * 2", expecting: .numeric, problems: [Problem("expr.unknown-name", column: 2)], help: nil),
]

@Suite struct TypeCheckerTests {
    @Test(arguments: wellTyped) func types(_ testCase: TypeCase) {
        let (checked, diagnostics) = check(testCase.source)
        #expect(diagnostics.map(Problem.init) == [])
        #expect(checked?.type.description == testCase.type)
    }

    @Test(arguments: typeErrors) func errors(_ testCase: TypeErrorCase) {
        let (checked, diagnostics) = check(testCase.source, expecting: testCase.expecting)
        #expect(checked == nil)
        #expect(diagnostics.map(Problem.init) == testCase.problems)
        if let help = testCase.help {
            #expect(diagnostics.map { $0.help?.en } == help)
        }
    }

    /// The whole tree's types, as the conventions suggest for checker tests.
    @Test(arguments: [
        ("annual_income * 70% > 100", "((annual_income~money * 0.7(%)~number)~money > 100~int)~bool"),
        ("age(birth_date) >= 18", "(age(birth_date~date)~int >= 18~int)~bool"),
        ("county in [\"yuci\"]", "(county~enum county in [\"yuci\"~string]~list of string)~bool"),
        ("-ratio / 2", "((-ratio~number)~number / 2~int)~number"),
    ])
    func annotatedTree(_ source: String, _ annotated: String) {
        #expect(check(source).checked?.annotated == annotated)
    }

    @Test func messagesNameWhatIsWrong() {
        let cases: [(String, String)] = [
            ("name == 1", "cannot compare string with int"),
            ("birth_date + 1", "'+' cannot combine date and int"),
            ("name < \"m\"", "'<' applies to numbers and dates only, not string"),
            ("name + \"x\"", "strings cannot be joined with '+'"),
            ("county == \"bad\"", "\"bad\" is not a value of county (zuoquan, yuci)"),
            ("min(1)", "'min' takes 2 or more arguments, but 1 was given"),
            ("abs(1, 2)", "'abs' takes 1 argument, but 2 were given"),
            ("round()", "'round' takes 1 or 2 arguments, but 0 were given"),
            ("clamp(1)", "'clamp' takes 3 arguments, but 1 was given"),
            ("date(\"2023-02-29\")", "\"2023-02-29\" is not a real date in the form YYYY-MM-DD"),
            ("credit_scor > 1", "unknown field or let 'credit_scor'"),
        ]
        for (source, english) in cases {
            #expect(check(source).diagnostics.map(\.message.en) == [english], "\(source)")
        }
    }

    /// `applies_to` may read fields only; naming a `let` there gets its own message.
    @Test func appliesToReadsFieldsOnly() {
        let fields = environment.fieldsOnly
        let lets: Set<String> = ["debt_ratio"]

        let usesLet = check("debt_ratio > 0.5", in: fields, expecting: .condition, letNames: lets)
        #expect(usesLet.diagnostics.map(Problem.init) == [Problem("expr.let-in-applies-to", column: 1)])
        #expect(usesLet.diagnostics.first?.message.en == "'applies_to' may read fields only, not the let 'debt_ratio'")

        let typo = check("credit_scor > 1 and county == \"yuci\"", in: fields, expecting: .condition, letNames: lets)
        #expect(typo.diagnostics.map(Problem.init) == [Problem("expr.unknown-name", column: 1)])
        #expect(typo.diagnostics.first?.help?.en == "did you mean 'credit_score'?")

        let fine = check("county == \"yuci\" and credit_score > 600", in: fields, expecting: .condition, letNames: lets)
        #expect(fine.diagnostics.isEmpty)
        #expect(fine.checked != nil)

        // Elsewhere the let is an ordinary name.
        #expect(check("debt_ratio > 0.5", expecting: .condition).diagnostics.isEmpty)
    }

    /// A let's value may use only the lets before it: one defined later, or itself, gets its own
    /// message (with a note at the later let's definition), not "unknown field or let".
    @Test(arguments: [
        ("later + 1", "expr.let-used-early", "let 'later' is defined later; a let may use only the lets defined before it",
         "move 'later' above the let that uses it", ["'later' is defined here"]),
        ("early * 2", "expr.let-uses-itself", "let 'early' cannot use itself; a let may use only the lets defined before it", nil, []),
        ("latr + 1", "expr.unknown-name", "unknown field or let 'latr'", nil, []),
    ] as [(String, String, String, String?, [String])])
    func letsDefinedLater(_ source: String, _ id: String, _ english: String, _ help: String?, _ notes: [String]) throws {
        let text = ExpressionSource(standalone: source)
        let parsed = Parser.parse(text)
        let definition = SourceSpan(file: SourceFile(path: "p.yaml", text: "later: 1\n"), start: 0, length: 5)
        let (checked, diagnostics) = TypeChecker.check(
            parsed.expr, source: text, in: environment, expecting: .anything, laterLets: ["early": definition, "later": definition],
            currentLet: "early")
        #expect(checked == nil)
        #expect(diagnostics.map(\.message.id) == [id])
        #expect(diagnostics.map(\.message.en) == [english])
        #expect(diagnostics.first?.help?.en == help)
        #expect(diagnostics.first?.notes.map(\.message.en) == notes)
        #expect(diagnostics.allSatisfy { !$0.message.zh.isEmpty })
        // Where the let is defined, the name is an ordinary one.
        #expect(check("debt_ratio + 1").diagnostics.isEmpty)
    }

    @Test func resolvedNamesAndFunctionsAreRecorded() throws {
        let checked = try #require(check("age(birth_date) >= 18 and debt_ratio < 1").checked)
        var symbols: [String: Int32] = [:]
        var builtins: [Builtin] = []
        checked.expr.forEach { node in
            if case .name(let name) = node.kind { symbols[name] = checked.symbols[node.id]?.slot }
            if case .call = node.kind, let builtin = checked.builtins[node.id] { builtins.append(builtin) }
        }
        #expect(symbols == ["birth_date": Slot.birthDate, "debt_ratio": Slot.debtRatio])
        #expect(builtins == [.age])
        #expect(checked.symbols.values.map(\.kind).sorted { "\($0)" < "\($1)" } == [.field, .let])
    }

    @Test func positionsInsideAFileFollowTheLocator() throws {
        // An expression taken from a YAML file: offsets map through the scalar's start.
        let file = SourceFile(path: "Policies/p.yaml", text: "rule: credit_scor >= 650\n")
        let text = "credit_scor >= 650"
        let source = ExpressionSource(text: text) { range in
            SourceSpan(file: file, start: range.lowerBound + 6, end: range.upperBound + 6)
        }
        let parsed = Parser.parse(source)
        let diagnostics = TypeChecker.check(parsed.expr, source: source, in: environment, expecting: .condition).diagnostics
        #expect(diagnostics.map(\.location) == [SourceLocation(line: 1, column: 7)])
        #expect(diagnostics.first?.path == "Policies/p.yaml")
    }
}
