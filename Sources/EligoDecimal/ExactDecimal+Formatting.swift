// Text output: the canonical description and fixed-place formatting for people.

extension ExactDecimal: CustomStringConvertible {
    /// The canonical text: no exponent, no trailing fractional zeros, no `-0`
    /// (`"0"`, `"-1.5"`, `"0.001"`, `"1200"`). Parsing it gives back an equal value.
    public var description: String {
        Self.string(capacity: Self.maxTextCount(places: 0)) { writeText(into: $0) }
    }

    /// The value with exactly `places` decimals, rounded half away from zero, as money is shown.
    ///
    /// `formatted(places: 2)` gives `"210000.00"` for 210000 and `"0.13"` for 0.125. A value that
    /// rounds to zero prints without a sign.
    ///
    /// - Parameter places: Decimals to show; negative counts as 0.
    /// - Returns: The text, without thousands separators.
    public func formatted(places: Int) -> String {
        Self.string(capacity: Self.maxTextCount(places: places)) { writeText(places: places, into: $0) }
    }

    /// The value as ``formatted(places:)`` gives it, with a comma between groups of three integer
    /// digits (`"210,000.00"`), for reports that people read rather than programs.
    ///
    /// - Parameter places: Decimals to show; negative counts as 0.
    /// - Returns: The grouped text.
    public func formattedGrouped(places: Int) -> String {
        Self.string(capacity: Self.maxTextCount(places: places)) { writeText(places: places, grouped: true, into: $0) }
    }

    /// The most bytes ``writeText(into:)`` (`places` 0) or ``writeText(places:grouped:into:)``
    /// can write: a sign, 35 digits with their group separators, a point and the decimals.
    ///
    /// A batch writes millions of numbers into rows; with this bound it reserves room once
    /// and writes them in place, without a `String` for each.
    public static func maxTextCount(places: Int) -> Int {
        48 + Swift.max(maxScale, places)
    }

    /// Writes ``description``'s bytes at the start of `buffer`; nil when they do not fit
    /// (never, for a buffer of ``maxTextCount(places:)`` bytes).
    public func writeText(into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        let canonical = normalized
        return Self.render(
            negative: canonical.coefficient < 0, digits: canonical.coefficient.magnitude,
            fractionDigits: canonical.scale, paddingZeros: 0, grouped: false, into: buffer
        )
    }

    /// Writes ``formatted(places:)``'s bytes (``formattedGrouped(places:)``'s when `grouped`) at
    /// the start of `buffer`; nil when they do not fit.
    public func writeText(places: Int, grouped: Bool = false, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        let places = Swift.max(places, 0)
        let magnitude = coefficient.magnitude
        if places >= scale {
            return Self.render(
                negative: coefficient < 0, digits: magnitude, fractionDigits: scale,
                paddingZeros: places - scale, grouped: grouped, into: buffer
            )
        }
        // Rounded digits may reach 10^34 (9…9.995 to 2 places), which still fits in 128 bits,
        // so formatting never fails even where `rounded(scale:_:)` would report an overflow.
        var kept = UInt256(magnitude)
        let (digit, _) = kept.divideByPowerOfTen(scale - places)
        var digits = kept.low128
        if digit >= 5 { digits += 1 }
        return Self.render(
            negative: coefficient < 0, digits: digits, fractionDigits: places, paddingZeros: 0, grouped: grouped, into: buffer
        )
    }

    /// A string of what `write` puts in a buffer of `capacity` bytes (which it always fits).
    private static func string(capacity: Int, _ write: (UnsafeMutableBufferPointer<UInt8>) -> Int?) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
            let count = write(buffer) ?? 0
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[..<count]), as: UTF8.self)
        }
    }

    /// Writes `digits × 10^-fractionDigits` followed by `paddingZeros` more fractional zeros
    /// into `buffer`, and gives the count; nil when the text would not fit.
    private static func render(
        negative: Bool, digits: UInt128, fractionDigits: Int, paddingZeros: Int, grouped: Bool,
        into buffer: UnsafeMutableBufferPointer<UInt8>
    ) -> Int? {
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
            guard length <= buffer.count else { return nil }

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
