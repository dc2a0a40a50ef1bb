import EligoDecimal
import Testing
import _EligoPropertySupport

@Suite("Parsing")
struct ParsingTests {
    @Test("valid literals parse exactly to their canonical text", arguments: [
        ("0", "0"),
        ("-0", "0"),
        ("+0.000", "0"),
        ("00012", "12"),
        ("1.50", "1.5"),
        ("-1.5", "-1.5"),
        ("+3.85", "3.85"),
        ("0.001", "0.001"),
        ("1000000", "1000000"),
        ("1e3", "1000"),
        ("1E3", "1000"),
        ("1.5e-3", "0.0015"),
        ("12.5e+2", "1250"),
        ("0e999999999999", "0"),
        ("1e33", "1000000000000000000000000000000000"),
        ("9999999999999999999999999999999999", "9999999999999999999999999999999999"),
        ("-9999999999999999999999999999999999", "-9999999999999999999999999999999999"),
        ("0.1234567890123456789012345678901234", "0.1234567890123456789012345678901234"),
        ("1234567890123456789012345678.5", "1234567890123456789012345678.5"),
        ("0.000000000000000000000000000000000000000001", "0.000000000000000000000000000000000000000001"),
        ("1e-42", "0.000000000000000000000000000000000000000001"),
        ("1.000000000000000000000000000000000000000000000000000000", "1"),
        ("100.5", "100.5"),
        ("2.5E0", "2.5"),
    ])
    func valid(input: String, canonical: String) throws {
        let value = try #require(ExactDecimal(input))
        #expect(value.description == canonical)
        #expect(parseBytes(input) == value)
        #expect(ExactDecimal(Substring(input)) == value)
    }

    @Test("malformed or inexact literals are rejected", arguments: [
        "", "-", "+", ".", ".5", "-.5", "1.", "1..2", "1.2.3", " 1", "1 ", "\t1", "1_000", "1,5", "abc",
        "1e", "1e+", "1e-", "e5", "0x10", "1.5%", "--1", "+-1", "١", "NaN", "inf", "Infinity", "1e5.5",
        // 10^34 and more: beyond the range.
        "10000000000000000000000000000000000", "1e34", "-1e34", "0.1e35",
        // 35 significant digits: would need rounding, and inputs are never rounded silently.
        "12345678901234567890123456789012345", "1.2345678901234567890123456789012345",
        "1000000000000000000000000000000000.1",
        // Nonzero digits past 42 decimal places.
        "1e-43", "0.0000000000000000000000000000000000000000001", "1.0000000000000000000000000000000000000000001",
        "1e-99999999999999999",
    ])
    func invalid(input: String) {
        #expect(ExactDecimal(input) == nil)
        #expect(parseBytes(input) == nil)
    }

    @Test("28-digit values round-trip exactly through text")
    func twentyEightDigitRoundTrip() throws {
        var generator = SplitMix64(state: 28)
        for _ in 0..<2_000 {
            var digits = String(Int.random(in: 1...9, using: &generator))
            for _ in 1..<28 { digits += String(Int.random(in: 0...9, using: &generator)) }
            // Canonical text has no trailing fractional zeros.
            if digits.hasSuffix("0") { digits.removeLast(); digits += "7" }
            let point = Int.random(in: 0...27, using: &generator)
            var text = point == 0 ? digits : String(digits.dropLast(point)) + "." + String(digits.suffix(point))
            if Bool.random(using: &generator) { text = "-" + text }
            let value = try #require(ExactDecimal(text))
            #expect(value.description == text)
            #expect(ExactDecimal(value.description) == value)
        }
    }

    @Test("a literal wider than the integer fast path still parses exactly")
    func wideLiteral() throws {
        let value = try #require(ExactDecimal("-123456789012345678901234567890.1234"))
        #expect(value.description == "-123456789012345678901234567890.1234")
        #expect(value.signum == -1)
    }
}
