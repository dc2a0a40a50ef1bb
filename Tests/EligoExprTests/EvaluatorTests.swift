import EligoDecimal
import Testing
@testable import EligoExpr

struct EvalCase: CustomTestStringConvertible, Sendable {
    var source: String
    var record: Record
    var asOf: Day
    var outcome: Outcome
    var note: String

    var testDescription: String { "\(source)\(note.isEmpty ? "" : " [\(note)]")  ⇒  \(outcome)" }
}


private func eval(_ source: String, _ outcome: Outcome, with changes: Record = [:], asOf: String? = nil, note: String = "") -> EvalCase {
    var record = fullRecord
    for (name, value) in changes { record[name] = value }
    return EvalCase(source: source, record: record, asOf: asOf.map(day) ?? defaultAsOf, outcome: outcome, note: note)
}

private func yes(_ source: String, with changes: Record = [:], asOf: String? = nil, note: String = "") -> EvalCase {
    eval(source, .value("true"), with: changes, asOf: asOf, note: note)
}

private func no(_ source: String, with changes: Record = [:], asOf: String? = nil, note: String = "") -> EvalCase {
    eval(source, .value("false"), with: changes, asOf: asOf, note: note)
}

private func gives(_ source: String, _ literal: String, with changes: Record = [:], asOf: String? = nil, note: String = "") -> EvalCase {
    eval(source, .value(literal), with: changes, asOf: asOf, note: note)
}

private func unknown(_ source: String, with changes: Record = [:], note: String = "") -> EvalCase {
    eval(source, .unknown, with: changes, note: note)
}

private func fails(_ source: String, _ kind: EvalError.Kind, with changes: Record = [:], note: String = "") -> EvalCase {
    eval(source, .error(kind), with: changes, note: note)
}

// MARK: Three-valued logic (§4, §10)

/// Operands of the truth tables: T, F, U (an unknown field) and E (division by zero).
private let operand: [Character: String] = [
    "T": "true",
    "F": "false",
    "U": "blacklisted",
    "E": "credit_score / 0 > 1",
]

private func outcome(_ symbol: Character) -> Outcome {
    switch symbol {
    case "T": .value("true")
    case "F": .value("false")
    case "U": .unknown
    default: .error(.divisionByZero)
    }
}

/// `a op b` for every pair, in both orders (the table is symmetric: commutative over
/// unknown and error). Columns: left, right, `and`, `or`.
private let truthTable: [String] = [
    "TT TT", "TF FT", "TU UT", "TE ET",
    "FT FT", "FF FF", "FU FU", "FE FE",
    "UT UT", "UF FU", "UU UU", "UE EE",
    "ET ET", "EF FE", "EU EE", "EE EE",
]

private let logicCases: [EvalCase] = truthTable.flatMap { row -> [EvalCase] in
    let symbols = Array(row.replacingOccurrences(of: " ", with: ""))
    let (left, right) = ("(" + operand[symbols[0]]! + ")", "(" + operand[symbols[1]]! + ")")
    let unknownRecord: Record = ["blacklisted": .unknown]
    return [
        eval("\(left) and \(right)", outcome(symbols[2]), with: unknownRecord, note: "\(symbols[0]) and \(symbols[1])"),
        eval("\(left) or \(right)", outcome(symbols[3]), with: unknownRecord, note: "\(symbols[0]) or \(symbols[1])"),
    ]
} + [
    eval("not true", .value("false")),
    eval("not false", .value("true")),
    eval("not blacklisted", .unknown, with: ["blacklisted": .unknown], note: "not U"),
    eval("not (credit_score / 0 > 1)", .error(.divisionByZero), note: "not E"),
    // §4's example: decided without the credit score.
    no("age(birth_date) >= 18 and credit_score >= 650", with: ["birth_date": .date(day("2009-01-01")), "credit_score": .unknown]),
    unknown("age(birth_date) >= 18 and credit_score >= 650", with: ["credit_score": .unknown]),
    yes("credit_score >= 650 or blacklisted", with: ["blacklisted": .unknown]),
]

