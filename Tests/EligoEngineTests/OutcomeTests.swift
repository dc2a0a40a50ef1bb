import EligoDecimal
import EligoEngine
import EligoExpr
import Testing

/// Pins each outcome rule of §6, the order of reasons, score intervals under
/// unknowns (§5, §10) and the `missing` list, on one small product.
@Suite struct OutcomeTests {
    static let catalog = """
        fields:
          id: {type: string, required: true}
          kind: {type: enum, values: [household, firm]}
          age: {type: int, min: 0, max: 130}
          rating: {type: int, min: 300, max: 900}
          income: {type: money, min: 0}
          cost: {type: money, min: 0}
          divisor: {type: number}
          flagged: {type: bool}
          requested: {type: money}
        """

    static let product = """
        id: sample-loan
        version: "1"
        name: {zh: 样例贷, en: Sample loan}
        kind: loan
        effective: {from: 2025-01-01, until: 2025-12-31}
        applies_to: kind == "household"
        let:
          share: income / divisor
        eligibility:
          - {id: adult, rule: age >= 18, reason: {zh: 须年满18岁, en: Must be 18 or older}}
          - {id: clean, rule: not flagged, reason: {zh: 不得有不良记录, en: Must have a clean record}}
        score:
          pass: 60
          refer: 40
          factors:
            - id: rating
              bins:
                - {when: rating >= 700, points: 50}
                - {when: rating >= 600, points: 30}
                - {points: 10}
            - id: income
              bins:
                - {when: income >= 100000, points: 20}
                - {when: income >= 50000, points: 5}
        award:
          amount: min(cost * 70%, coalesce(requested, 100000))
          rate: 3.85%
        """

