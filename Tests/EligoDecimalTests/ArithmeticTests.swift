import EligoDecimal
import Testing

@Suite("Arithmetic")
struct ArithmeticTests {
    @Test("0.1 + 0.2 == 0.3")
    func tenthPlusTwoTenths() throws {
        let sum = try dec("0.1").adding(dec("0.2"))
        #expect(sum == dec("0.3"))
        #expect(sum.description == "0.3")
    }

    @Test("addition aligns scales and rounds half-even beyond 34 digits", arguments: [
        ("1.5", "2.25", "3.75"),
        ("100", "0.001", "100.001"),
        ("1.10", "2.205", "3.305"),
        ("-5.5", "5.5", "0"),
        ("-0.75", "0.5", "-0.25"),
        ("12345678901234567", "0.00000000000000001", "12345678901234567.00000000000000001"),
        ("123456789012345678", "0.000000000000000001", "123456789012345678"),
        ("1", "0.000000000000000000000000000000001", "1.000000000000000000000000000000001"),
        // 35 digits: the last one is dropped, ties go to the even neighbour.
        ("1", "0.0000000000000000000000000000000001", "1"),
        ("1", "0.0000000000000000000000000000000005", "1"),
        ("1", "0.0000000000000000000000000000000015", "1.000000000000000000000000000000002"),
        ("1", "0.0000000000000000000000000000000016", "1.000000000000000000000000000000002"),
        ("1000000000000000000000000000000000", "1e-42", "1000000000000000000000000000000000"),
        ("9999999999999999999999999999999999", "0.4", "9999999999999999999999999999999999"),
        ("9999999999999999999999999999999999", "0.5", "overflow"),
        ("9999999999999999999999999999999999", "1", "overflow"),
        ("-9999999999999999999999999999999999", "-1", "overflow"),
        ("9999999999999999999999999999999999", "-1", "9999999999999999999999999999999998"),
    ])
    func addition(a: String, b: String, expected: String) {
        #expect(outcome { () throws(ArithmeticError) in try dec(a).adding(dec(b)) } == expected)
        #expect(outcome { () throws(ArithmeticError) in try dec(b).adding(dec(a)) } == expected)
    }

    @Test("subtraction", arguments: [
        ("0.3", "0.1", "0.2"),
        ("1", "1e-42", "1"),
        ("0", "2.5", "-2.5"),
        ("1.00", "1", "0"),
        ("-9999999999999999999999999999999999", "1", "overflow"),
        ("5", "-5", "10"),
    ])
    func subtraction(a: String, b: String, expected: String) {
        #expect(outcome { () throws(ArithmeticError) in try dec(a).subtracting(dec(b)) } == expected)
    }

    @Test("multiplication is exact up to 34 digits, then half-even", arguments: [
        ("1.5", "1.5", "2.25"),
        ("0.1", "0.1", "0.01"),
        ("-2", "3.5", "-7"),
        ("0", "-5", "0"),
        ("99999999999999999", "99999999999999999", "9999999999999999800000000000000001"),
        ("123456789012345678.9", "10", "1234567890123456789"),
        ("1234567890123456789012345678901234", "1.1", "1358024679135802467913580246791357"),
        ("1e20", "1e13", "1000000000000000000000000000000000"),
        ("1e20", "1e14", "overflow"),
        ("9999999999999999999999999999999999", "9999999999999999999999999999999999", "overflow"),
        ("0.000000000000000000001", "0.000000000000000000001", "0.000000000000000000000000000000000000000001"),
        // Below 10^-42: rounded half-even to 42 places.
        ("0.000000000000000000001", "0.0000000000000000000001", "0"),
        ("0.000000000000000000005", "0.0000000000000000000001", "0"),
        ("0.0000000000000000000015", "0.000000000000000000001", "0.000000000000000000000000000000000000000002"),
    ])
    func multiplication(a: String, b: String, expected: String) {
        #expect(outcome { () throws(ArithmeticError) in try dec(a).multiplied(by: dec(b)) } == expected)
        #expect(outcome { () throws(ArithmeticError) in try dec(b).multiplied(by: dec(a)) } == expected)
    }

