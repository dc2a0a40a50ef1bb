/// Collects the problems of a run, so that one run reports all of them.
///
/// Phases add what they find and carry on where they can; only a problem that
/// makes going on meaningless (a file that is not YAML at all) stops a phase.
public struct Diagnostics: Sendable {
    public private(set) var all: [Diagnostic] = []
    /// What is in `all`: the same message at the same place is one problem, told once. A YAML
    /// alias repeats its anchor's nodes, spans and all, so whatever is wrong in them was found twice.
    private var seen: Set<Key> = []

    private struct Key: Hashable {
        var path: String
        var start: Int
        var end: Int
        var severity: Severity
        var message: Message
    }

    public init() {}

    public var hasErrors: Bool { all.contains { $0.severity == .error } }
    public var errorCount: Int { all.count { $0.severity == .error } }
    public var warningCount: Int { all.count { $0.severity == .warning } }
    public var isEmpty: Bool { all.isEmpty }

    public mutating func add(_ diagnostic: Diagnostic) {
        let key = Key(path: diagnostic.path, start: diagnostic.span?.start ?? -1, end: diagnostic.span?.end ?? -1, severity: diagnostic.severity, message: diagnostic.message)
        if seen.insert(key).inserted { all.append(diagnostic) }
    }

    public mutating func append(contentsOf other: Diagnostics) { append(contentsOf: other.all) }
    public mutating func append(contentsOf other: [Diagnostic]) { for diagnostic in other { add(diagnostic) } }

    public mutating func error(_ message: Message, at span: SourceSpan?, help: Message? = nil, notes: [Diagnostic.Note] = []) {
        add(.error(message, at: span, help: help, notes: notes))
    }

    public mutating func warning(_ message: Message, at span: SourceSpan?, help: Message? = nil, notes: [Diagnostic.Note] = []) {
        add(.warning(message, at: span, help: help, notes: notes))
    }

    /// The problems ordered by file, then position, then severity; stable for equal keys.
    ///
    /// Output must be deterministic whatever order the checks ran in.
    public var sorted: [Diagnostic] {
        all.enumerated().sorted { lhs, rhs in
            let left = lhs.element
            let right = rhs.element
            if left.path != right.path { return left.path.unicodeScalars.lexicographicallyPrecedes(right.path.unicodeScalars) }
            let leftOffset = left.span?.start ?? -1
            let rightOffset = right.span?.start ?? -1
            if leftOffset != rightOffset { return leftOffset < rightOffset }
            if left.severity != right.severity { return left.severity < right.severity }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }
}
