import _EligoPropertySupport
import Foundation
import PropertyBased
import Testing
import _EligoTestSupport

// `eligo batch` end to end: the built binary writes the same output, summary and report for any
// `--jobs` and `--chunk-size` on generated populations. The engine-level property (EligoEngineTests,
// BatchPropertyTests) tries many more cases; this one covers what only the command does: the
// per-thread policy copies, the spooled output with its waitlist rewrites, and the files it writes.
//
// Each case starts the binary three times, so the count is small; for a long run:
// `ELIGO_PROPERTY_SCALE=20 swift test --filter CLITests.BatchProperty` (see PropertySettings).

struct CommandSample: Sendable, CustomTestStringConvertible {
    /// The policy library, or the allocation fixture (whose budget binds on a few records).
    var library: Bool
    var count: Int
    var seed: UInt64
    var inputFormat: String
    var outputFormat: String
    var allocate: Bool
    var jobs: Int
    var chunkSize: Int

    var policies: String { library ? "Policies" : "Tests/Fixtures/batch/allocation" }

    /// The options that shape the output, the same for both runs.
    var common: [String] {
        ["--policies", policies, "--as-of", "2025-06-01", "--format", outputFormat, "--lang", "en"] + (allocate ? ["--allocate"] : [])
    }

    var testDescription: String {
        "\(count) \(inputFormat) records (seed \(seed)) on \(policies) as \(outputFormat)\(allocate ? " allocated" : ""), "
            + "--jobs \(jobs) --chunk-size \(chunkSize)"
    }

    static var generator: Generator<CommandSample, some SendableSequenceType> {
        zip(Gen.int(in: 0...30), Gen.int(in: 1...4), Gen.int(in: 1...31), Gen<UInt64>.bitSet).map { count, jobs, chunk, bits in
            CommandSample(
                library: bits & 1 == 0, count: count, seed: bits >> 32, inputFormat: ["csv", "jsonl", "yaml"][Int((bits >> 1) % 3)],
                outputFormat: (bits >> 3) & 1 == 0 ? "csv" : "jsonl", allocate: (bits >> 4) & 1 == 0, jobs: jobs, chunkSize: chunk)
        }
    }
}

@Suite("eligo batch properties")
struct BatchPropertyTests {
    @Test("eligo batch writes the same output, summary and report for any --jobs and --chunk-size")
    func sameBytesForAnySplit() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("eligo-batch-property-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        await checkProperty(count: 4, input: CommandSample.generator) { sample in
            let population = directory.appendingPathComponent("population.\(sample.inputFormat)")
            let generated = try Eligo.run(
                ["generate", "--policies", sample.policies, "--count", "\(sample.count)", "--seed", "\(sample.seed)", "--format", sample.inputFormat,
                 "--missing", "0.1", "--bad", "0.05", "--out", population.path],
                in: Eligo.repository)
            try #require(generated.status == 0, "\(generated.stderrText)")
            var results: [(run: CommandRun, output: Data, summary: Data)] = []
            let splits = [("one", ["--jobs", "1", "--chunk-size", "4096"]), ("split", ["--jobs", "\(sample.jobs)", "--chunk-size", "\(sample.chunkSize)"])]
            for (name, split) in splits {
                let out = directory.appendingPathComponent("out-\(name)")
                let summary = directory.appendingPathComponent("summary-\(name).json")
                let run = try Eligo.run(
                    ["batch", population.path, "--out", out.path, "--summary", summary.path] + sample.common + split, in: Eligo.repository)
                try #require(run.status == 0, "\(run.stderrText)")
                results.append((run, try Data(contentsOf: out), try Data(contentsOf: summary)))
            }
            #expect(results[1].output == results[0].output, "decisions differ from --jobs 1 in one chunk")
            #expect(results[1].summary == results[0].summary, "summary differs from --jobs 1 in one chunk")
            #expect(results[1].run.stderrText == results[0].run.stderrText, "report differs from --jobs 1 in one chunk")
            #expect(results[0].run.stdout.isEmpty && results[1].run.stdout.isEmpty)
        }
    }
}