    @Test("division rounds half-even to 34 significant digits", arguments: [
        ("1", "3", "0.3333333333333333333333333333333333"),
        ("2", "3", "0.6666666666666666666666666666666667"),
        ("-1", "3", "-0.3333333333333333333333333333333333"),
        ("1", "-3", "-0.3333333333333333333333333333333333"),
        ("100", "7", "14.28571428571428571428571428571429"),
        ("1", "8", "0.125"),
        ("10", "4", "2.5"),
        ("-7", "2", "-3.5"),
        ("6", "2", "3"),
        ("0", "5", "0"),
        ("1", "0.000000000000000000000000000000001", "1000000000000000000000000000000000"),
        ("2500", "0.05", "50000"),
        // Exact within a few more digits (the short path), and just past it (the general one).
        ("36900", "36", "1025"),
        ("1420.65", "12", "118.3875"),
        ("10.50", "2", "5.25"),
        ("-1", "-8", "0.125"),
        ("1.20", "0.4", "3"),
        ("1", "64", "0.015625"),
        ("1", "128", "0.0078125"),
        ("18446744073709551615", "1", "18446744073709551615"),
        ("18446744073709551615", "2", "9223372036854775807.5"),
        ("0.000000000000000000000000000000000000001", "8", "0.000000000000000000000000000000000000000125"),
        ("0.000000000000000000000000000000000000001", "16", "0.000000000000000000000000000000000000000062"),
        // 35-digit quotients ending in 5: ties go to the even neighbour.
        ("9999999999999999999999999999999999", "2", "5000000000000000000000000000000000"),
        ("9999999999999999999999999999999997", "2", "4999999999999999999999999999999998"),
        ("1000000000000000000000000000000001", "2", "500000000000000000000000000000000.5"),
        // Below 10^-42.
        ("0.000000000000000000000000000000000000000001", "3", "0"),
        ("0.000000000000000000000000000000000000000002", "3", "0.000000000000000000000000000000000000000001"),
        ("1000000000000000000000000000000000", "0.1", "overflow"),
        ("5", "0", "divisionByZero"),
        ("0", "0", "divisionByZero"),
        ("-5", "0.000", "divisionByZero"),
    ])
    func division(a: String, b: String, expected: String) {
        #expect(outcome { () throws(ArithmeticError) in try dec(a).divided(by: dec(b)) } == expected)
    }

    @Test("division by zero is an error value, never infinity")
    func divisionByZeroThrows() {
        #expect(throws: ArithmeticError.divisionByZero) { try dec("1").divided(by: .zero) }
    }

    @Test("overflow is a clear error for huge values, never wrapped digits")
    func overflowThrows() {
        let largest = ExactDecimal.greatestFiniteMagnitude
        #expect(largest.description == "9999999999999999999999999999999999")
        #expect(throws: ArithmeticError.overflow) { try largest.adding(.one) }
        #expect(throws: ArithmeticError.overflow) { try largest.negated.subtracting(.one) }
        #expect(throws: ArithmeticError.overflow) { try largest.multiplied(by: 2) }
        #expect(throws: ArithmeticError.overflow) { try largest.divided(by: dec("0.5")) }
        #expect(throws: ArithmeticError.overflow) { try ExactDecimal(Int.max).multiplied(by: ExactDecimal(Int.max)) }
        // Repeated doubling overflows at the bound and never comes back negative.
        var value = ExactDecimal.one
        var doublings = 0
        while let next = try? value.multiplied(by: 2) {
            #expect(next > value)
            value = next
            doublings += 1
        }
        #expect(doublings == 112)
    }

    @Test("products of Int64-sized coefficients that exceed 34 digits take the exact path")
    func wideProducts() {
        // (2^63 - 1)^2 has 38 digits: 85070591730234615847396907784232501249.
        #expect(
            outcome { () throws(ArithmeticError) in
                try ExactDecimal(Int.max).multiplied(by: ExactDecimal(coefficient: Int64.max, scale: 10))
            } == "8507059173023461584739690778.42325"
        )
    }

    @Test("sign and magnitude helpers", arguments: [
        ("-2.50", -1, "2.5", "2.5"),
        ("0.000", 0, "0", "0"),
        ("7", 1, "-7", "7"),
    ])
    func signs(text: String, signum: Int, negated: String, magnitude: String) {
        let value = dec(text)
        #expect(value.signum == signum)
        #expect(value.isZero == (signum == 0))
        #expect(value.negated.description == negated)
        #expect(value.magnitude.description == magnitude)
    }

    @Test("integers and Int64 conversion", arguments: [
        ("2.00", true, Int64?.some(2)),
        ("2.5", false, nil),
        ("0.000", true, 0),
        ("-0.001", false, nil),
        ("9223372036854775807", true, Int64.max),
        ("-9223372036854775808", true, Int64.min),
        ("9223372036854775808", true, nil),
        ("1e30", true, nil),
        ("0.1234567890123456789012345678901234", false, nil),
        ("1000000000000000000000000000000000", true, nil),
    ])
    func integers(text: String, isInteger: Bool, int64: Int64?) {
        #expect(dec(text).isInteger == isInteger)
        #expect(dec(text).int64Value == int64)
    }

    @Test("coefficient and scale initializer keeps the value exactly")
    func coefficientInitializer() {
        #expect(ExactDecimal(coefficient: 385, scale: 2) == dec("3.85"))
        #expect(ExactDecimal(coefficient: -150, scale: 2).description == "-1.5")
        #expect(ExactDecimal(coefficient: Int64.min, scale: 0).description == "-9223372036854775808")
        #expect(ExactDecimal(coefficient: 5, scale: 42).description == "0.000000000000000000000000000000000000000005")
        #expect(ExactDecimal(42) == 42)
        #expect(ExactDecimal.zero == 0 && ExactDecimal.one == 1)
    }
}