// MARK: Arithmetic and comparison

private let arithmeticCases: [EvalCase] = [
    yes("0.1 + 0.2 == 0.3"),
    gives("0.1 + 0.2", "0.3"),
    gives("1 - 0.9", "0.1"),
    gives("1.10 * 3", "3.3"),
    gives("10 / 4", "2.5"),
    gives("1 / 8", "0.125"),
    gives("-(2 - 5)", "3"),
    gives("2 + 3 * 4", "14"),
    gives("(2 + 3) * 4", "20"),
    gives("10 - 4 - 3", "3"),
    gives("3.85%", "0.0385"),
    gives("70% * 300000", "210000"),
    gives("annual_income * 70%", "84000"),
    gives("credit_score + 1_000", "1700"),
    yes("credit_score == 700.00"),
    yes("annual_income / annual_income == 1"),
    // Numbers of other scales than the field's, against a literal and against a product,
    // below, equal and above, and one past 64 bits (every case is also run over a group).
    yes("annual_income > 119999.99"),
    no("annual_income > 120000.001"),
    yes("annual_income >= 120000.000"),
    no("annual_income < 120000.0"),
    yes("annual_income >= 1.5 * credit_score"),
    no("annual_income <= 171.4 * credit_score"),
    yes("annual_income == 171.4 * credit_score + 20"),
    yes("annual_income < 12345678901234567890123.5"),
    yes("-annual_income > 0.5 * -240000.02"),
    unknown("ratio + 1", with: ["ratio": .unknown]),
    unknown("ratio * 0", with: ["ratio": .unknown], note: "unknown × 0 is still unknown"),
    unknown("-ratio", with: ["ratio": .unknown]),
    unknown("ratio > 1", with: ["ratio": .unknown]),
    unknown("ratio == ratio", with: ["ratio": .unknown]),
    unknown("ratio / 0", with: ["ratio": .unknown], note: "§10: unknown / 0 is unknown"),
    unknown("ratio / (credit_score - 700)", with: ["ratio": .unknown]),
    fails("credit_score / 0", .divisionByZero),
    fails("credit_score / (ratio - 0.25)", .divisionByZero),
    fails("credit_score / 0 + ratio", .divisionByZero, with: ["ratio": .unknown], note: "error beats unknown"),
    fails("ratio + credit_score / 0", .divisionByZero, with: ["ratio": .unknown], note: "in either position"),
    fails("credit_score / 0 == ratio", .divisionByZero, with: ["ratio": .unknown]),
    fails("-(credit_score / 0)", .divisionByZero),
    // Arithmetic of literals alone, computed once when compiled: the same values and errors.
    yes("credit_score <= 65 * 12 - 80"),
    no("credit_score > 65 * 12 - 80"),
    yes("-5 < ratio"),
    yes("credit_score in [-1, 7 * 100]"),
    no("ratio in [-0.25, 1 / 8 * 2 + 1]"),
    unknown("ratio <= 65 * 12", with: ["ratio": .unknown]),
    gives("2 / 8 + ratio", "0.5"),
    fails("ratio > 1 / 0", .divisionByZero),
    fails("ratio > -(1 / 0)", .divisionByZero, note: "under a minus"),
    fails("credit_score in [1 / 0, 700]", .divisionByZero),
    eval("ratio < 1000000000000000000000000000000000 * 10", .error(.overflow), note: "a literal product beyond 10^34"),
    fails("annual_income * 100000000000000000000000000000000 > 0", .overflow, note: "a field's product beyond 10^34"),
    fails("annual_income * 10000000000000000000000000000 + 9999999999999999999999999999999999 > 0", .overflow, note: "a sum beyond 10^34"),
    gives("annual_income * 10000000000000000000000000000 + 1", "1200000000000000000000000000000001", note: "34 digits, exact"),
    // Comparisons of every comparable kind.
    yes("birth_date < date(\"2000-03-01\")"),
    yes("as_of > date(\"2025-02-28\")"),
    yes("as_of == date(\"2025-03-01\")"),
    no("birth_date >= as_of"),
    yes("blacklisted == false"),
    yes("county == \"zuoquan\""),
    yes("county != \"yuci\""),
    yes("name == \"Li Wei\""),
    no("name == \"li wei\"", note: "case matters"),
    yes("crops == [\"corn\", \"millet\"]"),
    no("crops == [\"millet\", \"corn\"]"),
    yes("[1, 2] == [1.0, 2.00]"),
    no("[1] == [1, ratio]", with: ["ratio": .unknown], note: "lengths differ"),
    no("[1, ratio] == [2, 2]", with: ["ratio": .unknown], note: "first items differ"),
    unknown("[1, ratio] == [1, 2]", with: ["ratio": .unknown]),
    unknown("[1, ratio] != [1, 2]", with: ["ratio": .unknown]),
    // Strings compare after NFC normalisation (§10).
    yes("name == \"\u{E9}\"", with: ["name": .string("e\u{301}")]),
    yes("\"e\u{301}\" == \"\u{E9}\""),
    no("name != \"e\u{301}\"", with: ["name": .string("\u{E9}")]),
    yes("county in [\"zuoquan\", \"yuci\"]"),
]

