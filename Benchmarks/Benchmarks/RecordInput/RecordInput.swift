// How fast does `eligo batch` read its input, on one core? Splitting (finding where records end)
// and parsing (typing every cell by the catalog) are measured apart, on populations written by
// `PopulationGenerator` for the project's own catalog (Policies/fields.yaml, ~90 fields).
// Run: swift package --package-path Benchmarks benchmark --target RecordInput
// Each benchmark prints its input's size once (stderr), to turn times into MB/s and records/s.
// The inputs (about 1 GB) stay in the temporary directory for the next run: rm $TMPDIR/eligo-bench-*

import Benchmark
import EligoEngine
import Foundation

/// A generated input file in the temporary directory, written once per run.
struct Input: Sendable {
    let path: String
    let bytes: Int
    let records: Int
    let format: InputFormat

    /// Reuses a file a previous run (another benchmark process) wrote, when its start is what the
    /// generator writes now: records do not depend on the population's size, so a prefix tells.
    init(format: InputFormat, records: Int) {
        self.format = format
        self.records = records
        path = FileManager.default.temporaryDirectory.appendingPathComponent("eligo-bench-\(records).\(format.rawValue)").path
        let options = PopulationGenerator.Options(count: records, seed: 1, format: format, missing: 0.05)
        var sample = options
        sample.count = 100
        let prefix = PopulationGenerator(catalog: catalog, options: sample).bytes()
        let existing = FileHandle(forReadingAtPath: path).flatMap { try? $0.read(upToCount: prefix.count) }
        if existing.map(Array.init) != prefix {
            let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            try! PopulationGenerator(catalog: catalog, options: options).write(to: descriptor)
            close(descriptor)
        }
        bytes = (try! FileManager.default.attributesOfItem(atPath: path)[.size] as! NSNumber).intValue
        FileHandle.standardError.write(Data("\(format.rawValue): \(records) records, \(bytes) bytes (\(bytes / records) per record) in \(path)\n".utf8))
    }
}

/// The project's catalog, found from this file's place in the repository.
let catalog: FieldCatalog = {
    var root = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { root.deleteLastPathComponent() }
    let (policies, diagnostics) = PolicyLoader.load(directory: root.appendingPathComponent("Policies").path)
    guard let policies else { fatalError("Policies do not load: \(diagnostics)") }
    return policies.catalog
}()

let csv = Input(format: .csv, records: 1_000_000)
let jsonl = Input(format: .jsonl, records: 200_000)
let yaml = Input(format: .yaml, records: 20_000)

/// Cuts the whole input into chunks and hands each to `body`.
func eachChunk(_ input: Input, _ body: (RecordChunk, CSVHeader?) -> Void) {
    let descriptor = open(input.path, O_RDONLY)
    defer { close(descriptor) }
    let splitter = try! RecordSplitter(fileDescriptor: descriptor, format: input.format, path: input.path)
    while let chunk = try! splitter.nextChunk(maxRecords: 4096) { body(chunk, splitter.header) }
}

/// Built per use: `Benchmark.Configuration` is not `Sendable`, so it cannot be a global constant.
var configuration: Benchmark.Configuration { Benchmark.Configuration(
    metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
    timeUnits: .milliseconds,
    warmupIterations: 1,
    maxDuration: .seconds(60),
    maxIterations: 5
) }

let benchmarks: @Sendable () -> Void = {
    for input in [csv, jsonl, yaml] {
        let name = "\(input.format.rawValue) \(input.records / 1000)k"
        // Splitting only: read, find record ends, copy records into chunks.
        Benchmark("split/\(name)", configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations {
                var records = 0
                eachChunk(input) { chunk, _ in records += chunk.records.count }
                precondition(records == input.records)
            }
        }
        // Splitting and typing every record, on one thread.
        Benchmark("split+parse/\(name)", configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations {
                var parser: RecordParser?
                var valid = 0
                eachChunk(input) { chunk, header in
                    if parser == nil { parser = RecordParser(format: input.format, catalog: catalog, header: header, path: input.path) }
                    for index in chunk.records.indices where parser!.parse(chunk, index).isValid { valid += 1 }
                }
                precondition(valid == input.records)
            }
        }
    }
    // Writing a population (for load tests), 1M CSV records to /dev/null.
    Benchmark("generate/csv 1000k", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            let descriptor = open("/dev/null", O_WRONLY)
            try! PopulationGenerator(catalog: catalog, options: .init(count: 1_000_000, seed: 1, format: .csv)).write(to: descriptor)
            close(descriptor)
        }
    }
}
