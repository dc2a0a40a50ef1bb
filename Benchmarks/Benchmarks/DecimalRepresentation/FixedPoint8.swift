// Candidate C: an Int64 with an implicit scale of 8 (±92,233,720,368.54775807).
//
// The cheapest representation that could possibly work, kept here as the floor to measure
// against. It was not chosen: 18 digits in all is below the 28 significant digits the policy
// format requires, amounts above 92 billion overflow, and a rate like 0.000000005 cannot be held.

struct FixedPoint8: Comparable {
    var raw: Int64
    static let unit: Int64 = 100_000_000

    static func < (a: FixedPoint8, b: FixedPoint8) -> Bool { a.raw < b.raw }

    enum Failure: Error { case overflow, divisionByZero }

    @inline(__always)
    func adding(_ other: FixedPoint8) throws(Failure) -> FixedPoint8 {
        let (sum, overflow) = raw.addingReportingOverflow(other.raw)
        if overflow { throw .overflow }
        return FixedPoint8(raw: sum)
    }

    /// (a × b) / 10^8 through a 128-bit product, rounded half-even.
    @inline(__always)
    func multiplied(by other: FixedPoint8) throws(Failure) -> FixedPoint8 {
        let product = Int128(raw) * Int128(other.raw)
        return try Self.divideRounding(product, by: Int128(Self.unit))
    }

    /// (a × 10^8) / b, rounded half-even.
    @inline(__always)
    func divided(by other: FixedPoint8) throws(Failure) -> FixedPoint8 {
        if other.raw == 0 { throw .divisionByZero }
        return try Self.divideRounding(Int128(raw) * Int128(Self.unit), by: Int128(other.raw))
    }

    @inline(__always)
    static func divideRounding(_ numerator: Int128, by divisor: Int128) throws(Failure) -> FixedPoint8 {
        var (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: divisor)
        let twice = remainder.magnitude * 2
        if twice > divisor.magnitude || (twice == divisor.magnitude && quotient & 1 == 1) {
            quotient += (numerator < 0) != (divisor < 0) ? -1 : 1
        }
        guard let value = Int64(exactly: quotient) else { throw .overflow }
        return FixedPoint8(raw: value)
    }

    /// `[-]digits[.digits]` with at most 8 decimals; nil otherwise.
    static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) -> FixedPoint8? {
        var index = 0
        var negative = false
        if bytes.count > 0 && bytes[0] == UInt8(ascii: "-") { negative = true; index = 1 }
        var value: Int64 = 0
        var places = -1
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "."), places < 0 {
                places = 0
            } else {
                let digit = byte &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                let (times, o1) = value.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times.addingReportingOverflow(Int64(digit))
                guard !o1, !o2 else { return nil }
                value = sum
                if places >= 0 { places += 1 }
            }
            index += 1
        }
        guard index > start, places != 0, places <= 8 else { return nil }
        var scaled = value
        for _ in 0..<(8 - max(places, 0)) {
            let (times, overflow) = scaled.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            scaled = times
        }
        return FixedPoint8(raw: negative ? -scaled : scaled)
    }

    /// Exactly two decimals, half away from zero.
    func formattedTwoPlaces() -> String {
        let cents = (raw.magnitude + 500_000) / 1_000_000
        let whole = cents / 100
        let fraction = cents % 100
        return (raw < 0 && cents != 0 ? "-" : "") + String(whole) + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }
}
