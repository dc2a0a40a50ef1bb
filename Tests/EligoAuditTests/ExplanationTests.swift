import EligoAudit
import EligoDiagnostics
import EligoEngine
import Testing

/// What the explanations promise, checked directly; the snapshots show the whole text.
@Suite struct ExplanationTests {
    let fixture: AuditFixture

    init() throws {
        fixture = try AuditFixture.shared.get()
    }


    @Test func declineNamesEachMissedThresholdAndByHowMuch() throws {
        let en = try fixture.explanation("DECLINE-RULES-1", "demo-farm-loan", .en).text()
        #expect(en.contains("Credit score 612 is 38 below 650"))
        #expect(en.contains("County yuci, needs to be zuoquan"))
        #expect(en.contains("Dishonest judgment debtor: yes, needs no"))
        #expect(en.contains("✗ credit-floor: Credit score 612, needs at least 650: not met"))
        let zh = try fixture.explanation("DECLINE-RULES-1", "demo-farm-loan", .zh).text()
        #expect(zh.contains("信用评分 612，比 650 低 38"))
        #expect(zh.contains("✗ credit-floor：信用评分 612，要求不低于 650：不满足"))
    }

    @Test func scoreDeclineRanksTheFactorsThatLostMost() throws {
        let text = try fixture.explanation("DECLINE-SCORE-1", "demo-farm-loan", .en).text()
        let ranked = text.split(separator: "\n").filter { $0.hasPrefix("      ") && $0.dropFirst(6).first?.isNumber == true }
        #expect(ranked.map { String($0.dropFirst(6).prefix(while: { $0 != ":" })) } == ["1. Income", "2. Credit score", "3. Experience", "4. Scale"])
        #expect(ranked.first?.contains("Annual income at least 100,000.00 yuan would add 20 points") == true)
        #expect(text.contains("2 more factors lost fewer points"))
        #expect(!text.contains("Score too low"))
    }

    @Test func maxFactorsLimitsTheRanking() throws {
        let text = try fixture.explanation("DECLINE-SCORE-1", "demo-farm-loan", .en, maxFactors: 2).text()
        #expect(text.contains("2. Credit score"))
        #expect(!text.contains("3. Experience"))
        #expect(text.contains("4 more factors lost fewer points"))
    }

    /// A refer on an interval score (§5) is short of the pass mark by a range, not by its low end's gap.
    @Test func referOnAnIntervalSaysTheRange() throws {
        let decision = try fixture.decision("REFER-INTERVAL-1", "demo-farm-loan")
        #expect(decision.outcome == .refer)
        let text = try fixture.explanation("REFER-INTERVAL-1", "demo-farm-loan", .en).text()
        #expect(text.contains("The score between 53 and 58 is 2–7 points short of the pass mark 60."), "\(text)")
        let zh = try fixture.explanation("REFER-INTERVAL-1", "demo-farm-loan", .zh).text()
        #expect(zh.contains("距通过线 60 分还差 2–7 分"))
    }

    @Test func referSaysHowManyPointsAreMissing() throws {
        let text = try fixture.explanation("REFER-1", "demo-farm-loan", .en).text()
        #expect(text.contains("The score 53 is 7 points short of the pass mark 60."))
        #expect(text.contains("1. Credit score: 20 of 30 points; Credit score at least 750 would add 10 points"))
    }

    @Test func amountShowsTheCapThatApplied() throws {
        let text = try fixture.explanation("APPROVE-1", "demo-farm-loan", .en).text()
        #expect(text.contains("70% of Project cost 300,000.00 yuan = 210,000.00 yuan"))
        #expect(text.contains("= 200,000.00 yuan, capped at 200,000.00 yuan"))
        #expect(text.contains("Interest rate: 3.85%"))
        #expect(text.contains("Term: 36 months"))
        let zh = try fixture.explanation("APPROVE-1", "demo-farm-loan", .zh).text()
        #expect(zh.contains("受上限 200,000.00 元限制"))
    }

