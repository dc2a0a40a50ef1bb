import EligoDiagnostics
import EligoEngine
import EligoExpr
import Foundation
import Testing

/// The parallel batch path in this process (not through the executable), so that
/// `scripts/sanitize` sees its threads: workers, the exchange of chunks and results,
/// and allocation after them, with chunks small enough that every worker has many.
@Suite("Batch runner threads")
struct BatchRunnerTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let policies: PolicySet = {
        let (policies, diagnostics) = PolicyLoader.load(directory: root.appendingPathComponent("Policies").path)
        guard let policies else { fatalError(DiagnosticFormatter(language: .en).format(diagnostics.sorted)) }
        return policies
    }()

    /// Runs a batch over `input` (written to a temporary file) and returns the output bytes.
    static func run(_ input: [UInt8], format: InputFormat, jobs: Int, chunkSize: Int, allocate: Bool) throws -> (bytes: [UInt8], report: BatchReport) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("eligo-runner-\(UUID().uuidString)")
        try Data(input).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let descriptor = open(url.path, O_RDONLY)
        defer { close(descriptor) }
        let options = BatchOptions(
            asOf: Day(iso: "2026-11-22")!, jobs: jobs, format: .csv, allocate: allocate, language: .en, chunkSize: chunkSize)
        let writer = DecisionRowWriter(format: .csv, explain: false, language: .en) { decision, _ in decision.productID }
        // Each worker gets its own copy of the policies, as in `eligo batch`.
        let directory = root.appendingPathComponent("Policies").path
        let runner = BatchRunner(policies: policies, options: options, writer: writer) {
            PolicyLoader.load(directory: directory).0 ?? policies
        }
        var bytes: [UInt8] = []
        let report = try runner.run(
            inputs: [BatchInput(path: "population", fileDescriptor: descriptor, format: format)],
            write: { bytes.append(contentsOf: $0) })
        return (bytes, report)
    }

    @Test("any number of threads and any chunk size give the same rows and the same allocation", arguments: InputFormat.allCases)
    func sameOutput(format: InputFormat) throws {
        let input = PopulationGenerator(
            catalog: Self.policies.catalog, options: .init(count: 600, seed: 5, format: format, missing: 0.1, bad: 0.02)
        ).bytes()
        let reference = try Self.run(input, format: format, jobs: 1, chunkSize: 600, allocate: true)
        #expect(reference.report.statistics.recordsRead == 600)
        for (jobs, chunkSize) in [(2, 1), (2, 7), (3, 64)] {
            let parallel = try Self.run(input, format: format, jobs: jobs, chunkSize: chunkSize, allocate: true)
            #expect(parallel.bytes == reference.bytes, "--jobs \(jobs) --chunk-size \(chunkSize)")
            #expect(parallel.report.rewrites.map(\.range) == reference.report.rewrites.map(\.range))
        }
    }

    /// Every record of a product the unboxed path leaves out (`starts_with`) is decided by the
    /// reference, whose boxed values stay in the group's frame for the record's later products;
    /// the next group types another record into that frame, and must not be decided on the
    /// last one's values. 200 records: each of a group's 64 frames holds several in turn.
    @Test func framesReusedByLaterGroupsForgetTheLastRecord() throws {
        let fixture = try PolicyFixture(
            catalog: "fields:\n  id: {type: string, required: true}\n  tag: {type: string}\n  m: {type: money}\n",
            products: [
                "p/vip.yaml": """
                    id: vip
                    version: "1"
                    name: V
                    kind: grant
                    effective: {from: 2025-01-01}
                    eligibility:
                      - {id: vip, rule: 'starts_with(tag, "vip")', reason: {zh: 非, en: Not a VIP}}
                    award:
                      amount: m
                    """,
                "p/any.yaml": """
                    id: any
                    version: "1"
                    name: A
                    kind: grant
                    effective: {from: 2025-01-01}
                    eligibility:
                      - {id: some, rule: m > 100, reason: {zh: 少, en: Too little}}
                    award:
                      amount: m
                    """,
            ])
        var csv = "id,tag,m\n"
        var expected: [String] = []
        for index in 0..<200 {
            // Tags and amounts change from record to record, and from group to group in each frame.
            let vip = index % 3 != 1
            let amount = 50 + index * 7
            csv += "R\(index),\(vip ? "vip-\(index)" : "guest-\(index)"),\(amount)\n"
            expected.append("R\(index),any,1,\(amount > 100 ? "approve,,,\(amount).00," : "decline,,,,some"),,")
            expected.append("R\(index),vip,1,\(vip ? "approve,,,\(amount).00," : "decline,,,,vip"),,")
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("eligo-frames-\(UUID().uuidString)")
        try Data(csv.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let descriptor = open(url.path, O_RDONLY)
        defer { close(descriptor) }
        let options = BatchOptions(asOf: Day(iso: "2026-11-22")!, jobs: 1, format: .csv, language: .en, chunkSize: 200)
        let writer = DecisionRowWriter(format: .csv, explain: false, language: .en) { decision, _ in decision.productID }
        let runner = BatchRunner(policies: fixture.policies, options: options, writer: writer)
        var bytes: [UInt8] = []
        _ = try runner.run(inputs: [BatchInput(path: "in", fileDescriptor: descriptor, format: .csv)], write: { bytes.append(contentsOf: $0) })
        // `input,record,line,` dropped: the rest of each row against what each record should get.
        let rows = String(decoding: bytes, as: UTF8.self).split(separator: "\n").dropFirst().map { row in
            row.split(separator: ",", maxSplits: 3, omittingEmptySubsequences: false).last.map(String.init) ?? ""
        }
        #expect(rows.count == expected.count)
        for (row, want) in zip(rows, expected) where row != want { Issue.record("\(row) instead of \(want)") }
    }

    @Test("an error from the output stops every thread and comes back to the caller")
    func outputFailureStopsTheRun() throws {
        let input = PopulationGenerator(catalog: Self.policies.catalog, options: .init(count: 300, seed: 9, format: .csv)).bytes()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("eligo-runner-\(UUID().uuidString)")
        try Data(input).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let descriptor = open(url.path, O_RDONLY)
        defer { close(descriptor) }
        struct Full: Error {}
        let runner = BatchRunner(
            policies: Self.policies,
            options: BatchOptions(asOf: Day(iso: "2026-11-22")!, jobs: 2, chunkSize: 3),
            writer: DecisionRowWriter(format: .csv, explain: false, language: .en) { decision, _ in decision.productID })
        var chunks = 0
        #expect(throws: Full.self) {
            _ = try runner.run(inputs: [BatchInput(path: "population", fileDescriptor: descriptor, format: .csv)]) { _ in
                chunks += 1
                if chunks == 5 { throw Full() }
            }
        }
    }
}
