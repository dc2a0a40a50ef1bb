import EligoDecimal
import EligoDiagnostics
import EligoExpr

// Fuzz target `expr`: the input is one expression. It is parsed, printed and
// parsed again (the printer promises the same tree), checked for every
// expectation and in the fields-only scope of `applies_to`, compiled, and
// evaluated on frames of ordinary, extreme and unknown values, with tracing.
//
// The environment is the one of the expression tests (Tests/EligoExprTests,
// `Support.swift`): one field of every type and a `let`, so that
// `FuzzRegressionTests` there replays a find exactly.

let countyDomain = EnumDomain(name: "county", values: ["zuoquan", "yuci"])

let environment: Environment = {
    var environment = Environment()
    environment.declareField("credit_score", type: .int, slot: 0, minimum: .number(300), maximum: .number(900))
    environment.declareField("annual_income", type: .money, slot: 1, minimum: .number(0))
    environment.declareField("ratio", type: .number, slot: 2)
    environment.declareField("name", type: .string, slot: 3)
    environment.declareField("county", type: .enumeration(countyDomain), slot: 4)
    environment.declareField("birth_date", type: .date, slot: 5)
    environment.declareField("blacklisted", type: .bool, slot: 6)
    environment.declareField("crops", type: .list(.string), slot: 7)
    environment.declareLet("debt_ratio", type: .number, slot: 8)
    return environment
}()

func decimal(_ text: String) -> Value {
    guard let value = ExactDecimal(text) else { preconditionFailure("bad decimal \(text)") }
    return .number(value)
}

func date(_ text: String) -> Value {
    guard let value = Day(iso: text) else { preconditionFailure("bad date \(text)") }
    return .date(value)
}

/// Slot values: all unknown, an ordinary record, and records at the edges of each type.
let frames: [[Value]] = [
    [Value](repeating: .unknown, count: 9),
    [
        decimal("700"), decimal("120000.00"), decimal("0.25"), .string("Li Wei"), .string("zuoquan"), date("2000-02-29"),
        .bool(false), .list([.string("corn"), .string("millet")]), decimal("0.4"),
    ],
    [
        decimal("300"), decimal("0"), decimal("0"), .string(""), .string("yuci"), date("0001-01-01"), .bool(true), .list([]),
        decimal("0"),
    ],
    [
        decimal("900"), decimal("9999999999999999999999999999"), decimal("-0.0000000000000000000000000001"),
        .string("e\u{301}\u{10FFFF}é"), .string("zuoquan"), date("9999-12-31"), .unknown, .list([.string(""), .string("é")]),
        decimal("-9999999999999999999999999999"),
    ],
]

/// Room for the parentheses the printer adds: twice the nesting, and the length that takes.
let printedLimits = ExpressionLimits(maxLength: 4 * ExpressionLimits.default.maxLength, maxDepth: 2 * ExpressionLimits.default.maxDepth + 1)

let days = ["2025-03-01", "2024-02-29", "0001-01-01", "9999-12-31"].compactMap { Day(iso: $0) }

@_cdecl("LLVMFuzzerInitialize")
public func fuzzExprInitialize(_ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    FuzzSupport.prepare {
        _ = environment
        _ = environment.fieldsOnly
        _ = frames
        _ = days
    }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExpr(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
    let text = String(decoding: bytes, as: UTF8.self)
    let source = ExpressionSource(standalone: text)
    let parsed = Parser.parse(source)
    FuzzSupport.render(parsed.diagnostics)
    guard !parsed.hasErrors else { return 0 }

    // The printer adds parentheses (`-(-x)`), and they count toward the nesting limit:
    // the printed form is parsed with room for them.
    let printed = parsed.expr.printed
    let again = Parser.parse(ExpressionSource(standalone: printed), limits: printedLimits)
    precondition(!again.hasErrors, "the printed form of \(text.debugDescription) does not parse: \(printed.debugDescription)")
    precondition(again.expr.printed == printed, "printing \(text.debugDescription) is not stable: \(printed.debugDescription) then \(again.expr.printed.debugDescription)")

    var program = Program()
    var entries: [Program.Entry] = []
    for expectation in [Expectation.condition, .numeric, .anything] {
        let (checked, problems) = TypeChecker.check(parsed.expr, source: source, in: environment, expecting: expectation)
        FuzzSupport.render(problems)
        guard let checked else { continue }
        if let never = Satisfiability.check(checked) { FuzzSupport.render([never]) }
        entries.append(program.compile(checked))
    }
    let (scoped, problems) = TypeChecker.check(
        parsed.expr, source: source, in: environment.fieldsOnly, expecting: .condition, letNames: ["debt_ratio"])
    FuzzSupport.render(problems)
    if let scoped { entries.append(program.compile(scoped)) }

    for day in days {
        for slots in frames {
            for entry in entries {
                var context = EvaluationContext(slots: slots, asOf: day, tracing: true)
                _ = program.evaluate(entry, &context).description
                _ = context.trace
            }
        }
    }
    return 0
}
