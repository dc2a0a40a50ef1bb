import Testing
@testable import EligoExpr

struct SpanCase: CustomTestStringConvertible, Sendable {
    var from: String
    var to: String
    var months: Int
    var years: Int
    var days: Int
    var testDescription: String { "\(from) → \(to)" }
}

@Suite struct DayTests {
    @Test(arguments: [
        ("1970-01-01", 0),
        ("1969-12-31", -1),
        ("1970-01-02", 1),
        ("2000-03-01", 11_017),
        ("2025-01-31", 20_119),
        ("0001-01-01", -719_162),
        ("9999-12-31", 2_932_896),
    ])
    func parseAndPrint(_ text: String, _ days: Int32) throws {
        let parsed = try #require(Day(iso: text))
        #expect(parsed.daysSinceEpoch == days)
        #expect(parsed.description == text)
        #expect(Day(daysSinceEpoch: days).description == text)
    }

    @Test(arguments: [
        "2023-02-29", "2100-02-29", "1900-02-29", "2024-02-30", "2024-04-31", "2024-06-31", "2024-09-31", "2024-11-31",
        "2024-13-01", "2024-00-10", "2024-01-00", "2024-01-32", "0000-01-01", "2024-1-01", "2024-01-1", "20240101",
        "2024/01/01", " 2024-01-01", "2024-01-01 ", "2024-01-1a", "+024-01-01", "-024-01-01", "２０２４-01-01", "",
        "2024-01-01T00:00", "10000-01-01",
    ])
    func invalidDatesAreRefused(_ text: String) {
        #expect(Day(iso: text) == nil)
    }

    @Test(arguments: [
        (1600, true), (1700, false), (1900, false), (2000, true), (2023, false), (2024, true), (2100, false), (2400, true),
    ])
    func leapYears(_ year: Int, _ leap: Bool) {
        #expect(Day.isLeap(year) == leap)
        #expect((Day(year: year, month: 2, day: 29) != nil) == leap)
        #expect(Day.daysIn(month: 2, year: year) == (leap ? 29 : 28))
        let days = Day(year: year + 1, month: 1, day: 1)!.daysSinceEpoch - Day(year: year, month: 1, day: 1)!.daysSinceEpoch
        #expect(days == (leap ? 366 : 365))
    }

    /// Every day from 1600 to 2400: civil ⇄ day count agree, and consecutive days are
    /// consecutive dates.
    @Test func civilConversionRoundTrips() {
        let first = Day(year: 1600, month: 1, day: 1)!
        let last = Day(year: 2400, month: 12, day: 31)!
        var previous = Day.civilFromDays(Int(first.daysSinceEpoch) - 1)
        var mismatches = 0
        for count in first.daysSinceEpoch...last.daysSinceEpoch {
            let (year, month, day) = Day.civilFromDays(Int(count))
            if Day.daysFromCivil(year, month, day) != Int(count) { mismatches += 1 }
            let isNext: Bool
            if day > 1 {
                isNext = (year, month, day - 1) == previous
            } else if month > 1 {
                isNext = previous == (year, month - 1, Day.daysIn(month: month - 1, year: year))
            } else {
                isNext = previous == (year - 1, 12, 31)
            }
            if !isNext { mismatches += 1 }
            previous = (year, month, day)
        }
        #expect(mismatches == 0)
    }

    @Test func extremesRoundTrip() {
        for (year, month, day) in [(1, 1, 1), (9999, 12, 31), (1, 3, 1), (9999, 2, 28)] {
            let value = Day(year: year, month: month, day: day)!
            #expect(value.components == (year, month, day))
        }
        #expect(Day(year: 10000, month: 1, day: 1) == nil)
        #expect(Day(year: 0, month: 12, day: 31) == nil)
    }

    @Test func orderingAndArithmetic() {
        let a = Day(iso: "2024-02-28")!
        let b = Day(iso: "2024-03-01")!
        #expect(a < b)
        #expect(!(b < a))
        #expect(a.adding(days: 2) == b)
        #expect(b.adding(days: -2) == a)
        #expect(a.adding(days: 1).description == "2024-02-29")
        #expect([b, a].sorted() == [a, b])
    }

    @Test(arguments: [
        SpanCase(from: "2000-01-31", to: "2000-02-29", months: 0, years: 0, days: 29),
        SpanCase(from: "2000-01-31", to: "2000-03-31", months: 2, years: 0, days: 60),
        SpanCase(from: "2000-01-15", to: "2000-01-15", months: 0, years: 0, days: 0),
        SpanCase(from: "2000-02-29", to: "2001-02-28", months: 11, years: 0, days: 365),
        SpanCase(from: "2000-02-29", to: "2001-03-01", months: 12, years: 1, days: 366),
        SpanCase(from: "2000-02-29", to: "2004-02-29", months: 48, years: 4, days: 1461),
        SpanCase(from: "1990-06-15", to: "2025-06-14", months: 419, years: 34, days: 12_783),
        SpanCase(from: "1990-06-15", to: "2025-06-15", months: 420, years: 35, days: 12_784),
        // Backwards: the forward span negated, so truncated toward zero.
        SpanCase(from: "2001-02-28", to: "2000-02-29", months: -11, years: 0, days: -365),
        SpanCase(from: "2000-03-15", to: "2000-01-20", months: -1, years: 0, days: -55),
        SpanCase(from: "2025-01-01", to: "2000-01-02", months: -299, years: -24, days: -9131),
    ])
    func spans(_ testCase: SpanCase) {
        let from = Day(iso: testCase.from)!
        let to = Day(iso: testCase.to)!
        #expect(from.months(to: to) == testCase.months)
        #expect(from.years(to: to) == testCase.years)
        #expect(from.days(to: to) == testCase.days)
    }
}
