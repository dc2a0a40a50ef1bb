// Arithmetic. Each operation has an inlinable fast path for the shapes a policy evaluates
// millions of times (equal scales; coefficients that fit in 64 bits, which covers every amount
// below 9.2 × 10^18 units of its last place) and a non-inlined exact slow path in 256 bits that
// rounds once through `rounding(negative:magnitude:scale:sticky:rule:scaleLimit:)`.

extension ExactDecimal {
    /// The sum, exact when it fits in 34 digits and rounded half-even otherwise.
    ///
    /// - Parameter other: The addend.
    /// - Returns: `self + other`.
    /// - Throws: ``ArithmeticError/overflow`` when the sum reaches 10^34.
    @inlinable
    public func adding(_ other: ExactDecimal) throws(ArithmeticError) -> ExactDecimal {
        if let aligned = Self.alignedCoefficients(self, other) {
            // One term is below 10^34 and the other below 2^63 × 10^19, so the sum cannot wrap.
            let sum = aligned.0 &+ aligned.1
            if Self.fitsPrecision(sum) { return ExactDecimal(unchecked: sum, scale: aligned.scale) }
        }
        return try Self.exactSum(self, other)
    }

    /// The difference, exact when it fits in 34 digits and rounded half-even otherwise.
    ///
    /// - Parameter other: The subtrahend.
    /// - Returns: `self - other`.
    /// - Throws: ``ArithmeticError/overflow`` when the difference reaches 10^34 in magnitude.
    @inlinable
    public func subtracting(_ other: ExactDecimal) throws(ArithmeticError) -> ExactDecimal {
        try adding(other.negated)
    }

    /// The product, exact when it fits in 34 digits and rounded half-even otherwise.
    ///
    /// - Parameter other: The multiplier.
    /// - Returns: `self × other`.
    /// - Throws: ``ArithmeticError/overflow`` when the product reaches 10^34 in magnitude.
    @inlinable
    public func multiplied(by other: ExactDecimal) throws(ArithmeticError) -> ExactDecimal {
        let scale = self.scale &+ other.scale
        if scale <= 42, let a = Int64(exactly: coefficient), let b = Int64(exactly: other.coefficient) {
            let (high, low) = a.multipliedFullWidth(by: b)
            let product = Int128(high) << 64 | Int128(low)
            if Self.fitsPrecision(product) { return ExactDecimal(unchecked: product, scale: scale) }
        }
        return try Self.exactProduct(self, other)
    }

    /// The quotient, rounded half-even to 34 significant digits (or to 42 places, if smaller).
    ///
    /// Exact quotients come back without trailing zeros, so `1 / 8` is `0.125` at scale 3.
    ///
    /// - Parameter other: The divisor.
    /// - Returns: `self ÷ other`.
    /// - Throws: ``ArithmeticError/divisionByZero`` for a zero divisor (never infinity);
    ///   ``ArithmeticError/overflow`` when the quotient reaches 10^34 in magnitude.
    public func divided(by other: ExactDecimal) throws(ArithmeticError) -> ExactDecimal {
        guard other.coefficient != 0 else { throw .divisionByZero }
        if coefficient == 0 { return .zero }
        let negative = (coefficient < 0) != (other.coefficient < 0)
        if let exact = Self.shortExactQuotient(self, other, negative: negative) { return exact }
        let dividend = coefficient.magnitude
        let divisor = other.coefficient.magnitude
        // Shift the dividend so the quotient has at least 35 digits: 34 to keep and one to
        // round on, with the remainder as the sticky bit. At most 69 digits, well inside 256 bits.
        let shift = Swift.max(0, decimalDigitCount(divisor) + Self.precision + 1 - decimalDigitCount(dividend))
        if let quotient = Self.narrowQuotient(dividend, divisor, shift: shift, scale: scale - other.scale + shift, negative: negative) {
            return quotient
        }
        var numerator = UInt256(dividend)
        numerator.multiplyByPowerOfTen(shift)
        let (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: divisor)
        let result = try Self.rounding(
            negative: negative,
            magnitude: quotient,
            scale: scale - other.scale + shift,
            sticky: remainder != 0,
            rule: .halfEven
        )
        return remainder == 0 ? result.normalized : result
    }

