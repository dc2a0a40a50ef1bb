import _EligoPropertySupport
@testable import EligoDecimal
import PropertyBased
import Testing

// Laws of exact decimal arithmetic, each checked on generated operands against `ReferenceDecimal`
// (arbitrary-precision integers, see ReferenceArithmetic.swift) or a digit-string reference below.
//
// Iteration counts are modest so `swift test` stays fast, and the seeds are fixed; for a long run:
// `ELIGO_PROPERTY_SCALE=50 swift test --filter DecimalProperty` (see PropertySettings).

/// A decimal as the generator builds it: sign, digits and scale, kept apart so that a failure shows
/// the representation (`1.50` is not `1.5` to the fast paths) and so that shrinking can drop digits.
struct DecimalSample: Sendable, CustomTestStringConvertible {
    var negative: Bool
    /// Below 10^34.
    var digits: UInt128
    /// 0...42.
    var scale: Int

    var value: ExactDecimal {
        let signed = Int128(digits)
        return ExactDecimal(unchecked: negative ? 0 &- signed : signed, scale: scale)
    }

    var testDescription: String { "\(negative ? "-" : "")\(digits)e-\(scale)" }

    /// Smaller samples first: zero, the positive value, one digit fewer, one place fewer.
    /// Each candidate lowers (digit count, scale, sign), so shrinking ends.
    var shrunk: [DecimalSample] {
        var candidates: [DecimalSample] = []
        if digits != 0 || scale != 0 { candidates.append(DecimalSample(negative: false, digits: 0, scale: 0)) }
        if negative && digits != 0 { candidates.append(DecimalSample(negative: false, digits: digits, scale: scale)) }
        if digits >= 10 {
            candidates.append(DecimalSample(negative: negative, digits: digits / 10, scale: max(scale - 1, 0)))
            candidates.append(DecimalSample(negative: negative, digits: digits / 10, scale: scale))
        }
        if scale > 0 { candidates.append(DecimalSample(negative: negative, digits: digits, scale: scale - 1)) }
        return candidates
    }
}

enum DecimalGen {
    static let bound: UInt128 = 10_000_000_000_000_000_000_000_000_000_000_000

    /// Digits of a chosen length; runs of 9s and 0s find carry and tie bugs more often than uniform digits.
    static func digits(count: Int, _ rng: inout some RandomNumberGenerator) -> UInt128 {
        var value = UInt128(Int.random(in: 1...9, using: &rng))
        for _ in 1..<max(count, 1) {
            let digit: UInt128 = switch Int.random(in: 0..<10, using: &rng) {
            case 0..<2: 9
            case 2..<4: 0
            case 4: 5
            default: UInt128(Int.random(in: 0...9, using: &rng))
            }
            value = value * 10 + digit
        }
        return value
    }

    /// Any decimal, weighted toward the edges: zero (at any scale), one, small integers, values made of
    /// 9s, exact ties (a 5 then zeros), the largest coefficient 10^34 − 1, every length from 1 to 34
    /// digits and every scale from 0 to 42, either sign.
    static func sample(_ rng: inout some RandomNumberGenerator) -> DecimalSample {
        let scale: Int = switch Int.random(in: 0..<10, using: &rng) {
        case 0..<5: Int.random(in: 0...4, using: &rng)
        case 5..<8: Int.random(in: 0...20, using: &rng)
        default: Int.random(in: 0...42, using: &rng)
        }
        let digits: UInt128 = switch Int.random(in: 0..<20, using: &rng) {
        case 0: 0
        case 1: 1
        case 2..<4: UInt128(Int.random(in: 2...100, using: &rng))
        case 4: bound - 1
        case 5: pow10u128(Int.random(in: 0...33, using: &rng)) - 1
        case 6: 5 * pow10u128(Int.random(in: 0...33, using: &rng))
        case 7..<12: digits(count: Int.random(in: 1...18, using: &rng), &rng)
        default: digits(count: Int.random(in: 19...34, using: &rng), &rng)
        }
        return DecimalSample(negative: Bool.random(using: &rng), digits: digits, scale: scale)
    }

    /// A value of at least 10^30 in magnitude, at scale 0 to 3: sums, products and roundings of these overflow often.
    static func huge(_ rng: inout some RandomNumberGenerator) -> DecimalSample {
        let scale = Int.random(in: 0...3, using: &rng)
        let digits: UInt128 = switch Int.random(in: 0..<4, using: &rng) {
        case 0: bound - 1
        case 1: bound - UInt128(Int.random(in: 1...1000, using: &rng))
        default: digits(count: 34, &rng)
        }
        let value = DecimalSample(negative: Bool.random(using: &rng), digits: digits, scale: scale)
        return value
    }

