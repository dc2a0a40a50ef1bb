import EligoDecimal
@testable import EligoEngine
import Foundation
import Testing

/// The score histogram's bins: from 0, or from the floor of the lowest possible score when
/// factors give negative points, to the highest score, in ten bins of whole points.
@Suite("score histogram bins")
struct HistogramBinsTests {
    static let catalog = """
        fields:
          id: {type: string, required: true}
          x: {type: int}
          y: {type: int}

        """

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        /// The `factors:` of the scorecard, as YAML lines indented for the product.
        var factors: String
        /// The first bin's start and the width; `nil` for no histogram.
        var bins: (start: String, width: String)?
        /// Score low ends and the bin each falls in.
        var scores: [(String, Int)] = []
        var testDescription: String { name }
    }

    static let cases = [
        Case(
            name: "points never below 0: from 0, as before",
            factors: """
                    - id: a
                      bins: [{when: x >= 1, points: 60}, {points: 10}]
                """,
            bins: ("0", "6"),
            scores: [
                ("10", 1), ("0", 0), ("59", 9), ("60", 9), ("-1", 0),
                // Whole scores are binned by dividing, the others by comparing: the same bins.
                ("5.9", 0), ("6.0", 1), ("6", 1), ("11.99", 1), ("59.99", 9), ("100000000000000000000000", 9),
            ]),
        Case(
            name: "negative points: from the lowest possible score",
            factors: """
                    - id: a
                      bins: [{when: x >= 1, points: 50}, {points: -20}]
                    - id: b
                      bins: [{when: y >= 1, points: -15}]
                """,
            bins: ("-35", "9"), scores: [("-35", 0), ("-27", 0), ("-26", 1), ("-1", 3), ("0", 3), ("50", 9), ("-100", 0), ("-26.5", 0), ("-8.01", 2), ("-8", 3)]),
        Case(
            name: "a fractional lowest score starts at its floor",
            factors: """
                    - id: a
                      bins: [{when: x >= 1, points: 10}, {points: -2.5}]
                """,
            bins: ("-3", "2"), scores: [("-2.5", 0), ("-1", 1), ("10", 6)]),
        Case(
            name: "every score negative",
            factors: """
                    - id: a
                      bins: [{when: x >= 1, points: -5}, {points: -40}]
                """,
            bins: ("-40", "4"), scores: [("-40", 0), ("-5", 8), ("-4", 9)]),
        Case(
            name: "a scorecard that can give only one score has no histogram",
            factors: """
                    - id: a
                      bins: [{points: 0}]
                """,
            bins: nil),
    ]

    @Test("start, width, ranges and the bin of a score", arguments: cases)
    func bins(_ check: Case) throws {
        let product = """
            id: sample
            version: "1"
            name: Sample
            kind: insurance
            effective: {from: 2025-01-01}
            eligibility:
              - {id: known, rule: x >= 0}
            score:
              pass: -50
              factors:
            \(check.factors)

            """
        let fixture = try PolicyFixture(catalog: Self.catalog, products: ["p/sample.yaml": product])
        let bins = HistogramBins(fixture.policies.products[0].score)
        guard let expected = check.bins else {
            #expect(bins == nil)
            return
        }
        let found = try #require(bins)
        #expect(found.start.description == expected.start)
        #expect(found.width.description == expected.width)
        let ranges = found.ranges
        #expect(ranges.count == 10)
        #expect(ranges.first?.lowerBound == found.start)
        for (earlier, later) in zip(ranges, ranges.dropFirst()) { #expect(earlier.upperBound == later.lowerBound) }
        for (score, index) in check.scores {
            #expect(found.index(of: try #require(ExactDecimal(score))) == index, "score \(score)")
        }
    }
}