    /// The quotient when it is exact within a few more places and fits in 64 bits, as
    /// ``divided(by:)`` gives it (no trailing zeros); nil for anything else.
    ///
    /// Most divisions in policies are amounts over a term or a rate over 12 (`36900 / 36`,
    /// `1420.65 / 12`), which end within a few digits. The general path computes 35 digits in
    /// 256 bits and strips the zeros again; this one takes one or two hardware divisions.
    private static func shortExactQuotient(_ a: ExactDecimal, _ b: ExactDecimal, negative: Bool) -> ExactDecimal? {
        guard a.scale >= b.scale, let dividend = UInt64(exactly: a.coefficient.magnitude),
              let divisor = UInt64(exactly: b.coefficient.magnitude)
        else { return nil }
        var (quotient, remainder) = dividend.quotientAndRemainder(dividingBy: divisor)
        var places = a.scale &- b.scale
        if remainder != 0 {
            // Up to six more digits in one hardware division: the remainder is below the
            // divisor, so remainder × 10^extra over it is below 10^extra.
            let extra = Swift.min(6, maxScale &- places)
            let power = pow10u64(extra)
            guard extra > 0, quotient <= (UInt64.max &- power) / power else { return nil }
            let (digits, rest) = divisor.dividingFullWidth(remainder.multipliedFullWidth(by: power))
            guard rest == 0 else { return nil }
            quotient = quotient &* power &+ digits
            places &+= extra
        }
        while places > 0, quotient % 10 == 0 {
            quotient /= 10
            places &-= 1
        }
        if quotient == 0 { return .zero }
        return ExactDecimal(unchecked: negative ? 0 &- Int128(quotient) : Int128(quotient), scale: places)
    }

    /// ``divided(by:)``'s rounded quotient computed in 128 bits, when the shifted dividend fits
    /// in them and the divisor in 64 bits (an amount over a term or over 12, `44800 / 96`): two
    /// hardware divisions instead of the 256-bit path, and the same digits. Nil for anything
    /// else, including a result that `rounding` would have to round further or reject.
    ///
    /// As there, the quotient has 35 or 36 digits; the extra ones are dropped half-even, with the
    /// division's remainder as the sticky bit, and an exact division comes back normalized.
    private static func narrowQuotient(_ dividend: UInt128, _ divisor: UInt128, shift: Int, scale: Int, negative: Bool) -> ExactDecimal? {
        guard shift <= 38, let divisor = UInt64(exactly: divisor) else { return nil }
        let (numerator, overflow) = dividend.multipliedReportingOverflow(by: pow10u128(shift))
        guard !overflow else { return nil }
        let (quotient, remainder) = divide(numerator, by: divisor)
        let bound = UInt128(coefficientBound)
        // 35 digits drop one, 36 drop two; fewer cannot come from this shift.
        guard quotient >= bound else { return nil }
        let drop = quotient >= bound &* 10 ? 2 : 1
        guard scale &- drop <= maxScale,
              let result = dropping(drop, of: quotient, scale: scale, sticky: remainder != 0, negative: negative)
        else { return nil }
        return remainder == 0 ? result.normalized : result
    }

    /// ``exactProduct(_:_:)`` in 128 bits, when one factor fits in 64 bits and the product in
    /// 128 (a 34-digit quotient times 12, `instalment * 12`), rounded half-even to 34 digits as
    /// `rounding` would round it. Nil for anything else, including a result `rounding` would
    /// reject or store with a scale below 0.
    private static func narrowProduct(_ a: ExactDecimal, _ b: ExactDecimal) -> ExactDecimal? {
        let (wide, narrow) = UInt64(exactly: b.coefficient.magnitude) != nil ? (a, b) : (b, a)
        guard let small = UInt64(exactly: narrow.coefficient.magnitude) else { return nil }
        let (product, overflow) = wide.coefficient.magnitude.multipliedReportingOverflow(by: UInt128(small))
        guard !overflow else { return nil }
        if product == 0 { return .zero }
        let scale = a.scale &+ b.scale
        let digits = decimalDigitCount(product)
        let drop = Swift.max(digits &- precision, scale &- maxScale, 0)
        guard digits &- scale <= greatestMagnitudeExponent, drop <= 19 else { return nil }
        return dropping(drop, of: product, scale: scale, sticky: false, negative: (a.coefficient < 0) != (b.coefficient < 0))
    }

