import _EligoPropertySupport
import EligoAudit
import EligoDiagnostics
import EligoEngine
import EligoExpr
import Foundation
import PropertyBased
import Testing

// Batch output does not depend on how the work is split: any number of worker threads and any chunk
// size give the same bytes, rows and summary, checked on generated populations with BatchRunner.
//
// Iteration counts are modest so `swift test` stays fast, and the seeds are fixed; for a long run:
// `ELIGO_PROPERTY_SCALE=20 swift test --filter BatchProperty` (see PropertySettings).

/// One batch to run twice: a generated population, the options that must not matter (threads and
/// chunk size) and the options that shape the output (format, trace, allocation, language, date).
struct BatchSample: Sendable, CustomTestStringConvertible {
    /// The policy library, or the small-budget grant of the allocation fixture (where budgets bind).
    var library: Bool
    var count: Int
    var seed: UInt64
    var inputFormat: InputFormat
    /// Percent of optional values left missing, and of records broken on purpose.
    var missing: Int
    var bad: Int
    /// Records of a second input (none when 0).
    var second: Int
    var format: BatchOutputFormat
    var explain: Bool
    var allocate: Bool
    var language: Language
    var asOf: String
    var jobs: Int
    var chunkSize: Int

    var testDescription: String {
        "\(library ? "Policies" : "allocation fixture"): \(count) \(inputFormat) records (seed \(seed), \(missing)% missing, \(bad)% bad, "
            + "\(second) more in a second file) as \(format)\(explain ? " explained" : "")\(allocate ? " allocated" : "") in \(language) on \(asOf), "
            + "--jobs \(jobs) --chunk-size \(chunkSize)"
    }

    static var generator: Generator<BatchSample, some SendableSequenceType> {
        zip(Gen.int(in: 0...48), Gen.int(in: 1...4), Gen.int(in: 1...49), Gen<UInt64>.bitSet).map { count, jobs, chunk, bits in
            // Bits of one draw for the options that need no shrinking.
            func pick(_ shift: UInt64, _ choices: Int) -> Int { Int((bits >> shift) % UInt64(choices)) }
            let formats = InputFormat.allCases
            let inputFormat = formats[pick(2, formats.count)]
            let explain = pick(15, 4) == 0
            // Traces and YAML are slow in a debug build: fewer records there keep the test to seconds.
            let count = explain ? min(count, 8) : inputFormat == .yaml ? min(count, 16) : count
            return BatchSample(
                library: pick(0, 3) != 0, count: count, seed: bits >> 40, inputFormat: inputFormat,
                missing: pick(4, 4) * 10, bad: pick(6, 3) * 5, second: pick(8, 2) == 0 ? 0 : min(count, pick(9, 12)),
                format: pick(14, 2) == 0 ? .csv : .jsonl, explain: explain, allocate: pick(17, 2) == 0,
                language: pick(18, 2) == 0 ? .en : .zh, asOf: ["2025-06-01", "2024-03-01", "2026-11-22"][pick(19, 3)],
                jobs: jobs, chunkSize: chunk)
        }
    }
}

enum BatchFixture {
    static let allocation: PolicySet = {
        let directory = Library.root.appendingPathComponent("Tests/Fixtures/batch/allocation")
        let (policies, diagnostics) = PolicyLoader.load(directory: directory.path)
        guard let policies else { fatalError(DiagnosticFormatter(language: .en).format(diagnostics.sorted)) }
        return policies
    }()

    /// The output and the JSON summary of one run, as `eligo batch` writes them (waitlist rewrites applied).
    static func run(_ sample: BatchSample, inputs: [(path: String, format: InputFormat)], jobs: Int, chunkSize: Int) throws
        -> (output: [UInt8], summary: String)
    {
        let policies = sample.library ? Library.policies : allocation
        let asOf = Day(iso: sample.asOf)!
        let options = BatchOptions(
            asOf: asOf, jobs: jobs, format: sample.format, explain: sample.explain, allocate: sample.allocate, language: sample.language,
            chunkSize: chunkSize)
        let language = sample.language
        let writer = DecisionRowWriter(format: sample.format, explain: sample.explain, language: language) { decision, input in
            var json = JSONWriter(pretty: false)
            DecisionJSON.write(decision, language: language, input: input, to: &json)
            return json.text
        }
        let runner = BatchRunner(policies: policies, options: options, writer: writer)
        let opened = inputs.map { BatchInput(path: $0.path, fileDescriptor: open($0.path, O_RDONLY), format: $0.format) }
        defer { for input in opened { close(input.fileDescriptor) } }
        var spool: [UInt8] = []
        let report = try runner.run(inputs: opened, write: { bytes in spool.append(contentsOf: bytes) })
        var output: [UInt8] = []
        var position = 0
        for rewrite in report.rewrites {
            output += spool[position..<rewrite.range.lowerBound] + rewrite.bytes
            position = rewrite.range.upperBound
        }
        output += spool[position...]
        let summary = BatchSummary(report: report, policies: policies, asOf: asOf, allocated: sample.allocate).json()
        return (output, summary)
    }
}

@Suite("Batch properties")
struct BatchPropertyTests {
    @Test("batch output and summary are the same bytes for any --jobs from 1 to 4 and any --chunk-size")
    func outputIndependentOfJobsAndChunks() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("eligo-batch-property-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        await checkProperty(count: 30, input: BatchSample.generator) { sample in
            let policies = sample.library ? Library.policies : BatchFixture.allocation
            // One or two inputs, each a whole file of its format (ids repeat across them, as in real exports).
            var inputs: [(path: String, format: InputFormat)] = []
            let populations = [(sample.count, sample.seed), (sample.second, sample.seed &+ 1)]
            for (index, (count, seed)) in populations.enumerated() where index == 0 || count > 0 {
                let options = PopulationGenerator.Options(
                    count: count, seed: seed, format: sample.inputFormat, missing: Double(sample.missing) / 100, bad: Double(sample.bad) / 100)
                let path = directory.appendingPathComponent("input-\(index).\(sample.inputFormat)").path
                try Data(PopulationGenerator(catalog: policies.catalog, options: options).bytes()).write(to: URL(fileURLWithPath: path))
                inputs.append((path, sample.inputFormat))
            }
            let baseline = try BatchFixture.run(sample, inputs: inputs, jobs: 1, chunkSize: 4096)
            let variant = try BatchFixture.run(sample, inputs: inputs, jobs: sample.jobs, chunkSize: sample.chunkSize)
            #expect(variant.output == baseline.output, "rows differ from --jobs 1 in one chunk")
            #expect(variant.summary == baseline.summary, "summary differs from --jobs 1 in one chunk")
            if variant.output != baseline.output {
                let lines = { (bytes: [UInt8]) in String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init) }
                let (a, b) = (lines(baseline.output), lines(variant.output))
                if let index = a.indices.first(where: { $0 >= b.count || a[$0] != b[$0] }) {
                    Issue.record("first difference, line \(index + 1):\n\(a[index])\n\(index < b.count ? b[index] : "(none)")")
                }
            }
        }
    }
}
