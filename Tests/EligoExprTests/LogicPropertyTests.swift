import _EligoPropertySupport
import EligoDecimal
@testable import EligoExpr
import PropertyBased
import Testing

// Laws of the three-valued logic of §4 (and errors, §10), checked on generated expression trees
// evaluated by the real compiled evaluator: every tree is written out as source text, parsed,
// type-checked, compiled and run, exactly as a rule in a policy is.
//
// Iteration counts are modest so `swift test` stays fast, and the seeds are fixed; for a long run:
// `ELIGO_PROPERTY_SCALE=50 swift test --filter LogicProperty` (see PropertySettings).

/// A result as the laws see it: true, false, unknown or error. Which error (the node it names) is
/// not part of a law: `E1 and E2` reports the left one, `E2 and E1` the other, both are errors.
enum Truth: String, Sendable, CustomStringConvertible {
    case t = "T", f = "F", u = "U", e = "E"

    init(_ value: Value) {
        switch value {
        case .bool(true): self = .t
        case .bool(false): self = .f
        case .unknown: self = .u
        case .error: self = .e
        default: preconditionFailure("not a condition: \(value)")
        }
    }

    var isBoolean: Bool { self == .t || self == .f }
    var description: String { rawValue }

    /// §4: false if either is false, else unknown if either is unknown, else true; and as the
    /// evaluator implements §10, an error wins over unknown and true but not over false.
    static func and(_ a: Truth, _ b: Truth) -> Truth {
        if a == .f || b == .f { return .f }
        if a == .e || b == .e { return .e }
        if a == .u || b == .u { return .u }
        return .t
    }

    /// The dual of ``and(_:_:)``: true beats error, error beats unknown, unknown beats false.
    static func or(_ a: Truth, _ b: Truth) -> Truth {
        if a == .t || b == .t { return .t }
        if a == .e || b == .e { return .e }
        if a == .u || b == .u { return .u }
        return .f
    }

    /// `not unknown` is unknown; `not` of an error is that error.
    static func not(_ a: Truth) -> Truth {
        switch a {
        case .t: .f
        case .f: .t
        default: a
        }
    }
}

/// An atomic condition over the test record, covering the evaluator's different paths: literals,
/// bool fields, fused field-versus-literal comparisons, general comparisons, a division that fails
/// on a zero divisor, membership in a list holding a field, `if`, and the three functions that do
/// not propagate unknown (`present`, `missing`, `coalesce`).
enum LogicAtom: Sendable, Hashable {
    case constant(Bool)
    case flag(Int)
    case threshold(Int, String, Int)
    case compare(Int, String, Int)
    case ratio(Int, Int)
    case member(Int, Int)
    case choice(Int, Int, Int)
    case present(Int)
    case missing(Int)
    case coalesce(Int, Int)

    var source: String {
        switch self {
        case .constant(let value): value ? "true" : "false"
        case .flag(let i): "p\(i)"
        case .threshold(let i, let op, let k): "n\(i) \(op) \(k)"
        case .compare(let i, let op, let j): "n\(i) \(op) n\(j)"
        // Division by zero when n_i is a known 0; unknown when it is unknown (§10: unknown / 0 is unknown).
        case .ratio(let i, let j): "10 / n\(i) > n\(j)"
        case .member(let i, let j): "n\(i) in [0, 1, n\(j)]"
        case .choice(let c, let a, let b): "if(p\(c), p\(a), p\(b))"
        case .present(let i): "present(n\(i))"
        case .missing(let i): "missing(p\(i))"
        case .coalesce(let i, let j): "coalesce(p\(i), p\(j))"
        }
    }

    /// Whether forgetting a field can only make this atom unknown (or an error), never another
    /// boolean. `present`, `missing` and `coalesce` are exactly the functions §4 exempts from
    /// propagating unknown: `missing(p0)` turns from false to true when p0 is forgotten.
    var isMonotone: Bool {
        switch self {
        case .present, .missing, .coalesce: false
        default: true
        }
    }

    static let operators = ["==", "!=", "<", "<=", ">", ">="]

