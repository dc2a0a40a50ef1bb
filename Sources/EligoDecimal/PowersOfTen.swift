// Powers of ten and digit counting shared by the fast and slow paths.

/// 10^k for `k` in `0...19`, the powers that fit in a `UInt64`.
///
/// A switch rather than an array: LLVM lowers it to a constant table, with no lazy global
/// initialization or bounds check on the inlined fast paths.
@inlinable @inline(__always)
internal func pow10u64(_ k: Int) -> UInt64 {
    assert(k >= 0 && k <= 19, "10^k does not fit in 64 bits")
    return switch k {
    case 0: 1
    case 1: 10
    case 2: 100
    case 3: 1_000
    case 4: 10_000
    case 5: 100_000
    case 6: 1_000_000
    case 7: 10_000_000
    case 8: 100_000_000
    case 9: 1_000_000_000
    case 10: 10_000_000_000
    case 11: 100_000_000_000
    case 12: 1_000_000_000_000
    case 13: 10_000_000_000_000
    case 14: 100_000_000_000_000
    case 15: 1_000_000_000_000_000
    case 16: 10_000_000_000_000_000
    case 17: 100_000_000_000_000_000
    case 18: 1_000_000_000_000_000_000
    case 19: 10_000_000_000_000_000_000
    default: 0
    }
}

/// 10^k for `k` in `0...38`, the powers that fit in a `UInt128`.
@inlinable @inline(__always)
internal func pow10u128(_ k: Int) -> UInt128 {
    if k <= 19 { return UInt128(pow10u64(k)) }
    return UInt128(pow10u64(19)) &* UInt128(pow10u64(k - 19))
}

/// The number of decimal digits of `value`; 0 for zero.
@usableFromInline
internal func decimalDigitCount(_ value: UInt128) -> Int {
    if value == 0 { return 0 }
    if value <= UInt128(UInt64.max) {
        // Most coefficients: stay in 64-bit arithmetic.
        let small = UInt64(truncatingIfNeeded: value)
        let estimate = ((64 - small.leadingZeroBitCount) &* 1233) &>> 12
        return small >= pow10u64(estimate) ? estimate + 1 : estimate
    }
    let bits = 128 - value.leadingZeroBitCount
    // 1233 / 4096 ≈ log10(2): `estimate` is the digit count or one less.
    let estimate = (bits &* 1233) &>> 12
    return value >= pow10u128(estimate) ? estimate + 1 : estimate
}

/// Removes trailing zero digits from `value` while `scale` allows, largest chunks first,
/// so an exact quotient such as 1/8 (computed with 35 digits) sheds its 31 zeros in a few steps.
///
/// - Returns: The shortened digits and the remaining scale.
internal func stripTrailingZeros(_ value: UInt128, scale: Int) -> (UInt128, Int) {
    var value = value
    var scale = scale
    guard value != 0 else { return (0, 0) }
    var chunk = 16
    while chunk > 0 {
        let divisor = UInt128(pow10u64(chunk))
        while scale >= chunk {
            let (quotient, remainder) = value.quotientAndRemainder(dividingBy: divisor)
            guard remainder == 0 else { break }
            value = quotient
            scale -= chunk
        }
        chunk /= 2
    }
    return (value, scale)
}
