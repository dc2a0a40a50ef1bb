public import PropertyBased
import Foundation
import Synchronization
public import Testing

/// How many inputs the property tests try, and from which seeds.
///
/// By default every property runs a modest number of inputs from a fixed seed, so `swift test` is fast
/// and CI sees the same inputs on every run. Two environment variables change that:
///
/// - `ELIGO_PROPERTY_SCALE=50` multiplies every property's iteration count (here by 50), for a long
///   soak on a workstation: `ELIGO_PROPERTY_SCALE=50 swift test --filter Property`.
/// - `ELIGO_PROPERTY_SEED` picks the inputs: a number gives another fixed series; `random` gives fresh
///   seeds on every run, through PropertyBased's own `propertyCheck`, which shrinks a failing input.
///
/// A failure names the input and the seed that produced it; adding `.fixedSeed("…")` to the test as
/// the message says replays exactly that input through PropertyBased, with shrinking (the trait
/// always reports an issue, so it is for debugging and must not be committed).
public enum PropertySettings {
    public static let scaleVariable = "ELIGO_PROPERTY_SCALE"
    public static let seedVariable = "ELIGO_PROPERTY_SEED"

    /// The factor on every iteration count (at least 1 iteration is always run).
    public static var scale: Double {
        ProcessInfo.processInfo.environment[scaleVariable].flatMap(Double.init).map { max($0, 0) } ?? 1
    }

    /// Whether the seeds are drawn at random on each run (`ELIGO_PROPERTY_SEED=random`).
    public static var isRandom: Bool {
        ProcessInfo.processInfo.environment[seedVariable]?.lowercased() == "random"
    }

    /// The seed of the fixed series: 0 unless `ELIGO_PROPERTY_SEED` gives another number.
    public static var baseSeed: UInt64 {
        ProcessInfo.processInfo.environment[seedVariable].flatMap { UInt64($0) } ?? 0
    }

    /// `count` scaled by ``scale``.
    public static func iterations(_ count: Int) -> Int {
        max(1, Int((Double(count) * scale).rounded()))
    }
}

/// Runs `body` on `count` inputs from `input`, deterministically unless told otherwise (``PropertySettings``).
///
/// The inputs of a fixed series depend only on the seed, the test's file and name and the iteration's
/// number, so adding a test or moving code leaves every other property's inputs alone. Each input is
/// drawn from its own xoshiro256** state, exactly as PropertyBased draws the input of a `.fixedSeed`,
/// which is what makes the reported seed replay the failure.
///
/// Stops at the first input that records an issue and adds one issue naming that input and its seed.
///
/// - Parameters:
///   - count: Inputs to try at scale 1: keep each property to a few seconds of a debug build.
///   - input: The generator of inputs.
///   - body: The property; it reports a violation with `#expect` or `Issue.record`.
public func checkProperty<InputValue, ResultValue>(
    count: Int,
    input: Generator<ResultValue, some Sequence<InputValue>>,
    perform body: (ResultValue) async throws -> Void,
    isolation: isolated (any Actor)? = #isolation,
    sourceLocation: SourceLocation = #_sourceLocation
) async {
    let iterations = PropertySettings.iterations(count)
    let replaying = Test.current?.traits.contains { $0 is FixedSeedTrait } ?? false
    if PropertySettings.isRandom || replaying {
        await propertyCheck(count: iterations, input: input, perform: body, isolation: isolation, sourceLocation: sourceLocation)
        return
    }
    guard let test = Test.current else {
        Issue.record("checkProperty must be called from within a test", sourceLocation: sourceLocation)
        return
    }
    var series = SplitMix64(state: PropertySettings.baseSeed ^ fnv1a("\(sourceLocation.fileID) \(test.name)"))
    for iteration in 0..<iterations {
        var generator = Xoshiro(seed: (series.next(), series.next(), series.next(), series.next()))
        let seed = generator.currentSeed
        let value = input.run(using: &generator)
        let failures = FailureCount()
        // The body runs on this task, inside the scope that counts its issues; nothing crosses threads.
        nonisolated(unsafe) let run = body
        nonisolated(unsafe) let argument = value
        let counting = IssueHandlingTrait.compactMapIssues { issue in
            if issue.isFailure { failures.add() }
            return issue
        }
        do {
            try await counting.provideScope(for: test, testCase: Test.Case.current) {
                try await run(argument)
            }
        } catch {
            Issue.record(error, sourceLocation: sourceLocation)
            failures.add()
        }
        if failures.count > 0 {
            Issue.record(
                """
                Property failed at iteration \(iteration + 1) of \(iterations) with input \(String(describingForTest: value)).
                Replay it (and shrink it) by adding `.fixedSeed("\(seed)")` to the test; remove the trait afterwards.
                """,
                sourceLocation: sourceLocation)
            return
        }
    }
}

/// ``checkProperty(count:input:perform:isolation:sourceLocation:)`` with two generators.
public func checkProperty<InA, InB, OutA, OutB>(
    count: Int,
    input a: Generator<OutA, some Sequence<InA>>,
    _ b: Generator<OutB, some Sequence<InB>>,
    perform body: (OutA, OutB) async throws -> Void,
    isolation: isolated (any Actor)? = #isolation,
    sourceLocation: SourceLocation = #_sourceLocation
) async {
    await checkProperty(
        count: count, input: zip(a, b), perform: { try await body($0.0, $0.1) }, isolation: isolation, sourceLocation: sourceLocation)
}

/// ``checkProperty(count:input:perform:isolation:sourceLocation:)`` with three generators.
public func checkProperty<InA, InB, InC, OutA, OutB, OutC>(
    count: Int,
    input a: Generator<OutA, some Sequence<InA>>,
    _ b: Generator<OutB, some Sequence<InB>>,
    _ c: Generator<OutC, some Sequence<InC>>,
    perform body: (OutA, OutB, OutC) async throws -> Void,
    isolation: isolated (any Actor)? = #isolation,
    sourceLocation: SourceLocation = #_sourceLocation
) async {
    await checkProperty(
        count: count, input: zip(a, b, c), perform: { try await body($0.0, $0.1, $0.2) }, isolation: isolation,
        sourceLocation: sourceLocation)
}

/// Issues recorded while one input ran.
private final class FailureCount: Sendable {
    private let value = Atomic<Int>(0)
    func add() { value.add(1, ordering: .relaxed) }
    var count: Int { value.load(ordering: .relaxed) }
}

/// SplitMix64: small, seeded and the same on every platform, so that inputs drawn
/// from it reproduce. It spreads one seed over the xoshiro256** states of a series,
/// and tests that draw their own values use it directly.
public struct SplitMix64: RandomNumberGenerator {
    public var state: UInt64

    public init(state: UInt64) { self.state = state }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// FNV-1a over UTF-8: a stable hash (unlike `Hasher`, which is seeded per process).
private func fnv1a(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in text.utf8 {
        hash ^= UInt64(byte)
        hash &*= 0x0000_0100_0000_01B3
    }
    return hash
}
