@testable import EligoDecimal
import Testing
import _EligoPropertySupport

/// Thousands of seeded random operands checked against `ReferenceDecimal`, which computes with
/// arbitrary-precision integers and rounds by the rules written out independently.
@Suite("Randomized cross-check against a big-integer reference")
struct ReferenceCrossCheckTests {
    static let casesPerOperation = 3_000

    /// Random values of every shape: short and 34-digit coefficients, small and large scales,
    /// unnormalized trailing zeros, and values near the range bound.
    static func randomValue(_ generator: inout SplitMix64) -> ExactDecimal {
        let digitCount: Int
        switch Int.random(in: 0..<10, using: &generator) {
        case 0..<4: digitCount = Int.random(in: 1...6, using: &generator)
        case 4..<7: digitCount = Int.random(in: 7...19, using: &generator)
        default: digitCount = Int.random(in: 20...34, using: &generator)
        }
        var digits = String(Int.random(in: 1...9, using: &generator))
        for _ in 1..<digitCount {
            // Runs of 9s and 0s find carry and tie bugs more often than uniform digits.
            switch Int.random(in: 0..<10, using: &generator) {
            case 0..<2: digits += "9"
            case 2..<4: digits += "0"
            default: digits += String(Int.random(in: 0...9, using: &generator))
            }
        }
        if Int.random(in: 0..<20, using: &generator) == 0 { digits = "0" }
        let scale: Int
        switch Int.random(in: 0..<10, using: &generator) {
        case 0..<6: scale = Int.random(in: 0...6, using: &generator)
        case 6..<9: scale = Int.random(in: 0...20, using: &generator)
        default: scale = Int.random(in: 0...42, using: &generator)
        }
        guard var coefficient = Int128(digits) else { preconditionFailure("bad digits \(digits)") }
        if Bool.random(using: &generator) { coefficient = -coefficient }
        return ExactDecimal(unchecked: coefficient, scale: scale)
    }

    static func actual(_ body: () throws(ArithmeticError) -> ExactDecimal) -> ReferenceDecimal.Outcome {
        do {
            return .value(try body().description)
        } catch {
            return .failure(error)
        }
    }

    @Test("add, subtract, multiply, divide", arguments: ["add", "subtract", "multiply", "divide"])
    func arithmetic(operation: String) {
        var generator = SplitMix64(state: UInt64(operation.utf8.reduce(0) { $0 &* 31 &+ Int($1) }))
        var failures = 0
        for _ in 0..<Self.casesPerOperation {
            let a = Self.randomValue(&generator)
            var b = Self.randomValue(&generator)
            // Same scale half the time, to cover the inlined fast paths as much as the slow ones.
            if Bool.random(using: &generator), b.scale != a.scale,
                let aligned = try? b.rounded(scale: a.scale, .halfEven), aligned.scale == a.scale {
                b = aligned
            }
            let x = ReferenceDecimal(a)
            let y = ReferenceDecimal(b)
            let expected: ReferenceDecimal.Outcome
            let got: ReferenceDecimal.Outcome
            switch operation {
            case "add":
                expected = ReferenceDecimal.sum(x, y)
                got = Self.actual { () throws(ArithmeticError) in try a.adding(b) }
            case "subtract":
                var negatedY = y
                negatedY.negative.toggle()
                expected = ReferenceDecimal.sum(x, negatedY)
                got = Self.actual { () throws(ArithmeticError) in try a.subtracting(b) }
            case "multiply":
                expected = ReferenceDecimal.product(x, y)
                got = Self.actual { () throws(ArithmeticError) in try a.multiplied(by: b) }
            default:
                expected = ReferenceDecimal.quotient(x, y)
                got = Self.actual { () throws(ArithmeticError) in try a.divided(by: b) }
            }
            if got != expected {
                failures += 1
                if failures <= 5 {
                    Issue.record("\(a) \(operation) \(b): expected \(expected), got \(got)")
                }
            }
        }
        #expect(failures == 0)
    }

    /// The 128-bit quotient path (a divisor of up to three digits, `loan_amount / term`): any
    /// dividend, with runs of nines that make rounding carry into a new digit, against the reference.
    @Test("division by a divisor of up to three digits, the 128-bit path")
    func shortDivisors() {
        var generator = SplitMix64(state: 0xD1_5015)
        expectAgreement("/", &generator, ReferenceDecimal.quotient) { index, generator in
            let a = Self.valueOrNines(index, &generator, places: 0...8)
            let coefficient = Int64.random(in: 1...999, using: &generator) * (Bool.random(using: &generator) ? 1 : -1)
            return (a, ExactDecimal(coefficient: coefficient, scale: Int.random(in: 0...6, using: &generator)))
        } compute: { a, b throws(ArithmeticError) in
            try a.divided(by: b)
        }
    }

