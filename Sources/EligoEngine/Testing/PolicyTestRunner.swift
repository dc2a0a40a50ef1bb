public import EligoDecimal
public import EligoDiagnostics
public import EligoExpr

/// Runs the `tests` of every product (§8) and measures which rules and bins they exercise.
public struct PolicyTestRunner: Sendable {
    public let policies: PolicySet

    public init(policies: PolicySet) { self.policies = policies }

    public struct Mismatch: Sendable {
        /// One side of a mismatch: a value as the test or the decision gives it, or one of the
        /// runner's own words, which are told in the language of the report.
        public enum Side: Sendable, Equatable {
            case value(String)
            case aDecision
            case nothing
            case notApplicable
            case inactive

            public func text(_ language: Language) -> String {
                switch (self, language) {
                case (.value(let text), _): text
                case (.aDecision, .en): "a decision"
                case (.aDecision, .zh): "有决定"
                case (.nothing, .en): "none"
                case (.nothing, .zh): "无"
                case (.notApplicable, .en): "not applicable"
                case (.notApplicable, .zh): "不适用"
                case (.inactive, .en): "inactive"
                case (.inactive, .zh): "不在有效期内"
                }
            }
        }

        /// The expectation's key: `outcome`, `score`, an award's name, `reasons` or `missing`.
        public var what: String
        public var expected: Side
        public var actual: Side
    }

    public struct Result: Sendable {
        public var product: Product
        public var test: ProductTest
        public var decision: Decision?
        /// Empty when the test passed.
        public var mismatches: [Mismatch]
        public var passed: Bool { mismatches.isEmpty }
    }

    /// What the tests left unexercised (`eligo test --coverage`).
    public struct Coverage: Sendable {
        public struct Gap: Sendable {
            /// What was left unexercised: a rule, or a factor's bin (numbered from 1).
            public enum Item: Sendable, Equatable {
                case rule(String)
                case bin(factor: String, number: Int)

                /// `rule <id>` or `factor <id> bin <n>`, the report's words in its language.
                public func text(_ language: Language) -> String {
                    switch (self, language) {
                    case (.rule(let id), .en): "rule \(id)"
                    case (.rule(let id), .zh): "准入条件 \(id)"
                    case (.bin(let factor, let number), .en): "factor \(factor) bin \(number)"
                    case (.bin(let factor, let number), .zh): "评分项 \(factor) 分档 \(number)"
                    }
                }
            }

            public var product: String
            public var item: Item
            public var span: SourceSpan
        }

        /// Eligibility rules never seen false.
        public var rulesNeverFalse: [Gap]
        /// Bins never matched (never the bin that gave the points).
        public var binsNeverMatched: [Gap]
        public var ruleCount: Int
        public var binCount: Int
        public var isComplete: Bool { rulesNeverFalse.isEmpty && binsNeverMatched.isEmpty }
    }

    public func run() -> (results: [Result], coverage: Coverage) {
        let evaluator = Evaluator(policies: policies)
        let decoder = RecordDecoder(catalog: policies.catalog)
        var results: [Result] = []
        var coverage = Coverage(rulesNeverFalse: [], binsNeverMatched: [], ruleCount: 0, binCount: 0)
        for product in policies.products {
            var ruleSeenFalse = Set<String>()
            var binMatched = Set<String>()
            for test in product.tests {
                let (record, _) = decoder.decode(test.applicant)
                var decision: Decision?
                switch evaluator.evaluate(record, against: product, asOf: test.asOf, explain: true) {
                case .decided(let made): decision = made
                case .inactive, .notApplicable: decision = nil
                }
                if let trace = decision?.trace {
                    for entry in trace.rules where entry.result == .bool(false) { ruleSeenFalse.insert(entry.name) }
                    for factor in trace.factors {
                        // The bin that gave the points: true after bins all false. One after an unknown
                        // bin only bounds an interval (§5); no applicant was scored by it.
                        if let first = factor.bins.first(where: { $0.result != .bool(false) }), first.result == .bool(true) {
                            binMatched.insert("\(factor.id)#\(first.index)")
                        }
                    }
                }
                results.append(Result(product: product, test: test, decision: decision, mismatches: compare(test.expect, decision, product, test.asOf)))
            }
            for rule in product.eligibility {
                coverage.ruleCount += 1
                if !ruleSeenFalse.contains(rule.id) {
                    coverage.rulesNeverFalse.append(.init(product: product.id, item: .rule(rule.id), span: rule.condition.span))
                }
            }
            for factor in product.score?.factors ?? [] {
                for (index, bin) in factor.bins.enumerated() {
                    coverage.binCount += 1
                    if !binMatched.contains("\(factor.id)#\(index)") {
                        coverage.binsNeverMatched.append(.init(product: product.id, item: .bin(factor: factor.id, number: index + 1), span: bin.span))
                    }
                }
            }
        }
        return (results, coverage)
    }

