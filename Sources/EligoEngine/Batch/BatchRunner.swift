import Dispatch
import EligoDecimal
public import EligoDiagnostics
public import EligoExpr
import Foundation

/// One input of a batch: a file or standard input, already open.
public struct BatchInput: Sendable {
    public var path: String
    public var fileDescriptor: Int32
    public var format: InputFormat

    public init(path: String, fileDescriptor: Int32, format: InputFormat) {
        self.path = path
        self.fileDescriptor = fileDescriptor
        self.format = format
    }
}

/// What a batch run produced besides its rows.
public struct BatchReport: Sendable {
    public var statistics: BatchStatistics
    /// Per product with a budget, when allocating: what was used.
    public var allocations: [String: Allocation.Result]
    /// Byte ranges of rows to rewrite as `waitlist`, and their new text; empty without `--allocate`.
    public var rewrites: [(range: Range<Int>, bytes: [UInt8])]
}

/// Scores whole populations: reads records in chunks, evaluates chunks on
/// every core, and writes rows in input order.
///
/// Memory stays flat: at most a window of `jobs × 4` chunks is in flight;
/// only approved decisions competing for a budget are kept (for `--allocate`).
public final class BatchRunner: Sendable {
    public let policies: PolicySet
    public let options: BatchOptions
    public let writer: DecisionRowWriter
    private let evaluator: Evaluator
    private let histogramWidths: [ExactDecimal?]

    public init(policies: PolicySet, options: BatchOptions, writer: DecisionRowWriter) {
        self.policies = policies
        self.options = options
        self.writer = writer
        self.evaluator = Evaluator(policies: policies)
        self.histogramWidths = policies.products.map { product in
            guard let maximum = product.score?.maximumScore, maximum.signum > 0 else { return nil }
            return try? maximum.divided(by: 10).rounded(scale: 0, .up)
        }
    }

    /// The result of one chunk, made on a worker thread.
    struct ChunkResult: Sendable {
        var output = OutputBuffer()
        var statistics: BatchStatistics
        var candidates: [Int: [AllocationCandidate]] = [:]
        var decisions = 0
    }

    /// Runs the batch, writing rows (after the header) through `write`.
    ///
    /// - Parameters:
    ///   - write: receives output bytes in order; a thrown error stops the run.
    ///   - progress: called after each window with the records read so far.
    public func run(
        inputs: [BatchInput], write: (borrowing [UInt8]) throws -> Void, progress: ((Int) -> Void)? = nil
    ) throws -> BatchReport {
        var statistics = BatchStatistics(productCount: policies.products.count)
        var candidates: [Int: [AllocationCandidate]] = [:]
        var written = 0
        var sequence = 0
        let header = Array(writer.header.utf8)
        if !header.isEmpty {
            try write(header)
            written += header.count
        }
        let window = options.jobs * 4
        for input in inputs {
            let splitter = try RecordSplitter(fileDescriptor: input.fileDescriptor, format: input.format, path: input.path, limits: options.limits)
            var parser: RecordParser?
            var recordsInInput = 0
            var finished = false
            while !finished {
                var chunks: [RecordChunk] = []
                while chunks.count < window, let chunk = try splitter.nextChunk(maxRecords: options.chunkSize) {
                    chunks.append(chunk)
                }
                if chunks.count < window { finished = true }
                if chunks.isEmpty { break }
                let recordParser = parser ?? RecordParser(format: input.format, catalog: policies.catalog, header: splitter.header, path: input.path)
                parser = recordParser
                let results = process(chunks, parser: recordParser, input: input.path)
                for result in results {
                    try write(result.output.bytes)
                    for (product, list) in result.candidates {
                        for var candidate in list {
                            candidate.sequence += sequence
                            candidate.rowRange = (candidate.rowRange.lowerBound + written)..<(candidate.rowRange.upperBound + written)
                            candidates[product, default: []].append(candidate)
                        }
                    }
                    written += result.output.count
                    sequence += result.decisions
                    recordsInInput += result.statistics.recordsRead
                    statistics.merge(result.statistics)
                }
                progress?(statistics.recordsRead)
            }
            statistics.inputs.append((input.path, recordsInInput))
        }
        var allocations: [String: Allocation.Result] = [:]
        var rewrites: [(range: Range<Int>, bytes: [UInt8])] = []
        if options.allocate {
            for (index, product) in policies.products.enumerated() {
                guard let budget = product.budget else { continue }
                let list = candidates[index] ?? []
                let result = Allocation.allocate(list, budget: budget)
                allocations[product.id] = result
                for candidate in list where result.waitlisted.contains(candidate.sequence) {
                    var decision = candidate.decision
                    decision.outcome = .waitlist
                    statistics.products[index].waitlist(decision)
                    var row = OutputBuffer()
                    writer.write(decision, input: candidate.input, to: &row)
                    rewrites.append((candidate.rowRange, row.bytes))
                }
            }
            rewrites.sort { $0.range.lowerBound < $1.range.lowerBound }
        }
        return BatchReport(statistics: statistics, allocations: allocations, rewrites: rewrites)
    }

    /// Evaluates a window of chunks, in parallel when there is more than one job.
    private func process(_ chunks: [RecordChunk], parser: RecordParser, input: String) -> [ChunkResult] {
        if options.jobs == 1 || chunks.count == 1 {
            return chunks.map { evaluate($0, parser: parser, input: input) }
        }
        let results = UnsafeMutableBufferPointer<ChunkResult?>.allocate(capacity: chunks.count)
        results.initialize(repeating: nil)
        defer {
            // The results own output buffers: release them, not just the storage.
            _ = results.deinitialize()
            results.deallocate()
        }
        nonisolated(unsafe) let slots = results
        DispatchQueue.concurrentPerform(iterations: chunks.count) { index in
            slots[index] = evaluate(chunks[index], parser: parser, input: input)
        }
        return results.map { $0 ?? ChunkResult(statistics: BatchStatistics(productCount: policies.products.count)) }
    }

    private func evaluate(_ chunk: RecordChunk, parser: RecordParser, input: String) -> ChunkResult {
        var result = ChunkResult(statistics: BatchStatistics(productCount: policies.products.count))
        result.output = OutputBuffer(capacity: chunk.records.count * policies.products.count * 64)
        for index in chunk.records.indices {
            let record = parser.parse(chunk, index)
            result.statistics.recordsRead += 1
            if !record.isValid { result.statistics.invalidRecords += 1 }
            var frame = evaluator.makeFrame(for: record, asOf: options.asOf)
            for (productIndex, product) in policies.products.enumerated() {
                switch evaluator.evaluate(record, against: product, asOf: options.asOf, explain: options.explain, frame: &frame) {
                case .inactive:
                    result.statistics.products[productIndex].inactive += 1
                case .notApplicable:
                    result.statistics.products[productIndex].notApplicable += 1
                case .decided(let decision):
                    let start = result.output.count
                    writer.write(decision, input: input, to: &result.output)
                    result.statistics.products[productIndex].add(decision, histogramWidth: histogramWidths[productIndex])
                    result.statistics.decisionsWritten += 1
                    if options.allocate, decision.outcome == .approve, let budget = product.budget {
                        let orderValues = budget.order.map { name in
                            policies.catalog[name].map { record.values.isEmpty ? Value.unknown : record.values[Int($0.slot)] } ?? .unknown
                        }
                        result.candidates[productIndex, default: []].append(AllocationCandidate(
                            sequence: result.decisions, decision: decision, orderValues: orderValues,
                            rowRange: start..<result.output.count, input: input))
                    }
                    result.decisions += 1
                }
            }
        }
        return result
    }
}
