extension ExactDecimal {
    /// How to choose between the two candidates when digits must be dropped.
    public enum RoundingRule: Sendable, Hashable {
        /// Ties go away from zero (四舍五入): 2.5 → 3, -2.5 → -3. What `round()` and money use.
        case halfAwayFromZero
        /// Ties go to the even neighbour: 2.5 → 2, 3.5 → 4. What arithmetic uses, so that
        /// repeated rounding does not drift upward.
        case halfEven
        /// Truncation: 2.9 → 2, -2.9 → -2.
        case towardZero
        /// Floor, toward negative infinity: 2.1 → 2, -2.1 → -3.
        case down
        /// Ceiling, toward positive infinity: 2.1 → 3, -2.1 → -2.
        case up

        /// Whether the truncated magnitude must grow by one unit.
        ///
        /// - Parameters:
        ///   - truncatedIsOdd: Whether the kept digits end in an odd digit.
        ///   - digit: The first dropped digit.
        ///   - sticky: Whether any later dropped digit (or a remainder below them) was nonzero.
        ///   - negative: The sign of the value being rounded.
        @usableFromInline
        internal func incrementsMagnitude(truncatedIsOdd: Bool, digit: Int, sticky: Bool, negative: Bool) -> Bool {
            switch self {
            case .halfEven: digit > 5 || (digit == 5 && (sticky || truncatedIsOdd))
            case .halfAwayFromZero: digit >= 5
            case .towardZero: false
            case .down: negative && (digit != 0 || sticky)
            case .up: !negative && (digit != 0 || sticky)
            }
        }
    }

    /// The value rounded to `scale` decimal places.
    ///
    /// A negative scale rounds to tens (-1), hundreds (-2) and so on, as the policy language's
    /// `round(x, digits)` does. A scale at or above the value's own changes nothing.
    ///
    /// - Parameters:
    ///   - scale: Decimal places to keep; may be negative.
    ///   - rule: How to round.
    /// - Returns: The rounded value.
    /// - Throws: ``ArithmeticError/overflow`` when rounding up reaches 10^34 (`round(9…9.5)`).
    public func rounded(scale target: Int, _ rule: RoundingRule) throws(ArithmeticError) -> ExactDecimal {
        if target >= scale || coefficient == 0 { return self }
        return try Self.rounding(
            negative: coefficient < 0,
            magnitude: UInt256(coefficient.magnitude),
            scale: scale,
            sticky: false,
            rule: rule,
            scaleLimit: target
        )
    }

    /// The places `round(x, digits)` keeps for this value as its `digits`, for ``rounded(scale:_:)``;
    /// nil when it is not a whole number (§10: "digits must be whole").
    ///
    /// Any whole number is an answer, not an error: places beyond ``maxScale`` change no value,
    /// and rounding to -40 places or fewer gives 0 for every value (all are below 10^34), so
    /// the digits are clamped to `-40...maxScale`, which the rounding computes within 256 bits.
    public var roundingPlaces: Int? {
        guard isInteger else { return nil }
        guard let whole = int64Value else { return signum < 0 ? -40 : Self.maxScale }
        return Int(Swift.min(Swift.max(whole, -40), Int64(Self.maxScale)))
    }

    /// The largest multiple of `step` that is at most this value: `floor(x, step)` in policies.
    ///
    /// The multiple is exact unless it needs more than 34 significant digits (a value near 10^33
    /// with a step of 0.01, say); then it is rounded down, so the result is still at most `self`.
    ///
    /// - Parameter step: A positive step, such as `1`, `0.05` or `1000`.
    /// - Returns: The multiple.
    /// - Throws: ``ArithmeticError/invalidOperand`` when `step` is zero or negative.
    public func floor(step: ExactDecimal) throws(ArithmeticError) -> ExactDecimal {
        try multiple(of: step, upward: false)
    }

    /// The smallest multiple of `step` that is at least this value: `ceil(x, step)` in policies.
    ///
    /// Mirrors ``floor(step:)``: when the multiple needs more than 34 digits it is rounded up.
    ///
    /// - Parameter step: A positive step.
    /// - Returns: The multiple.
    /// - Throws: ``ArithmeticError/invalidOperand`` when `step` is zero or negative;
    ///   ``ArithmeticError/overflow`` when the multiple reaches 10^34.
    public func ceil(step: ExactDecimal) throws(ArithmeticError) -> ExactDecimal {
        try multiple(of: step, upward: true)
    }

