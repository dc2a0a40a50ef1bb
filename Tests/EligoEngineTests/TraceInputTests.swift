import EligoEngine
import EligoExpr
import Testing

/// §6: the trace gives each expression "with its result and the input values it read": a
/// name in a branch of `if` that was not chosen, in an argument `coalesce` did not need, or
/// on the side of `and`/`or` that the other side decided, was not read and is not listed.
@Suite struct TraceInputTests {
    static let catalog = """
        fields:
          id: {type: string, required: true}
          f: {type: bool}
          a: {type: number}
          b: {type: number}
        """

    struct Case: CustomTestStringConvertible, Sendable {
        let expression: String
        let applicant: String
        let inputs: [String]
        var testDescription: String { "\(expression) on \(applicant) reads \(inputs)" }
    }

    static let cases: [Case] = [
        Case(expression: "if(f, a, b)", applicant: "{id: A, f: true, a: 5, b: 1}", inputs: ["f", "a"]),
        Case(expression: "if(f, a, b)", applicant: "{id: A, f: false, a: 5, b: 1}", inputs: ["f", "b"]),
        Case(expression: "if(f, a, b)", applicant: "{id: A, a: 5, b: 1}", inputs: ["f"]),
        Case(expression: "coalesce(a, b)", applicant: "{id: A, a: 5, b: 1}", inputs: ["a"]),
        Case(expression: "coalesce(a, b)", applicant: "{id: A, b: 1}", inputs: ["a", "b"]),
        Case(expression: "a + b", applicant: "{id: A, a: 5}", inputs: ["a", "b"]),
        Case(expression: "if(a > 3 or b > 3, 1, 0)", applicant: "{id: A, a: 5, b: 1}", inputs: ["a"]),
        Case(expression: "if(a > 3 and b > 3, 1, 0)", applicant: "{id: A, a: 1, b: 5}", inputs: ["a"]),
        Case(expression: "if(a > 3 and b > 3, 1, 0)", applicant: "{id: A, a: 5, b: 5}", inputs: ["a", "b"]),
        // The right side deciding: the left side's reads did not count (§10: and/or commute).
        Case(expression: "if(a > 3 or b > 3, 1, 0)", applicant: "{id: A, b: 5}", inputs: ["b"]),
        Case(expression: "if(a > 3 or b > 3, 1, 0)", applicant: "{id: A, a: 1, b: 5}", inputs: ["b"]),
        Case(expression: "if(a > 3 and b > 3, 1, 0)", applicant: "{id: A, a: 5, b: 1}", inputs: ["b"]),
        Case(expression: "if(a > 3 and f, 1, 0)", applicant: "{id: A, f: false}", inputs: ["f"]),
        Case(expression: "if(a > 3 or b > 3, 1, 0)", applicant: "{id: A, a: 1}", inputs: ["a", "b"]),
        Case(expression: "if((a > 3 or f) and b > 3, 1, 0)", applicant: "{id: A, f: true, b: 1}", inputs: ["b"]),
        Case(expression: "if((a > 3 or f) and b > 3, 1, 0)", applicant: "{id: A, f: true, b: 5}", inputs: ["f", "b"]),
    ]

    @Test(arguments: cases)
    func listsWhatWasRead(_ test: Case) throws {
        let product = """
            id: p
            version: "1"
            name: {zh: 样例, en: Sample}
            kind: grant
            effective: {from: 2025-01-01}
            award:
              amount: 100
              x: \(test.expression)
            """
        let fixture = try PolicyFixture(catalog: Self.catalog, products: ["p/p.yaml": product])
        let decision = try #require(fixture.decide(test.applicant, explain: true))
        let entry = try #require(decision.trace?.awards.first { $0.name == "x" })
        #expect(entry.inputs.map(\.name) == test.inputs)
    }
}
