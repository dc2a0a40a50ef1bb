public import EligoDiagnostics
public import EligoExpr

/// One applicant, typed by the catalog: a value per field slot.
///
/// A record that broke the catalog still exists (so that batch runs lose
/// nothing): it carries its problems and becomes an `invalid` decision.
public struct ApplicantRecord: Sendable {
    /// The `id` field's value, when it could be read.
    public var id: String?
    /// Values by catalog slot; absent fields are `.unknown`.
    public var values: [Value]
    /// 1-based position of the record in its input.
    public var number: Int
    /// The line where the record starts, where the input has lines.
    public var line: Int?
    /// One diagnostic per bad field; non-empty means invalid.
    public var problems: [Diagnostic]
    /// Typed straight into an evaluator's frame (``RecordParser/parse(_:_:into:plan:)``):
    /// `values` is empty and the frame holds the record's values, for as long as the
    /// frame is not loaded with another record.
    var typedIntoFrame = false

    public init(id: String?, values: [Value], number: Int, line: Int?, problems: [Diagnostic]) {
        self.id = id
        self.values = values
        self.number = number
        self.line = line
        self.problems = problems
    }

    public var isValid: Bool { problems.isEmpty }
}
