public import EligoDecimal
public import EligoDiagnostics
public import EligoExpr

/// The result of evaluating one applicant against one product (§6).
public enum Outcome: String, Sendable, CaseIterable, Hashable {
    case approve, refer, incomplete, decline, error, invalid
    /// Set by batch allocation (§7): approved, but the budget ran out first.
    case waitlist
}

/// A score as an interval, `low == high` when nothing was unknown (§5).
public struct ScoreInterval: Sendable, Hashable {
    public var low: ExactDecimal
    public var high: ExactDecimal
    public var pass: ExactDecimal
    public var refer: ExactDecimal?
}

/// A reason code with its text, for a decline.
public struct Reason: Sendable, Hashable {
    public var code: String
    /// The text in both languages; a reserved reason's is written only when read,
    /// since bulk runs decline millions of times and print only the codes.
    public var text: LocalizedText {
        get {
            switch storage {
            case .given(let text): text
            case .scoreBelowRefer(let high, let refer): ReservedReason.scoreBelowRefer(high: high.description, refer: refer.description)
            case .scoreBelowPass(let high, let pass): ReservedReason.scoreBelowPass(high: high.description, pass: pass.description)
            case .noAward(let amount): ReservedReason.noAward(amount: amount.formatted(places: 2))
            }
        }
        set { storage = .given(newValue) }
    }

    private enum Storage: Sendable, Hashable {
        case given(LocalizedText)
        case scoreBelowRefer(high: ExactDecimal, refer: ExactDecimal)
        case scoreBelowPass(high: ExactDecimal, pass: ExactDecimal)
        case noAward(amount: ExactDecimal)
    }

    private var storage: Storage

    public init(code: String, text: LocalizedText) {
        self.code = code
        self.storage = .given(text)
    }

    private init(code: String, storage: Storage) {
        self.code = code
        self.storage = storage
    }

    public static let scoreBelowReferCode = "score-below-refer"
    public static let scoreBelowPassCode = "score-below-pass"
    public static let noAwardCode = "no-award"
    /// The codes the engine gives declines of its own (§6); no rule may take one.
    public static let reservedCodes: Set<String> = [scoreBelowReferCode, scoreBelowPassCode, noAwardCode]

    /// The best possible score is below the referral line.
    static func scoreBelowRefer(high: ExactDecimal, refer: ExactDecimal) -> Reason {
        Reason(code: scoreBelowReferCode, storage: .scoreBelowRefer(high: high, refer: refer))
    }

    /// The best possible score is below the pass mark (and there is no referral line).
    static func scoreBelowPass(high: ExactDecimal, pass: ExactDecimal) -> Reason {
        Reason(code: scoreBelowPassCode, storage: .scoreBelowPass(high: high, pass: pass))
    }

    /// The computed amount is not above 0.
    static func noAward(amount: ExactDecimal) -> Reason {
        Reason(code: noAwardCode, storage: .noAward(amount: amount))
    }
}

/// A decision about one applicant and one product: what, why, and how it was reached.
public struct Decision: Sendable {
    public var applicantID: String?
    public var recordNumber: Int
    public var recordLine: Int?
    public var productID: String
    public var productVersion: String
    public var policyDigest: String
    public var asOf: Day
    public var outcome: Outcome
    public var score: ScoreInterval?
    /// Award values in file order; reported for approve and refer (and waitlist) only.
    public var awards: [AwardResult]
    /// Codes for a decline, in the spec's order.
    public var reasons: [Reason]
    /// For invalid and error: one message per problem.
    public var messages: [Message]
    /// For incomplete: the catalog fields that would decide it, sorted.
    public var missing: [String]
    public var documents: [String]
    /// What was evaluated and what it read; present when an explanation was asked for.
    public var trace: Trace?

    public var amount: ExactDecimal? {
        awards.first { $0.name == "amount" }.flatMap { if case .number(let value) = $0.value { value } else { nil } }
    }
}

public struct AwardResult: Sendable {
    public var name: String
    /// Money is rounded half away from zero to 2 places, once, here (a list of money item by item).
    public var value: Value
    /// Money, or a list of money (see ``AwardValue/isMoney``).
    public var isMoney: Bool

    /// A money award's value as a decision keeps it: rounded half away from zero to 2 places,
    /// a list of money item by item (§4: money is rounded once, at the end).
    static func roundedMoney(_ value: Value) -> Value {
        switch value {
        case .number(let number):
            guard let rounded = try? number.rounded(scale: 2, .halfAwayFromZero) else { return value }
            return .number(rounded)
        case .list(let items):
            return .list(items.map(roundedMoney))
        default:
            return value
        }
    }
}

/// Everything the evaluation looked at, for explanations and test failures.
public struct Trace: Sendable {
    public struct Entry: Sendable {
        /// The let name, rule id or award name.
        public var name: String
        public var expression: CompiledExpression
        public var result: Value
        /// The names the expression read and their values, in order of first use.
        public var inputs: [(name: String, value: Value)]
    }

    public struct BinResult: Sendable {
        public var index: Int
        public var points: ExactDecimal
        /// nil for the default bin.
        public var when: Entry?
        /// true, false or unknown as evaluated; nil when the bin was not reached.
        public var result: Value?
    }

    public struct FactorResult: Sendable {
        public var id: String
        public var name: LocalizedText
        public var low: ExactDecimal
        public var high: ExactDecimal
        public var maximum: ExactDecimal
        public var bins: [BinResult]
        /// The catalog fields whose being unknown made the factor an interval.
        public var unknownFields: [String]
    }

    public var appliesTo: Entry?
    public var lets: [Entry]
    public var rules: [Entry]
    public var factors: [FactorResult]
    public var awards: [Entry]
    /// The value of every sub-expression, by node id.
    public var values: [ExprID: Value]
}
