import EligoAudit
import EligoDiagnostics
import EligoEngine
import Testing

/// Every outcome of the fixture products explained in both languages, as terminal
/// text and as Markdown, against golden files in `Snapshots/`.
@Suite struct ExplanationSnapshotTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let applicant: String
        let product: String

        var testDescription: String { name }
    }

    static let farm = "demo-farm-loan"
    static let grant = "demo-greenhouse-grant"

    static let cases: [Case] = [
        Case(name: "approve-capped", applicant: "APPROVE-1", product: farm),
        Case(name: "approve-raised-no-score", applicant: "APPROVE-1", product: grant),
        Case(name: "refer", applicant: "REFER-1", product: farm),
        Case(name: "decline-rules", applicant: "DECLINE-RULES-1", product: farm),
        Case(name: "decline-or-rule", applicant: "REFER-1", product: grant),
        Case(name: "decline-score", applicant: "DECLINE-SCORE-1", product: farm),
        Case(name: "incomplete", applicant: "INCOMPLETE-1", product: farm),
        Case(name: "error", applicant: "ERROR-1", product: farm),
        Case(name: "invalid", applicant: "INVALID-1", product: farm),
    ]

    @Test(arguments: cases, Language.allCases)
    func text(_ example: Case, _ language: Language) throws {
        let explanation = try AuditFixture.shared.get().explanation(example.applicant, example.product, language)
        Snapshot.check(explanation.text(), named: "\(example.name).\(language.rawValue).txt")
    }

    @Test(arguments: cases, Language.allCases)
    func markdown(_ example: Case, _ language: Language) throws {
        let explanation = try AuditFixture.shared.get().explanation(example.applicant, example.product, language)
        Snapshot.check(explanation.markdown(), named: "\(example.name).\(language.rawValue).md")
    }
}