    /// The 128-bit product path (`instalment * 12`): any value times a factor that fits in 64
    /// bits, runs of nines that round up into a new digit, and scales near the limit of 42.
    @Test("multiplication by a factor that fits in 64 bits, the 128-bit path")
    func narrowFactors() {
        var generator = SplitMix64(state: 0x5EED_0F_12)
        expectAgreement("*", &generator, ReferenceDecimal.product) { index, generator in
            let a = Self.valueOrNines(index, &generator, places: 0...40)
            let magnitude: Int64 = switch index % 3 {
            case 0: Int64.random(in: 1...99, using: &generator)
            case 1: Int64.random(in: 1...99_999, using: &generator)
            default: Int64.random(in: 1...Int64.max, using: &generator)
            }
            let b = ExactDecimal(coefficient: Bool.random(using: &generator) ? magnitude : -magnitude, scale: Int.random(in: 0...8, using: &generator))
            return index % 2 == 0 ? (a, b) : (b, a)
        } compute: { a, b throws(ArithmeticError) in
            try a.multiplied(by: b)
        }
    }

    /// A random value, or every fourth case 10^k − 1 at some number of places: nines that
    /// round up into a new digit.
    static func valueOrNines(_ index: Int, _ generator: inout SplitMix64, places: ClosedRange<Int>) -> ExactDecimal {
        guard index % 4 == 0 else { return randomValue(&generator) }
        let nines = ExactDecimal(String(repeating: "9", count: Int.random(in: 1...34, using: &generator)))!
        let scale = ExactDecimal(coefficient: 1, scale: Int.random(in: places, using: &generator))
        return (try? nines.multiplied(by: scale)) ?? nines
    }

    /// `2 × casesPerOperation` operand pairs from `operands`, each computed and checked
    /// against the reference; the first five differences are recorded.
    func expectAgreement(
        _ symbol: String, _ generator: inout SplitMix64, _ reference: (ReferenceDecimal, ReferenceDecimal) -> ReferenceDecimal.Outcome,
        operands: (Int, inout SplitMix64) -> (ExactDecimal, ExactDecimal),
        compute: (ExactDecimal, ExactDecimal) throws(ArithmeticError) -> ExactDecimal
    ) {
        var failures = 0
        for index in 0..<(2 * Self.casesPerOperation) {
            let (a, b) = operands(index, &generator)
            let expected = reference(ReferenceDecimal(a), ReferenceDecimal(b))
            let got = Self.actual { () throws(ArithmeticError) in try compute(a, b) }
            if got != expected {
                failures += 1
                if failures <= 5 { Issue.record("\(a) \(symbol) \(b): expected \(expected), got \(got)") }
            }
        }
        #expect(failures == 0)
    }

    @Test("comparison, equality and hashing")
    func comparison() {
        var generator = SplitMix64(state: 0xC0FFEE)
        for _ in 0..<Self.casesPerOperation {
            let a = Self.randomValue(&generator)
            // Often the same value at another scale, or a near neighbour.
            let b: ExactDecimal
            switch Int.random(in: 0..<3, using: &generator) {
            case 0: b = Self.randomValue(&generator)
            case 1: b = (try? a.multiplied(by: ExactDecimal(coefficient: 100, scale: 2))) ?? a
            default: b = (try? a.adding(ExactDecimal(coefficient: 1, scale: Int.random(in: 0...42, using: &generator)))) ?? a
            }
            let order = ReferenceDecimal.compare(ReferenceDecimal(a), ReferenceDecimal(b))
            #expect((a < b) == (order < 0), "\(a) < \(b)")
            #expect((a == b) == (order == 0), "\(a) == \(b)")
            if a == b { #expect(a.hashValue == b.hashValue, "hash \(a) \(b)") }
        }
    }

    @Test("rounding rules and text round trips")
    func roundingAndText() {
        var generator = SplitMix64(state: 0xDEC1_4A1)
        let rules: [ExactDecimal.RoundingRule] = [.halfAwayFromZero, .halfEven, .towardZero, .down, .up]
        for _ in 0..<Self.casesPerOperation {
            let a = Self.randomValue(&generator)
            let target = Int.random(in: -36...44, using: &generator)
            let rule = rules[Int.random(in: 0..<rules.count, using: &generator)]
            let x = ReferenceDecimal(a)
            let expected = target >= x.scale
                ? ReferenceDecimal.round(negative: x.negative, magnitude: x.magnitude, scale: x.scale)
                : ReferenceDecimal.round(
                    negative: x.negative, magnitude: x.magnitude, scale: x.scale, rule: rule, scaleLimit: target
                )
            let got = Self.actual { () throws(ArithmeticError) in try a.rounded(scale: target, rule) }
            #expect(got == expected, "\(a) rounded to \(target) \(rule)")

            #expect(ExactDecimal(a.description) == a, "round trip \(a)")
            #expect(parseBytes(a.description) == a, "byte round trip \(a)")
        }
    }
}
