import EligoDecimal
import EligoDiagnostics
@testable import EligoExpr
import Foundation
import Testing
import _EligoTestSupport

/// Spec §9 against the inputs of `Tests/Fixtures/fuzz-regressions/expr/`: what the
/// `expr` fuzz target does with an expression (`Fuzz/FuzzExpr.swift`, in this
/// suite's environment), done here too. Each one parses or gets a clean error, prints
/// back to a form that parses to the same tree, checks, and evaluates on every frame
/// without a crash or a hang; the problems and values are the golden ones.
@Suite("Fuzz regressions: expressions")
struct ExprFuzzRegressionTests {
    /// The fuzz target's frames: unknowns, an ordinary record, and records at the edges of each type.
    static let frames: [[Value]] = [
        [Value](repeating: .unknown, count: Slot.count),
        [
            .number(700), .number(dec("120000.00")), .number(dec("0.25")), .string("Li Wei"), .string("zuoquan"),
            .date(day("2000-02-29")), .bool(false), .list([.string("corn"), .string("millet")]), .number(dec("0.4")),
        ],
        [
            .number(300), .number(0), .number(0), .string(""), .string("yuci"), .date(day("0001-01-01")), .bool(true), .list([]),
            .number(0),
        ],
        [
            .number(900), .number(dec("9999999999999999999999999999")), .number(dec("-0.0000000000000000000000000001")),
            .string("e\u{301}\u{10FFFF}é"), .string("zuoquan"), .date(day("9999-12-31")), .unknown, .list([.string(""), .string("é")]),
            .number(dec("-9999999999999999999999999999")),
        ],
    ]

    static let days = ["2025-03-01", "2024-02-29", "0001-01-01", "9999-12-31"].map(day)

    @Test("replays", .timeLimit(.minutes(1)), arguments: FuzzRegression.inputs("expr"))
    func replay(_ input: FuzzRegression) throws {
        let text = String(decoding: try input.bytes, as: UTF8.self)
        let source = ExpressionSource(standalone: text)
        let parsed = Parser.parse(source)
        var lines = ["parse: " + Self.summary(parsed.diagnostics)]
        _ = DiagnosticFormatter(language: .en).format(parsed.diagnostics)
        if !parsed.hasErrors {
            let printed = parsed.expr.printed
            lines.append("printed: " + printed)
            // The printer's parentheses count toward the nesting limit: room for them, as in the fuzz target.
            let roomy = ExpressionLimits(maxLength: 4 * ExpressionLimits.default.maxLength, maxDepth: 2 * ExpressionLimits.default.maxDepth + 1)
            let again = Parser.parse(ExpressionSource(standalone: printed), limits: roomy)
            #expect(!again.hasErrors, "the printed form does not parse: \(printed)")
            #expect(again.expr.printed == printed, "printing is not stable")

            var program = Program()
            var entries: [Program.Entry] = []
            let expectations: [(String, EligoExpr.Expectation)] = [("condition", .condition), ("numeric", .numeric), ("anything", .anything)]
            for (name, expectation) in expectations {
                let (checked, problems) = TypeChecker.check(parsed.expr, source: source, in: environment, expecting: expectation)
                lines.append("\(name): " + Self.summary(problems))
                if let checked { entries.append(program.compile(checked)) }
            }
            let (scoped, problems) = TypeChecker.check(
                parsed.expr, source: source, in: environment.fieldsOnly, expecting: .condition, letNames: ["debt_ratio"])
            lines.append("applies_to: " + Self.summary(problems))
            if let scoped { entries.append(program.compile(scoped)) }

            for entry in entries {
                // The golden file keeps the values of the first date; the others must only not crash.
                for (index, asOf) in Self.days.enumerated() {
                    let values = Self.frames.map { slots in
                        var context = EvaluationContext(slots: slots, asOf: asOf, tracing: true)
                        return program.evaluate(entry, &context).description
                    }
                    if index == 0 { lines.append("values: " + values.joined(separator: " | ")) }
                }
            }
        }
        if let difference = input.check(lines.joined(separator: "\n") + "\n") { Issue.record(Comment(rawValue: difference)) }
    }

    static func summary(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.isEmpty ? "ok" : diagnostics.map { "\($0.message.id)@\($0.location?.description ?? "-")" }.joined(separator: ", ")
    }
}