    static var any: Generator<DecimalSample, [DecimalSample]> {
        Generator(run: { rng in sample(&rng) }, shrink: { $0.shrunk })
    }

    static var large: Generator<DecimalSample, [DecimalSample]> {
        Generator(run: { rng in huge(&rng) }, shrink: { $0.shrunk.filter { $0.digits >= pow10u128(30) } })
    }
}

/// An exact decimal as its digits and scale, with no rounding at all.
struct ExactValue: Equatable {
    var negative: Bool
    var magnitude: BigUInt
    var scale: Int

    init(_ sample: ExactDecimal) {
        negative = sample.coefficient < 0
        magnitude = BigUInt(decimal: String(sample.coefficient.magnitude))
        scale = sample.scale
    }

    init(negative: Bool, magnitude: BigUInt, scale: Int) {
        self.negative = negative && !magnitude.isZero
        self.magnitude = magnitude
        self.scale = scale
    }

    static func sum(_ a: ExactValue, _ b: ExactValue) -> ExactValue {
        let scale = max(a.scale, b.scale)
        let x = a.magnitude * BigUInt.powerOfTen(scale - a.scale)
        let y = b.magnitude * BigUInt.powerOfTen(scale - b.scale)
        if a.negative == b.negative { return ExactValue(negative: a.negative, magnitude: x + y, scale: scale) }
        return x >= y
            ? ExactValue(negative: a.negative, magnitude: x - y, scale: scale)
            : ExactValue(negative: b.negative, magnitude: y - x, scale: scale)
    }

    static func product(_ a: ExactValue, _ b: ExactValue) -> ExactValue {
        ExactValue(negative: a.negative != b.negative, magnitude: a.magnitude * b.magnitude, scale: a.scale + b.scale)
    }

    /// The significant digits once trailing fractional zeros are gone.
    var significantDigits: Int {
        var text = magnitude.description
        var places = scale
        while places > 0 && text.count > 1 && text.hasSuffix("0") {
            text.removeLast()
            places -= 1
        }
        return magnitude.isZero ? 0 : text.count
    }

    /// Whether `ExactDecimal` holds this value without rounding: 34 significant digits at most
    /// (which also keeps it below 10^34) and 42 places at most.
    var isRepresentable: Bool {
        guard significantDigits <= ExactDecimal.precision else { return false }
        // Trailing zeros beyond 42 places can be dropped; a nonzero digit there cannot.
        let excess = scale - ExactDecimal.maxScale
        return excess <= 0 || magnitude.quotientAndRemainder(dividingBy: BigUInt.powerOfTen(excess)).remainder.isZero
    }

    /// The canonical text (as `ExactDecimal.description` writes it).
    var text: String {
        ReferenceDecimal.round(negative: negative, magnitude: magnitude, scale: scale, scaleLimit: Int.max).description
    }
}

/// The canonical text of `x` rounded half away from zero to `places` (negative: tens and up), computed
/// on the digit string alone: keep the digits before the cut, add one when the first dropped digit is 5
/// or more. Nothing here is shared with the library or with `ReferenceDecimal`.
func roundHalfAwayByDigits(_ sample: DecimalSample, places: Int) -> String {
    var digits = Array(String(sample.digits).utf8).map { Int($0) - 48 }
    // Pad so that the number has at least one integer digit and the cut falls inside the digits.
    let cut = sample.scale - places  // digits to drop from the right
    if cut <= 0 { return plainText(negative: sample.negative, digits: digits, scale: sample.scale) }
    if digits.count < cut + 1 { digits = Array(repeating: 0, count: cut + 1 - digits.count) + digits }
    var kept = Array(digits.dropLast(cut))
    if digits[digits.count - cut] >= 5 {
        var index = kept.count - 1
        while index >= 0 && kept[index] == 9 {
            kept[index] = 0
            index -= 1
        }
        if index >= 0 { kept[index] += 1 } else { kept.insert(1, at: 0) }
    }
    // `kept` is the value in units of 10^-places.
    if places >= 0 { return plainText(negative: sample.negative, digits: kept, scale: places) }
    return plainText(negative: sample.negative, digits: kept + Array(repeating: 0, count: -places), scale: 0)
}

/// Digits at a scale as canonical text: no trailing fractional zeros, no leading zeros, no `-0`.
func plainText(negative: Bool, digits: [Int], scale: Int) -> String {
    var digits = digits
    var scale = scale
    if digits.count <= scale { digits = Array(repeating: 0, count: scale + 1 - digits.count) + digits }
    while scale > 0 && digits.last == 0 {
        digits.removeLast()
        scale -= 1
    }
    var integer = digits.dropLast(scale).drop { $0 == 0 }.map(String.init).joined()
    if integer.isEmpty { integer = "0" }
    let fraction = digits.suffix(scale).map(String.init).joined()
    let text = scale > 0 ? integer + "." + fraction : integer
    return negative && text.contains(where: { $0 != "0" && $0 != "." }) ? "-" + text : text
}