    static func random(monotone: Bool, _ rng: inout some RandomNumberGenerator) -> LogicAtom {
        func flag() -> Int { Int.random(in: 0..<LogicRecord.flagCount, using: &rng) }
        func number() -> Int { Int.random(in: 0..<LogicRecord.numberCount, using: &rng) }
        func op() -> String { operators.randomElement(using: &rng)! }
        switch Int.random(in: 0..<(monotone ? 9 : 12), using: &rng) {
        case 0: return .constant(Bool.random(using: &rng))
        case 1, 2: return .flag(flag())
        case 3: return .threshold(number(), op(), Int.random(in: -1...10, using: &rng))
        case 4: return .compare(number(), op(), number())
        case 5, 6: return .ratio(number(), number())
        case 7: return .member(number(), number())
        case 8: return .choice(flag(), flag(), flag())
        case 9: return .present(number())
        case 10: return .missing(flag())
        default: return .coalesce(flag(), flag())
        }
    }
}

/// A condition built from atoms with `and`, `or` and `not`.
indirect enum LogicTree: Sendable, CustomTestStringConvertible {
    case atom(LogicAtom)
    case not(LogicTree)
    case and(LogicTree, LogicTree)
    case or(LogicTree, LogicTree)

    /// Source text with every operand parenthesised, so the text is this tree whatever the precedences.
    var source: String {
        switch self {
        case .atom(let atom): atom.source
        case .not(let a): "not (\(a.source))"
        case .and(let a, let b): "(\(a.source)) and (\(b.source))"
        case .or(let a, let b): "(\(a.source)) or (\(b.source))"
        }
    }

    var testDescription: String { source }

    /// The truth tables of §4 and §10 applied to the atoms' values, as a model of the evaluator.
    func model(_ atoms: (LogicAtom) -> Truth) -> Truth {
        switch self {
        case .atom(let atom): atoms(atom)
        case .not(let a): Truth.not(a.model(atoms))
        case .and(let a, let b): Truth.and(a.model(atoms), b.model(atoms))
        case .or(let a, let b): Truth.or(a.model(atoms), b.model(atoms))
        }
    }

    static func random(depth: Int, monotone: Bool, _ rng: inout some RandomNumberGenerator) -> LogicTree {
        if depth == 0 || Int.random(in: 0..<4, using: &rng) == 0 { return .atom(LogicAtom.random(monotone: monotone, &rng)) }
        switch Int.random(in: 0..<5, using: &rng) {
        case 0: return .not(random(depth: depth - 1, monotone: monotone, &rng))
        case 1, 2: return .and(random(depth: depth - 1, monotone: monotone, &rng), random(depth: depth - 1, monotone: monotone, &rng))
        default: return .or(random(depth: depth - 1, monotone: monotone, &rng), random(depth: depth - 1, monotone: monotone, &rng))
        }
    }

    /// Smaller trees: a subtree in place of the whole, a subtree shrunk in place, a constant for an atom.
    var shrunk: [LogicTree] {
        switch self {
        case .atom(.constant(true)): return [.atom(.constant(false))]
        case .atom(.constant(false)): return []
        case .atom: return [.atom(.constant(false)), .atom(.constant(true))]
        case .not(let a): return [a] + a.shrunk.map { .not($0) }
        case .and(let a, let b): return [a, b] + a.shrunk.map { .and($0, b) } + b.shrunk.map { .and(a, $0) }
        case .or(let a, let b): return [a, b] + a.shrunk.map { .or($0, b) } + b.shrunk.map { .or(a, $0) }
        }
    }

    static func generator(depth: Int = 4, monotone: Bool = false) -> Generator<LogicTree, [LogicTree]> {
        Generator(run: { rng in random(depth: depth, monotone: monotone, &rng) }, shrink: { $0.shrunk })
    }
}

/// Values for the test fields: flags p0…p3 (bool) and numbers n0…n2, each possibly unknown.
struct LogicRecord: Sendable, CustomTestStringConvertible {
    static let flagCount = 4
    static let numberCount = 3
    /// Index 0 is unknown, so shrinking (toward index 0) forgets values.
    static let flagValues: [Value] = [.unknown, .bool(false), .bool(true)]
    /// Zero twice, so that divisions fail often enough for errors to meet unknowns in the laws.
    static let numberValues: [Value] = [
        .unknown, .number(0), .number(1), .number(10), .number(-3), .number(ExactDecimal(coefficient: 25, scale: 1)), .number(0),
    ]

