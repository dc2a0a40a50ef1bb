@testable import EligoDecimal

/// A slow, obviously correct arbitrary-precision unsigned integer, the oracle for the randomized
/// cross-check: schoolbook limbs and bit-by-bit long division, nothing shared with `UInt256`.
struct BigUInt: Comparable, CustomStringConvertible {
    /// Little-endian 32-bit limbs without high zero limbs; zero is `[]`.
    private(set) var limbs: [UInt32]

    init(limbs: [UInt32]) {
        self.limbs = limbs
        while self.limbs.last == 0 { self.limbs.removeLast() }
    }

    init(_ value: UInt64) {
        self.init(limbs: [UInt32(truncatingIfNeeded: value), UInt32(truncatingIfNeeded: value >> 32)])
    }

    /// Parses plain decimal digits.
    init(decimal: some StringProtocol) {
        var result = BigUInt(0)
        for character in decimal {
            guard let digit = character.wholeNumberValue else { preconditionFailure("not a digit: \(character)") }
            result = result * BigUInt(10) + BigUInt(UInt64(digit))
        }
        self = result
    }

    static func powerOfTen(_ exponent: Int) -> BigUInt {
        var result = BigUInt(1)
        for _ in 0..<exponent { result = result * BigUInt(10) }
        return result
    }

    var isZero: Bool { limbs.isEmpty }
    var isOdd: Bool { (limbs.first ?? 0) & 1 == 1 }

    static func + (a: BigUInt, b: BigUInt) -> BigUInt {
        var result: [UInt32] = []
        var carry: UInt64 = 0
        for index in 0..<max(a.limbs.count, b.limbs.count) {
            let sum = UInt64(a.limb(index)) + UInt64(b.limb(index)) + carry
            result.append(UInt32(truncatingIfNeeded: sum))
            carry = sum >> 32
        }
        result.append(UInt32(carry))
        return BigUInt(limbs: result)
    }

    /// `a - b` for `a >= b`.
    static func - (a: BigUInt, b: BigUInt) -> BigUInt {
        precondition(a >= b)
        var result: [UInt32] = []
        var borrow: Int64 = 0
        for index in 0..<a.limbs.count {
            var difference = Int64(a.limb(index)) - Int64(b.limb(index)) - borrow
            borrow = 0
            if difference < 0 {
                difference += 1 << 32
                borrow = 1
            }
            result.append(UInt32(difference))
        }
        return BigUInt(limbs: result)
    }

    static func * (a: BigUInt, b: BigUInt) -> BigUInt {
        if a.isZero || b.isZero { return BigUInt(0) }
        var result = [UInt32](repeating: 0, count: a.limbs.count + b.limbs.count + 1)
        for i in 0..<a.limbs.count {
            var carry: UInt64 = 0
            for j in 0..<b.limbs.count {
                let current = UInt64(result[i + j]) + UInt64(a.limbs[i]) * UInt64(b.limbs[j]) + carry
                result[i + j] = UInt32(truncatingIfNeeded: current)
                carry = current >> 32
            }
            var k = i + b.limbs.count
            while carry != 0 {
                let current = UInt64(result[k]) + carry
                result[k] = UInt32(truncatingIfNeeded: current)
                carry = current >> 32
                k += 1
            }
        }
        return BigUInt(limbs: result)
    }

    /// Long division one bit at a time.
    func quotientAndRemainder(dividingBy divisor: BigUInt) -> (quotient: BigUInt, remainder: BigUInt) {
        precondition(!divisor.isZero)
        var quotient = [UInt32](repeating: 0, count: limbs.count)
        var remainder = BigUInt(0)
        for bit in stride(from: limbs.count * 32 - 1, through: 0, by: -1) {
            remainder = remainder + remainder
            if (limbs[bit / 32] >> (bit % 32)) & 1 == 1 { remainder = remainder + BigUInt(1) }
            if remainder >= divisor {
                remainder = remainder - divisor
                quotient[bit / 32] |= 1 << (bit % 32)
            }
        }
        return (BigUInt(limbs: quotient), remainder)
    }

