@testable import EligoAudit
import EligoEngine
import EligoExpr
import Testing

/// What `eligo check` prints around the decisions.
@Suite("Check report")
struct CheckReportTests {
    static func section(_ file: String, _ number: Int) -> CheckReport.Section {
        CheckReport.Section(
            file: file, record: ApplicantRecord(id: "A\(number)", values: [], number: number, line: number, problems: []), decisions: [],
            skipped: [])
    }

    /// §9: an applicant file of tens of thousands of documents once took minutes,
    /// each title counting the sections of its file anew.
    @Test("titles name the record only in a file of several; twenty thousand applicants render at once", .timeLimit(.minutes(1)))
    func manyApplicants() throws {
        let fixture = try AuditFixture.shared.get()
        let day = try #require(Day(iso: "2025-06-01"))
        let sections = [Self.section("one.yaml", 1)] + (1...20_000).map { Self.section("many.yaml", $0) }
        let text = CheckReport(policies: fixture.policies, asOf: day, sections: sections, language: .en).text(explain: false)
        #expect(text.hasPrefix("Applicant A1 (one.yaml), as of 2025-06-01\n\nNo product applies.\n"))
        #expect(text.hasSuffix("Applicant A20000 (many.yaml #20000), as of 2025-06-01\n\nNo product applies.\n"))
        let markdown = CheckReport(policies: fixture.policies, asOf: day, sections: sections, language: .zh).markdown(explain: false)
        #expect(markdown.contains("## 申请人 A2（many.yaml #2），评估日期 2025-06-01\n"))
    }

    @Test("markdown says when no product applies, as the text does, and writes no empty table")
    func markdownWithoutProducts() throws {
        let fixture = try AuditFixture.shared.get()
        let day = try #require(Day(iso: "2025-06-01"))
        let markdown = CheckReport(policies: fixture.policies, asOf: day, sections: [Self.section("one.yaml", 1)], language: .en).markdown(explain: false)
        #expect(markdown == "## Applicant A1 (one.yaml), as of 2025-06-01\n\nNo product applies.\n\n\n")
        let zh = CheckReport(policies: fixture.policies, asOf: day, sections: [Self.section("one.yaml", 1)], language: .zh).markdown(explain: false)
        #expect(zh.contains("没有适用的产品。"))
        #expect(!zh.contains("| 产品 |"))
    }

    @Test("a table cell escapes Markdown and keeps to one line")
    func markdownCells() {
        #expect("*one* <b> a|b\nc_d".markdownCell() == "\\*one\\* \\<b\\> a\\|b c\\_d")
    }

    @Test("a refer on an interval score is short of the pass mark by a range in the table too")
    func referRangeInTheTable() throws {
        let fixture = try AuditFixture.shared.get()
        let decision = try fixture.decision("REFER-INTERVAL-1", "demo-farm-loan")
        #expect(DecisionTable.mainReason(decision, .en) == "2–7 points short of the pass mark")
        #expect(DecisionTable.mainReason(decision, .zh) == "距通过线还差 2–7 分")
        let definite = try fixture.decision("REFER-1", "demo-farm-loan")
        #expect(DecisionTable.mainReason(definite, .en) == "7 points short of the pass mark")
    }
}
