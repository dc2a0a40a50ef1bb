/// An unsigned 256-bit integer with just the operations the slow paths need.
///
/// Any two values aligned to a common scale, and any product of two coefficients, fit in 256 bits
/// (10^34 × 10^42 < 2^256), so the slow paths compute exactly here and round once at the end.
/// Four 64-bit limbs, least significant first, so every step maps to one hardware instruction.
@usableFromInline
internal struct UInt256: Sendable, Equatable {
    var w0: UInt64
    var w1: UInt64
    var w2: UInt64
    var w3: UInt64

    static let zero = UInt256(w0: 0, w1: 0, w2: 0, w3: 0)

    init(w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64) {
        self.w0 = w0
        self.w1 = w1
        self.w2 = w2
        self.w3 = w3
    }

    init(_ value: UInt128) {
        self.init(w0: UInt64(truncatingIfNeeded: value), w1: UInt64(truncatingIfNeeded: value &>> 64), w2: 0, w3: 0)
    }

    init(low: UInt128, high: UInt128) {
        self.init(
            w0: UInt64(truncatingIfNeeded: low),
            w1: UInt64(truncatingIfNeeded: low &>> 64),
            w2: UInt64(truncatingIfNeeded: high),
            w3: UInt64(truncatingIfNeeded: high &>> 64)
        )
    }

    /// The full product of two 128-bit values.
    static func product(_ a: UInt128, _ b: UInt128) -> UInt256 {
        let a0 = UInt64(truncatingIfNeeded: a), a1 = UInt64(truncatingIfNeeded: a &>> 64)
        let b0 = UInt64(truncatingIfNeeded: b), b1 = UInt64(truncatingIfNeeded: b &>> 64)
        var result = UInt256(UInt128(a0) &* UInt128(b0))
        if a1 != 0 || b1 != 0 {
            // Add the cross terms a0·b1 and a1·b0 at limb 1 and a1·b1 at limb 2.
            result.add(UInt256(UInt128(a0) &* UInt128(b1)).shiftedByLimbs(1))
            result.add(UInt256(UInt128(a1) &* UInt128(b0)).shiftedByLimbs(1))
            result.add(UInt256(UInt128(a1) &* UInt128(b1)).shiftedByLimbs(2))
        }
        return result
    }

    var isZero: Bool { (w0 | w1 | w2 | w3) == 0 }
    var fitsUInt128: Bool { (w2 | w3) == 0 }
    var low128: UInt128 { UInt128(w1) << 64 | UInt128(w0) }
    var high128: UInt128 { UInt128(w3) << 64 | UInt128(w2) }

    /// The value moved up by `count` limbs of 64 bits; limbs shifted out are lost.
    func shiftedByLimbs(_ count: Int) -> UInt256 {
        switch count {
        case 0: self
        case 1: UInt256(w0: 0, w1: w0, w2: w1, w3: w2)
        case 2: UInt256(w0: 0, w1: 0, w2: w0, w3: w1)
        case 3: UInt256(w0: 0, w1: 0, w2: 0, w3: w0)
        default: .zero
        }
    }

    /// Adds `other`; callers guarantee the sum fits.
    mutating func add(_ other: UInt256) {
        var carry = false
        (w0, carry) = Self.add(w0, other.w0, carry)
        (w1, carry) = Self.add(w1, other.w1, carry)
        (w2, carry) = Self.add(w2, other.w2, carry)
        (w3, carry) = Self.add(w3, other.w3, carry)
        assert(!carry, "UInt256 addition overflowed")
    }

    /// Subtracts `other`; callers guarantee `other <= self`.
    mutating func subtract(_ other: UInt256) {
        var borrow = false
        (w0, borrow) = Self.subtract(w0, other.w0, borrow)
        (w1, borrow) = Self.subtract(w1, other.w1, borrow)
        (w2, borrow) = Self.subtract(w2, other.w2, borrow)
        (w3, borrow) = Self.subtract(w3, other.w3, borrow)
        assert(!borrow, "UInt256 subtraction underflowed")
    }

    private static func add(_ a: UInt64, _ b: UInt64, _ carry: Bool) -> (UInt64, Bool) {
        let (s1, o1) = a.addingReportingOverflow(b)
        let (s2, o2) = s1.addingReportingOverflow(carry ? 1 : 0)
        return (s2, o1 || o2)
    }

    private static func subtract(_ a: UInt64, _ b: UInt64, _ borrow: Bool) -> (UInt64, Bool) {
        let (d1, o1) = a.subtractingReportingOverflow(b)
        let (d2, o2) = d1.subtractingReportingOverflow(borrow ? 1 : 0)
        return (d2, o1 || o2)
    }

    /// Multiplies by `factor`; callers guarantee the product fits.
    mutating func multiply(by factor: UInt64) {
        var carry: UInt64 = 0
        (w0, carry) = Self.multiplyAdd(w0, factor, carry)
        (w1, carry) = Self.multiplyAdd(w1, factor, carry)
        if (w2 | w3) == 0 {
            // The usual case, a 128-bit value: the product ends in limb 2.
            w2 = carry
            return
        }
        (w2, carry) = Self.multiplyAdd(w2, factor, carry)
        (w3, carry) = Self.multiplyAdd(w3, factor, carry)
        assert(carry == 0, "UInt256 multiplication overflowed")
    }

