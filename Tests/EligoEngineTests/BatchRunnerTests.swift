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