// MARK: Membership

private let membershipCases: [EvalCase] = [
    yes("credit_score in [650, 700]"),
    no("credit_score in [650, 750]"),
    yes("credit_score not in [650, 750]"),
    yes("credit_score in [1, ratio, 700]", with: ["ratio": .unknown], note: "a match decides"),
    unknown("credit_score in [1, ratio]", with: ["ratio": .unknown]),
    unknown("credit_score not in [1, ratio]", with: ["ratio": .unknown]),
    no("credit_score not in [700, ratio]", with: ["ratio": .unknown]),
    unknown("ratio in [1, 2]", with: ["ratio": .unknown]),
    unknown("ratio in []", with: ["ratio": .unknown], note: "§4: unknown propagates through comparisons, as contains([], x)"),
    unknown("ratio not in []", with: ["ratio": .unknown]),
    unknown("contains([], ratio)", with: ["ratio": .unknown]),
    unknown("name in crops", with: ["name": .unknown, "crops": .list([])], note: "an empty list field too"),
    unknown("contains(crops, name)", with: ["name": .unknown, "crops": .list([])]),
    no("credit_score in []"),
    yes("credit_score not in []"),
    no("name in crops", with: ["crops": .list([])]),
    unknown("credit_score * ratio in []", with: ["ratio": .unknown], note: "a computed element"),
    unknown("county in []", with: ["county": .unknown], note: "a text field, the group's text fast path"),
    yes("county not in []"),
    no("ratio in [] and false", with: ["ratio": .unknown]),
    unknown("ratio in [] or ratio not in []", with: ["ratio": .unknown]),
    fails("credit_score in [700, credit_score / 0]", .divisionByZero),
    fails("credit_score in [credit_score / 0, 700]", .divisionByZero, note: "either order"),
    fails("credit_score / 0 in [1, 2]", .divisionByZero),
    yes("\"corn\" in crops"),
    no("\"rice\" in crops"),
    yes("\"rice\" not in crops"),
    yes("\"Wei\" in name", note: "substring"),
    no("\"wei\" in name"),
    no("\"Li\" not in name"),
    yes("\"\" in name"),
    unknown("\"x\" in name", with: ["name": .unknown]),
    unknown("name in \"Li Wei Jr\"", with: ["name": .unknown]),
    yes("\"quan\" in county"),
    yes("\"\u{E9}\" in name", with: ["name": .string("Caf\u{E9}")]),
    yes("\"\u{E9}\" in name", with: ["name": .string("Cafe\u{301}")], note: "NFC-equivalent"),
]

// MARK: Functions