    private static func multiplyAdd(_ a: UInt64, _ b: UInt64, _ carry: UInt64) -> (low: UInt64, high: UInt64) {
        let (high, low) = a.multipliedFullWidth(by: b)
        let (sum, overflow) = low.addingReportingOverflow(carry)
        return (sum, high &+ (overflow ? 1 : 0))
    }

    /// Multiplies by 10^`exponent`; callers guarantee the product fits.
    mutating func multiplyByPowerOfTen(_ exponent: Int) {
        var remaining = exponent
        while remaining > 0 {
            let step = min(remaining, 19)
            multiply(by: pow10u64(step))
            remaining -= step
        }
    }

    /// Divides by `divisor` in place.
    ///
    /// - Returns: The remainder.
    mutating func divide(by divisor: UInt64) -> UInt64 {
        var remainder: UInt64 = 0
        if w3 != 0 || remainder != 0 { (w3, remainder) = divisor.dividingFullWidth((remainder, w3)) }
        if w2 != 0 || remainder != 0 { (w2, remainder) = divisor.dividingFullWidth((remainder, w2)) }
        if w1 != 0 || remainder != 0 { (w1, remainder) = divisor.dividingFullWidth((remainder, w1)) }
        (w0, remainder) = divisor.dividingFullWidth((remainder, w0))
        return remainder
    }

    /// Divides by a 128-bit `divisor`; callers guarantee it is nonzero.
    ///
    /// - Returns: The quotient and the remainder.
    func quotientAndRemainder(dividingBy divisor: UInt128) -> (quotient: UInt256, remainder: UInt128) {
        if divisor <= UInt128(UInt64.max) {
            var quotient = self
            let remainder = quotient.divide(by: UInt64(divisor))
            return (quotient, UInt128(remainder))
        }
        let (highQuotient, highRemainder) = high128.quotientAndRemainder(dividingBy: divisor)
        let (lowQuotient, remainder) = divisor.dividingFullWidth((highRemainder, low128))
        return (UInt256(low: lowQuotient, high: highQuotient), remainder)
    }

    /// Divides by 10 in place with multiplications only.
    ///
    /// `dividingFullWidth` becomes a call to the 128-bit division routine, which dominated
    /// division and rounding in the benchmark; dropping one or two digits is the common case.
    /// Per limb: `r·2^64 + w = 10·(r·K + w/10) + (6r + w%10)` where `2^64 = 10·K + 6`, and
    /// dividing by the constant 10 compiles to a multiply.
    ///
    /// - Returns: The remainder.
    mutating func divideByTen() -> UInt64 {
        let k: UInt64 = 1_844_674_407_370_955_161
        var remainder: UInt64 = 0
        func step(_ limb: inout UInt64, _ remainder: inout UInt64) {
            let low = limb % 10 + 6 &* remainder
            limb = remainder &* k &+ limb / 10 &+ low / 10
            remainder = low % 10
        }
        // Leading zero limbs stay zero with a zero remainder.
        if w3 != 0 { step(&w3, &remainder) }
        if (w2 | remainder) != 0 { step(&w2, &remainder) }
        if (w1 | remainder) != 0 { step(&w1, &remainder) }
        step(&w0, &remainder)
        return remainder
    }

    /// Divides by 10^`exponent` in place, keeping what rounding needs to know about the digits dropped.
    ///
    /// - Returns: The most significant dropped digit, and whether any digit below it was nonzero.
    mutating func divideByPowerOfTen(_ exponent: Int) -> (digit: Int, sticky: Bool) {
        guard exponent > 0 else { return (0, false) }
        // 2^256 < 10^78: past 78 places every digit is dropped, and the rounding digit is 0.
        if exponent > 78 {
            let sticky = !isZero
            self = .zero
            return (0, sticky)
        }
        var sticky = false
        var remaining = exponent - 1
        while remaining > 0 && remaining <= 2 {
            if divideByTen() != 0 { sticky = true }
            remaining -= 1
        }
        while remaining > 0 {
            let step = min(remaining, 19)
            if divide(by: pow10u64(step)) != 0 { sticky = true }
            remaining -= step
        }
        let digit = divideByTen()
        return (Int(digit), sticky)
    }

    /// The number of decimal digits; 0 for zero.
    var decimalDigitCount: Int {
        if fitsUInt128 { return EligoDecimal.decimalDigitCount(low128) }
        var rest = self
        var digits = 0
        while !rest.fitsUInt128 {
            _ = rest.divide(by: pow10u64(19))
            digits += 19
        }
        return digits + EligoDecimal.decimalDigitCount(rest.low128)
    }

    static func < (a: UInt256, b: UInt256) -> Bool {
        if a.w3 != b.w3 { return a.w3 < b.w3 }
        if a.w2 != b.w2 { return a.w2 < b.w2 }
        if a.w1 != b.w1 { return a.w1 < b.w1 }
        return a.w0 < b.w0
    }
}
