public import EligoDiagnostics
public import EligoExpr

/// How `eligo batch` writes its decisions.
public enum BatchOutputFormat: String, Sendable, CaseIterable {
    case csv, jsonl
}

public struct BatchOptions: Sendable {
    public var asOf: Day
    /// Threads that evaluate; the calling thread reads and writes alongside them.
    public var jobs: Int
    public var format: BatchOutputFormat
    /// Adds the full trace to every decision (a JSON column in CSV).
    public var explain: Bool
    /// Applies product budgets (§7).
    public var allocate: Bool
    public var language: Language
    /// Records per chunk: the unit of work handed to a thread.
    public var chunkSize: Int
    public var limits: InputLimits
    /// Whether CSV rows may be written straight from the unboxed path's verdicts; off,
    /// every row goes through a ``Decision`` (the tests compare the two).
    var useVerdicts = true

    public init(
        asOf: Day, jobs: Int = 1, format: BatchOutputFormat = .csv, explain: Bool = false, allocate: Bool = false,
        language: Language = .en, chunkSize: Int = 2048, limits: InputLimits = InputLimits()
    ) {
        self.asOf = asOf
        self.jobs = max(1, jobs)
        self.format = format
        self.explain = explain
        self.allocate = allocate
        self.language = language
        self.chunkSize = max(1, chunkSize)
        self.limits = limits
    }
}
