// Which representation should ExactDecimal use? Each operation a policy evaluates per record,
// measured for three candidates on the same operands:
//   ExactDecimal  Int128 coefficient + scale, 34 digits, inlined fast paths (the one chosen)
//   Foundation    Foundation.Decimal (38-digit mantissa, UInt16 x 8 words)
//   FixedPoint8   Int64 with an implicit scale of 8 (fast, but too few digits)
// Operands cycle through 1,024 prepared values so nothing folds to a constant.
// Run: swift package --package-path Benchmarks benchmark

import Benchmark
import EligoDecimal
import Foundation

let operandCount = 1_024

/// Deterministic operand text: amounts with 0-2 places, rates with 3-4 places, small divisors.
struct Operands {
    var amounts: [String] = []      // e.g. 215000.5, 1234.56
    var rates: [String] = []        // e.g. 0.035, 0.0425
    var divisors: [String] = []     // e.g. 12, 7.5
    var wide: [String] = []         // 30 significant digits, beyond Int64: the exact slow path

    init() {
        var state: UInt64 = 0x5EED
        func next(_ bound: UInt64) -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (state >> 33) % bound
        }
        for index in 0..<operandCount {
            let whole = next(1_000_000) + 1
            switch index % 3 {
            case 0: amounts.append("\(whole)")
            case 1: amounts.append("\(whole).\(next(10))")
            default: amounts.append("\(whole).\(String(format: "%02d", next(100)))")
            }
            rates.append(index % 2 == 0 ? "0.0\(next(90) + 10)" : "0.0\(next(900) + 100)")
            divisors.append(index % 2 == 0 ? "\(next(30) + 1)" : "\(next(30) + 1).5")
            wide.append("\(next(1_000_000_000) + 1)\(next(1_000_000_000) + 1_000_000_000)\(next(1_000_000) + 1_000_000).\(next(10_000_000) + 1)")
        }
    }
}

let operands = Operands()

