import EligoDiagnostics
import Testing
@testable import EligoExpr

/// Conditions the checker proves can never be true, and the help it gives.
struct SatisfiabilityCase: CustomTestStringConvertible, Sendable {
    var source: String
    /// The English help under "this condition can never be true"; nil when the condition may hold.
    var help: String??
    var testDescription: String { source }
}

private func never(_ source: String, help: String?) -> SatisfiabilityCase { SatisfiabilityCase(source: source, help: .some(help)) }
private func satisfiable(_ source: String) -> SatisfiabilityCase { SatisfiabilityCase(source: source, help: .none) }

private let satisfiabilityCases: [SatisfiabilityCase] = [
    never("credit_score >= 70 and credit_score <= 65", help: "no value of credit_score satisfies credit_score >= 70 and credit_score <= 65"),
    never("credit_score > 900", help: "no value of credit_score satisfies credit_score > 900"),
    never("county == \"zuoquan\" and county == \"yuci\"", help: "no value of county satisfies county == \"zuoquan\" and county == \"yuci\""),
    satisfiable("credit_score >= 650 and credit_score <= 700"),
    satisfiable("county == \"zuoquan\" or county == \"yuci\""),
    // `x in []` is never true: false for a known x, unknown for an unknown one (§4).
    never("credit_score in []", help: "no value of credit_score satisfies credit_score in []"),
    never("ratio in [] or credit_score > 900", help: "no value of ratio satisfies ratio in [] or credit_score > 900"),
    satisfiable("credit_score not in []"),
    // A condition that reads no field has no value to blame.
    never("false", help: "it reads no field, so it is false for every applicant"),
    never("false or (false)", help: "it reads no field, so it is false for every applicant"),
    never("credit_score > 1 and (false or false)", help: "a part of it that reads no field is false for every applicant"),
    never("false or credit_score > 900", help: "no value of credit_score satisfies false or credit_score > 900"),
    never("credit_score > 900 or false", help: "no value of credit_score satisfies credit_score > 900 or false"),
    satisfiable("true"),
    satisfiable("false or credit_score > 600"),
    satisfiable("not (credit_score in [])"),
]

@Suite struct SatisfiabilityTests {
    @Test(arguments: satisfiabilityCases)
    func neverTrue(_ testCase: SatisfiabilityCase) throws {
        let checked = try #require(check(testCase.source, expecting: .condition).checked)
        let diagnostic = Satisfiability.check(checked)
        switch testCase.help {
        case .none:
            #expect(diagnostic == nil, "\(diagnostic?.message.en ?? "")")
        case .some(let help):
            #expect(diagnostic?.message.id == "rule.never-true")
            #expect(diagnostic?.help?.en == help)
        }
    }
}