    private func multiple(of step: ExactDecimal, upward: Bool) throws(ArithmeticError) -> ExactDecimal {
        guard step.coefficient > 0 else { throw .invalidOperand }
        if coefficient == 0 { return .zero }
        let negative = coefficient < 0
        // Amounts floored to a step (`floor(x, 100)`) fit in 64 bits at a common scale: one
        // hardware division, and nothing for `rounding` to do at 20 digits or fewer.
        if let (a, b, common) = Self.alignedCoefficients(self, step),
           let value = UInt64(exactly: a.magnitude), let stepValue = UInt64(exactly: b.magnitude)
        {
            let remainder = value % stepValue
            var result = value &- remainder
            var fits = true
            if remainder != 0, upward != negative { (result, fits) = (result &+ stepValue, result <= UInt64.max - stepValue) }
            if fits {
                if result == 0 { return .zero }
                return ExactDecimal(unchecked: negative ? 0 &- Int128(result) : Int128(result), scale: common)
            }
        }
        let common = Swift.max(scale, step.scale)
        var value = UInt256(coefficient.magnitude)
        value.multiplyByPowerOfTen(common - scale)
        var stepValue = UInt256(step.coefficient.magnitude)
        stepValue.multiplyByPowerOfTen(common - step.scale)

        // Below one step the answer is 0 or one step. Otherwise the step is at most the value's
        // own unscaled coefficient (< 10^34) or its own coefficient, so it fits in 128 bits.
        let remainder: UInt256
        if value < stepValue {
            remainder = value
        } else {
            remainder = UInt256(value.quotientAndRemainder(dividingBy: stepValue.low128).remainder)
        }
        var towardZero = value
        towardZero.subtract(remainder)
        var awayFromZero = towardZero
        if !remainder.isZero { awayFromZero.add(stepValue) }
        // Floor moves negative values away from zero; ceiling moves positive ones away.
        let result = (upward != negative) ? awayFromZero : towardZero
        return try Self.rounding(
            negative: negative,
            magnitude: result,
            scale: common,
            sticky: false,
            rule: upward ? .up : .down
        )
    }

    /// Rounds an exact intermediate result to the representation: 34 significant digits, at most
    /// `scaleLimit` decimal places (`maxScale` unless a caller asks for fewer), magnitude below 10^34.
    ///
    /// Every slow path computes exactly in 256 bits and ends here, so rounding lives in one place.
    ///
    /// - Parameters:
    ///   - negative: The sign of the result.
    ///   - magnitude: The digits of the exact result (or its truncation, see `sticky`).
    ///   - scale: Decimal places of `magnitude`; may be negative or above `maxScale`.
    ///   - sticky: Whether the true magnitude is a little more than `magnitude` (an inexact quotient).
    ///     Callers set it only when `magnitude` has more digits than will be kept.
    ///   - rule: How to round.
    ///   - scaleLimit: The most decimal places the result may keep; negative to round to tens and up.
    /// - Returns: The rounded value.
    /// - Throws: ``ArithmeticError/overflow`` when the rounded magnitude is 10^34 or more.
    @usableFromInline
    internal static func rounding(
        negative: Bool,
        magnitude: UInt256,
        scale: Int,
        sticky: Bool,
        rule: RoundingRule,
        scaleLimit: Int = 42
    ) throws(ArithmeticError) -> ExactDecimal {
        let digits = magnitude.decimalDigitCount
        if digits == 0 && !sticky { return .zero }
        if digits - scale > greatestMagnitudeExponent { throw .overflow }
        let drop = Swift.max(digits - precision, scale - scaleLimit, 0)
        assert(!sticky || drop > 0, "an inexact magnitude must have digits to drop")

        var kept = magnitude
        var newScale = scale - drop
        if drop > 0 {
            let (digit, lowerSticky) = kept.divideByPowerOfTen(drop)
            if rule.incrementsMagnitude(
                truncatedIsOdd: kept.w0 & 1 == 1, digit: digit, sticky: sticky || lowerSticky, negative: negative
            ) {
                kept.add(UInt256(w0: 1, w1: 0, w2: 0, w3: 0))
            }
        }
        // At most 34 digits remain, plus one when rounding carried into a new digit (…999 + 1).
        var coefficient = kept.low128
        if coefficient == UInt128(coefficientBound) {
            coefficient /= 10
            newScale -= 1
        }
        if coefficient == 0 { return .zero }
        if newScale < 0 {
            // Rounded to tens or beyond: store the integer with scale 0.
            guard decimalDigitCount(coefficient) - newScale <= greatestMagnitudeExponent else { throw .overflow }
            coefficient *= pow10u128(-newScale)
            newScale = 0
        }
        let signed = Int128(coefficient)
        return ExactDecimal(unchecked: negative ? 0 &- signed : signed, scale: newScale)
    }
}
