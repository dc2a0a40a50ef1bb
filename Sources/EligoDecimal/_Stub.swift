// TEMPORARY local stub (not committed): replaced by the decimal branch.
public enum ArithmeticError: Error, Sendable, Hashable { case overflow, divisionByZero, invalidOperand }
public struct ExactDecimal: Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    var c: Int64; var s: Int
    public static let zero = ExactDecimal(0)
    public static let one = ExactDecimal(1)
    public init(_ value: Int) { c = Int64(value); s = 0 }
    public init(integerLiteral value: Int) { self.init(value) }
    public init(coefficient: Int64, scale: Int) { c = coefficient; s = scale }
    public init?(_ text: some StringProtocol) {
        var t = Substring(text); var neg = false
        if t.first == "-" { neg = true; t = t.dropFirst() } else if t.first == "+" { t = t.dropFirst() }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let ip = Int64(parts[0]) else { return nil }
        var coeff = ip; var sc = 0
        if parts.count == 2 { guard !parts[1].isEmpty, let f = Int64(parts[1]) else { return nil }; sc = parts[1].count; coeff = ip * Int64(Self.pow10(sc)) + f }
        c = neg ? -coeff : coeff; s = sc
    }
    public static func parse(utf8: UnsafeBufferPointer<UInt8>) -> ExactDecimal? { ExactDecimal(String(decoding: utf8, as: UTF8.self)) }
    static func pow10(_ n: Int) -> Int { var r = 1; for _ in 0..<n { r *= 10 }; return r }
    static func align(_ a: ExactDecimal, _ b: ExactDecimal) -> (Int64, Int64, Int) {
        let s = max(a.s, b.s); return (a.c * Int64(pow10(s - a.s)), b.c * Int64(pow10(s - b.s)), s)
    }
    public func adding(_ o: ExactDecimal) throws(ArithmeticError) -> ExactDecimal { let (x, y, s) = Self.align(self, o); return .init(coefficient: x + y, scale: s) }
    public func subtracting(_ o: ExactDecimal) throws(ArithmeticError) -> ExactDecimal { let (x, y, s) = Self.align(self, o); return .init(coefficient: x - y, scale: s) }
    public func multiplied(by o: ExactDecimal) throws(ArithmeticError) -> ExactDecimal { .init(coefficient: c * o.c, scale: s + o.s) }
    public func divided(by o: ExactDecimal) throws(ArithmeticError) -> ExactDecimal {
        if o.c == 0 { throw .divisionByZero }
        let num = c * Int64(Self.pow10(8)); let q = num / o.c
        return ExactDecimal(coefficient: q, scale: s + 8 - o.s).normalized
    }
    var normalized: ExactDecimal { var x = self; while x.s > 0 && x.c % 10 == 0 { x.c /= 10; x.s -= 1 }; return x }
    public var negated: ExactDecimal { .init(coefficient: -c, scale: s) }
    public var magnitude: ExactDecimal { .init(coefficient: abs(c), scale: s) }
    public var signum: Int { c > 0 ? 1 : c < 0 ? -1 : 0 }
    public var isZero: Bool { c == 0 }
    public var isInteger: Bool { normalized.s <= 0 }
    public var int64Value: Int64? { let n = normalized; return n.s == 0 ? n.c : nil }
    public enum RoundingRule: Sendable { case halfAwayFromZero, halfEven, towardZero, down, up }
    public func rounded(scale: Int, _ rule: RoundingRule) throws(ArithmeticError) -> ExactDecimal {
        if scale >= s { return self }
        let d = Int64(Self.pow10(s - scale)); var q = c / d; let r = c % d
        switch rule {
        case .halfAwayFromZero, .halfEven: if abs(r) * 2 >= d { q += c < 0 ? -1 : 1 }
        case .towardZero: break
        case .down: if r < 0 { q -= 1 }
        case .up: if r > 0 { q += 1 }
        }
        return .init(coefficient: q, scale: scale)
    }
    public func floor(step: ExactDecimal) throws(ArithmeticError) -> ExactDecimal {
        if step.signum <= 0 { throw .invalidOperand }
        let q = try divided(by: step).rounded(scale: 0, .down); return try q.multiplied(by: step)
    }
    public func ceil(step: ExactDecimal) throws(ArithmeticError) -> ExactDecimal {
        if step.signum <= 0 { throw .invalidOperand }
        let q = try divided(by: step).rounded(scale: 0, .up); return try q.multiplied(by: step)
    }
    public static func == (a: ExactDecimal, b: ExactDecimal) -> Bool { let (x, y, _) = align(a, b); return x == y }
    public func hash(into h: inout Hasher) { let n = normalized; h.combine(n.c); h.combine(n.s) }
    public static func < (a: ExactDecimal, b: ExactDecimal) -> Bool { let (x, y, _) = align(a, b); return x < y }
    public var description: String { normalized.formatted(places: max(0, normalized.s)) }
    public func formatted(places: Int) -> String {
        let r = (try? rounded(scale: places, .halfAwayFromZero)) ?? self
        let scaled = r.s < places ? r.c * Int64(Self.pow10(places - r.s)) : r.c
        var digits = String(abs(scaled)); if places > 0 { while digits.count <= places { digits = "0" + digits }; digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -places)) }
        return (scaled < 0 ? "-" : "") + digits
    }
    public func formattedGrouped(places: Int) -> String { formatted(places: places) }
}
