/// An exact decimal number for money, scores and thresholds.
///
/// Binary floating point cannot hold 0.1, so policy arithmetic would drift and thresholds would
/// flip on the last bit; every number in a policy or a record is therefore an `ExactDecimal`.
///
/// The value is `coefficient × 10^-scale` with a signed 128-bit coefficient. The type promises:
/// - **Precision**: 34 significant digits (``precision``). Addition, subtraction and
///   multiplication are exact whenever the exact result fits in 34 digits; otherwise the result
///   is rounded half-even to 34 digits. Division is rounded half-even to 34 digits.
/// - **Range**: magnitudes below 10^34. A result at or above it throws
///   ``ArithmeticError/overflow``; nothing ever wraps around.
/// - **Smallest step**: 10^-42 (``maxScale``). Results finer than that are rounded half-even to
///   42 decimal places (so full 34-digit precision holds for magnitudes of 10^-8 and above,
///   at least 28 digits down to 10^-14, and smaller values keep fewer digits, down to zero).
/// - **Equality and hashing are by numeric value**: `1.0 == 1.00`, and both hash alike.
///
/// Values are plain structs of 17 bytes (32 with alignment) with no heap storage, so arithmetic never allocates and
/// the common cases (same scale, or coefficients that fit in 64 bits) are inlined into callers.
public struct ExactDecimal: Sendable, BitwiseCopyable {
    /// The signed digits; `|coefficient| < 10^34` always holds.
    @usableFromInline internal var coefficient: Int128
    /// ``scale`` in one byte. The value's size is then 17 bytes, and a struct that holds one
    /// can keep its own small fields in the 15 bytes of padding after it: the evaluator's
    /// cells are 32 bytes instead of 48.
    @usableFromInline internal var storedScale: Int8

    /// Decimal places; `0...maxScale` always holds. Not normalized: `1.50` keeps scale 2.
    @inlinable internal var scale: Int { Int(storedScale) }

    /// Builds a value from parts already known to satisfy the invariants.
    @inlinable
    internal init(unchecked coefficient: Int128, scale: Int) {
        assert(scale >= 0 && scale <= 42, "a scale outside 0...42 would not fit its byte")
        self.coefficient = coefficient
        self.storedScale = Int8(truncatingIfNeeded: scale)
    }

    /// Significant decimal digits every result keeps (IEEE 754 decimal128's precision).
    public static let precision = 34

    /// The most decimal places a value can have; finer results are rounded.
    ///
    /// 42 lets any two values be aligned to a common scale inside 256 bits
    /// (10^34 × 10^42 < 2^256), which keeps the slow paths free of special cases.
    public static let maxScale = 42

    /// Values must stay strictly below 10^`greatestMagnitudeExponent` in magnitude.
    public static let greatestMagnitudeExponent = 34

    // Computed rather than stored: a stored static is reached through a once-only
    // initialisation check on every use, and the evaluator makes a zero per cell.
    @inlinable public static var zero: ExactDecimal { ExactDecimal(unchecked: 0, scale: 0) }
    @inlinable public static var one: ExactDecimal { ExactDecimal(unchecked: 1, scale: 0) }

    /// The largest representable value, 10^34 − 1.
    public static let greatestFiniteMagnitude = ExactDecimal(unchecked: coefficientBound - 1, scale: 0)

    /// 10^34, the exclusive bound on `|coefficient|`; a computed literal so inlined code folds it.
    @inlinable
    internal static var coefficientBound: Int128 { 10_000_000_000_000_000_000_000_000_000_000_000 }

    /// Whether a coefficient fits the precision.
    @inlinable
    internal static func fitsPrecision(_ value: Int128) -> Bool {
        value < coefficientBound && value > -coefficientBound
    }

    /// The whole number `value`.
    @inlinable
    public init(_ value: Int) {
        self.init(unchecked: Int128(value), scale: 0)
    }

    /// The value `coefficient × 10^-scale`, such as `(385, 2)` for 3.85.
    ///
    /// - Parameters:
    ///   - coefficient: The digits, with the sign.
    ///   - scale: Decimal places, `0...maxScale`; anything else is a programming error and traps.
    @inlinable
    public init(coefficient: Int64, scale: Int) {
        precondition(scale >= 0 && scale <= 42, "ExactDecimal scale must be in 0...42")
        self.init(unchecked: Int128(coefficient), scale: scale)
    }
}

extension ExactDecimal: ExpressibleByIntegerLiteral {
    @inlinable
    public init(integerLiteral value: Int) {
        self.init(value)
    }
}

// MARK: - Simple properties

extension ExactDecimal {
    /// The value with the opposite sign; always exact because the range is symmetric.
    @inlinable
    public var negated: ExactDecimal {
        ExactDecimal(unchecked: 0 &- coefficient, scale: scale)
    }

    /// The absolute value.
    @inlinable
    public var magnitude: ExactDecimal {
        coefficient < 0 ? negated : self
    }

    /// -1, 0 or 1.
    @inlinable
    public var signum: Int {
        coefficient < 0 ? -1 : (coefficient == 0 ? 0 : 1)
    }

    @inlinable
    public var isZero: Bool {
        coefficient == 0
    }

    /// Whether the value has no fractional part, whatever its scale (`2.00` is an integer).
    public var isInteger: Bool {
        if coefficient == 0 || scale == 0 { return true }
        // |coefficient| < 10^34, so a nonzero value with 34 or more places is below 1.
        if scale >= Self.precision { return false }
        return coefficient.magnitude % pow10u128(scale) == 0
    }

    /// The value as an `Int64` when it is integral and in range; `nil` otherwise, never truncated.
    ///
    /// Inlinable for the common case, a value of scale 0 (counts, scores, whole amounts),
    /// which callers on hot paths (histogram bins, list indexes) would otherwise pay a call for.
    @inlinable
    public var int64Value: Int64? {
        if storedScale == 0 { return Int64(exactly: coefficient) }
        return scaledInt64Value
    }

    @usableFromInline
    internal var scaledInt64Value: Int64? {
        guard isInteger else { return nil }
        if coefficient == 0 { return 0 }
        return Int64(exactly: coefficient / Int128(pow10u128(scale)))
    }

    /// The same value with trailing fractional zeros removed, so equal values have equal parts.
    internal var normalized: ExactDecimal {
        if coefficient == 0 { return .zero }
        if scale == 0 { return self }
        let (stripped, places) = stripTrailingZeros(coefficient.magnitude, scale: scale)
        let signed = Int128(stripped)
        return ExactDecimal(unchecked: coefficient < 0 ? 0 &- signed : signed, scale: places)
    }
}
