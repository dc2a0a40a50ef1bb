import EligoDecimal
import Testing

@Suite("Formatting")
struct FormattingTests {
    @Test("canonical descriptions", arguments: [
        (Int64(0), 5, "0"),
        (-15, 1, "-1.5"),
        (1, 3, "0.001"),
        (1200, 0, "1200"),
        (-120, 2, "-1.2"),
        (100, 2, "1"),
        (5, 42, "0.000000000000000000000000000000000000000005"),
        (Int64.max, 0, "9223372036854775807"),
        (Int64.max, 19, "0.9223372036854775807"),
    ])
    func descriptions(coefficient: Int64, scale: Int, expected: String) {
        let value = ExactDecimal(coefficient: coefficient, scale: scale)
        #expect(value.description == expected)
        #expect("\(value)" == expected)
        #expect(ExactDecimal(expected) == value)
    }

    @Test("formatted(places:) rounds half away from zero and pads", arguments: [
        ("210000", 2, "210000.00"),
        ("0.125", 2, "0.13"),
        ("-0.125", 2, "-0.13"),
        ("1.005", 2, "1.01"),
        ("2.5", 0, "3"),
        ("-2.5", 0, "-3"),
        ("-0.001", 2, "0.00"),
        ("1234.5678", 2, "1234.57"),
        ("3", 0, "3"),
        ("0.1", 3, "0.100"),
        ("-5", 2, "-5.00"),
        ("0", 2, "0.00"),
        ("0.000000000000000000000000000000000000000005", 2, "0.00"),
        ("0.5", -1, "1"),
        ("9999999999999999999999999999999.995", 2, "10000000000000000000000000000000.00"),
        ("9999999999999999999999999999999999", 1, "9999999999999999999999999999999999.0"),
        ("0.1234567890123456789012345678901234", 40, "0.1234567890123456789012345678901234000000"),
    ])
    func formatted(value: String, places: Int, expected: String) {
        #expect(dec(value).formatted(places: places) == expected)
    }

    @Test("grouped formatting for people", arguments: [
        ("210000", 2, "210,000.00"),
        ("1234567.891", 2, "1,234,567.89"),
        ("999.995", 2, "1,000.00"),
        ("-1234", 2, "-1,234.00"),
        ("100", 0, "100"),
        ("1000", 0, "1,000"),
        ("0.5", 0, "1"),
        ("-0.004", 2, "0.00"),
        ("9999999999999999999999999999999999", 0, "9,999,999,999,999,999,999,999,999,999,999,999"),
    ])
    func grouped(value: String, places: Int, expected: String) {
        #expect(dec(value).formattedGrouped(places: places) == expected)
    }

    /// The bytes a batch writes into its rows in place are the strings' bytes, the bound
    /// holds for the longest texts, and a buffer one byte short gets nothing.
    @Test("text written into a buffer", arguments: [
        ("0", 0), ("-1.5", 0), ("0.000000000000000000000000000000000000000005", 0),
        ("-9999999999999999999999999999999999", 0), ("-0.9999999999999999999999999999999999", 0),
        ("210000", 2), ("0.125", 2), ("-9999999999999999999999999999999.995", 2),
        ("-9999999999999999999999999999999999", 2), ("0.1", 60),
    ])
    func writtenText(value: String, places: Int) {
        let decimal = dec(value)
        // The canonical text, then the fixed places plain and grouped.
        let ways: [(String, (UnsafeMutableBufferPointer<UInt8>) -> Int?)] = [
            (decimal.description, { decimal.writeText(into: $0) }),
            (decimal.formatted(places: places), { decimal.writeText(places: places, into: $0) }),
            (decimal.formattedGrouped(places: places), { decimal.writeText(places: places, grouped: true, into: $0) }),
        ]
        for (expected, write) in ways {
            var bytes = [UInt8](repeating: 0, count: ExactDecimal.maxTextCount(places: places))
            let count = bytes.withUnsafeMutableBufferPointer { write($0) }
            #expect(count.map { String(decoding: bytes[..<$0], as: UTF8.self) } == expected)
            var short = [UInt8](repeating: 0, count: expected.utf8.count - 1)
            #expect(short.withUnsafeMutableBufferPointer { write($0) } == nil)
            #expect(short.allSatisfy { $0 == 0 }, "nothing is written when the text does not fit")
        }
    }
}