    var flags: [Int]
    var numbers: [Int]

    var slots: [Value] { flags.map { Self.flagValues[$0] } + numbers.map { Self.numberValues[$0] } }

    /// The fields that hold a known value, as (is a flag, index).
    var knownFields: [(flag: Bool, index: Int)] {
        flags.indices.filter { flags[$0] != 0 }.map { (true, $0) } + numbers.indices.filter { numbers[$0] != 0 }.map { (false, $0) }
    }

    func forgetting(_ field: (flag: Bool, index: Int)) -> LogicRecord {
        var copy = self
        if field.flag { copy.flags[field.index] = 0 } else { copy.numbers[field.index] = 0 }
        return copy
    }

    /// The same record with no zero divisor, so that no atom can fail.
    var withoutErrors: LogicRecord {
        var copy = self
        copy.numbers = numbers.map { Self.numberValues[$0] == .number(0) ? 2 : $0 }
        return copy
    }

    var testDescription: String {
        let names = flags.indices.map { "p\($0)" } + numbers.indices.map { "n\($0)" }
        return "{" + zip(names, slots).map { "\($0): \($1)" }.joined(separator: ", ") + "}"
    }

    static var generator: Generator<LogicRecord, Shrink.Tuple<([Int], [Int])>> {
        zip(
            Gen.int(in: 0...(flagValues.count - 1)).array(of: flagCount),
            Gen.int(in: 0...(numberValues.count - 1)).array(of: numberCount)
        ).map { LogicRecord(flags: $0, numbers: $1) }
    }
}

/// The fields of the logic tests, in the slots ``LogicRecord/slots`` fills.
let logicEnvironment: Environment = {
    var environment = Environment()
    for index in 0..<LogicRecord.flagCount { environment.declareField("p\(index)", type: .bool, slot: Int32(index)) }
    for index in 0..<LogicRecord.numberCount {
        environment.declareField("n\(index)", type: .number, slot: Int32(LogicRecord.flagCount + index))
    }
    return environment
}()

/// Parses, checks, compiles and evaluates a condition against a record, as the engine runs a rule.
func truth(_ source: String, _ record: LogicRecord, sourceLocation: SourceLocation = #_sourceLocation) -> Truth {
    let (checked, diagnostics) = check(source, in: logicEnvironment, expecting: .condition)
    guard let checked else {
        Issue.record("\(source) does not check: \(diagnostics.map(\.message.en))", sourceLocation: sourceLocation)
        return .e
    }
    var program = Program()
    let entry = program.compile(checked)
    var context = EvaluationContext(slots: record.slots, asOf: defaultAsOf)
    return Truth(program.evaluate(entry, &context))
}

@Suite("Logic properties")
struct LogicPropertyTests {
    @Test("the evaluator follows the truth tables of §4 and §10 on whole trees")
    func evaluatorMatchesTruthTables() async {
        await checkProperty(count: 300, input: LogicTree.generator(), LogicRecord.generator) { tree, record in
            let expected = tree.model { truth($0.source, record) }
            #expect(truth(tree.source, record) == expected)
        }
    }

    @Test("and, or are commutative over true, false, unknown and error")
    func commutativity() async {
        await checkProperty(count: 200, input: zip(LogicTree.generator(depth: 3), LogicTree.generator(depth: 3)), LogicRecord.generator) {
            trees, record in
            let (a, b) = (trees.0.source, trees.1.source)
            #expect(truth("(\(a)) and (\(b))", record) == truth("(\(b)) and (\(a))", record))
            #expect(truth("(\(a)) or (\(b))", record) == truth("(\(b)) or (\(a))", record))
        }
    }

