/// xoshiro256** (Blackman and Vigna), seeded through SplitMix64.
///
/// The generator's own, fully specified algorithm, so that a seed gives the same
/// population on every machine and toolchain; `SystemRandomNumberGenerator` is
/// never used, and neither are the standard library's `random(in:)` helpers, whose
/// way of drawing from a generator is not promised to stay the same.
struct Xoshiro256: RandomNumberGenerator, Sendable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    init(seed: UInt64) {
        var state = seed
        func splitMix() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix()
        s1 = splitMix()
        s2 = splitMix()
        s3 = splitMix()
    }

    /// An independent stream for one record: the same record whatever the population's size.
    init(seed: UInt64, stream: UInt64) {
        self.init(seed: seed ^ (stream &+ 1) &* 0xD1B5_4A32_D192_ED03)
    }

    @inline(__always)
    mutating func next() -> UInt64 {
        let result = rotate(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotate(s3, 45)
        return result
    }

    @inline(__always)
    private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// A whole number in `0..<bound` (multiply-high; the bias is below 2^-40 for the bounds used here).
    @inline(__always)
    mutating func below(_ bound: Int) -> Int {
        guard bound > 1 else { return 0 }
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A whole number in `range`.
    @inline(__always)
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// A double in `[0, 1)` with 53 random bits.
    @inline(__always)
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// `true` with probability `p`.
    @inline(__always)
    mutating func chance(_ p: Double) -> Bool { p > 0 && unit() < p }

    /// A roughly standard normal value: the sum of 12 uniforms minus 6 (Irwin–Hall), within ±6.
    ///
    /// Plain additions, so it is bit-for-bit the same everywhere (no `log`/`cos` from libm).
    mutating func normal() -> Double {
        var sum = 0.0
        for _ in 0..<12 { sum += unit() }
        return sum - 6
    }
}

/// 2^x from additions and multiplications only (error below 1e-7), so that
/// log-normal draws are the same on every platform.
func portableExp2(_ x: Double) -> Double {
    let clamped = min(max(x, -60), 60)
    let whole = clamped.rounded(.down)
    let f = clamped - whole
    // Taylor series of 2^f = e^(f ln 2) on [0, 1), to the 9th power.
    let y = f * 0.693_147_180_559_945_3
    var term = 1.0
    var sum = 1.0
    for n in 1...9 {
        term = term * y / Double(n)
        sum += term
    }
    // An exact power of two.
    return sum * Double(sign: .plus, exponent: Int(whole), significand: 1)
}
