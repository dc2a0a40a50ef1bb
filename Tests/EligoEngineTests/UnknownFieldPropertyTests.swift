import _EligoPropertySupport
import EligoDecimal
import EligoDiagnostics
import EligoEngine
import EligoExpr
import Foundation
import PropertyBased
import Testing

// What forgetting one field of an applicant may do to a decision, checked on the real policy library
// (Policies/) with generated applicants: the records of every product's `tests`, records from the
// population generator, and crossings of the two.
//
// Iteration counts are modest so `swift test` stays fast, and the seeds are fixed; for a long run:
// `ELIGO_PROPERTY_SCALE=20 swift test --filter UnknownFieldProperty` (see PropertySettings).

/// The policy library, its example applicants and a generated population.
enum Library {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let policies: PolicySet = {
        let (policies, diagnostics) = PolicyLoader.load(directory: root.appendingPathComponent("Policies").path)
        guard let policies else { fatalError(DiagnosticFormatter(language: .en).format(diagnostics.sorted)) }
        return policies
    }()

    static let evaluator = Evaluator(policies: policies)

    /// Valid applicants to start from, each with a date to judge it on: first every product's examples
    /// (which reach every outcome), then generated applicants with a tenth of their values missing.
    static let pool: [(record: ApplicantRecord, asOf: Day)] = {
        let generator = PopulationGenerator(catalog: policies.catalog, options: .init(count: 200, seed: 17, format: .jsonl, missing: 0.1))
        let generated = (try? GeneratorTests.parse(generator.bytes(), .jsonl, policies.catalog)) ?? []
        let day = Day(iso: "2025-06-01")!
        return examples + generated.filter(\.isValid).map { ($0, day) }
    }()

    static let examples: [(record: ApplicantRecord, asOf: Day)] = {
        let decoder = RecordDecoder(catalog: policies.catalog)
        return policies.products.flatMap { product in
            product.tests.map { test in (decoder.decode(test.applicant).0, test.asOf) }
        }.filter(\.record.isValid)
    }()

    /// Other dates to judge on: products come into and go out of effect, ages and durations change.
    static let dates = ["2024-03-01", "2025-06-01", "2026-11-22"].compactMap { Day(iso: $0) }

    /// Slots of the fields that may be forgotten (a required field missing makes the record invalid).
    static let optionalSlots: [Int] = policies.catalog.fields.filter { !$0.required }.map { Int($0.slot) }

    /// Per product, the fields that reach a decision through `present`, `missing` or `coalesce`
    /// (directly or through `let`s): §4 exempts those functions from propagating unknown, so forgetting
    /// such a field substitutes a value the author chose (`coalesce(requested_amount, 200000)`).
    static let substitutedFields: [String: Set<String>] = Dictionary(uniqueKeysWithValues: policies.products.map { product in
        (product.id, substitutedFields(of: product))
    })

    static func substitutedFields(of product: Product) -> Set<String> {
        let lets = Dictionary(product.lets.map { ($0.name, $0.expression) }, uniquingKeysWith: { first, _ in first })
        var substituted = Set<String>()
        /// Every field `node` reads, following `let`s.
        func fields(_ node: Expr, _ expression: CompiledExpression, _ seen: inout Set<String>, into result: inout Set<String>) {
            node.forEach { child in
                guard case .name(let name) = child.kind, let symbol = expression.checked.symbols[child.id] else { return }
                switch symbol.kind {
                case .field:
                    result.insert(name)
                case .let:
                    if seen.insert(name).inserted, let definition = lets[name] {
                        fields(definition.expr, definition, &seen, into: &result)
                    }
                }
            }
        }
        func visit(_ expression: CompiledExpression) {
            expression.expr.forEach { node in
                guard case .call(let name, _, let arguments) = node.kind, ["present", "missing", "coalesce"].contains(name) else { return }
                var seen = Set<String>()
                for argument in arguments { fields(argument, expression, &seen, into: &substituted) }
            }
        }
        var expressions = [product.appliesTo].compactMap { $0 } + product.lets.map(\.expression) + product.eligibility.map(\.condition)
        expressions += (product.score?.factors ?? []).flatMap { $0.bins.compactMap(\.when) } + product.award.map(\.expression)
        expressions.forEach(visit)
        return substituted
    }
}