    /// A better band is advice only where every band before it is false: bands are tried top-down (§5).
    @Test func bandAdviceOnlyWhereItWouldScore() throws {
        let en = try fixture.explanation("APPROVE-1", "demo-banded-grant", .en).text()
        #expect(en.contains("Credit band: 5 of 40 points; up to 35 more points, which needs the band that applied (Credit score at least 750) to no longer hold"))
        #expect(!en.contains("at least 600 would add"))
        #expect(en.contains("Income band: 0 of 20 points; Annual income at least 200,000.00 yuan would add 20 points"))
        let zh = try fixture.explanation("APPROVE-1", "demo-banded-grant", .zh).text()
        #expect(zh.contains("最多可多得 35 分，但需不再符合当前一档（信用评分不低于 750）"))
    }

    /// An award list with an unknown item leaves the decision incomplete, and says so (§10).
    @Test func anUnknownItemOfAListAwardIsExplained() throws {
        let decision = try fixture.decision("APPROVE-1", "demo-stepped-grant")
        #expect(decision.outcome == .incomplete)
        let en = try fixture.explanation("APPROVE-1", "demo-stepped-grant", .en).text()
        #expect(en.contains("Steps cannot be computed yet"), "\(en)")
        #expect(en.contains("How the award was computed"))
        let zh = try fixture.explanation("APPROVE-1", "demo-stepped-grant", .zh).text()
        #expect(zh.contains("暂时无法计算"))
    }

    /// Literals alone are computed too: their value shows, as money where the award is money.
    @Test func literalAwardsShowTheirValues() throws {
        let en = try fixture.explanation("APPROVE-1", "demo-fixed-grant", .en).text()
        #expect(en.contains("- Amount (amount) = 1.005 * 3 = 3.015 yuan"))
        #expect(en.contains("(deposit) = -1\n"))
        #expect(en.contains("(ratio) = 2 / 3 ≈ 0.6667"))
        let zh = try fixture.explanation("APPROVE-1", "demo-fixed-grant", .zh).text()
        #expect(zh.contains("1.005 * 3 = 3.015 元"))
    }

    @Test func incompleteListsFieldsByLabelAndTheDocuments() throws {
        let text = try fixture.explanation("INCOMPLETE-1", "demo-farm-loan", .en).text()
        #expect(text.contains("- Credit score (credit_score)"))
        #expect(text.contains("- Total debt (total_debt)"))
        #expect(text.contains("Credit score: between 0 and 30 of 30 points, depends on Credit score (not provided)"))
        #expect(text.contains("- Land contract or transfer agreement"))
        let zh = try fixture.explanation("INCOMPLETE-1", "demo-farm-loan", .zh).text()
        #expect(zh.contains("- 信用评分（credit_score）"))
        #expect(zh.contains("信用评分未提供"))
    }

    @Test func errorShowsTheMessageAndTheValuesRead() throws {
        let text = try fixture.explanation("ERROR-1", "demo-farm-loan", .en).text()
        #expect(text.contains("division by zero in `total_debt / annual_income`"))
        #expect(text.contains("Annual income 0.00 yuan"))
    }

    @Test func colourOnlyWhenAsked() throws {
        let explanation = try fixture.explanation("APPROVE-1", "demo-farm-loan", .en)
        #expect(!explanation.text().contains("\u{1B}"))
        #expect(explanation.text(colour: true).contains("\u{1B}[1mOutcome: approved\u{1B}[0m"))
        #expect(!explanation.markdown().contains("\u{1B}"))
    }

    @Test(arguments: Language.allCases)
    func sameDecisionSameText(_ language: Language) throws {
        let first = try fixture.explanation("DECLINE-RULES-1", "demo-farm-loan", language)
        let second = try fixture.explanation("DECLINE-RULES-1", "demo-farm-loan", language)
        #expect(first.text() == second.text())
        #expect(first.markdown() == second.markdown())
    }

    @Test func withoutATraceTheReasonsStillShow() throws {
        let text = try fixture.explanation("DECLINE-RULES-1", "demo-farm-loan", .en, explain: false).text()
        #expect(text.contains("Outcome: not approved"))
        #expect(text.contains("✗ The credit score must be at least 650 (credit-floor)"))
        #expect(!text.contains("Eligibility rules"))
    }
}
