@testable import EligoAudit
import EligoDecimal
import EligoDiagnostics
import EligoExpr
import Testing

/// Numbers, money, percentages and units as the explanations write them.
@Suite struct ValueWordsTests {
    private func decimal(_ text: String) -> ExactDecimal {
        ExactDecimal(text) ?? .zero
    }

    /// Exact up to eight decimals (a threshold of 0.99995 is not "1"); a longer tail, a
    /// division's, rounded to four places or four significant digits and marked `≈`.
    @Test(arguments: [
        ("612", "612"), ("0.25", "0.25"), ("2.50", "2.5"), ("0.66666", "0.66666"), ("0.99995", "0.99995"), ("0.00004", "0.00004"),
        ("0.12345678", "0.12345678"), ("-3", "-3"), ("0.333333333", "≈0.3333"), ("-0.666666666", "≈-0.6667"),
        ("0.9999999999999999999999999999999999", "≈1"), ("466.6666666666666666666666666666667", "≈466.6667"),
        ("0.0000001234567891", "≈0.0000001235"), ("0.01234567901234567901234567901235", "≈0.0123"),
        ("0.0001234567901234567901234567901235", "≈0.0001"), ("0.00001234567901234567901234567901", "≈0.00001235"), ("0.000000000001", "0.000000000001"), ("2.000000000000", "2"),
    ])
    func plainNumbersExactOrMarked(_ value: String, _ expected: String) {
        #expect(ValueWords.number(decimal(value)) == expected)
    }

    @Test(arguments: [("0.0385", "3.85%"), ("0.7", "70%"), ("1", "100%"), ("0.125", "12.5%")])
    func percentages(_ fraction: String, _ expected: String) {
        #expect(ValueWords.percent(decimal(fraction)) == expected)
    }

    @Test func moneyHasTwoPlacesOrItsOwn() {
        #expect(ValueWords.money(decimal("0.125")) == "0.125")
        #expect(ValueWords.money(decimal("999.995")) == "999.995")
        #expect(ValueWords.money(decimal("4616.666666666666666666666666666667")) == "≈4,616.67")
        #expect(ValueWords.money(decimal("210000.10")) == "210,000.10")
        #expect(ValueWords.money(decimal("5")) == "5.00")
        #expect(ValueWords.money(decimal("-12.5")) == "-12.50")
    }

    @Test func thousandsAreGrouped() {
        #expect(ValueWords.money(decimal("210000")) == "210,000.00")
        #expect(ValueWords.money(decimal("1234567.891")) == "1,234,567.891")
        #expect(ValueWords.number(decimal("3500")) == "3,500")
        #expect(ValueWords.number(decimal("1234567.123456")) == "1,234,567.123456")
        #expect(ValueWords.number(decimal("1234567.1234567891")) == "≈1,234,567.1235")
        #expect(ValueWords.quantity(decimal("200000"), .money, .zh) == "200,000.00 元")
        #expect(ValueWords.quantity(decimal("12500"), Quantity(.plain, unit: "m2"), .en) == "12,500 m²")
    }

    @Test(arguments: [
        ("96", "months", Language.en, "96 months"), ("1", "months", .en, "1 month"), ("96", "months", .zh, "96 个月"),
        ("20", "kW", .en, "20 kW"), ("20", "kW", .zh, "20 千瓦"), ("140", "m2", .en, "140 m²"), ("140", "m2", .zh, "140 平方米"),
        ("12", "mu", .en, "12 mu"), ("12", "mu", .zh, "12 亩"), ("65", "percent", .en, "65%"), ("65", "percent", .zh, "65%"),
        ("16", "°C", .zh, "16°C"), ("45", "age", .en, "45 years"), ("45", "age", .zh, "45 岁"), ("7", "mg/L", .zh, "7 毫克/升"),
        ("3", "widgets", .en, "3 widgets"),
    ])
    func units(_ value: String, _ unit: String, _ language: Language, _ expected: String) {
        #expect(ValueWords.quantity(decimal(value), Quantity(.plain, unit: unit), language) == expected)
    }

    @Test func moneyIsInYuanAndPercentagesIgnoreUnits() {
        #expect(ValueWords.quantity(decimal("44.8"), .money, .en) == "44.80 yuan")
        #expect(ValueWords.quantity(decimal("44.8"), .money, .zh) == "44.80 元")
        #expect(ValueWords.quantity(decimal("0.0385"), .percent, .zh) == "3.85%")
    }

    @Test func otherValues() {
        #expect(ValueWords.value(.unknown, .plain, .en) == "not provided")
        #expect(ValueWords.value(.unknown, .plain, .zh) == "未提供")
        #expect(ValueWords.value(.bool(true), .plain, .en) == "yes")
        #expect(ValueWords.value(.bool(false), .plain, .zh) == "否")
        #expect(ValueWords.value(.string("zuoquan"), .plain, .en) == "zuoquan")
        #expect(ValueWords.value(.list([.string("maize"), .string("rice")]), .plain, .en) == "maize, rice")
        #expect(ValueWords.value(.list([.string("maize"), .string("rice")]), .plain, .zh) == "maize、rice")
        #expect(ValueWords.value(.date(Day(iso: "2025-06-01") ?? Day(daysSinceEpoch: 0)), .plain, .zh) == "2025-06-01")
    }

    @Test(arguments: [
        ("项目总投资 300 元 的 70%", "项目总投资 300 元的 70%"),
        ("信用评分 612，要求不低于 650", "信用评分 612，要求不低于 650"),
        ("评分 90 分 ， 通过", "评分 90 分，通过"),
        ("  - 缩进 保留", "  - 缩进保留"),
    ])
    func chineseSpacing(_ text: String, _ expected: String) {
        #expect(ChineseSpacing.tidy(text) == expected)
    }
}
