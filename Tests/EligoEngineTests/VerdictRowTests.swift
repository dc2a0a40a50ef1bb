import EligoDecimal
import EligoDiagnostics
@testable import EligoEngine
import EligoExpr
import Foundation
import Testing

/// CSV rows and tallies written straight from the unboxed path's verdicts against
/// the same written from full decisions: the bytes, the statistics and the
/// allocation must not tell the two apart.
@Suite("Batch rows from verdicts")
struct VerdictRowTests {
    static let policies = UnboxedDifferentialTests.policies

    struct Run {
        var bytes: [UInt8]
        var report: BatchReport
    }

    static func run(_ input: [UInt8], asOf: Day, allocate: Bool, verdicts: Bool) throws -> Run {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("eligo-verdicts-\(UUID().uuidString)")
        try Data(input).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let descriptor = open(url.path, O_RDONLY)
        defer { close(descriptor) }
        var options = BatchOptions(asOf: asOf, jobs: 1, format: .csv, allocate: allocate, language: .en, chunkSize: 97)
        options.useVerdicts = verdicts
        let writer = DecisionRowWriter(format: .csv, explain: false, language: .en) { decision, _ in decision.productID }
        let runner = BatchRunner(policies: policies, options: options, writer: writer)
        var bytes: [UInt8] = []
        let report = try runner.run(
            inputs: [BatchInput(path: "population, \"quoted\"", fileDescriptor: descriptor, format: .csv)],
            write: { bytes.append(contentsOf: $0) })
        return Run(bytes: bytes, report: report)
    }

    static func summary(_ statistics: BatchStatistics) -> [String] {
        [
            "read \(statistics.recordsRead) invalid \(statistics.invalidRecords) written \(statistics.decisionsWritten)"
        ] + statistics.products.map { product in
            let reasons = product.declineReasons.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
            return "\(product.decisions) \(product.outcomes) n/a \(product.notApplicable) inactive \(product.inactive) "
                + "amount \(product.amountTotal)/\(product.amountCount) histogram \(product.histogram) reasons \(reasons)"
        }
    }

    @Test(arguments: UnboxedDifferentialTests.populations)
    func sameRows(_ population: UnboxedDifferentialTests.Population) throws {
        let input = PopulationGenerator(
            catalog: Self.policies.catalog,
            options: .init(count: 700, seed: population.seed, format: .csv, missing: population.missing, bad: 0.02)
        ).bytes()
        let asOf = try #require(Day(iso: population.asOf))
        for allocate in [false, true] {
            let fast = try Self.run(input, asOf: asOf, allocate: allocate, verdicts: true)
            let full = try Self.run(input, asOf: asOf, allocate: allocate, verdicts: false)
            #expect(fast.report.statistics.recordsRead == 700)
            if fast.bytes != full.bytes {
                let fastRows = String(decoding: fast.bytes, as: UTF8.self).split(separator: "\n")
                let fullRows = String(decoding: full.bytes, as: UTF8.self).split(separator: "\n")
                let first = zip(fastRows, fullRows).first { $0.0 != $0.1 }
                Issue.record("rows differ (allocate \(allocate)): \(first.map { "\($0.0)\n  vs \($0.1)" } ?? "in length")")
            }
            #expect(Self.summary(fast.report.statistics) == Self.summary(full.report.statistics))
            #expect(fast.report.rewrites.map(\.range) == full.report.rewrites.map(\.range))
            #expect(fast.report.rewrites.map(\.bytes) == full.report.rewrites.map(\.bytes))
        }
    }

    /// A record's columns longer than the rows' first scratch memory (an id of 5,000 bytes,
    /// quoted and its quotes doubled): the scratch grows and keeps the columns it holds.
    @Test("rows of a record with very long columns")
    func longRecordColumns() throws {
        let input = PopulationGenerator(
            catalog: Self.policies.catalog, options: .init(count: 40, seed: 5, format: .csv, missing: 0, bad: 0)
        ).bytes()
        var lines = String(decoding: input, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let idColumn = try #require(lines[0].split(separator: ",").firstIndex(of: "id"))
        let longID = String(repeating: "a,\"b\"", count: 1_000)
        for index in [3, 4, 20] {
            var cells = lines[index].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            cells[idColumn] = "\"" + longID.replacingOccurrences(of: "\"", with: "\"\"") + "\(index)\""
            lines[index] = cells.joined(separator: ",")
        }
        let edited = Array(lines.joined(separator: "\n").utf8)
        let asOf = try #require(Day(iso: "2026-11-22"))
        let fast = try Self.run(edited, asOf: asOf, allocate: false, verdicts: true)
        let full = try Self.run(edited, asOf: asOf, allocate: false, verdicts: false)
        let rows = String(decoding: fast.bytes, as: UTF8.self)
        #expect(rows.contains("\"" + longID.replacingOccurrences(of: "\"", with: "\"\"") + "20\""))
        #expect(fast.bytes == full.bytes)
        #expect(fast.report.statistics.invalidRecords == 0)
    }

    @Test("most rows of a population come from verdicts")
    func mostRowsFromVerdicts() throws {
        let records = try UnboxedDifferentialTests.records(count: 500, seed: 11, missing: 0.05, bad: 0.01)
        let asOf = try #require(Day(iso: "2026-11-22"))
        let evaluator = Evaluator(policies: Self.policies)
        var frame = evaluator.makeFrame(asOf: asOf)
        var verdicts = 0
        var decisions = 0
        var outcomes = Set<Outcome>()
        for record in records {
            evaluator.load(record, into: &frame)
            for product in Self.policies.products {
                switch evaluator.evaluateForRow(record, against: product, asOf: asOf, frame: &frame) {
                case .verdict(let verdict):
                    verdicts += 1
                    outcomes.insert(verdict.outcome)
                case .evaluated(.decided): decisions += 1
                case .evaluated(.inactive), .evaluated(.notApplicable): break
                }
            }
        }
        #expect(verdicts * 10 >= (verdicts + decisions) * 8, "\(verdicts) verdicts, \(decisions) decisions")
        #expect(outcomes == [.approve, .refer, .decline, .incomplete])
    }
}