private let functionCases: [EvalCase] = [
    gives("min(3, 1, 2)", "1"),
    gives("max(3, 1, 2)", "3"),
    gives("min(-1, -2)", "-2"),
    gives("max(1.5, 1.25)", "1.5"),
    gives("min(annual_income * 70%, 300000)", "84000"),
    gives("min(date(\"2024-01-02\"), date(\"2023-12-31\"), date(\"2024-06-01\"))", "date(\"2023-12-31\")"),
    gives("max(birth_date, as_of)", "date(\"2025-03-01\")"),
    unknown("min(ratio, 1)", with: ["ratio": .unknown]),
    gives("abs(-2.5)", "2.5"),
    gives("abs(3)", "3"),
    gives("abs(0)", "0"),
    gives("clamp(5, 1, 3)", "3"),
    gives("clamp(-1, 0, 10)", "0"),
    gives("clamp(2.5, 1, 3)", "2.5"),
    gives("clamp(3, 3, 3)", "3"),
    fails("clamp(1, 3, 2)", .emptyClamp),
    fails("clamp(ratio, credit_score, 1)", .emptyClamp),
    unknown("clamp(ratio, 3, 2)", with: ["ratio": .unknown], note: "like unknown / 0"),
    // round: half away from zero (四舍五入); money is rounded with it.
    gives("round(2.5)", "3"),
    gives("round(-2.5)", "-3"),
    gives("round(2.4)", "2"),
    gives("round(-2.4)", "-2"),
    gives("round(0.5)", "1"),
    gives("round(1234.5678, 2)", "1234.57"),
    gives("round(2.675, 2)", "2.68"),
    gives("round(0.125, 2)", "0.13"),
    gives("round(-0.005, 2)", "-0.01"),
    gives("round(123456.785, 2)", "123456.79"),
    gives("round(123456.78 * 3.85%, 2)", "4753.09"),
    gives("round(annual_income * 3.85% / 12, 2)", "385"),
    gives("round(1234.5, -2)", "1200"),
    gives("round(1250, -2)", "1300"),
    gives("round(-1250, -2)", "-1300"),
    gives("round(5, -1)", "10"),
    gives("round(7, 2)", "7"),
    gives("round(credit_score, -3)", "1000"),
    // Any whole number of digits is an answer: beyond 42 places nothing changes, at -40 or fewer every value is 0.
    gives("round(5.5, 41)", "5.5"),
    gives("round(5.5, 43)", "5.5"),
    gives("round(1 / 3, 1000)", "0.3333333333333333333333333333333333"),
    gives("round(0.000000000000000000000000000000000000000045, 41)", "0.00000000000000000000000000000000000000005"),
    gives("round(5.5, -41)", "0"),
    gives("round(5.5, -1000)", "0"),
    gives("round(-5.5, -9223372036854775807)", "0"),
    gives("round(5.5, 9223372036854775807)", "5.5"),
    gives("round(9999999999999999999999999999999999, -39)", "0"),
    gives("round(123, 100000000000000000000)", "123", note: "beyond 64 bits"),
    gives("round(-5, -100000000000000000000)", "0"),
    unknown("round(ratio, 2)", with: ["ratio": .unknown]),
    // floor and ceil, to a multiple of a step.
    gives("floor(7.3)", "7"),
    gives("ceil(7.3)", "8"),
    gives("floor(-7.3)", "-8"),
    gives("ceil(-7.3)", "-7"),
    gives("floor(-0.5)", "-1"),
    gives("floor(7)", "7"),
    gives("floor(7.3, 0.5)", "7"),
    gives("ceil(7.3, 0.5)", "7.5"),
    gives("floor(7.5, 0.5)", "7.5"),
    gives("floor(123456, 1000)", "123000"),
    gives("ceil(123001, 1000)", "124000"),
    gives("floor(5, 1.5)", "4.5"),
    gives("floor(annual_income * 70%, 10000)", "80000"),
    fails("floor(7, 0)", .nonPositiveStep),
    fails("ceil(7, -1)", .nonPositiveStep),
    fails("floor(ratio, ratio - 1)", .nonPositiveStep),
    unknown("floor(ratio, 0)", with: ["ratio": .unknown], note: "like unknown / 0"),
    // Strings and lists.
    gives("len(\"abc\")", "3"),
    gives("len(\"\")", "0"),
    gives("len(\"左权县\")", "3"),
    gives("len(\"Pingyao 冷水鱼\")", "11", note: "ASCII and Chinese: counted by lead bytes"),
    gives("len(name)", "11", with: ["name": .string("Ørsted · 农场")], note: "Latin-1 letters too"),
    gives("len(\"e\u{301}\")", "1", note: "an NFC literal: e + combining acute is é"),
    gives("len(name)", "1", with: ["name": .string("e\u{301}")], note: "code points after NFC"),
    gives("len(\"👨‍👩‍👧\")", "5", note: "code points, not grapheme clusters"),
    gives("len(crops)", "2"),
    gives("len([])", "0"),
    gives("len(county)", "7"),
    unknown("len(name)", with: ["name": .unknown]),
    yes("contains(crops, \"corn\")"),
    no("contains(crops, \"rice\")"),
    yes("contains([1, 2], 2.0)"),
    yes("contains(name, \"Wei\")"),
    yes("contains(name, \"\")"),
    unknown("contains(crops, name)", with: ["name": .unknown]),
    unknown("contains(crops, \"corn\")", with: ["crops": .unknown]),
    yes("starts_with(name, \"Li\")"),
    no("starts_with(name, \"li\")"),
    yes("ends_with(name, \"Wei\")"),
    no("ends_with(name, \"Li\")"),
    yes("starts_with(name, \"\")"),
    yes("starts_with(lower(name), \"li\")"),
    yes("starts_with(name, \"\u{E9}\")", with: ["name": .string("e\u{301}cole")], note: "NFC-equivalent"),
    // Substrings are runs of code points of the NFC forms, as `len` counts (§10), for all four tests alike.
    yes("\"x\" in name", with: ["name": .string("x\u{301}")], note: "x + combining acute has no precomposed form"),
    yes("starts_with(name, \"x\")", with: ["name": .string("x\u{301}")]),
    yes("ends_with(name, \"\u{301}\")", with: ["name": .string("x\u{301}")]),
    yes("\"\u{301}\" in name", with: ["name": .string("x\u{301}")]),
    yes("\"b\" in name", with: ["name": .string("ab\u{301}c")]),
    no("\"e\" in name", with: ["name": .string("e\u{301}")], note: "NFC makes it \u{E9}, one code point"),
    yes("\"\u{E9}\" in name", with: ["name": .string("caf\u{65}\u{301}!")]),
    yes("ends_with(\"🇨🇳\", \"🇳\")", note: "a flag is two code points"),
    yes("\"🇳\" in \"🇨🇳\""),
    yes("ends_with(name, \"\\n\")", with: ["name": .string("line\r\n")]),
    yes("contains(name, \"\\n\")", with: ["name": .string("line\r\n")]),
    no("ends_with(name, \"Wei!\")"),
    no("starts_with(\"Li\", name)", note: "a prefix longer than the text"),
    no("\"Li Wei and more\" in name"),
    yes("\"\" in \"\""),
    yes("\"aab\" in \"aaab\"", note: "a partial match that overlaps the real one"),
    yes("\"abac\" in \"ababac\""),
    no("\"abc\" in \"ababab\""),
    yes("\"县\" in \"左权县\"", note: "one code point of three bytes"),
    gives("lower(\"ABC Déjà\")", "\"abc déjà\""),
    gives("upper(\"abc\")", "\"ABC\""),
    gives("upper(county)", "\"ZUOQUAN\""),
    unknown("lower(name)", with: ["name": .unknown]),
    // Dates.
    gives("date(\"2024-02-29\")", "date(\"2024-02-29\")"),
    gives("years_between(date(\"2000-01-01\"), date(\"2025-01-01\"))", "25"),
    gives("years_between(date(\"2000-01-02\"), date(\"2025-01-01\"))", "24"),
    gives("months_between(date(\"2000-01-31\"), date(\"2000-02-29\"))", "0", note: "§10: the 31st is not reached"),
    gives("months_between(date(\"2000-01-31\"), date(\"2000-03-01\"))", "1"),
    gives("months_between(date(\"2000-01-31\"), date(\"2000-03-30\"))", "1"),
    gives("months_between(date(\"2000-01-31\"), date(\"2000-03-31\"))", "2"),
    gives("months_between(date(\"2000-01-15\"), date(\"2000-01-15\"))", "0"),
    gives("months_between(date(\"1999-12-15\"), date(\"2000-01-15\"))", "1"),
    gives("days_between(date(\"2024-02-28\"), date(\"2024-03-01\"))", "2"),
    gives("days_between(date(\"2023-02-28\"), date(\"2023-03-01\"))", "1"),
    gives("days_between(date(\"2024-01-01\"), date(\"2025-01-01\"))", "366"),
    // Negative spans are truncated toward zero.
    gives("days_between(date(\"2024-03-01\"), date(\"2024-02-28\"))", "-2"),
    gives("months_between(date(\"2000-03-15\"), date(\"2000-01-20\"))", "-1"),
    gives("months_between(date(\"2000-02-29\"), date(\"2000-01-31\"))", "0"),
    gives("years_between(date(\"2025-01-01\"), date(\"2000-01-02\"))", "-24"),
    gives("years_between(date(\"2025-01-01\"), date(\"2000-01-01\"))", "-25"),
    // age is years_between(d, as_of); 29 February birthdays move to 1 March.
    gives("age(birth_date)", "0", asOf: "2001-02-28"),
    gives("age(birth_date)", "1", asOf: "2001-03-01"),
    gives("age(birth_date)", "3", asOf: "2004-02-28"),
    gives("age(birth_date)", "4", asOf: "2004-02-29"),
    gives("age(birth_date)", "25", asOf: "2025-03-01"),
    gives("age(birth_date)", "24", asOf: "2025-02-28"),
    gives("age(date(\"1990-06-15\"))", "34", asOf: "2025-06-14"),
    gives("age(date(\"1990-06-15\"))", "35", asOf: "2025-06-15"),
    gives("age(as_of)", "0"),
    // Spans up to as_of (the unboxed program converts as_of once per frame): the same rules.
    gives("months_between(date(\"2000-01-31\"), as_of)", "0", asOf: "2000-02-29"),
    gives("months_between(date(\"2000-01-31\"), as_of)", "2", asOf: "2000-03-31"),
    gives("months_between(birth_date, as_of)", "12", asOf: "2001-03-01"),
    gives("years_between(birth_date, as_of)", "0", asOf: "2001-02-28"),
    gives("years_between(date(\"1990-06-15\"), as_of)", "35", asOf: "2025-06-15"),
    gives("months_between(date(\"2025-08-20\"), as_of)", "-2", asOf: "2025-06-15", note: "after as_of"),
    gives("days_between(date(\"2025-06-10\"), as_of)", "5", asOf: "2025-06-15"),
    gives("age(date(\"2026-03-01\"))", "-1", note: "born after as_of"),
    yes("age(birth_date) >= 18", asOf: "2018-03-01"),
    no("age(birth_date) >= 18", asOf: "2018-02-28"),
    unknown("age(birth_date)", with: ["birth_date": .unknown]),
    // Date functions are strict: an error in either argument first, then an unknown.
    fails("age(if(credit_score / 0 > 1, birth_date, birth_date))", .divisionByZero),
    unknown("months_between(birth_date, as_of)", with: ["birth_date": .unknown]),
    unknown("days_between(as_of, birth_date)", with: ["birth_date": .unknown]),
    fails("months_between(if(credit_score / 0 > 1, as_of, as_of), birth_date)", .divisionByZero, with: ["birth_date": .unknown]),
    fails("years_between(birth_date, if(credit_score / 0 > 1, as_of, as_of))", .divisionByZero, with: ["birth_date": .unknown]),
    fails("days_between(birth_date, if(credit_score / 0 > 1, as_of, as_of))", .divisionByZero),
    // present and missing are never unknown.
    yes("present(ratio)"),
    no("present(ratio)", with: ["ratio": .unknown]),
    no("missing(ratio)"),
    yes("missing(ratio)", with: ["ratio": .unknown]),
    no("present(ratio + 1)", with: ["ratio": .unknown]),
    no("present(ratio / 0)", with: ["ratio": .unknown]),
    fails("present(credit_score / 0)", .divisionByZero),
    // coalesce: the first known argument.
    gives("coalesce(ratio, 0)", "0.25"),
    gives("coalesce(ratio, 0)", "0", with: ["ratio": .unknown]),
    gives("coalesce(ratio, debt_ratio, 1)", "1", with: ["ratio": .unknown, "debt_ratio": .unknown]),
    gives("coalesce(ratio, debt_ratio, 1)", "0.4", with: ["ratio": .unknown]),
    unknown("coalesce(ratio, debt_ratio)", with: ["ratio": .unknown, "debt_ratio": .unknown]),
    gives("coalesce(ratio, credit_score / 0)", "0.25", note: "stops at the first known"),
    fails("coalesce(ratio, credit_score / 0)", .divisionByZero, with: ["ratio": .unknown]),
    fails("coalesce(credit_score / 0, 1)", .divisionByZero, note: "an error is not unknown"),
    no("coalesce(county == \"zuoquan\", false)", with: ["county": .unknown]),
    // if: only the chosen branch is evaluated.
    gives("if(blacklisted, 1, 2)", "2"),
    gives("if(blacklisted, 1, 2)", "1", with: ["blacklisted": .bool(true)]),
    unknown("if(blacklisted, 1, 2)", with: ["blacklisted": .unknown]),
    gives("if(true, 1, credit_score / 0)", "1"),
    gives("if(false, credit_score / 0, 2)", "2"),
    gives("if(credit_score > 650, annual_income, ratio / 0)", "120000"),
    fails("if(credit_score / 0 > 1, 1, 2)", .divisionByZero),
    unknown("if(blacklisted, credit_score / 0, 2)", with: ["blacklisted": .unknown], note: "no branch runs"),
]

