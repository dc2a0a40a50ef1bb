import EligoDecimal
import Testing

@Suite("Comparison and hashing")
struct ComparisonTests {
    @Test("equal values at different scales are equal and hash alike", arguments: [
        ("1", "1.0"),
        ("1.00", "1.0000000000"),
        ("0", "-0.000"),
        ("-2.5", "-2.50"),
        ("1000", "1e3"),
        ("0.000000000000000000000000000000000000000010", "1e-41"),
        ("1000000000000000000000000000000000", "1000000000000000000000000000000000.000"),
    ])
    func equalAcrossScales(a: String, b: String) {
        #expect(dec(a) == dec(b))
        #expect(dec(a).hashValue == dec(b).hashValue)
        #expect(!(dec(a) < dec(b)) && !(dec(b) < dec(a)))
    }

    @Test("unnormalized values from arithmetic compare and hash by value")
    func unnormalized() throws {
        let a = ExactDecimal(coefficient: 150, scale: 2)
        let b = try dec("0.75").multiplied(by: 2)  // 1.50 at scale 2
        let c = ExactDecimal(coefficient: 15, scale: 1)
        #expect(a == c && b == c)
        #expect(Set([a, b, c, dec("1.5"), dec("2")]).count == 2)
        #expect([dec("1.0"): "x"][dec("1")] == "x")
    }

    @Test("ordering", arguments: [
        ("1.5", "1.50001"),
        ("-1", "-0.5"),
        ("-0.5", "0"),
        ("0", "0.000000000000000000000000000000000000000001"),
        ("0.000000000000000000000000000000000000000001", "1000000000000000000000000000000000"),
        ("-9999999999999999999999999999999999", "9999999999999999999999999999999999"),
        ("0.9999999999999999999999999999999999", "1"),
        ("123456789012345678901234567.8", "123456789012345678901234567.8000001"),
        ("9223372036854775807", "9223372036854775807.1"),
    ])
    func ordering(smaller: String, larger: String) {
        #expect(dec(smaller) < dec(larger))
        #expect(!(dec(larger) < dec(smaller)))
        #expect(dec(smaller) != dec(larger))
        #expect(dec(larger) > dec(smaller))
        #expect(dec(larger).negated < dec(smaller).negated)
    }

    @Test("sorting mixed scales")
    func sorting() {
        let values = ["10", "-1.5", "0.001", "2", "2.0", "-10", "0"].map { dec($0) }
        #expect(values.sorted().map(\.description) == ["-10", "-1.5", "0", "0.001", "2", "2", "10"])
        #expect(values.max() == dec("10"))
    }
}