    private func compare(_ expect: ProductTest.Expectations, _ decision: Decision?, _ product: Product, _ asOf: Day) -> [Mismatch] {
        guard let decision else {
            let state: Mismatch.Side = product.isEffective(on: asOf) ? .notApplicable : .inactive
            return [Mismatch(what: "outcome", expected: expect.outcome.map(Mismatch.Side.value) ?? .aDecision, actual: state)]
        }
        var mismatches: [Mismatch] = []
        if let outcome = expect.outcome, outcome != decision.outcome.rawValue {
            mismatches.append(Mismatch(what: "outcome", expected: .value(outcome), actual: .value(decision.outcome.rawValue)))
        }
        if let score = expect.score {
            let actual = decision.score.map { Mismatch.Side.value(ScoreText.interval($0.low, $0.high)) } ?? .nothing
            if decision.score.map({ $0.low != score.low || $0.high != score.high }) ?? true {
                mismatches.append(Mismatch(what: "score", expected: .value(ScoreText.interval(score.low, score.high)), actual: actual))
            }
        }
        if expect.noScore, let score = decision.score {
            mismatches.append(Mismatch(what: "score", expected: .nothing, actual: .value(ScoreText.interval(score.low, score.high))))
        }
        for (name, expected, _) in expect.awards {
            let actual = decision.awards.first { $0.name == name }?.value
            if !Self.matches(expected, actual) {
                // Money as a decision prints it (§2): `20000.00`, not `20000`.
                let isMoney = product.award.first { $0.name == name }?.isMoney ?? false
                let shown = actual.map { Mismatch.Side.value(isMoney ? Self.moneyText($0) : ValueText.plain($0)) } ?? .nothing
                mismatches.append(Mismatch(what: name, expected: .value(Self.text(expected)), actual: shown))
            }
        }
        if let reasons = expect.reasons, reasons != decision.reasons.map(\.code) {
            mismatches.append(Mismatch(
                what: "reasons", expected: .value("[" + reasons.joined(separator: ", ") + "]"),
                actual: .value("[" + decision.reasons.map(\.code).joined(separator: ", ") + "]")))
        }
        if let missing = expect.missing, missing != decision.missing {
            mismatches.append(Mismatch(
                what: "missing", expected: .value("[" + missing.joined(separator: ", ") + "]"), actual: .value("[" + decision.missing.joined(separator: ", ") + "]")))
        }
        return mismatches
    }

    /// An expected award against the decision's: `null` matches an award not reported or
    /// unknown, a list matches a list of as many items, each matching in turn.
    static func matches(_ expected: ProductTest.ExpectedAward, _ actual: Value?) -> Bool {
        switch (expected, actual) {
        case (.null, nil), (.null, .unknown?): return true
        case (.value(let text), let value?): return matches(text, value)
        case (.list(let texts), .list(let items)?):
            return texts.count == items.count && zip(texts, items).allSatisfy { matches($0, $1) }
        default: return false
        }
    }

    /// A money award's value with its 2 places, a list of money item by item.
    static func moneyText(_ value: Value) -> String {
        switch value {
        case .number(let number): number.formatted(places: 2)
        case .list(let items): "[" + items.map(moneyText).joined(separator: ", ") + "]"
        default: ValueText.plain(value)
        }
    }

    /// How an expectation reads in a failure: as written, lists in brackets.
    static func text(_ expected: ProductTest.ExpectedAward) -> String {
        switch expected {
        case .value(let text): text
        case .list(let texts): "[" + texts.joined(separator: ", ") + "]"
        case .null: "none"
        }
    }

    /// A number as a test's `expect` writes it: `44800`, `44_800`, `3.85%` (0.0385); nil for anything else.
    /// Validation reads expectations with it too, so what it accepts is what can match.
    static func expectedNumber(_ text: String) -> ExactDecimal? {
        var digits = Substring(text)
        let percent = digits.hasSuffix("%")
        if percent { digits = digits.dropLast() }
        guard let number = ExactDecimal(digits.filter { $0 != "_" }) else { return nil }
        return percent ? (try? number.divided(by: 100)) ?? number : number
    }

    /// An expected award as written (`44800`, `3.85%`, `0.0385`, `true`, `2025-06-01`, text) against the value.
    static func matches(_ expected: String, _ value: Value) -> Bool {
        switch value {
        case .number(let actual):
            return expectedNumber(expected) == actual
        case .bool(let actual): return expected == (actual ? "true" : "false")
        case .date(let actual): return Day(iso: expected) == actual
        case .string(let actual): return expected == actual
        default: return false
        }
    }
}

/// How scores and values are written in test reports and tables.
public enum ScoreText {
    public static func interval(_ low: ExactDecimal, _ high: ExactDecimal) -> String {
        low == high ? low.description : "[\(low), \(high)]"
    }
}

public enum ValueText {
    /// A value without quotes: `zuoquan`, `650`, `2025-01-31`, `unknown`.
    public static func plain(_ value: Value) -> String {
        switch value {
        case .string(let text): text
        case .list(let items): "[" + items.map(plain).joined(separator: ", ") + "]"
        default: value.description
        }
    }
}