@Suite struct EvaluatorTests {
    // The group evaluator's loops read a cell per row and node; at 32 bytes two share a cache
    // line, where 48 bytes (a full-width scale) made them 10-20 % slower.
    @Test("a cell is 32 bytes, a number's scale one byte")
    func cellLayout() {
        #expect(MemoryLayout<ExactDecimal>.size == 17)
        #expect(MemoryLayout<Cell>.stride == 32)
    }

    private func run(_ testCase: EvalCase) throws {
        let result = try evaluate(testCase.source, testCase.record, asOf: testCase.asOf)
        #expect(try testCase.outcome.matches(result.value), "got \(result.value)")
        // The unboxed program gives the same value, or hands the expression back; never another value.
        if let unboxed = result.unboxed {
            #expect(unboxed == result.value, "unboxed gave \(unboxed), reference \(result.value)")
        }
        // Over a group of rows, each row's value is the one it gets alone.
        #expect(result.groupDifferences.isEmpty, "\(result.groupDifferences)")
    }

    /// The unboxed program hands back only what it leaves out on purpose: text
    /// functions, text containment, list equality and lists of computed items.
    @Test func unboxedHandsBackLittle() throws {
        var handedBack: [String] = []
        for testCase in logicCases + arithmeticCases + membershipCases + functionCases {
            let result = try evaluate(testCase.source, testCase.record, asOf: testCase.asOf)
            if result.unboxed == nil, !result.value.isError { handedBack.append(testCase.source) }
        }
        let expected = ["lower(", "upper(", "starts_with(", "ends_with(", " in name", "in \"", "contains(name", "contains(\"",
                        "in county", "== [", "] ==", "] !="]
        let surprising = handedBack.filter { source in !expected.contains { source.contains($0) } }
        #expect(surprising.isEmpty, "handed back: \(surprising)")
    }

