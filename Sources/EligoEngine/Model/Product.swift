public import EligoDecimal
public import EligoDiagnostics
public import EligoExpr
public import EligoYAML

/// What a product gives: §3 `kind`.
public enum ProductKind: String, Sendable, CaseIterable {
    case loan, grant, subsidy, insurance

    /// Whether `award.amount` is required.
    public var requiresAmount: Bool { self != .insurance }
}

/// An expression of a product, checked and compiled into the product's program.
///
/// A class: rules, bins and traces refer to it, and copying a reference costs one
/// retain where copying its tables would cost dozens on the evaluation path.
public final class CompiledExpression: Sendable {
    public let checked: CheckedExpression
    public let entry: Program.Entry
    /// The catalog fields it reads, directly or through `let`s, sorted; what
    /// `missing` lists when it comes out unknown.
    public let fields: [String]
    /// The frame slot of each of `fields`.
    public let fieldSlots: [Int32]

    public var expr: Expr { checked.expr }
    public var type: ExprType { checked.type }
    /// The file span of the whole expression.
    public var span: SourceSpan { checked.source.span(checked.expr.range) }

    init(checked: CheckedExpression, entry: Program.Entry, fields: [String], fieldSlots: [Int32]) {
        self.checked = checked
        self.entry = entry
        self.fields = fields
        self.fieldSlots = fieldSlots
    }
}

public struct LetBinding: Sendable {
    public let name: String
    public let slot: Int32
    public let expression: CompiledExpression
}

/// An eligibility rule: a knock-out condition whose id is the reason code.
public struct Rule: Sendable {
    public let id: String
    public let condition: CompiledExpression
    public let reason: LocalizedText
    public let span: SourceSpan
}

public struct Bin: Sendable {
    /// nil for the default bin.
    public let when: CompiledExpression?
    public let points: ExactDecimal
    public let span: SourceSpan
}

public struct Factor: Sendable {
    public let id: String
    public let name: LocalizedText
    public let bins: [Bin]
    public let span: SourceSpan

    /// The most points any bin gives (0 when no bin matches is possible too).
    public var maximumPoints: ExactDecimal {
        var best = bins.contains { $0.when == nil } ? bins[0].points : ExactDecimal.zero
        for bin in bins where bin.points > best { best = bin.points }
        return best
    }

    /// The fewest points any bin gives (0 when no bin matching is possible too); below 0
    /// when a bin gives negative points.
    public var minimumPoints: ExactDecimal {
        let least = bins.map(\.points).min() ?? .zero
        // Without a bin for everyone else, an applicant may match none and get 0.
        return bins.contains { $0.when == nil } ? least : Swift.min(least, .zero)
    }
}

public struct Scorecard: Sendable {
    public let pass: ExactDecimal
    public let refer: ExactDecimal?
    public let factors: [Factor]

    /// The highest total any applicant can reach.
    public var maximumScore: ExactDecimal {
        factors.reduce(ExactDecimal.zero) { (try? $0.adding($1.maximumPoints)) ?? $0 }
    }

    /// The lowest total any applicant can get: below 0 when factors give negative points.
    public var minimumScore: ExactDecimal {
        factors.reduce(ExactDecimal.zero) { (try? $0.adding($1.minimumPoints)) ?? $0 }
    }
}

/// A named output of `award`; `amount` is money.
public struct AwardValue: Sendable {
    public let name: String
    public let expression: CompiledExpression
    /// Money or a list of money: rounded to 2 places once, at the end, and printed with 2
    /// places, a list item by item (§2, §4).
    public let isMoney: Bool
}

public struct Budget: Sendable {
    public let pool: ExactDecimal?
    public let slots: Int?
    /// Tie-breaks after score, ascending.
    public let order: [String]
}

/// An example from the product's `tests` (§8).
public struct ProductTest: Sendable {
    public let name: String
    public let asOf: Day
    /// The applicant as written, decoded later by the record decoder.
    public let applicant: YAMLNode
    public let expect: Expectations
    public let span: SourceSpan

    public struct Expectations: Sendable {
        public var outcome: String?
        public var score: (low: ExactDecimal, high: ExactDecimal)?
        /// `score: null`: the decision has no score (a product without a scorecard, say).
        public var noScore = false
        /// Award values by name (`amount`, `rate`, ...), as written.
        public var awards: [(name: String, value: ExpectedAward, span: SourceSpan)]
        public var reasons: [String]?
        public var missing: [String]?
    }

    /// An award's expected value as the test writes it: one value, a list of them (an award
    /// that is a list, such as the documents to bring), or `null` for no value (the award is
    /// not reported, as for a decline, or unknown).
    public enum ExpectedAward: Sendable, Equatable {
        case value(String)
        case list([String])
        case null
    }
}

/// One product file: a loan, grant, subsidy or insurance programme.
///
/// Immutable once loaded and shared by every thread and decision, hence a class.
public final class Product: Sendable {
    public let id: String
    public let version: String
    public let name: LocalizedText
    public let kind: ProductKind
    public let provider: LocalizedText?
    public let effectiveFrom: Day
    public let effectiveUntil: Day?
    public let appliesTo: CompiledExpression?
    public let lets: [LetBinding]
    public let eligibility: [Rule]
    public let score: Scorecard?
    public let award: [AwardValue]
    public let budget: Budget?
    public let documents: [String]
    public let tests: [ProductTest]
    /// The compiled code of every expression above.
    public let program: Program
    /// Slots in an evaluation frame: the catalog's fields, then this product's lets.
    public let slotCount: Int
    public let file: SourceFile
    /// sha256 of the file's bytes, lowercase hex: which exact policy made a decision.
    public let digest: String

    /// Whether the product is in effect on a date (`until` is inclusive).
    public func isEffective(on day: Day) -> Bool {
        day >= effectiveFrom && (effectiveUntil.map { day <= $0 } ?? true)
    }

    public var amount: AwardValue? { award.first { $0.name == "amount" } }

    init(
        id: String, version: String, name: LocalizedText, kind: ProductKind, provider: LocalizedText?, effectiveFrom: Day,
        effectiveUntil: Day?, appliesTo: CompiledExpression?, lets: [LetBinding], eligibility: [Rule], score: Scorecard?,
        award: [AwardValue], budget: Budget?, documents: [String], tests: [ProductTest], program: Program, slotCount: Int,
        file: SourceFile, digest: String
    ) {
        self.id = id
        self.version = version
        self.name = name
        self.kind = kind
        self.provider = provider
        self.effectiveFrom = effectiveFrom
        self.effectiveUntil = effectiveUntil
        self.appliesTo = appliesTo
        self.lets = lets
        self.eligibility = eligibility
        self.score = score
        self.award = award
        self.budget = budget
        self.documents = documents
        self.tests = tests
        self.program = program
        self.slotCount = slotCount
        self.file = file
        self.digest = digest
    }
}