func exact(_ texts: [String]) -> [ExactDecimal] { texts.map { ExactDecimal($0)! } }
func foundation(_ texts: [String]) -> [Decimal] { texts.map { Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX"))! } }
func fixed(_ texts: [String]) -> [FixedPoint8] {
    texts.map { text in Array(text.utf8).withUnsafeBufferPointer { FixedPoint8.parse(utf8: $0)! } }
}

/// Every candidate sees the same text, as contiguous UTF-8 the way a CSV reader holds cells.
let amountBytes: [[UInt8]] = operands.amounts.map { Array($0.utf8) }

/// Built per use: `Benchmark.Configuration` is not `Sendable`, so it cannot be a global constant.
var configuration: Benchmark.Configuration { Benchmark.Configuration(
    metrics: [.wallClock, .throughput, .mallocCountTotal],
    timeUnits: .nanoseconds,
    warmupIterations: 3,
    scalingFactor: .kilo,
    maxDuration: .seconds(2),
    maxIterations: 2_000
) }

/// Runs `body` on operand pairs `scalingFactor` times per iteration.
func measure<T>(
    _ name: String, _ a: [T], _ b: [T], _ body: @escaping (T, T) throws -> some Any
) {
    Benchmark(name, configuration: configuration) { benchmark in
        var index = 0
        for _ in benchmark.scaledIterations {
            blackHole(try body(a[index], b[(index &+ 7) & (operandCount - 1)]))
            index = (index &+ 1) & (operandCount - 1)
        }
    }
}

let benchmarks: @Sendable () -> Void = {
    let exactAmounts = exact(operands.amounts), exactRates = exact(operands.rates)
    let exactDivisors = exact(operands.divisors), exactWide = exact(operands.wide)
    let foundationAmounts = foundation(operands.amounts), foundationRates = foundation(operands.rates)
    let foundationDivisors = foundation(operands.divisors), foundationWide = foundation(operands.wide)
    let fixedAmounts = fixed(operands.amounts), fixedRates = fixed(operands.rates)
    let fixedDivisors = fixed(operands.divisors)

    // The harness alone (operand loads, closure call, blackHole): subtract it from the rows below.
    measure("overhead/harness", fixedAmounts, fixedRates) { a, _ in a }

    // parse: amount text → value
    Benchmark("parse/ExactDecimal", configuration: configuration) { benchmark in
        var index = 0
        for _ in benchmark.scaledIterations {
            amountBytes[index].withUnsafeBufferPointer { blackHole(ExactDecimal.parse(utf8: $0)) }
            index = (index &+ 1) & (operandCount - 1)
        }
    }
    Benchmark("parse/Foundation", configuration: configuration) { benchmark in
        var index = 0
        let locale = Locale(identifier: "en_US_POSIX")
        for _ in benchmark.scaledIterations {
            blackHole(Decimal(string: operands.amounts[index], locale: locale))
            index = (index &+ 1) & (operandCount - 1)
        }
    }
    Benchmark("parse/FixedPoint8", configuration: configuration) { benchmark in
        var index = 0
        for _ in benchmark.scaledIterations {
            amountBytes[index].withUnsafeBufferPointer { blackHole(FixedPoint8.parse(utf8: $0)) }
            index = (index &+ 1) & (operandCount - 1)
        }
    }

    // add with different scales: amount (0-2 places) + rate (3-4 places)
    measure("add/ExactDecimal", exactAmounts, exactRates) { try $0.adding($1) }
    measure("add/Foundation", foundationAmounts, foundationRates) { $0 + $1 }
    measure("add/FixedPoint8", fixedAmounts, fixedRates) { try $0.adding($1) }

    // multiply: amount × rate (interest, a weighted score)
    measure("multiply/ExactDecimal", exactAmounts, exactRates) { try $0.multiplied(by: $1) }
    measure("multiply/Foundation", foundationAmounts, foundationRates) { $0 * $1 }
    measure("multiply/FixedPoint8", fixedAmounts, fixedRates) { try $0.multiplied(by: $1) }

    // divide: amount ÷ small divisor, mostly inexact (monthly income, ratios)
    measure("divide/ExactDecimal", exactAmounts, exactDivisors) { try $0.divided(by: $1) }
    measure("divide/Foundation", foundationAmounts, foundationDivisors) { $0 / $1 }
    measure("divide/FixedPoint8", fixedAmounts, fixedDivisors) { try $0.divided(by: $1) }

    // compare across scales: amount vs amount (threshold checks)
    measure("compare/ExactDecimal", exactAmounts, exactRates) { $0 < $1 }
    measure("compare/Foundation", foundationAmounts, foundationRates) { $0 < $1 }
    measure("compare/FixedPoint8", fixedAmounts, fixedRates) { $0 < $1 }

    // format money: exactly two places, half away from zero
    measure("format/ExactDecimal", exactAmounts, exactAmounts) { a, _ in a.formatted(places: 2) }
    measure("format/Foundation", foundationAmounts, foundationAmounts) { a, _ -> String in
        var value = a
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 2, .plain)
        return rounded.description
    }
    measure("format/FixedPoint8", fixedAmounts, fixedAmounts) { a, _ in a.formattedTwoPlaces() }

    // 30-digit operands: ExactDecimal's 256-bit slow paths (FixedPoint8 cannot hold them)
    measure("wide add/ExactDecimal", exactWide, exactRates) { try $0.adding($1) }
    measure("wide add/Foundation", foundationWide, foundationRates) { $0 + $1 }
    measure("wide multiply/ExactDecimal", exactWide, exactRates) { try $0.multiplied(by: $1) }
    measure("wide multiply/Foundation", foundationWide, foundationRates) { $0 * $1 }
    measure("wide divide/ExactDecimal", exactWide, exactDivisors) { try $0.divided(by: $1) }
    measure("wide divide/Foundation", foundationWide, foundationDivisors) { $0 / $1 }
}