func result(_ body: () throws(ArithmeticError) -> ExactDecimal) -> ReferenceDecimal.Outcome {
    do {
        return .value(try body().description)
    } catch {
        return .failure(error)
    }
}

@Suite("Decimal properties")
struct DecimalPropertyTests {
    @Test("a + b is exact when it fits, rounded like the reference otherwise; a + b - b == a whenever a + b is exact")
    func additionIsExact() async {
        await checkProperty(count: 400, input: DecimalGen.any, DecimalGen.any) { a, b in
            let (x, y) = (a.value, b.value)
            let exact = ExactValue.sum(ExactValue(x), ExactValue(y))
            let sum = result { () throws(ArithmeticError) in try x.adding(y) }
            #expect(sum == ReferenceDecimal.sum(ReferenceDecimal(x), ReferenceDecimal(y)))
            #expect(sum == result { () throws(ArithmeticError) in try y.adding(x) }, "commutative")
            guard exact.isRepresentable else { return }
            #expect(sum == .value(exact.text), "an exact sum is never rounded")
            guard let s = try? x.adding(y) else { return }
            #expect(result { () throws(ArithmeticError) in try s.subtracting(y) } == .value(x.description))
            #expect(result { () throws(ArithmeticError) in try s.subtracting(x) } == .value(y.description))
        }
    }

    @Test("a × b matches the big-integer product: exact when it fits, half-even to 34 digits, else overflow; (a × b) / b == a when exact")
    func multiplicationMatchesReference() async {
        await checkProperty(count: 400, input: DecimalGen.any, DecimalGen.any) { a, b in
            let (x, y) = (a.value, b.value)
            let product = result { () throws(ArithmeticError) in try x.multiplied(by: y) }
            #expect(product == ReferenceDecimal.product(ReferenceDecimal(x), ReferenceDecimal(y)))
            #expect(product == result { () throws(ArithmeticError) in try y.multiplied(by: x) }, "commutative")
            let exact = ExactValue.product(ExactValue(x), ExactValue(y))
            guard exact.isRepresentable, !y.isZero, let p = try? x.multiplied(by: y) else { return }
            #expect(product == .value(exact.text), "an exact product is never rounded")
            #expect(result { () throws(ArithmeticError) in try p.divided(by: y) } == .value(x.description))
        }
    }

