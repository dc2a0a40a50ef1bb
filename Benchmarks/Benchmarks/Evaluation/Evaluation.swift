// How long the engine takes to decide one applicant against the whole programme
// library (issue: "well under a millisecond of engine time"). Policies and
// applicants are loaded once; each iteration evaluates every sample applicant
// in Applicants/ against every product in Policies/, without and with traces.
// Run: swift package --package-path Benchmarks benchmark --target Evaluation

import Benchmark
import EligoEngine
import EligoExpr
import Foundation

let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

struct Library: @unchecked Sendable {
    let evaluator: Evaluator
    let applicants: [ApplicantRecord]
    let asOf = Day(iso: "2026-11-22")!

    init() {
        let (policies, diagnostics) = PolicyLoader.load(directory: root.appendingPathComponent("Policies").path)
        guard let policies else { fatalError("Policies/ does not validate: \(diagnostics.errorCount) errors") }
        evaluator = Evaluator(policies: policies)
        let folder = root.appendingPathComponent("Applicants")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.filter { $0.hasSuffix(".yaml") }.sorted() ?? []
        applicants = files.flatMap { (try? ApplicantFileLoader.load(folder.appendingPathComponent($0).path, catalog: policies.catalog)) ?? [] }
    }
}

nonisolated(unsafe) let library = Library()

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput, .mallocCountTotal], maxDuration: .seconds(3))

    // One unit of work = one applicant against every product of the library.
    Benchmark("one applicant × all products", configuration: .init(scalingFactor: .one)) { benchmark in
        var decided = 0
        for index in benchmark.scaledIterations {
            let record = library.applicants[index % library.applicants.count]
            decided += library.evaluator.decisions(for: record, asOf: library.asOf).count
        }
        blackHole(decided)
    }

    Benchmark("one applicant × all products, explained", configuration: .init(scalingFactor: .one)) { benchmark in
        var decided = 0
        for index in benchmark.scaledIterations {
            let record = library.applicants[index % library.applicants.count]
            decided += library.evaluator.decisions(for: record, asOf: library.asOf, explain: true).count
        }
        blackHole(decided)
    }
}
