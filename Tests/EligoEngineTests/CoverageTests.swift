import EligoEngine
import Testing

/// `eligo test --coverage` (cli.md): rules never seen false and bins never matched, where a
/// bin matched when it gave the points, not when it only bounded a score interval (§5).
@Suite struct CoverageTests {
    static let catalog = """
        fields:
          id: {type: string, required: true}
          credit: {type: int, min: 300, max: 900}
        """

    static func product(tests: String) -> String {
        """
        id: p
        version: "1"
        name: P
        kind: insurance
        effective: {from: 2025-01-01}
        score:
          pass: 10
          factors:
            - id: credit-band
              bins:
                - {when: credit >= 750, points: 60}
                - {when: credit >= 600, points: 30}
                - {points: 10}
        tests:
        \(tests)
        """
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let tests: String
        let neverMatched: [Int]
        var testDescription: String { name }
    }

    static let cases = [
        Case(name: "an unknown credit scores no bin, not even the default", tests: """
              - {name: unknown, applicant: {id: T1}, expect: {score: [10, 60]}}
            """, neverMatched: [1, 2, 3]),
        Case(name: "the default bin after false bins gives the points", tests: """
              - {name: low, applicant: {id: T1, credit: 500}, expect: {score: 10}}
            """, neverMatched: [1, 2]),
        Case(name: "the first true bin, not a later one", tests: """
              - {name: high, applicant: {id: T1, credit: 800}, expect: {score: 60}}
              - {name: mid, applicant: {id: T2, credit: 650}, expect: {score: 30}}
            """, neverMatched: [3]),
    ]

    @Test(arguments: cases)
    func binsNeverMatched(_ test: Case) throws {
        let fixture = try PolicyFixture(catalog: Self.catalog, products: ["p/p.yaml": Self.product(tests: test.tests)])
        let (results, coverage) = PolicyTestRunner(policies: fixture.policies).run()
        #expect(results.allSatisfy { $0.passed })
        let bins = coverage.binsNeverMatched.map { gap -> Int in
            if case .bin(_, let number) = gap.item { return number }
            return 0
        }
        #expect(bins == test.neverMatched)
    }
}