    @Test("order agrees with the sign of a − b, with the reference, with negation and with hashing")
    func orderingMatchesSubtraction() async {
        await checkProperty(count: 400, input: DecimalGen.any, DecimalGen.any) { a, b in
            let (x, y) = (a.value, b.value)
            let order = ReferenceDecimal.compare(ReferenceDecimal(x), ReferenceDecimal(y))
            #expect((x < y) == (order < 0) && (x == y) == (order == 0) && (x > y) == (order > 0))
            #expect([x < y, x == y, x > y].filter { $0 }.count == 1, "trichotomy")
            #expect(ExactDecimal.order(x, y) == order, "the three-way order")
            #expect((x < y) == (y.negated < x.negated))
            if x == y { #expect(x.hashValue == y.hashValue) }
            // A difference is rounded to 34 digits at worst, never to zero or across zero.
            if let difference = try? x.subtracting(y) { #expect(difference.signum == order) }
        }
    }

    @Test("floor and ceil to a step match the big-integer reference, and keep the common scale")
    func floorAndCeilMatchReference() async {
        await checkProperty(count: 600, input: DecimalGen.any, DecimalGen.any) { a, b in
            let x = a.value
            // Steps as policies write them (100, 0.5, 1000) as often as any positive decimal.
            let step = b.digits == 0 ? ExactDecimal(100) : DecimalSample(negative: false, digits: b.digits, scale: b.scale).value
            for upward in [false, true] {
                let got = result { () throws(ArithmeticError) in try upward ? x.ceil(step: step) : x.floor(step: step) }
                #expect(got == ReferenceDecimal.multiple(ReferenceDecimal(x), step: ReferenceDecimal(step), upward: upward))
                // Operands of 18 digits or fewer at a common scale (the 64-bit fast path) keep that scale, as the 256-bit path does.
                let (alignedX, alignedStep, common) = ReferenceDecimal.aligned(ReferenceDecimal(x), ReferenceDecimal(step))
                if alignedX < BigUInt.powerOfTen(18), alignedStep < BigUInt.powerOfTen(18),
                   let value = try? (upward ? x.ceil(step: step) : x.floor(step: step)), !value.isZero
                {
                    #expect(value.scale == common, "the scale of the slow path")
                }
            }
        }
    }

    @Test("order is transitive")
    func orderingIsTransitive() async {
        await checkProperty(count: 200, input: DecimalGen.any, DecimalGen.any, DecimalGen.any) { a, b, c in
            let sorted = [a.value, b.value, c.value].sorted()
            #expect(sorted[0] <= sorted[1] && sorted[1] <= sorted[2] && sorted[0] <= sorted[2])
        }
    }

    @Test("rounding half away from zero to every place from −35 to 44 matches the digit-string reference")
    func roundingHalfAwayFromZero() async {
        await checkProperty(count: 150, input: DecimalGen.any) { sample in
            let x = sample.value
            for places in -35...44 {
                let expected = roundHalfAwayByDigits(sample, places: places)
                // The result must stay below 10^34: rounding 9…9.5 up is an overflow, not a 35-digit number.
                let integerDigits = expected.drop { $0 == "-" }.prefix { $0 != "." }.count
                let rounded = result { () throws(ArithmeticError) in try x.rounded(scale: places, .halfAwayFromZero) }
                #expect(rounded == (integerDigits > 34 ? .failure(.overflow) : .value(expected)), "\(sample) to \(places) places")
                // Symmetric: ties go away from zero on both sides.
                #expect(result { () throws(ArithmeticError) in try x.negated.rounded(scale: places, .halfAwayFromZero) }
                    == (integerDigits > 34 ? .failure(.overflow) : .value(roundHalfAwayByDigits(
                        DecimalSample(negative: !sample.negative, digits: sample.digits, scale: sample.scale), places: places))))
                guard places >= 0 else { continue }
                // Money and reports: the same rounding, written with exactly `places` decimals (never an overflow).
                let formatted = x.formatted(places: places)
                #expect(formatted.split(separator: ".").dropFirst().first?.count ?? 0 == places, "\(formatted)")
                #expect(ExactDecimal(formatted)?.description ?? "nil" == expected || integerDigits > 34, "\(formatted) vs \(expected)")
            }
        }
    }

    @Test("parse(format(x)) == x for the canonical text, the exponent form, fixed places and the byte parser")
    func textRoundTrips() async {
        await checkProperty(count: 400, input: DecimalGen.any) { sample in
            let x = sample.value
            let text = x.description
            #expect(ExactDecimal(text) == x, "\(text)")
            #expect(parseBytes(text) == x, "\(text)")
            #expect(ExactDecimal(text)?.description == text, "canonical text is a fixed point")
            #expect(!text.hasPrefix("-0") || text.hasPrefix("-0."), "no negative zero: \(text)")
            #expect(!text.contains(".") || !text.hasSuffix("0"), "no trailing fractional zeros: \(text)")
            #expect(ExactDecimal("\(sample.negative ? "-" : "")\(sample.digits)e-\(sample.scale)") == x)
            let places = sample.scale + Int(sample.digits % 4)
            #expect(ExactDecimal(x.formatted(places: places)) == x, "formatted with \(places) places")
        }
    }

    @Test("huge operands overflow with ArithmeticError.overflow, exactly when the reference does, and never wrap")
    func overflowIsReported() async {
        await checkProperty(count: 200, input: DecimalGen.large, DecimalGen.any) { a, b in
            let (x, y) = (a.value, b.value)
            let (rx, ry) = (ReferenceDecimal(x), ReferenceDecimal(y))
            var negatedY = ry
            negatedY.negative.toggle()
            let cases: [(String, ReferenceDecimal.Outcome, ReferenceDecimal.Outcome)] = [
                ("+", result { () throws(ArithmeticError) in try x.adding(x) }, ReferenceDecimal.sum(rx, rx)),
                ("+", result { () throws(ArithmeticError) in try x.adding(y) }, ReferenceDecimal.sum(rx, ry)),
                ("-", result { () throws(ArithmeticError) in try x.subtracting(y) }, ReferenceDecimal.sum(rx, negatedY)),
                ("*", result { () throws(ArithmeticError) in try x.multiplied(by: y) }, ReferenceDecimal.product(rx, ry)),
                ("*", result { () throws(ArithmeticError) in try x.multiplied(by: x) }, ReferenceDecimal.product(rx, rx)),
                ("/", result { () throws(ArithmeticError) in try x.divided(by: y) }, ReferenceDecimal.quotient(rx, ry)),
            ]
            for (operation, got, expected) in cases {
                #expect(got == expected, "\(operation)")
                if case .value(let text) = got {
                    let integerDigits = text.drop { $0 == "-" }.prefix { $0 != "." }.count
                    #expect(integerDigits <= 34, "a value of 10^34 or more: \(text)")
                }
            }
            // 35 or more integer digits are not a number the type can hold: rejected, not truncated.
            #expect(ExactDecimal(String(a.digits) + "0") == nil || a.digits < 1_000_000_000_000_000_000_000_000_000_000_000)
        }
    }
}