/// An applicant for the property: a record from the pool, some of its values replaced by another's
/// (values are checked field by field, §2, so the mix is valid too), judged on one of a few dates.
struct ApplicantSample: Sendable, CustomTestStringConvertible {
    var base: Int
    var donor: Int
    /// Which fields come from the donor: bit `slot % 64`.
    var mask: UInt64
    /// 0: the base record's own date; otherwise `Library.dates[date - 1]`.
    var date: Int

    var record: ApplicantRecord {
        var record = Library.pool[base].record
        let other = Library.pool[donor].record
        for slot in Library.optionalSlots where mask & (1 << UInt64(slot % 64)) != 0 { record.values[slot] = other.values[slot] }
        return record
    }

    var asOf: Day { date == 0 ? Library.pool[base].asOf : Library.dates[date - 1] }

    var testDescription: String {
        let id = Library.pool[base].record.id ?? "?"
        return "record \(id) (pool \(base)) with fields \(String(mask, radix: 16)) of pool \(donor), as of \(asOf)"
    }

    static var generator: Generator<ApplicantSample, some SendableSequenceType> {
        let pool = Library.pool.count - 1
        let dates = Library.dates.count
        return zip(
            Gen.int(in: 0...pool), Gen.int(in: 0...pool), Gen<UInt64>.bitSet, Gen.int(in: 0...3), Gen.int(in: 0...(2 * dates))
        ).map { base, donor, bits, density, date in
            // Mostly an example on its own date with little mixed in, so that approvals and referrals
            // (rare among generated applicants) are common enough to test.
            let base = density < 2 ? base % Library.examples.count : base
            let mask = switch density {
            case 0: UInt64(0)
            case 1: bits & (bits >> 17) & (bits << 23)
            case 2: bits & (bits >> 17)
            default: bits
            }
            return ApplicantSample(base: base, donor: donor, mask: mask, date: max(0, date - dates))
        }
    }
}

extension ProductEvaluation {
    var decision: Decision? {
        if case .decided(let decision) = self { return decision }
        return nil
    }

    var label: String {
        switch self {
        case .inactive: "inactive"
        case .notApplicable: "not applicable"
        case .decided(let decision): decision.outcome.rawValue
        }
    }
}

extension Decision {
    /// Award values as text, for comparing two decisions.
    var awardText: [String] { awards.map { "\($0.name)=\($0.value)" } }
}

@Suite("Unknown field properties")
struct UnknownFieldPropertyTests {
    /// What the spec guarantees when one known field becomes unknown (absent, null, an empty cell),
    /// for a field that reaches the product only through expressions that propagate unknown (§4):
    ///
    /// - Every rule, bin and award value stays what it was or becomes unknown, so a true or false
    ///   result is never turned into the other. (Or an error: `true or E` is true but `unknown or E`
    ///   is an error, because an error wins over unknown, §10. An error is not a decision.)
    /// - A product that applied still applies (`applies_to` is false afterwards only if it was; §6 step 1).
    ///   One that did not may apply afterwards, since an unknown `applies_to` counts as applicable, and
    ///   its decision can then be anything: with the library as it is, an applicant of another type is
    ///   approved for the talent apartment subsidy (`applicant_type == "individual"`) once the type is
    ///   left blank. §6 allows that reading; whether an unknown scope should rather make the decision
    ///   `incomplete` is for the spec to settle, so this law starts from products that applied.
    /// - Each factor's interval, and so the score's, can only widen (§5): the low end never rises and
    ///   the high end never falls.
    ///
    /// Hence, by §6 step 4, for a decision that was decided:
    /// - `decline` stays `decline` (with reasons among the old ones) or becomes `incomplete`; never
    ///   `refer` or `approve`;
    /// - `approve` stays `approve` (with the same awards; the score may widen above `pass`) or becomes
    ///   `incomplete`; never `refer` (the high end stays at or above `pass`) and never `decline`;
    /// - `refer` stays `refer` (with the same awards) or becomes `incomplete`;
    /// - `incomplete` stays `incomplete`;
    /// - any of them may become `error` (above), and an `error` may become anything.
    @Test("forgetting a field moves a decided outcome only to the same outcome, incomplete or error")
    func forgettingAFieldNeverDecidesTheOtherWay() async {
        await checkProperty(count: 80, input: ApplicantSample.generator) { sample in
            let record = sample.record
            guard record.isValid else {
                Issue.record("a mixed record is invalid: \(record.problems.map(\.message.en))")
                return
            }
            Self.forgetEachField(of: record, asOf: sample.asOf)
        }
    }

