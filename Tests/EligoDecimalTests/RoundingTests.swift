import EligoDecimal
import Testing

@Suite("Rounding")
struct RoundingTests {
    typealias Rule = ExactDecimal.RoundingRule

    @Test("rounded(scale:_:)", arguments: [
        // Half away from zero (四舍五入), what round() and money use.
        ("2.5", 0, Rule.halfAwayFromZero, "3"),
        ("-2.5", 0, .halfAwayFromZero, "-3"),
        ("0.125", 2, .halfAwayFromZero, "0.13"),
        ("-0.125", 2, .halfAwayFromZero, "-0.13"),
        ("1.005", 2, .halfAwayFromZero, "1.01"),
        ("2.4", 0, .halfAwayFromZero, "2"),
        ("0.5", 0, .halfAwayFromZero, "1"),
        ("4.9999", 0, .halfAwayFromZero, "5"),
        ("1234.5", -2, .halfAwayFromZero, "1200"),
        ("1250", -2, .halfAwayFromZero, "1300"),
        ("1249.99", -2, .halfAwayFromZero, "1200"),
        ("-1250", -2, .halfAwayFromZero, "-1300"),
        ("5", -1, .halfAwayFromZero, "10"),
        ("5", -50, .halfAwayFromZero, "0"),
        ("999999999999999999999999999999999.5", 0, .halfAwayFromZero, "1000000000000000000000000000000000"),
        ("9999999999999999999999999999999999", -1, .halfAwayFromZero, "overflow"),
        ("9999999999999999999999999999999999", -33, .halfAwayFromZero, "overflow"),
        ("4999999999999999999999999999999999", -33, .halfAwayFromZero, "5000000000000000000000000000000000"),
        ("4999999999999999999999999999999999", -34, .halfAwayFromZero, "0"),
        ("5000000000000000000000000000000000", -34, .halfAwayFromZero, "overflow"),
        // Half even.
        ("2.5", 0, .halfEven, "2"),
        ("3.5", 0, .halfEven, "4"),
        ("-2.5", 0, .halfEven, "-2"),
        ("0.125", 2, .halfEven, "0.12"),
        ("0.135", 2, .halfEven, "0.14"),
        ("0.1250001", 2, .halfEven, "0.13"),
        ("2.51", 0, .halfEven, "3"),
        ("1250", -2, .halfEven, "1200"),
        ("1350", -2, .halfEven, "1400"),
        // Directed.
        ("2.9", 0, .towardZero, "2"),
        ("-2.9", 0, .towardZero, "-2"),
        ("2.1", 0, .down, "2"),
        ("-2.1", 0, .down, "-3"),
        ("-2.0", 0, .down, "-2"),
        ("2.1", 0, .up, "3"),
        ("-2.1", 0, .up, "-2"),
        ("2.00", 0, .up, "2"),
        ("0.001", -3, .up, "1000"),
        ("5", -50, .up, "overflow"),
        ("-5", -50, .up, "0"),
        // Already coarse enough: unchanged.
        ("1.5", 3, .halfEven, "1.5"),
        ("1.5", 1, .down, "1.5"),
        ("0", -5, .up, "0"),
    ])
    func rounded(value: String, scale: Int, rule: Rule, expected: String) {
        #expect(outcome { () throws(ArithmeticError) in try dec(value).rounded(scale: scale, rule) } == expected)
    }

    @Test("floor and ceil to a multiple of a step", arguments: [
        ("7.3", "1", "7", "8"),
        ("-7.3", "1", "-8", "-7"),
        ("7", "1", "7", "7"),
        ("123.45", "0.1", "123.4", "123.5"),
        ("123.45", "0.05", "123.45", "123.45"),
        ("123.46", "0.05", "123.45", "123.5"),
        ("1234", "100", "1200", "1300"),
        ("-1234", "100", "-1300", "-1200"),
        ("0.3", "0.25", "0.25", "0.5"),
        ("0", "5", "0", "0"),
        ("2.5", "2.5", "2.5", "2.5"),
        ("0.001", "1000", "0", "1000"),
        ("-0.001", "1000", "-1000", "0"),
        ("10", "3", "9", "12"),
        ("0.000000000000000000000000000000000000000001", "1", "0", "1"),
        ("9999999999999999999999999999999999", "1000", "9999999999999999999999999999999000", "overflow"),
        ("-9999999999999999999999999999999999", "1000", "overflow", "-9999999999999999999999999999999000"),
        ("1000000000000000000000000000000000", "0.000000000000000000000000000000000000000007",
         "999999999999999999999999999999999.9", "1000000000000000000000000000000001"),
    ])
    func floorAndCeil(value: String, step: String, floor: String, ceil: String) {
        #expect(outcome { () throws(ArithmeticError) in try dec(value).floor(step: dec(step)) } == floor)
        #expect(outcome { () throws(ArithmeticError) in try dec(value).ceil(step: dec(step)) } == ceil)
    }

    @Test("a step of zero or less is an invalid operand", arguments: ["0", "-1", "0.000", "-0.5"])
    func invalidStep(step: String) {
        #expect(throws: ArithmeticError.invalidOperand) { try dec("10").floor(step: dec(step)) }
        #expect(throws: ArithmeticError.invalidOperand) { try dec("10").ceil(step: dec(step)) }
    }
}
