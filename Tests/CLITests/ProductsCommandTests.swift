import Foundation
import Testing
import _EligoTestSupport

/// `eligo products` on `Tests/Fixtures/products/`: a standing product (`always`), one in
/// effect for 2025 only (`window`) and one from 2026 (`future`).
@Suite("eligo products")
struct ProductsCommandTests {
    static let policies = "Tests/Fixtures/products"

    static func run(_ options: [String]) throws -> CommandRun {
        try Eligo.run(["products", "--policies", policies] + options, in: Eligo.repository)
    }

    /// The first cells of each row (product, kind, version and, with --all, the status), by product id.
    static func rows(_ run: CommandRun) -> [String: [String]] {
        var rows: [String: [String]] = [:]
        for line in run.stdoutText.split(separator: "\n").dropFirst(2) {
            let cells = line.split(separator: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            rows[cells[0]] = cells
        }
        return rows
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var asOf: String
        var language: String
        /// The status of `always`, `window` and `future`.
        var statuses: [String]
        var testDescription: String { "\(asOf) \(language)" }
    }

    static let cases = [
        Case(asOf: "2024-06-01", language: "en", statuses: ["in effect", "not yet in effect (from 2025-01-01)", "not yet in effect (from 2026-01-01)"]),
        Case(asOf: "2025-01-01", language: "en", statuses: ["in effect", "in effect", "not yet in effect (from 2026-01-01)"]),
        Case(asOf: "2025-12-31", language: "en", statuses: ["in effect", "in effect", "not yet in effect (from 2026-01-01)"]),
        Case(asOf: "2026-01-01", language: "en", statuses: ["in effect", "no longer in effect (until 2025-12-31)", "in effect"]),
        Case(asOf: "2024-06-01", language: "zh", statuses: ["有效", "尚未生效（2025-01-01 起）", "尚未生效（2026-01-01 起）"]),
        Case(asOf: "2026-01-01", language: "zh", statuses: ["有效", "已失效（有效至 2025-12-31）", "有效"]),
    ]

    @Test("--all lists every product and marks those not in effect on --as-of; without it, only those in effect, unmarked", arguments: cases)
    func marks(_ check: Case) throws {
        let all = try Self.run(["--all", "--as-of", check.asOf, "--lang", check.language])
        #expect(all.status == 0)
        #expect(all.stderr.isEmpty)
        let header = all.stdoutText.split(separator: "\n").first.map(String.init) ?? ""
        #expect(header.contains(check.language == "zh" ? "\(check.asOf) 状态" : "on \(check.asOf)"))
        let rows = Self.rows(all)
        #expect(["always", "window", "future"].map { rows[$0]?[3] } == check.statuses)

        let plain = try Self.run(["--as-of", check.asOf, "--lang", check.language])
        #expect(plain.status == 0)
        let plainHeader = plain.stdoutText.split(separator: "\n").first.map(String.init) ?? ""
        #expect(plainHeader.split(separator: " ").map(String.init) == (check.language == "zh" ? ["产品", "类型", "版本", "概要"] : ["product", "kind", "version", "summary"]))
        let inEffect = zip(["always", "window", "future"], check.statuses).filter { $0.1 == check.statuses[0] }.map(\.0)
        #expect(Self.rows(plain).keys.sorted() == inEffect.sorted())
        #expect(Self.rows(plain).values.allSatisfy { $0.count == 4 }, "no status column without --all")
    }

    @Test("--all, whole output", arguments: ["en", "zh"])
    func transcript(_ language: String) throws {
        let run = try Self.run(["--all", "--as-of", "2026-01-01", "--lang", language])
        let url = Eligo.fixtures.appendingPathComponent("cli/products-all.\(language).txt")
        if let problem = GoldenFile.check(Transcript.of(run), against: url, displayPath: Eligo.relative(url)) {
            Issue.record(Comment(rawValue: problem))
        }
    }

    @Test("with nothing in effect, the table is empty and stderr points at --all", arguments: ["en", "zh"])
    func nothingInEffect(_ language: String) throws {
        let run = try Self.run(["--as-of", "1990-01-01", "--lang", language])
        #expect(run.status == 0)
        #expect(Self.rows(run).isEmpty)
        #expect(run.stderrText == (language == "en"
            ? "eligo: no product is in effect on 1990-01-01; --all lists every product\n"
            : "eligo: 1990-01-01 没有有效的产品；--all 列出全部产品\n"))
        #expect(try Self.run(["--as-of", "2026-01-01", "--lang", language]).stderr.isEmpty)
    }
}