    /// The same law on every example applicant of the library, on its own date, without mixing: these
    /// are the approvals and referrals the authors wrote down, which generated applicants rarely reach.
    @Test("forgetting any field of any example in the policy library obeys the same law")
    func forgettingAFieldOfAnExample() {
        for (record, asOf) in Library.examples { Self.forgetEachField(of: record, asOf: asOf) }
    }

    /// Evaluates `record` against every product, then again without each of its known fields in turn.
    static func forgetEachField(of record: ApplicantRecord, asOf: Day) {
        for product in Library.policies.products {
            let before = Library.evaluator.evaluate(record, against: product, asOf: asOf)
            let substituted = Library.substitutedFields[product.id] ?? []
            for field in Library.policies.catalog.fields where !field.required && !substituted.contains(field.name) {
                let slot = Int(field.slot)
                guard record.values[slot].isKnown else { continue }
                var forgotten = record
                forgotten.values[slot] = .unknown
                let after = Library.evaluator.evaluate(forgotten, against: product, asOf: asOf)
                check(before: before, after: after, "\(record.id ?? "?") for \(product.id) without \(field.name): \(before.label) → \(after.label)")
            }
        }
    }

    static func check(before: ProductEvaluation, after: ProductEvaluation, _ context: String) {
        switch before {
        case .inactive:
            #expect(after.label == "inactive", "\(context)")
            return
        case .notApplicable:
            return
        case .decided:
            break
        }
        guard let old = before.decision, let new = after.decision else {
            Issue.record("a product that applied no longer applies: \(context)")
            return
        }
        switch old.outcome {
        case .decline:
            #expect([.decline, .incomplete, .error].contains(new.outcome), "\(context)")
            if new.outcome == .decline { #expect(Set(new.reasons.map(\.code)).isSubset(of: old.reasons.map(\.code)), "\(context)") }
        case .approve, .refer:
            #expect([old.outcome, .incomplete, .error].contains(new.outcome), "\(context)")
            if new.outcome == old.outcome { #expect(new.awardText == old.awardText, "\(context)") }
        case .incomplete:
            #expect([.incomplete, .error].contains(new.outcome), "\(context)")
        case .error, .invalid, .waitlist:
            return
        }
        if old.outcome != .error, new.outcome != .error, let oldScore = old.score, let newScore = new.score {
            #expect(newScore.low <= oldScore.low && newScore.high >= oldScore.high, "the score interval widens: \(context)")
        }
    }

    /// The guarantee above does not extend to fields read through `coalesce`, and cannot: there the
    /// author chose what an unknown value means. The photovoltaic loan lends the full cap when no amount
    /// was requested (`coalesce(requested_amount, 200000)`), so an applicant who asked for 0 is declined
    /// (`no-award`) and the same applicant with the request left blank is approved.
    @Test("a field read through coalesce may turn a decline into an approval, as its author chose")
    func coalesceIsTheAuthorsChoice() throws {
        let product = try #require(Library.policies.products.first { $0.id == "zuoquan-pv-loan" })
        let example = try #require(product.tests.first { $0.expect.outcome == "approve" })
        var record = RecordDecoder(catalog: Library.policies.catalog).decode(example.applicant).0
        let slot = Int(try #require(Library.policies.catalog["requested_amount"]).slot)
        record.values[slot] = .number(.zero)
        let declined = try #require(Library.evaluator.evaluate(record, against: product, asOf: example.asOf).decision)
        #expect(declined.outcome == .decline && declined.reasons.map(\.code) == ["no-award"])
        record.values[slot] = .unknown
        let approved = try #require(Library.evaluator.evaluate(record, against: product, asOf: example.asOf).decision)
        #expect(approved.outcome == .approve)
        #expect(Library.substitutedFields[product.id]?.contains("requested_amount") == true)
    }
}
