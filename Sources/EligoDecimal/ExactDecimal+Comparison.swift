// Equality, order and hashing by numeric value, whatever the scales: 1.0 == 1.00.

extension ExactDecimal: Equatable {
    @inlinable
    public static func == (a: ExactDecimal, b: ExactDecimal) -> Bool {
        if let aligned = alignedCoefficients(a, b) { return aligned.0 == aligned.1 }
        return compareExactly(a, b) == 0
    }
}

extension ExactDecimal: Comparable {
    @inlinable
    public static func < (a: ExactDecimal, b: ExactDecimal) -> Bool {
        if let aligned = alignedCoefficients(a, b) { return aligned.0 < aligned.1 }
        return compareExactly(a, b) < 0
    }
}

extension ExactDecimal {
    /// -1, 0 or 1 as `a` is less than, equal to or greater than `b`: one alignment for
    /// what `<` and `==` would each align again.
    @inlinable
    public static func order(_ a: ExactDecimal, _ b: ExactDecimal) -> Int {
        if let aligned = alignedCoefficients(a, b) { return aligned.0 < aligned.1 ? -1 : (aligned.0 == aligned.1 ? 0 : 1) }
        return compareExactly(a, b)
    }
}

extension ExactDecimal {
    /// ``order(_:_:)`` when both values have the same scale, as a field and the literal it is
    /// compared with mostly do: one integer comparison, small enough to inline into a loop.
    /// Nil for different scales.
    @inlinable @inline(__always)
    public static func sameScaleOrder(_ a: ExactDecimal, _ b: ExactDecimal) -> Int? {
        guard a.scale == b.scale else { return nil }
        return a.coefficient < b.coefficient ? -1 : (a.coefficient == b.coefficient ? 0 : 1)
    }
}

extension ExactDecimal: Hashable {
    /// Hashes the normalized parts, so values equal under `==` hash alike.
    public func hash(into hasher: inout Hasher) {
        let canonical = normalized
        hasher.combine(canonical.coefficient)
        hasher.combine(canonical.scale)
    }
}

extension ExactDecimal {
    /// -1, 0 or 1 as `a` is less than, equal to or greater than `b`, comparing in 256 bits.
    @usableFromInline
    internal static func compareExactly(_ a: ExactDecimal, _ b: ExactDecimal) -> Int {
        let aSign = a.signum
        let bSign = b.signum
        if aSign != bSign { return aSign < bSign ? -1 : 1 }
        if aSign == 0 { return 0 }
        // A 34-digit quotient against an amount (`monthly_income >= 2 * instalment`): the amount
        // scaled to the quotient's places mostly still fits in 128 bits.
        let (fewer, more) = a.scale < b.scale ? (a, b) : (b, a)
        let shift = more.scale &- fewer.scale
        if shift <= 37 {
            let (scaled, overflow) = fewer.coefficient.multipliedReportingOverflow(by: Int128(pow10u128(shift)))
            if !overflow {
                let (x, y) = a.scale < b.scale ? (scaled, b.coefficient) : (a.coefficient, scaled)
                return x < y ? -1 : (x == y ? 0 : 1)
            }
        }
        let (x, y, _) = alignedMagnitudes(a, b)
        let magnitudeOrder = x == y ? 0 : (x < y ? -1 : 1)
        return aSign < 0 ? -magnitudeOrder : magnitudeOrder
    }
}