    @Test("and, or are associative over true, false, unknown and error")
    func associativity() async {
        let tree = LogicTree.generator(depth: 2)
        await checkProperty(count: 200, input: zip(tree, tree, tree), LogicRecord.generator) { trees, record in
            let (a, b, c) = (trees.0.source, trees.1.source, trees.2.source)
            #expect(truth("((\(a)) and (\(b))) and (\(c))", record) == truth("(\(a)) and ((\(b)) and (\(c)))", record))
            #expect(truth("((\(a)) or (\(b))) or (\(c))", record) == truth("(\(a)) or ((\(b)) or (\(c)))", record))
            // Without parentheses the parser groups to the left: the same value as either grouping.
            #expect(truth("(\(a)) and (\(b)) and (\(c))", record) == truth("(\(a)) and ((\(b)) and (\(c)))", record))
        }
    }

    @Test("De Morgan: not (a and b) == not a or not b, not (a or b) == not a and not b")
    func deMorgan() async {
        await checkProperty(count: 200, input: zip(LogicTree.generator(depth: 3), LogicTree.generator(depth: 3)), LogicRecord.generator) {
            trees, record in
            let (a, b) = (trees.0.source, trees.1.source)
            #expect(truth("not ((\(a)) and (\(b)))", record) == truth("not (\(a)) or not (\(b))", record))
            #expect(truth("not ((\(a)) or (\(b)))", record) == truth("not (\(a)) and not (\(b))", record))
        }
    }

    @Test("double negation: not not a == a")
    func doubleNegation() async {
        await checkProperty(count: 200, input: LogicTree.generator(), LogicRecord.generator) { tree, record in
            #expect(truth("not not (\(tree.source))", record) == truth(tree.source, record))
            #expect(truth("not (not (\(tree.source)))", record) == truth(tree.source, record))
        }
    }

    /// Distributivity is a law of Kleene's logic but not of the evaluator's four values: with
    /// a = unknown, b = error, c = true, `a and (b or c)` is unknown while `(a and b) or (a and c)`
    /// is an error, because an error wins over unknown (§10). So it is checked without errors.
    @Test("and distributes over or, and or over and, when nothing fails")
    func distributivityWithoutErrors() async {
        let tree = LogicTree.generator(depth: 2)
        await checkProperty(count: 150, input: zip(tree, tree, tree), LogicRecord.generator) { trees, record in
            let record = record.withoutErrors
            let (a, b, c) = (trees.0.source, trees.1.source, trees.2.source)
            #expect(truth("(\(a)) and ((\(b)) or (\(c)))", record) == truth("((\(a)) and (\(b))) or ((\(a)) and (\(c)))", record))
            #expect(truth("(\(a)) or ((\(b)) and (\(c)))", record) == truth("((\(a)) or (\(b))) and ((\(a)) or (\(c)))", record))
        }
    }

    /// Forgetting a field (making a known value unknown) may leave a condition as it was or make it
    /// unknown; it never turns true into false or false into true, and never decides an undecided one.
    ///
    /// Errors complicate the plain Kleene law: `true or E` is true but `unknown or E` is an error, so
    /// forgetting can also turn a decided condition into an error (and an error into unknown, when the
    /// forgotten field was the zero divisor). What always holds, and what §6's outcomes rely on, is that
    /// a result that is true or false after forgetting was that same value before. Without errors the
    /// strict Kleene law holds: the result after is the one before, or unknown.
    ///
    /// `present`, `missing` and `coalesce` are left out: §4 exempts them from propagating unknown, and
    /// `missing(p0)` is meant to turn from false to true when p0 is forgotten.
    @Test("monotonicity: forgetting a field never changes a true or false result into the other, or decides an open one")
    func monotonicity() async {
        await checkProperty(count: 300, input: LogicTree.generator(monotone: true), LogicRecord.generator) { tree, record in
            let before = truth(tree.source, record)
            for field in record.knownFields {
                let forgotten = record.forgetting(field)
                let after = truth(tree.source, forgotten)
                if after.isBoolean { #expect(after == before, "forgetting \(field) in \(record)") }
                if before != .e && after != .e { #expect(after == before || after == .u, "forgetting \(field) in \(record)") }
                // With no zero divisor there is no error, and the strict law holds.
                let safe = record.withoutErrors
                let safeBefore = truth(tree.source, safe)
                let safeAfter = truth(tree.source, safe.forgetting(field))
                #expect(safeBefore != .e && safeAfter != .e)
                #expect(safeAfter == safeBefore || safeAfter == .u, "forgetting \(field) in \(safe)")
            }
        }
    }
}