    /// Short division by a single limb, for printing.
    func quotientAndRemainder(dividingBy divisor: UInt32) -> (quotient: BigUInt, remainder: UInt32) {
        var quotient = limbs
        var remainder: UInt64 = 0
        for index in stride(from: limbs.count - 1, through: 0, by: -1) {
            let current = remainder << 32 | UInt64(limbs[index])
            quotient[index] = UInt32(current / UInt64(divisor))
            remainder = current % UInt64(divisor)
        }
        return (BigUInt(limbs: quotient), UInt32(remainder))
    }

    var description: String {
        if isZero { return "0" }
        var digits: [Character] = []
        var rest = self
        while !rest.isZero {
            let (quotient, remainder) = rest.quotientAndRemainder(dividingBy: UInt32(10))
            digits.append(Character(String(remainder)))
            rest = quotient
        }
        return String(digits.reversed())
    }

    var digitCount: Int { isZero ? 0 : description.count }

    private func limb(_ index: Int) -> UInt32 { index < limbs.count ? limbs[index] : 0 }

    static func < (a: BigUInt, b: BigUInt) -> Bool {
        if a.limbs.count != b.limbs.count { return a.limbs.count < b.limbs.count }
        for index in stride(from: a.limbs.count - 1, through: 0, by: -1) where a.limbs[index] != b.limbs[index] {
            return a.limbs[index] < b.limbs[index]
        }
        return false
    }
}

/// A decimal as sign, digits and scale, computed with `BigUInt` and rounded by the rules written
/// out afresh from the policy format: 34 significant digits, 42 places, magnitude below 10^34.
struct ReferenceDecimal {
    var negative: Bool
    var magnitude: BigUInt
    var scale: Int

    /// The result of an operation: canonical text, or the error it must raise.
    enum Outcome: Equatable, CustomStringConvertible {
        case value(String)
        case failure(ArithmeticError)

        var description: String {
            switch self {
            case .value(let text): text
            case .failure(let error): "\(error)"
            }
        }
    }

    init(negative: Bool, magnitude: BigUInt, scale: Int) {
        self.negative = negative && !magnitude.isZero
        self.magnitude = magnitude
        self.scale = scale
    }

    /// Reads the parts of an `ExactDecimal` through its internal storage (not through its text,
    /// so formatting bugs cannot hide arithmetic bugs).
    init(_ value: ExactDecimal) {
        self.init(
            negative: value.coefficient < 0,
            magnitude: BigUInt(decimal: String(value.coefficient.magnitude)),
            scale: value.scale
        )
    }

    /// Both magnitudes at the larger scale.
    static func aligned(_ a: ReferenceDecimal, _ b: ReferenceDecimal) -> (BigUInt, BigUInt, Int) {
        let scale = max(a.scale, b.scale)
        return (
            a.magnitude * BigUInt.powerOfTen(scale - a.scale),
            b.magnitude * BigUInt.powerOfTen(scale - b.scale),
            scale
        )
    }

    static func sum(_ a: ReferenceDecimal, _ b: ReferenceDecimal) -> Outcome {
        let (x, y, scale) = aligned(a, b)
        if a.negative == b.negative {
            return round(negative: a.negative, magnitude: x + y, scale: scale)
        }
        return x >= y
            ? round(negative: a.negative, magnitude: x - y, scale: scale)
            : round(negative: b.negative, magnitude: y - x, scale: scale)
    }

    static func product(_ a: ReferenceDecimal, _ b: ReferenceDecimal) -> Outcome {
        round(negative: a.negative != b.negative, magnitude: a.magnitude * b.magnitude, scale: a.scale + b.scale)
    }

