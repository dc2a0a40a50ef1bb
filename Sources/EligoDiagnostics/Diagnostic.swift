/// How bad a problem is.
public enum Severity: String, Sendable, Hashable, Comparable {
    case error
    case warning
    case note

    private var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .note: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One problem found in an input, with where it is and what would fix it.
///
/// Every phase (YAML, policy model, expressions, records, evaluation) reports
/// through this one type, so the CLI has one way to print problems and tests
/// one way to assert them.
public struct Diagnostic: Sendable {
    public var severity: Severity
    public var message: Message
    /// The file the problem is in; always set, also when there is no position.
    public var path: String
    /// Where in the file, if the problem has a position.
    public var span: SourceSpan?
    /// A hint such as "did you mean 'credit_score'?".
    public var help: Message?
    /// Further locations that explain the problem (e.g. the first definition of a duplicate).
    public var notes: [Note]

    public struct Note: Sendable {
        public var message: Message
        public var span: SourceSpan?

        public init(message: Message, span: SourceSpan?) {
            self.message = message
            self.span = span
        }
    }

    public init(
        _ severity: Severity,
        _ message: Message,
        at span: SourceSpan?,
        path: String? = nil,
        help: Message? = nil,
        notes: [Note] = []
    ) {
        self.severity = severity
        self.message = message
        self.span = span
        self.path = path ?? span?.file.path ?? ""
        self.help = help
        self.notes = notes
    }

    public static func error(_ message: Message, at span: SourceSpan?, help: Message? = nil, notes: [Note] = []) -> Diagnostic {
        Diagnostic(.error, message, at: span, help: help, notes: notes)
    }

    public static func warning(_ message: Message, at span: SourceSpan?, help: Message? = nil, notes: [Note] = []) -> Diagnostic {
        Diagnostic(.warning, message, at: span, help: help, notes: notes)
    }

    public var location: SourceLocation? { span?.location }
}
