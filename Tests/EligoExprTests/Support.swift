import EligoDecimal
import EligoDiagnostics
@testable import EligoExpr

// Helpers shared by the expression tests: parsing standalone expressions, a
// fully parenthesised printer, the test environment and an evaluation harness.

/// A decimal from its text; the tests only use literals that parse.
func dec(_ text: String) -> ExactDecimal {
    guard let value = ExactDecimal(text) else { fatalError("bad decimal literal \(text) in a test") }
    return value
}

/// A problem as tests assert it: the stable message id and the 1-based column
/// on line 1 of a standalone expression (columns count code points).
struct Problem: Equatable, Sendable, CustomStringConvertible {
    var id: String
    var column: Int

    init(_ id: String, column: Int) {
        self.id = id
        self.column = column
    }

    init(_ diagnostic: Diagnostic) {
        id = diagnostic.message.id
        column = diagnostic.location?.column ?? 0
    }

    var description: String { "\(id)@\(column)" }
}

func parse(_ text: String, limits: ExpressionLimits = .default) -> Parser.Result {
    Parser.parse(ExpressionSource(standalone: text), limits: limits)
}

extension Expr {
    /// Every operator and call wrapped in parentheses, so that a test reads the
    /// tree's shape directly: `a or b and c` gives `(a or (b and c))`.
    var parenthesised: String {
        switch kind {
        case .number(let value, let isPercent):
            return isPercent ? "\(value)(%)" : value.description
        case .string(let value):
            return "\"" + value + "\""
        case .bool(let value):
            return value ? "true" : "false"
        case .asOf:
            return "as_of"
        case .name(let name):
            return name
        case .list(let items):
            return "[" + items.map(\.parenthesised).joined(separator: ", ") + "]"
        case .call(let name, _, let arguments):
            return name + "(" + arguments.map(\.parenthesised).joined(separator: ", ") + ")"
        case .negate(let operand):
            return "(-" + operand.parenthesised + ")"
        case .not(let operand):
            return "(not " + operand.parenthesised + ")"
        case .binary(let op, let lhs, let rhs, _):
            return "(" + lhs.parenthesised + " " + op.rawValue + " " + rhs.parenthesised + ")"
        case .membership(let negated, let lhs, let rhs, _):
            return "(" + lhs.parenthesised + (negated ? " not in " : " in ") + rhs.parenthesised + ")"
        case .invalid:
            return "<invalid>"
        }
    }
}

// MARK: The test environment

let countyDomain = EnumDomain(name: "county", values: ["zuoquan", "yuci"])

/// Slots of the test environment's fields and its `let`.
enum Slot {
    static let creditScore: Int32 = 0
    static let annualIncome: Int32 = 1
    static let ratio: Int32 = 2
    static let name: Int32 = 3
    static let county: Int32 = 4
    static let birthDate: Int32 = 5
    static let blacklisted: Int32 = 6
    static let crops: Int32 = 7
    static let debtRatio: Int32 = 8
    static let count = 9
}

/// One field of every type, as a catalog would declare them, and one `let`.
let environment: Environment = {
    var environment = Environment()
    environment.declareField("credit_score", type: .int, slot: Slot.creditScore, minimum: .number(300), maximum: .number(900))
    environment.declareField("annual_income", type: .money, slot: Slot.annualIncome, minimum: .number(0))
    environment.declareField("ratio", type: .number, slot: Slot.ratio)
    environment.declareField("name", type: .string, slot: Slot.name)
    environment.declareField("county", type: .enumeration(countyDomain), slot: Slot.county)
    environment.declareField("birth_date", type: .date, slot: Slot.birthDate)
    environment.declareField("blacklisted", type: .bool, slot: Slot.blacklisted)
    environment.declareField("crops", type: .list(.string), slot: Slot.crops)
    environment.declareLet("debt_ratio", type: .number, slot: Slot.debtRatio)
    return environment
}()

/// Checks a standalone expression; fails the test on syntax errors.
func check(
    _ text: String, in environment: Environment = environment, expecting expectation: EligoExpr.Expectation = .anything,
    letNames: Set<String> = []
) -> (checked: CheckedExpression?, diagnostics: [Diagnostic]) {
    let source = ExpressionSource(standalone: text)
    let parsed = Parser.parse(source)
    guard !parsed.hasErrors else {
        return (nil, parsed.diagnostics)
    }
    return TypeChecker.check(parsed.expr, source: source, in: environment, expecting: expectation, letNames: letNames)
}

extension CheckedExpression {
    /// The tree with every node's type: `(credit_score~int >= 650~int)~bool`.
    var annotated: String { annotate(expr) }

    private func annotate(_ node: Expr) -> String {
        let type = types[node.id].map { "~\($0)" } ?? "~?"
        let body: String
        switch node.kind {
        case .list(let items):
            body = "[" + items.map(annotate).joined(separator: ", ") + "]"
        case .call(let name, _, let arguments):
            body = name + "(" + arguments.map(annotate).joined(separator: ", ") + ")"
        case .negate(let operand):
            body = "(-" + annotate(operand) + ")"
        case .not(let operand):
            body = "(not " + annotate(operand) + ")"
        case .binary(let op, let lhs, let rhs, _):
            body = "(" + annotate(lhs) + " " + op.rawValue + " " + annotate(rhs) + ")"
        case .membership(let negated, let lhs, let rhs, _):
            body = "(" + annotate(lhs) + (negated ? " not in " : " in ") + annotate(rhs) + ")"
        default:
            body = node.parenthesised
        }
        return body + type
    }
}

// MARK: Evaluation harness

