import EligoDecimal
public import EligoDiagnostics
import EligoExpr

/// Writes decisions as batch output rows: CSV with a fixed header, or JSON
/// lines in the decision-record shape.
///
/// The CSV columns are the contract for back offices; the JSON lines are
/// `eligo.decision/1` records on one line each (plus `input`).
public struct DecisionRowWriter: Sendable {
    public let format: BatchOutputFormat
    public let explain: Bool
    public let language: Language
    /// Renders a decision as compact JSON (the audit module's decision record),
    /// injected so the engine does not depend on its presentation layer.
    public let json: @Sendable (Decision, String) -> String

    public init(format: BatchOutputFormat, explain: Bool, language: Language, json: @escaping @Sendable (Decision, String) -> String) {
        self.format = format
        self.explain = explain
        self.language = language
        self.json = json
    }

    public static let csvColumns = [
        "input", "record", "line", "applicant", "product", "version", "outcome", "score_low", "score_high", "amount", "reasons",
        "missing", "messages",
    ]

    /// The first line of a CSV output; nothing for JSON lines.
    public var header: String {
        guard format == .csv else { return "" }
        return (Self.csvColumns + (explain ? ["explain"] : [])).joined(separator: ",") + "\n"
    }

    public func write(_ decision: Decision, input: String, to out: inout OutputBuffer) {
        switch format {
        case .jsonl:
            out.append(json(decision, input))
            out.append(byte: 0x0A)
        case .csv:
            out.appendCSVField(input)
            out.append(byte: 0x2C)
            Self.writeRecordColumns(number: decision.recordNumber, line: decision.recordLine, applicant: decision.applicantID, to: &out)
            out.append(decision.productID)
            out.append(byte: 0x2C)
            out.appendCSVField(decision.productVersion)
            out.append(byte: 0x2C)
            out.append(decision.outcome.rawValue)
            out.append(byte: 0x2C)
            Self.writeScoreColumns(decision.score.map { ($0.low, $0.high) }, amount: decision.amount, to: &out)
            // Codes and field names are `[a-z0-9-]` and identifiers: never quoted, written as they are.
            for (index, reason) in decision.reasons.enumerated() {
                if index > 0 { out.append(byte: 0x3B) }
                out.append(reason.code)
            }
            out.append(byte: 0x2C)
            for (index, field) in decision.missing.enumerated() {
                if index > 0 { out.append(byte: 0x3B) }
                out.append(field)
            }
            out.append(byte: 0x2C)
            if !decision.messages.isEmpty {
                out.appendCSVField(decision.messages.map { $0.text(language) }.joined(separator: "; "))
            }
            if explain {
                out.append(byte: 0x2C)
                out.appendCSVField(json(decision, input))
            }
            out.append(byte: 0x0A)
        }
    }

    /// `record,line,applicant,`: the columns that say which record a row is about.
    static func writeRecordColumns(number: Int, line: Int?, applicant: String?, to out: inout OutputBuffer) {
        out.append(number)
        out.append(byte: 0x2C)
        if let line { out.append(line) }
        out.append(byte: 0x2C)
        out.appendCSVField(applicant ?? "")
        out.append(byte: 0x2C)
    }

    /// `score_low,score_high,amount,`, each empty when there is none.
    static func writeScoreColumns<Sink: RowSink & ~Copyable>(
        _ score: (low: ExactDecimal, high: ExactDecimal)?, amount: ExactDecimal?, to out: inout Sink
    ) {
        if let score {
            out.append(score.low)
            out.append(byte: 0x2C)
            out.append(score.high)
        } else {
            out.append(byte: 0x2C)
        }
        out.append(byte: 0x2C)
        if let amount { out.appendMoney(amount) }
        out.append(byte: 0x2C)
    }
}