    @Test(arguments: logicCases) func threeValuedLogic(_ testCase: EvalCase) throws { try run(testCase) }
    @Test(arguments: arithmeticCases) func arithmeticAndComparison(_ testCase: EvalCase) throws { try run(testCase) }
    @Test(arguments: membershipCases) func membership(_ testCase: EvalCase) throws { try run(testCase) }
    @Test(arguments: functionCases) func functions(_ testCase: EvalCase) throws { try run(testCase) }

    /// Every builtin has at least one evaluation case above.
    @Test func everyBuiltinIsExercised() {
        let sources = (functionCases + membershipCases + arithmeticCases).map(\.source).joined(separator: " ")
        for builtin in Builtin.allCases {
            #expect(sources.contains(builtin.rawValue + "("), "\(builtin.rawValue)")
        }
    }

    /// An evaluation error names the node that failed, for the message that quotes it.
    @Test(arguments: [
        ("credit_score / 0 + 1", "credit_score / 0"),
        ("1 + credit_score / (ratio - ratio)", "credit_score / (ratio - ratio)"),
        ("max(1, clamp(1, 3, 2))", "clamp(1, 3, 2)"),
        ("floor(7, 0) > 1 and true", "floor(7, 0)"),
        ("if(credit_score / 0 > 1, 1, 2)", "credit_score / 0"),
        ("true and (1 / 0 > 1)", "1 / 0"),
    ])
    func errorsNameTheirNode(_ source: String, _ failing: String) throws {
        let result = try evaluate(source)
        guard case .error(let error) = result.value else {
            Issue.record("no error: \(result.value)")
            return
        }
        var texts: [ExprID: String] = [:]
        result.checked.expr.forEach { texts[$0.id] = result.checked.source.slice($0.range) }
        #expect(texts[error.node] == failing)
    }

