import Dispatch
import EligoDecimal
import EligoDiagnostics
import EligoExpr
import Foundation

/// One input of a batch: a file or standard input, already open.
public struct BatchInput: Sendable {
    public var path: String
    public var fileDescriptor: Int32
    public var format: InputFormat
    /// For a regular file, its size when it was opened: reading that ends short of it means
    /// the file was truncated since (see ``RecordSplitter``). `nil` takes the size when reading begins.
    public var expectedBytes: Int?
    /// Bytes already read from the descriptor to tell its format, which come first (``InputFormat/sniff(fileDescriptor:path:)``).
    public var prefix: [UInt8]

    public init(path: String, fileDescriptor: Int32, format: InputFormat, expectedBytes: Int? = nil, prefix: [UInt8] = []) {
        self.path = path
        self.fileDescriptor = fileDescriptor
        self.format = format
        self.expectedBytes = expectedBytes
        self.prefix = prefix
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
/// Memory stays flat: at most `jobs × 4` chunks are in flight; only approved
/// decisions competing for a budget are kept (for `--allocate`).
///
/// Each worker thread evaluates with its own copy of the policies (made by
/// `makePolicies`), so threads share no reference-counted object on the hot path:
/// two cores retaining the same products would fight over their cache lines.
public final class BatchRunner: Sendable {
    public let policies: PolicySet
    public let options: BatchOptions
    public let writer: DecisionRowWriter
    private let makePolicies: @Sendable () -> PolicySet
    private let histograms: [HistogramBins?]
    /// For each product, its row parts when its rows can be written from a ``Verdict``:
    /// CSV without explanations, and no budget to allocate (allocation needs the decision).
    private let verdictRows: [VerdictRowParts?]

    public init(
        policies: PolicySet, options: BatchOptions, writer: DecisionRowWriter, makePolicies: (@Sendable () -> PolicySet)? = nil
    ) {
        self.policies = policies
        self.options = options
        self.writer = writer
        self.makePolicies = makePolicies ?? { policies }
        self.histograms = policies.products.map { HistogramBins($0.score) }
        let fieldNames = FieldNames(policies.catalog).names
        self.verdictRows = policies.products.map { product in
            guard options.useVerdicts, options.format == .csv, !options.explain, !(options.allocate && product.budget != nil) else { return nil }
            return VerdictRowParts(product, fieldNames: fieldNames)
        }
    }

    /// The result of one chunk, made on a worker thread.
    struct ChunkResult: Sendable {
        var output = OutputBuffer()
        var statistics: BatchStatistics
        var candidates: [Int: [AllocationCandidate]] = [:]
        var decisions = 0
        /// Bytes of input the chunk held, for progress.
        var inputBytes = 0
    }

    /// One chunk of one input, handed to a worker.
    struct Task: @unchecked Sendable {
        var index: Int
        var chunk: RecordChunk
        var input: Int
    }

    /// What one thread needs to evaluate chunks, owned by that thread alone.
    final class Worker: @unchecked Sendable {
        let policies: PolicySet
        let evaluator: Evaluator
        /// For each product, its budget's `order` fields: looked up by name once, not per record.
        let orderKeys: [[AllocationOrderKey]]
        /// The bounds records are typed within (string length, YAML depth and aliases), as the splitter cut them.
        let limits: InputLimits
        /// For each product, what its rows take when a verdict decides them; nil where rows
        /// need a ``Decision`` (see ``BatchRunner/verdictRows``) or the product is not in effect.
        let lanes: [VerdictLane?]
        /// The counts of the rows the lanes write, for the chunk in hand.
        let tally: VerdictTally
        private var parsers: [Int: RecordParser] = [:]
        private var cellPlan: CellPlan?

        /// - Parameter histograms: the runner's, which outlive the worker: its lanes hold them unretained.
        init(policies: PolicySet, limits: InputLimits, verdictRows: [VerdictRowParts?], histograms: [HistogramBins?], asOf: Day) {
            self.policies = policies
            self.limits = limits
            let evaluator = Evaluator(policies: policies)
            self.evaluator = evaluator
            self.orderKeys = policies.products.map { product in
                (product.budget?.order ?? []).compactMap { policies.catalog[$0].map(AllocationOrderKey.init(field:)) }
            }
            tally = VerdictTally(parts: verdictRows)
            self.lanes = policies.products.indices.map { index in
                let product = policies.products[index]
                guard product.isEffective(on: asOf), let parts = verdictRows[index], let compiled = evaluator.compiledProduct(at: index) else {
                    return nil
                }
                return VerdictLane(product: product, compiled: compiled, parts: parts, histogram: histograms[index])
            }
        }

        /// The plan for typing records into the evaluator's frames. Every parser of a
        /// worker types by the same catalog, so the first one's plan serves them all.
        func cellPlan(for parser: RecordParser) -> CellPlan? {
            if let cellPlan { return cellPlan }
            cellPlan = evaluator.cellPlan(for: parser, alsoReading: orderKeys.flatMap { $0.map(\.slot) })
            return cellPlan
        }

        func parser(for input: Int, _ source: BatchInput, header: CSVHeader?, limits: InputLimits) -> RecordParser {
            if let parser = parsers[input] { return parser }
            // The limits reach the parser too: the string limit and the JSON depth are checked while typing.
            let parser = RecordParser(format: source.format, catalog: policies.catalog, header: header, path: source.path, limits: limits)
            parsers[input] = parser
            return parser
        }
    }

    /// Chunks waiting for a worker and results waiting to be written, under one lock.
    final class Exchange: @unchecked Sendable {
        let condition = NSCondition()
        var tasks: [Task] = []
        var results: [Int: ChunkResult] = [:]
        var closed = false
        /// Headers of CSV inputs, known once their splitter has read them.
        var headers: [Int: CSVHeader?] = [:]
        /// Storage handed back for the next chunks: chunks once evaluated, outputs once
        /// written. Fresh buffers for every chunk cost a million records 650,000 page
        /// faults and 3 s of system time; at most `window` of each are ever in use.
        var spareChunks: [RecordChunk] = []
        var spareOutputs: [OutputBuffer] = []
    }

    /// Runs the batch, writing rows (after the header) through `write`.
    ///
    /// - Parameters:
    ///   - write: receives output bytes in order; a thrown error stops the run.
    ///   - progress: called as chunks are written, with the records and bytes read so far.
    public func run(
        inputs: [BatchInput], write: (borrowing [UInt8]) throws -> Void, progress: ((_ records: Int, _ bytes: Int) -> Void)? = nil
    ) throws -> BatchReport {
        var statistics = BatchStatistics(productCount: policies.products.count)
        var candidates: [Int: [AllocationCandidate]] = [:]
        var written = 0
        var sequence = 0
        var recordsPerInput = [Int](repeating: 0, count: inputs.count)
        var bytesRead = 0
        let header = Array(writer.header.utf8)
        if !header.isEmpty {
            try write(header)
            written += header.count
        }

        func accept(_ result: ChunkResult, input: Int) throws {
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
            recordsPerInput[input] += result.statistics.recordsRead
            statistics.merge(result.statistics)
            bytesRead += result.inputBytes
            progress?(statistics.recordsRead, bytesRead)
        }

        try runPipelined(inputs: inputs, accept: accept)
        for (index, input) in inputs.enumerated() { statistics.inputs.append((input.path, recordsPerInput[index])) }

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

    /// Reads chunks on this thread, evaluates them on `jobs` worker threads, and
    /// hands results to `accept` in input order as soon as they are ready.
    ///
    /// With one job too: reading, splitting and writing (a sixth of a run's time, most
    /// of it in the kernel) then overlap with evaluation instead of taking turns with it.
    private func runPipelined(inputs: [BatchInput], accept: (ChunkResult, Int) throws -> Void) throws {
        let exchange = Exchange()
        let window = options.jobs * 4
        var threads: [Thread] = []
        let finished = DispatchGroup()
        for job in 0..<options.jobs {
            let worker = Worker(
                policies: job == 0 ? policies : makePolicies(), limits: options.limits, verdictRows: verdictRows, histograms: histograms,
                asOf: options.asOf)
            finished.enter()
            let thread = Thread { [self] in
                defer { finished.leave() }
                while true {
                    exchange.condition.lock()
                    while exchange.tasks.isEmpty && !exchange.closed { exchange.condition.wait() }
                    if exchange.tasks.isEmpty {
                        exchange.condition.unlock()
                        return
                    }
                    let task = exchange.tasks.removeFirst()
                    let header = exchange.headers[task.input] ?? nil
                    let spareOutput = exchange.spareOutputs.popLast()
                    exchange.condition.unlock()
                    let parser = worker.parser(for: task.input, inputs[task.input], header: header, limits: options.limits)
                    let result = evaluate(task.chunk, parser: parser, worker: worker, input: inputs[task.input].path, output: spareOutput)
                    exchange.condition.lock()
                    exchange.results[task.index] = result
                    exchange.spareChunks.append((consume task).chunk)
                    exchange.condition.broadcast()
                    exchange.condition.unlock()
                }
            }
            thread.stackSize = 8 << 20
            threads.append(thread)
            thread.start()
        }
        defer {
            exchange.condition.lock()
            exchange.closed = true
            exchange.tasks.removeAll()
            exchange.condition.broadcast()
            exchange.condition.unlock()
            finished.wait()
        }

        var submitted = 0
        var nextToWrite = 0
        var inputOfTask: [Int: Int] = [:]
        /// Writes every result that is ready in order; waits for one when `block` is set.
        func drain(block: Bool) throws {
            while nextToWrite < submitted {
                exchange.condition.lock()
                while block && exchange.results[nextToWrite] == nil { exchange.condition.wait() }
                let ready = exchange.results.removeValue(forKey: nextToWrite)
                exchange.condition.unlock()
                guard let result = ready else { return }
                try accept(result, inputOfTask.removeValue(forKey: nextToWrite) ?? 0)
                exchange.condition.lock()
                exchange.spareOutputs.append((consume result).output)
                exchange.condition.unlock()
                nextToWrite += 1
                if !block { continue }
                if submitted - nextToWrite < window { return }
            }
        }
        for (inputIndex, input) in inputs.enumerated() {
            let splitter = try RecordSplitter(
                    fileDescriptor: input.fileDescriptor, format: input.format, path: input.path, limits: options.limits,
                    expectedBytes: input.expectedBytes, prefix: input.prefix)
            while true {
                exchange.condition.lock()
                let spareChunk = exchange.spareChunks.popLast()
                exchange.condition.unlock()
                guard let chunk = try splitter.nextChunk(maxRecords: options.chunkSize, recycling: spareChunk) else { break }
                exchange.condition.lock()
                exchange.headers[inputIndex] = splitter.header
                exchange.tasks.append(Task(index: submitted, chunk: chunk, input: inputIndex))
                exchange.condition.signal()
                exchange.condition.unlock()
                inputOfTask[submitted] = inputIndex
                submitted += 1
                try drain(block: false)
                if submitted - nextToWrite >= window { try drain(block: true) }
            }
        }
        while nextToWrite < submitted { try drain(block: true) }
    }

    private func evaluate(_ chunk: RecordChunk, parser: RecordParser, worker: Worker, input: String, output: consuming OutputBuffer? = nil) -> ChunkResult {
        let policies = worker.policies
        let evaluator = worker.evaluator
        // Where rows come from verdicts, CSV records are typed straight into the frame.
        let plan = verdictRows.contains { $0 != nil } ? worker.cellPlan(for: parser) : nil
        var result = ChunkResult(statistics: BatchStatistics(productCount: policies.products.count))
        result.inputBytes = chunk.bytes.count
        result.output = output.take() ?? OutputBuffer(capacity: chunk.records.count * policies.products.count * 64)
        result.output.removeAll()
        // Records are decided a group at a time (``RecordGroup``): typed into the group's
        // frames, decided product by product over all of them, then written in input order.
        let group = evaluator.makeGroup(asOf: options.asOf, capacity: Self.groupSize)
        let grouped = worker.lanes.map { $0 != nil }
        var records: [ApplicantRecord] = []
        records.reserveCapacity(group.capacity)
        var inputField = OutputBuffer()
        inputField.appendCSVField(input)
        inputField.append(byte: 0x2C)
        var scratch = RowScratch()
        var start = 0
        while start < chunk.records.count {
            let count = min(group.capacity, chunk.records.count - start)
            records.removeAll(keepingCapacity: true)
            // The plan unwrapped once, not per record: each unwrapping copied it, four retains.
            if let plan {
                for row in 0..<count {
                    records.append(parser.parse(chunk, start + row, into: group.frames[row].cells, plan: plan))
                }
            } else {
                for row in 0..<count { records.append(parser.parse(chunk, start + row)) }
            }
            // Read in place: a record taken out of the array is a copy, three retains.
            records.withUnsafeBufferPointer { records in
                // Fields read through the buffer, not the record's computed properties: reading
                // one through a subscript copied the whole record, retains and releases included.
                for row in 0..<count {
                    result.statistics.recordsRead += 1
                    if !records[row].problems.isEmpty { result.statistics.invalidRecords += 1 }
                    if records[row].typedIntoFrame {
                        // Its values are in the frame already; the last record's boxed values go.
                        group.frames[row].context = nil
                    } else {
                        evaluator.load(records[row], into: &group.frames[row])
                    }
                }
                if plan != nil { evaluator.decide(group, count: count, isValid: { records[$0].problems.isEmpty }, products: grouped) }
                inputField.bytes.withUnsafeBufferPointer { inputField in
                    for row in 0..<count {
                        write(records[row], row: row, of: group, worker: worker, input: input, inputField: inputField, scratch: &scratch, into: &result)
                    }
                }
            }
            start += count
        }
        worker.tally.fold(into: &result.statistics)
        return result
    }

    /// Records decided together: enough rows that each expression node's dispatch is shared
    /// by many, few enough that the group's frames stay in the cache.
    static let groupSize = 64

    /// Every product's row (or tally) for one record of a decided group, in product order.
    private func write(
        _ record: borrowing ApplicantRecord, row: Int, of group: RecordGroup, worker: Worker, input: String,
        inputField: UnsafeBufferPointer<UInt8>, scratch: inout RowScratch, into result: inout ChunkResult
    ) {
        let policies = worker.policies
        let evaluator = worker.evaluator
        var recordColumnsWritten = false
        // Verdict rows wait in the scratch and go out together; a decision's row is written
        // to the output directly, so the rows before it go first.
        defer { scratch.flush(to: &result.output) }
        for productIndex in policies.products.indices {
            let evaluation: ProductEvaluation
            if record.isValid, let lane = worker.lanes[productIndex] {
                // A verdict the group decided is read where it lies: copying one (115 bytes) into a
                // result and out again cost more than writing its row.
                switch group.kind(row: row, product: productIndex) {
                case .notApplicable:
                    // Half the products of a record, counted here without making an evaluation to switch on.
                    worker.tally.notApplicable(productIndex)
                    continue
                case .decided:
                    writeVerdict(
                        group.verdictAddress(row: row, product: productIndex), of: record, row: row, product: productIndex, lane: lane,
                        group: group, worker: worker, inputField: inputField, prefixWritten: &recordColumnsWritten, scratch: &scratch,
                        into: &result)
                    continue
                case .single:
                    switch lane.verdict(in: &group.frames[row]) {
                    case .decided(let verdict):
                        withUnsafePointer(to: verdict) {
                            writeVerdict(
                                $0, of: record, row: row, product: productIndex, lane: lane, group: group, worker: worker,
                                inputField: inputField, prefixWritten: &recordColumnsWritten, scratch: &scratch, into: &result)
                        }
                        continue
                    case .notApplicable:
                        worker.tally.notApplicable(productIndex)
                        continue
                    case .fallback:
                        evaluation = evaluator.referenceDecision(
                            record, against: policies.products[productIndex], asOf: options.asOf, frame: &group.frames[row])
                    }
                }
            } else {
                evaluation = evaluator.evaluate(
                    record, against: policies.products[productIndex], asOf: options.asOf, explain: options.explain, frame: &group.frames[row])
            }
            switch evaluation {
            case .inactive:
                result.statistics.products[productIndex].inactive += 1
            case .notApplicable:
                result.statistics.products[productIndex].notApplicable += 1
            case .decided(let decision):
                scratch.flush(to: &result.output)
                let start = result.output.count
                writer.write(decision, input: input, to: &result.output)
                result.statistics.products[productIndex].add(decision, histogram: histograms[productIndex])
                result.statistics.decisionsWritten += 1
                if options.allocate, decision.outcome == .approve, policies.products[productIndex].budget != nil {
                    let orderValues = worker.orderKeys[productIndex].map { key in
                        key.rankable(evaluator.value(ofSlot: key.slot, record, in: group.frames[row]))
                    }
                    result.candidates[productIndex, default: []].append(AllocationCandidate(
                        sequence: result.decisions, decision: decision, orderValues: orderValues,
                        rowRange: start..<result.output.count, input: input))
                }
                result.decisions += 1
            }
        }
    }

    /// The row of one verdict, after the record's columns (written before its first row), and its counts.
    @inline(__always)
    private func writeVerdict(
        _ verdict: UnsafePointer<Verdict>, of record: borrowing ApplicantRecord, row: Int, product productIndex: Int, lane: VerdictLane,
        group: RecordGroup, worker: Worker, inputField: UnsafeBufferPointer<UInt8>, prefixWritten: inout Bool, scratch: inout RowScratch,
        into result: inout ChunkResult
    ) {
        if !prefixWritten {
            DecisionRowWriter.writeRecordPrefix(of: record, inputField: inputField, to: &scratch)
            prefixWritten = true
        }
        // Only an incomplete verdict lists missing fields; the frame's array is read in
        // place, as taking it out retained it.
        if verdict.pointee.outcome == .incomplete {
            // Decided by the group, its missing fields are in the group's scratch.
            if group.kind(row: row, product: productIndex) == .decided { group.loadMissing(row: row, product: productIndex) }
            group.frames[row].missingSlots.withUnsafeBufferPointer {
                lane.write(verdict, missing: $0, writer: writer, scratch: &scratch)
            }
        } else {
            lane.write(verdict, missing: UnsafeBufferPointer(start: nil, count: 0), writer: writer, scratch: &scratch)
        }
        lane.count(verdict, product: productIndex, in: worker.tally)
        if verdict.pointee.outcome == .approve, let amount = verdict.pointee.amount {
            result.statistics.products[productIndex].addAmount(amount)
        }
        result.statistics.decisionsWritten += 1
        result.decisions += 1
    }
}