    /// `magnitude × 10^-scale` with its last `drop` digits (0…19) dropped half-even, as
    /// `rounding` drops them; `sticky` says digits below those were dropped already. Nil when
    /// the result would need a scale below 0, which `rounding` stores differently.
    @inline(__always)
    private static func dropping(_ drop: Int, of magnitude: UInt128, scale: Int, sticky: Bool, negative: Bool) -> ExactDecimal? {
        var kept = magnitude
        var finalScale = scale &- drop
        guard finalScale >= 0 else { return nil }
        if drop > 0 {
            let unit = pow10u64(drop)
            let (quotient, rest) = divide(magnitude, by: unit)
            kept = quotient
            let half = unit / 2
            if rest > half || (rest == half && (sticky || kept & 1 == 1)) { kept &+= 1 }
            if kept == UInt128(coefficientBound) {
                // Rounding carried into a 35th digit (…999 + 1): one place fewer.
                guard finalScale > 0 else { return nil }
                kept /= 10
                finalScale &-= 1
            }
            if kept == 0 { return .zero }
        }
        let signed = Int128(kept)
        return ExactDecimal(unchecked: negative ? 0 &- signed : signed, scale: finalScale)
    }

    /// A 128-bit value over a 64-bit one, in two hardware divisions.
    @inline(__always)
    private static func divide(_ value: UInt128, by divisor: UInt64) -> (quotient: UInt128, remainder: UInt64) {
        let high = UInt64(truncatingIfNeeded: value >> 64)
        let low = UInt64(truncatingIfNeeded: value)
        let (upper, carried) = high.quotientAndRemainder(dividingBy: divisor)
        let (lower, remainder) = divisor.dividingFullWidth((carried, low))
        return (UInt128(upper) << 64 | UInt128(lower), remainder)
    }

    /// Both coefficients at the larger of the two scales, when that is cheap and cannot overflow.
    ///
    /// Equal scales cost nothing; otherwise the coefficient with fewer places is scaled by up to
    /// 10^19, which stays below 2^127 when it fits in 64 bits. Anything else is left to the slow path.
    @inlinable @inline(__always)
    internal static func alignedCoefficients(
        _ a: ExactDecimal, _ b: ExactDecimal
    ) -> (Int128, Int128, scale: Int)? {
        if a.scale == b.scale { return (a.coefficient, b.coefficient, a.scale) }
        if a.scale < b.scale {
            let shift = b.scale &- a.scale
            guard shift <= 19, let small = Int64(exactly: a.coefficient) else { return nil }
            return (Int128(small) &* Int128(pow10u64(shift)), b.coefficient, b.scale)
        } else {
            let shift = a.scale &- b.scale
            guard shift <= 19, let small = Int64(exactly: b.coefficient) else { return nil }
            return (a.coefficient, Int128(small) &* Int128(pow10u64(shift)), a.scale)
        }
    }

    /// Both magnitudes exactly at the larger scale, in 256 bits (always fits: 10^34 × 10^42 < 2^256).
    internal static func alignedMagnitudes(
        _ a: ExactDecimal, _ b: ExactDecimal
    ) -> (UInt256, UInt256, scale: Int) {
        let scale = Swift.max(a.scale, b.scale)
        var aligned = UInt256(a.coefficient.magnitude)
        aligned.multiplyByPowerOfTen(scale - a.scale)
        var other = UInt256(b.coefficient.magnitude)
        other.multiplyByPowerOfTen(scale - b.scale)
        return (aligned, other, scale)
    }

    @usableFromInline
    internal static func exactSum(_ a: ExactDecimal, _ b: ExactDecimal) throws(ArithmeticError) -> ExactDecimal {
        var (x, y, scale) = alignedMagnitudes(a, b)
        let aNegative = a.coefficient < 0
        let bNegative = b.coefficient < 0
        let negative: Bool
        if aNegative == bNegative {
            x.add(y)
            negative = aNegative
        } else if y < x {
            x.subtract(y)
            negative = aNegative
        } else {
            y.subtract(x)
            x = y
            negative = bNegative
        }
        return try rounding(negative: negative, magnitude: x, scale: scale, sticky: false, rule: .halfEven)
    }

    @usableFromInline
    internal static func exactProduct(_ a: ExactDecimal, _ b: ExactDecimal) throws(ArithmeticError) -> ExactDecimal {
        if let narrow = narrowProduct(a, b) { return narrow }
        let product = UInt256.product(a.coefficient.magnitude, b.coefficient.magnitude)
        return try rounding(
            negative: (a.coefficient < 0) != (b.coefficient < 0),
            magnitude: product,
            scale: a.scale + b.scale,
            sticky: false,
            rule: .halfEven
        )
    }
}
