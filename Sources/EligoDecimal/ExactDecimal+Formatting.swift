// Text output: the canonical description and fixed-place formatting for people.

extension ExactDecimal: CustomStringConvertible {
    /// The canonical text: no exponent, no trailing fractional zeros, no `-0`
    /// (`"0"`, `"-1.5"`, `"0.001"`, `"1200"`). Parsing it gives back an equal value.
    public var description: String {
        let canonical = normalized
        return Self.render(
            negative: canonical.coefficient < 0,
            digits: canonical.coefficient.magnitude,
            fractionDigits: canonical.scale,
            paddingZeros: 0,
            grouped: false
        )
    }

    /// The value with exactly `places` decimals, rounded half away from zero, as money is shown.
    ///
    /// `formatted(places: 2)` gives `"210000.00"` for 210000 and `"0.13"` for 0.125. A value that
    /// rounds to zero prints without a sign.
    ///
    /// - Parameter places: Decimals to show; negative counts as 0.
    /// - Returns: The text, without thousands separators.
    public func formatted(places: Int) -> String {
        formatted(places: places, grouped: false)
    }

    /// The value as ``formatted(places:)`` gives it, with a comma between groups of three integer
    /// digits (`"210,000.00"`), for reports that people read rather than programs.
    ///
    /// - Parameter places: Decimals to show; negative counts as 0.
    /// - Returns: The grouped text.
    public func formattedGrouped(places: Int) -> String {
        formatted(places: places, grouped: true)
    }

    private func formatted(places: Int, grouped: Bool) -> String {
        let places = Swift.max(places, 0)
        let magnitude = coefficient.magnitude
        if places >= scale {
            return Self.render(
                negative: coefficient < 0, digits: magnitude, fractionDigits: scale,
                paddingZeros: places - scale, grouped: grouped
            )
        }
        // Rounded digits may reach 10^34 (9…9.995 to 2 places), which still fits in 128 bits,
        // so formatting never fails even where `rounded(scale:_:)` would report an overflow.
        var kept = UInt256(magnitude)
        let (digit, _) = kept.divideByPowerOfTen(scale - places)
        var digits = kept.low128
        if digit >= 5 { digits += 1 }
        return Self.render(
            negative: coefficient < 0, digits: digits, fractionDigits: places, paddingZeros: 0, grouped: grouped
        )
    }

    /// Writes `digits × 10^-fractionDigits` followed by `paddingZeros` more fractional zeros.
    private static func render(
        negative: Bool, digits: UInt128, fractionDigits: Int, paddingZeros: Int, grouped: Bool
    ) -> String {
        // Decimal digits of `digits`, least significant first: at most 35 (10^34 after rounding).
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { reversed in
            var digitCount = 0
            var rest = digits
            while rest != 0 {
                // Peel 19 digits at a time so most of the work is 64-bit division.
                var chunk: UInt64
                if rest <= UInt128(UInt64.max) {
                    chunk = UInt64(rest)
                    rest = 0
                } else {
                    let (quotient, remainder) = rest.quotientAndRemainder(dividingBy: UInt128(pow10u64(19)))
                    chunk = UInt64(remainder)
                    rest = quotient
                }
                // A chunk below the leading one keeps its leading zeros.
                let width = rest == 0 ? 0 : 19
                var written = 0
                while chunk != 0 || written < width {
                    reversed[digitCount] = UInt8(truncatingIfNeeded: chunk % 10) &+ UInt8(ascii: "0")
                    chunk /= 10
                    digitCount += 1
                    written += 1
                }
            }
            let integerDigits = Swift.max(digitCount - fractionDigits, 1)
            let separators = grouped ? (integerDigits - 1) / 3 : 0
            let totalFraction = fractionDigits + paddingZeros
            let isNegative = negative && digits != 0
            let length = (isNegative ? 1 : 0) + integerDigits + separators
                + (totalFraction > 0 ? 1 + totalFraction : 0)

            return String(unsafeUninitializedCapacity: length) { buffer in
                // Plain loops rather than nested helper functions: a closure capturing the
                // mutable write position would be boxed on the heap.
                let zero = UInt8(ascii: "0")
                var position = 0
                if isNegative {
                    buffer[position] = UInt8(ascii: "-")
                    position += 1
                }
                // `index` counts stored digits from the least significant; beyond them are zeros.
                var index = fractionDigits + integerDigits - 1
                for power in stride(from: integerDigits - 1, through: 0, by: -1) {
                    buffer[position] = index < digitCount ? reversed[index] : zero
                    position += 1
                    index -= 1
                    if grouped && power > 0 && power % 3 == 0 {
                        buffer[position] = UInt8(ascii: ",")
                        position += 1
                    }
                }
                if totalFraction > 0 {
                    buffer[position] = UInt8(ascii: ".")
                    position += 1
                    while index >= 0 {
                        buffer[position] = index < digitCount ? reversed[index] : zero
                        position += 1
                        index -= 1
                    }
                    for _ in 0..<paddingZeros {
                        buffer[position] = zero
                        position += 1
                    }
                }
                return position
            }
        }
    }
}