func day(_ text: String) -> Day {
    guard let value = Day(iso: text) else { fatalError("bad date \(text) in a test") }
    return value
}

/// A record: field (or let) name to value; names not given are unknown.
typealias Record = [String: Value]

/// Every field and the let known.
let fullRecord: Record = [
    "credit_score": .number(700),
    "annual_income": .number(dec("120000.00")),
    "ratio": .number(dec("0.25")),
    "name": .string("Li Wei"),
    "county": .string("zuoquan"),
    "birth_date": .date(day("2000-02-29")),
    "blacklisted": .bool(false),
    "crops": .list([.string("corn"), .string("millet")]),
    "debt_ratio": .number(dec("0.4")),
]

let defaultAsOf = day("2025-03-01")

struct Evaluation {
    var value: Value
    var checked: CheckedExpression
    var trace: [ExprID: Value]
    /// What the unboxed program made of the same expression; nil when it handed it back (an error, or an operation it leaves out).
    var unboxed: Value?
    /// Where evaluating over a group of rows differed from evaluating each row alone.
    var groupDifferences: [String]
}

enum HarnessError: Error, CustomStringConvertible {
    case rejected(String, [String])
    var description: String {
        switch self {
        case .rejected(let source, let messages): "\(source) does not check: \(messages)"
        }
    }
}

/// Checks, compiles and evaluates an expression against the test environment.
func evaluate(_ text: String, _ record: Record = fullRecord, asOf: Day = defaultAsOf) throws -> Evaluation {
    let (checked, diagnostics) = check(text)
    guard let checked else { throw HarnessError.rejected(text, diagnostics.map(\.message.en)) }
    var slots = [Value](repeating: .unknown, count: Slot.count)
    for (name, value) in record {
        guard let symbol = environment.lookup(name) else { fatalError("no field \(name)") }
        slots[Int(symbol.slot)] = value
    }
    var program = Program()
    let entry = program.compile(checked)
    var context = EvaluationContext(slots: slots, asOf: asOf, tracing: true)
    let value = program.evaluate(entry, &context)

    var symbols = Symbols()
    var builder = UnboxedProgram.Builder()
    let unboxedEntry = builder.compile(checked, symbols: &symbols)
    let unboxedProgram = builder.build()
    let frame = CellFrame(size: Slot.count, symbols: symbols, asOf: asOf)
    frame.load(slots, slots: (0..<Int32(Slot.count)).map { $0 })
    let unboxed = frame.value(unboxedProgram.evaluate(unboxedEntry, in: frame))
    let groupDifferences = groupDifferences(unboxedProgram, unboxedEntry, slots: slots, symbols: symbols, asOf: asOf)
    return Evaluation(value: value, checked: checked, trace: context.trace ?? [:], unboxed: unboxed, groupDifferences: groupDifferences)
}

/// The expression over a group whose rows 1 and 3 hold the record and rows 0 and 2 an empty
/// one, evaluated (and tested) for rows 1 to 3: each row must get what it gets alone.
private func groupDifferences(_ program: UnboxedProgram, _ entry: UnboxedProgram.Entry, slots: [Value], symbols: Symbols, asOf: Day) -> [String] {
    let allSlots = (0..<Int32(Slot.count)).map { $0 }
    let empty = [Value](repeating: .unknown, count: Slot.count)
    let frames = (0..<4).map { row in
        let frame = CellFrame(size: Slot.count, symbols: symbols, asOf: asOf)
        frame.load(row % 2 == 1 ? slots : empty, slots: allSlots)
        return frame
    }
    let group = FrameGroup(frames: frames, fieldSlots: Slot.count)
    let rows = GroupRows(group.takeRows(), count: 3)
    for position in 0..<3 { rows.base[position] = Int32(position + 1) }
    group.begin(rows)
    let cells = group.takeCells()
    let truths = group.takeTruths()
    program.evaluate(entry, in: group, rows: rows, into: cells)
    program.test(entry, in: group, rows: rows, into: truths)
    var differences: [String] = []
    for row in 1...3 {
        let alone = CellFrame(size: Slot.count, symbols: symbols, asOf: asOf)
        alone.load(row % 2 == 1 ? slots : empty, slots: allSlots)
        let single = program.evaluate(entry, in: alone)
        if frames[row].value(cells[row]) != alone.value(single) || (cells[row].tag == .error) != (single.tag == .error) {
            differences.append("row \(row): group gave \(String(describing: frames[row].value(cells[row]))), alone \(String(describing: alone.value(single)))")
        }
        if truths[row] != program.test(entry, in: alone) {
            differences.append("row \(row): group tested \(truths[row]), alone \(program.test(entry, in: alone))")
        }
    }
    return differences
}

/// What a test expects an expression to give.
enum Outcome: Sendable, CustomStringConvertible {
    /// The value of a literal expression (`"0.3"`, `"true"`, `"date(\"2024-01-01\")"`, `"[1, 2]"`).
    case value(String)
    case unknown
    case error(EvalError.Kind)

    var description: String {
        switch self {
        case .value(let literal): literal
        case .unknown: "unknown"
        case .error(let kind): "error(\(kind))"
        }
    }

    /// Whether `actual` is this outcome; numbers compare by value (`0.30 == 0.3`).
    func matches(_ actual: Value) throws -> Bool {
        switch self {
        case .unknown: return actual.isUnknown
        case .error(let kind):
            if case .error(let error) = actual { return error.kind == kind }
            return false
        case .value(let literal):
            let expected = try evaluate(literal, [:]).value
            return expected.isKnown && actual == expected
        }
    }
}
