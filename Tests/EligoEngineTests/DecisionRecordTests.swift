import EligoAudit
import EligoEngine
import EligoExpr
import Foundation
import Testing

/// The decision record: its JSON matches the versioned schema in every outcome,
/// and the same inputs give the same bytes.
@Suite struct DecisionRecordTests {
    static func decisions(explain: Bool) -> [Decision] {
        OutcomeTests.cases.compactMap { OutcomeTests.fixture.decide($0.applicant, explain: explain) }
    }

    @Test func everyOutcomeMatchesTheDecisionSchema() throws {
        var cases: [PolicySchemaTests.Case] = []
        for explain in [false, true] {
            for (index, decision) in Self.decisions(explain: explain).enumerated() {
                var json = JSONWriter()
                DecisionJSON.write(decision, language: .zh, to: &json)
                cases.append(.init(name: "\(decision.outcome.rawValue)-\(index)-\(explain)", schema: "decision.schema.json", document: json.text, shouldPass: true))
            }
        }
        #expect(Set(Self.decisions(explain: false).map(\.outcome)) == [.approve, .refer, .decline, .incomplete, .error, .invalid])
        #expect(try PolicySchemaTests.misjudged(cases) == [])
    }

    @Test func theSameInputsGiveTheSameBytes() {
        let first = DecisionJSON.render(Self.decisions(explain: true), language: .en)
        let second = DecisionJSON.render(Self.decisions(explain: true), language: .en)
        #expect(first == second)
        #expect(first.contains("\"digest\": \"sha256:"))
    }

    @Test func moneyIsADecimalStringWithTwoPlaces() throws {
        let decision = try #require(OutcomeTests.fixture.decide(OutcomeTests.cases[1].applicant))
        var json = JSONWriter()
        DecisionJSON.write(decision, language: .en, to: &json)
        #expect(json.text.contains("\"amount\": \"70000.00\""))
        #expect(json.text.contains("\"rate\": \"0.0385\""))
    }

    @Test func theDigestIsTheSha256OfTheProductFile() throws {
        let product = try #require(OutcomeTests.fixture.policies.products.first)
        // sha256 of the bytes the fixture wrote (its text in UTF-8), computed independently.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum"]
        let pipe = Pipe()
        let input = Pipe()
        process.standardOutput = pipe
        process.standardInput = input
        try process.run()
        input.fileHandleForWriting.write(Data(OutcomeTests.product.utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(output.hasPrefix(product.digest))
    }
}