    /// `if` leaves the other branch alone: it is not even in the trace.
    @Test func ifEvaluatesOnlyTheChosenBranch() throws {
        let result = try evaluate("if(credit_score > 650, 1, credit_score / 0)")
        #expect(result.value == .number(1))
        var ids: [String: ExprID] = [:]
        result.checked.expr.forEach { ids[result.checked.source.slice($0.range)] = $0.id }
        #expect(result.trace[try #require(ids["1"])] == .number(1))
        #expect(result.trace[try #require(ids["credit_score / 0"])] == nil)
    }

    @Test func traceRecordsEveryEvaluatedNode() throws {
        let result = try evaluate("credit_score >= 650 and not blacklisted")
        var count = 0
        result.checked.expr.forEach { _ in count += 1 }
        #expect(result.trace.count == count)
        #expect(result.trace[result.checked.expr.id] == .bool(true))
    }

    /// One program holds many expressions; each entry evaluates on its own.
    @Test func oneProgramManyEntries() throws {
        var program = Program()
        var entries: [Program.Entry] = []
        for text in ["credit_score + 1", "county == \"yuci\"", "age(birth_date)"] {
            let checked = try #require(check(text).checked)
            entries.append(program.compile(checked))
        }
        var slots = [Value](repeating: .unknown, count: Slot.count)
        slots[Int(Slot.creditScore)] = .number(700)
        slots[Int(Slot.county)] = .string("yuci")
        slots[Int(Slot.birthDate)] = .date(day("2000-01-01"))
        var context = EvaluationContext(slots: slots, asOf: day("2025-01-01"))
        #expect(program.evaluate(entries[0], &context) == .number(701))
        #expect(program.evaluate(entries[1], &context) == .bool(true))
        #expect(program.evaluate(entries[2], &context) == .number(25))
        #expect(context.trace == nil)
    }

    @Test func valuesPrintAsLiterals() {
        #expect(Value.string("say \"hi\"").description == #""say \"hi\"""#)
        #expect(Value.string("a\\b\n").description == #""a\\b\n""#)
        #expect(Value.list([.number(dec("1.5")), .unknown, .bool(true)]).description == "[1.5, unknown, true]")
        #expect(Value.date(day("2025-01-31")).description == "2025-01-31")
    }
}