    static func quotient(_ a: ReferenceDecimal, _ b: ReferenceDecimal) -> Outcome {
        if b.magnitude.isZero { return .failure(.divisionByZero) }
        // 80 extra digits: far more than 34 + 1 for any operands, the remainder is the sticky bit.
        let extra = 80
        let (quotient, remainder) = (a.magnitude * BigUInt.powerOfTen(extra)).quotientAndRemainder(dividingBy: b.magnitude)
        return round(
            negative: a.negative != b.negative,
            magnitude: quotient,
            scale: a.scale - b.scale + extra,
            inexact: !remainder.isZero
        )
    }

    /// `floor(a, step)` or `ceil(a, step)`: the multiple of `step` at or below (above) `a`.
    static func multiple(_ a: ReferenceDecimal, step: ReferenceDecimal, upward: Bool) -> Outcome {
        if step.magnitude.isZero || step.negative { return .failure(.invalidOperand) }
        let (x, s, scale) = aligned(a, step)
        let remainder = x.quotientAndRemainder(dividingBy: s).remainder
        var magnitude = x - remainder
        if !remainder.isZero && upward != a.negative { magnitude = magnitude + s }
        return round(negative: a.negative, magnitude: magnitude, scale: scale, rule: upward ? .up : .down)
    }

    /// -1, 0 or 1.
    static func compare(_ a: ReferenceDecimal, _ b: ReferenceDecimal) -> Int {
        let (x, y, _) = aligned(a, b)
        let signA = x.isZero ? 0 : (a.negative ? -1 : 1)
        let signB = y.isZero ? 0 : (b.negative ? -1 : 1)
        if signA != signB { return signA < signB ? -1 : 1 }
        let order = x == y ? 0 : (x < y ? -1 : 1)
        return signA < 0 ? -order : order
    }

    /// Rounds `±magnitude × 10^-scale` (plus a sliver below it when `inexact`) to the representation.
    static func round(
        negative: Bool,
        magnitude: BigUInt,
        scale: Int,
        inexact: Bool = false,
        rule: ExactDecimal.RoundingRule = .halfEven,
        scaleLimit: Int = 42
    ) -> Outcome {
        let digits = magnitude.digitCount
        if digits > 0 && digits - scale > 34 { return .failure(.overflow) }
        let drop = max(digits - 34, scale - scaleLimit, 0)
        var kept = magnitude
        var keptScale = scale
        if drop > 0 {
            let unit = BigUInt.powerOfTen(drop)
            let (quotient, remainder) = magnitude.quotientAndRemainder(dividingBy: unit)
            // Compare the dropped part with half a unit: twice the remainder against the unit.
            let twice = remainder + remainder
            let aboveHalf = twice > unit || (twice == unit && inexact)
            let exactlyHalf = twice == unit && !inexact
            let nonzero = !remainder.isZero || inexact
            let up: Bool
            switch rule {
            case .halfEven: up = aboveHalf || (exactlyHalf && quotient.isOdd)
            case .halfAwayFromZero: up = aboveHalf || exactlyHalf
            case .towardZero: up = false
            case .down: up = negative && nonzero
            case .up: up = !negative && nonzero
            }
            kept = up ? quotient + BigUInt(1) : quotient
            keptScale = scale - drop
        } else {
            precondition(!inexact, "reference needs digits to drop for an inexact value")
        }
        if kept.isZero { return .value("0") }
        // Value = kept × 10^-keptScale; fold a negative scale into the digits.
        var text = kept.description
        if keptScale < 0 {
            text += String(repeating: "0", count: -keptScale)
            keptScale = 0
        }
        // Strip trailing fractional zeros for the canonical text.
        while keptScale > 0 && text.hasSuffix("0") {
            text.removeLast()
            keptScale -= 1
        }
        let integerDigits = text.count - keptScale
        if text.count - keptScale > 34 { return .failure(.overflow) }
        var result: String
        if keptScale == 0 {
            result = text
        } else if integerDigits > 0 {
            result = String(text.prefix(integerDigits)) + "." + String(text.suffix(keptScale))
        } else {
            result = "0." + String(repeating: "0", count: -integerDigits) + text
        }
        if negative { result = "-" + result }
        return .value(result)
    }
}