    static let fixture: PolicyFixture = {
        do { return try PolicyFixture(catalog: catalog, products: ["p/sample.yaml": product]) } catch { fatalError("fixture: \(error)") }
    }()

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var applicant: String
        var outcome: Outcome
        var score: (String, String)?
        var reasons: [String] = []
        var missing: [String] = []
        var amount: String?
        var testDescription: String { name }
    }

    static let base = "id: A, kind: household, flagged: false"

    static let cases: [Case] = [
        Case(name: "every rule true and a score at pass approves", applicant: "{\(base), divisor: 2, age: 40, rating: 720, income: 120000, cost: 300000}",
             outcome: .approve, score: ("70", "70"), amount: "100000.00"),
        Case(name: "the amount is 70% of cost below the cap", applicant: "{\(base), divisor: 2, age: 40, rating: 720, income: 120000, cost: 100000.005}",
             outcome: .approve, score: ("70", "70"), amount: "70000.00"),
        Case(name: "a score in [refer, pass) refers", applicant: "{\(base), divisor: 2, age: 40, rating: 650, income: 120000, cost: 10000}",
             outcome: .refer, score: ("50", "50"), reasons: [], amount: "7000.00"),
        Case(name: "a false rule declines although the score is unknown", applicant: "{id: A, kind: household, age: 16, flagged: false, divisor: 2, income: 1, cost: 1}",
             outcome: .decline, score: ("10", "50"), reasons: ["adult"]),
        Case(name: "false rules come in file order", applicant: "{id: A, kind: household, age: 16, flagged: true, divisor: 2, rating: 720, income: 120000, cost: 1}",
             outcome: .decline, score: ("70", "70"), reasons: ["adult", "clean"]),
        Case(name: "a score whose high end is below refer declines", applicant: "{\(base), divisor: 2, age: 40, rating: 500, income: 1000, cost: 1000}",
             outcome: .decline, score: ("10", "10"), reasons: ["score-below-refer"]),
        Case(name: "rules, then the score, then the amount", applicant: "{\(base), divisor: 2, age: 17, rating: 500, income: 1000, cost: 0}",
             outcome: .decline, score: ("10", "10"), reasons: ["adult", "score-below-refer", "no-award"]),
        Case(name: "an amount of 0.004 rounds to 0 and gives no award", applicant: "{\(base), divisor: 2, age: 40, rating: 720, income: 120000, cost: 0.005}",
             outcome: .decline, score: ("70", "70"), reasons: ["no-award"]),
        Case(name: "an unknown rule makes it incomplete", applicant: "{id: A, kind: household, flagged: false, divisor: 2, rating: 720, income: 120000, cost: 1000}",
             outcome: .incomplete, score: ("70", "70"), missing: ["age"]),
        Case(name: "a score interval straddling pass is incomplete", applicant: "{\(base), divisor: 2, age: 40, income: 120000, cost: 1000}",
             outcome: .incomplete, score: ("30", "70"), missing: ["rating"]),
        Case(name: "no definitely true bin puts 0 in the interval", applicant: "{\(base), divisor: 2, age: 40, rating: 720, cost: 1000}",
             outcome: .incomplete, score: ("50", "70"), missing: ["income"]),
        Case(name: "an unknown award value is incomplete", applicant: "{\(base), divisor: 2, age: 40, rating: 720, income: 120000}",
             outcome: .incomplete, score: ("70", "70"), missing: ["cost"]),
        Case(name: "coalesce hides an unknown requested amount", applicant: "{\(base), divisor: 2, age: 40, rating: 720, income: 120000, cost: 1000}",
             outcome: .approve, score: ("70", "70"), amount: "700.00"),
        Case(name: "division by zero in a let is an error", applicant: "{\(base), age: 40, divisor: 0, rating: 720, income: 120000, cost: 1000}",
             outcome: .error, score: ("70", "70")),
        Case(name: "unknown divided by zero is unknown, not an error", applicant: "{\(base), age: 40, divisor: 0, rating: 720, cost: 1000}",
             outcome: .incomplete, score: ("50", "70"), missing: ["income"]),
        Case(name: "a value that breaks the catalog makes the record invalid", applicant: "{\(base), divisor: 2, age: abc, rating: 1000}",
             outcome: .invalid),
    ]

    @Test(arguments: cases)
    func outcome(_ example: Case) throws {
        let decision = try #require(Self.fixture.decide(example.applicant))
        #expect(decision.outcome == example.outcome)
        if let (low, high) = example.score {
            #expect(decision.score?.low.description == low)
            #expect(decision.score?.high.description == high)
        }
        #expect(decision.reasons.map(\.code) == example.reasons)
        #expect(decision.missing == example.missing)
        if let amount = example.amount {
            #expect(decision.amount?.formatted(places: 2) == amount)
        }
        if example.outcome != .approve, example.outcome != .refer {
            #expect(decision.awards.isEmpty)
        }
    }

    @Test func invalidRecordsCarryOneMessagePerBadField() throws {
        let decision = try #require(Self.fixture.decide("{\(Self.base), divisor: 2, age: abc, rating: 1000, colour: red}"))
        #expect(decision.outcome == .invalid)
        #expect(decision.messages.map(\.id).sorted() == ["record.above-max", "record.unknown-field", "record.wrong-type"])
    }

    @Test func errorsNameTheProductThePlaceAndTheExpression() throws {
        let decision = try #require(Self.fixture.decide("{\(Self.base), age: 40, divisor: 0, rating: 720, income: 120000, cost: 1000}"))
        #expect(decision.messages.map { $0.text(.en) } == ["product sample-loan, let 'share': division by zero in `income / divisor`"])
    }

    @Test func appliesToAndEffectiveDatesDecideWhetherTheProductIsListed() throws {
        let evaluator = Evaluator(policies: Self.fixture.policies)
        let product = try #require(Self.fixture.policies.products.first)
        let firm = Self.fixture.record("{id: F, kind: firm, age: 40}")
        let unknownKind = Self.fixture.record("{id: U, age: 40}")
        let inside = try #require(Day(iso: "2025-06-01"))
        let after = try #require(Day(iso: "2026-01-01"))
        guard case .notApplicable = evaluator.evaluate(firm, against: product, asOf: inside) else { Issue.record("firm should be out of scope"); return }
        guard case .inactive = evaluator.evaluate(unknownKind, against: product, asOf: after) else { Issue.record("product ends 2025-12-31"); return }
        // Unknown applies_to counts as applicable.
        guard case .decided = evaluator.evaluate(unknownKind, against: product, asOf: inside) else { Issue.record("unknown scope is applicable"); return }
    }

    @Test func untilIsInclusive() throws {
        let decision = Self.fixture.decide("{\(Self.base), age: 40, divisor: 2, rating: 720, income: 120000, cost: 1000}", asOf: "2025-12-31")
        #expect(decision?.outcome == .approve)
    }

    /// An unknown item of a list literal is what leaves a membership undecided, so it is a
    /// missing field, though the list itself is known (§6 step 4).
    @Test(arguments: [
        ("{id: A, kind: household, flagged: false, cost: 500}", Outcome.incomplete, ["income"]),
        ("{id: A, kind: household, flagged: false}", .incomplete, ["cost", "income"]),
        ("{id: A, kind: household, flagged: false, cost: 1000}", .approve, []),
        ("{id: A, kind: household, flagged: false, cost: 500, income: 500}", .approve, []),
        ("{id: A, flagged: true, cost: 1000}", .incomplete, ["kind"]),
    ])
    func unknownListItemsAreMissing(_ applicant: String, _ outcome: Outcome, _ missing: [String]) throws {
        let fixture = try PolicyFixture(catalog: Self.catalog, products: ["p/listed.yaml": """
            id: listed
            version: "1"
            name: {zh: 列表, en: Listed}
            kind: grant
            effective: {from: 2025-01-01}
            eligibility:
              - {id: cost-listed, rule: "cost in [1000, income]"}
              - {id: kind-listed, rule: 'not (kind in ["firm", "household"] and flagged)'}
            award:
              amount: 1000
            """])
        try expectBothPaths(fixture, applicant, outcome, missing)
    }

    /// The decision's outcome and missing fields, from the unboxed path and from the explaining reference.
    private func expectBothPaths(_ fixture: PolicyFixture, _ applicant: String, _ outcome: Outcome, _ missing: [String]) throws {
        for explain in [false, true] {
            let decision = try #require(fixture.decide(applicant, explain: explain))
            #expect(decision.outcome == outcome)
            #expect(decision.missing == missing)
        }
    }

    /// `x in []` and `x not in []` with x unknown are unknown, as any comparison with an
    /// unknown side (§4), and as `contains([], x)`: x is what would decide them.
    @Test(arguments: [
        ("{id: A, kind: household, flagged: false}", Outcome.incomplete, ["age", "rating"]),
        ("{id: A, kind: household, flagged: false, age: 30}", .incomplete, ["rating"]),
        ("{id: A, kind: household, flagged: false, age: 30, rating: 700}", .approve, []),
    ])
    func emptyListMembershipOfAnUnknownIsUnknown(_ applicant: String, _ outcome: Outcome, _ missing: [String]) throws {
        let fixture = try PolicyFixture(catalog: Self.catalog, products: ["p/empty.yaml": """
            id: empty
            version: "1"
            name: {zh: 空列表, en: Empty list}
            kind: grant
            effective: {from: 2025-01-01}
            eligibility:
              - {id: not-listed, rule: "age not in []"}
              - {id: never-listed, rule: "not (rating in [])"}
              - {id: contained, rule: "not contains([], rating)"}
            award:
              amount: 1000
            """])
        try expectBothPaths(fixture, applicant, outcome, missing)
    }

    @Test func explainingDoesNotChangeTheDecision() throws {
        for example in Self.cases where example.outcome != .invalid {
            let plain = Self.fixture.decide(example.applicant)
            let traced = Self.fixture.decide(example.applicant, explain: true)
            #expect(plain?.outcome == traced?.outcome)
            #expect(plain?.missing == traced?.missing)
            #expect(plain?.reasons.map(\.code) == traced?.reasons.map(\.code))
            #expect(traced?.trace != nil)
        }
    }
}
