import EligoDecimal
import EligoDiagnostics
import EligoEngine
import EligoExpr
import Foundation
import Testing

@Suite("JSONL input")
struct InputJSONLTests {
    typealias F = InputFixture

    /// (field, JSON value, expected value, or nil with the problem id)
    static let valueCases: [(String, String, Value?, String?)] = [
        // exact numbers
        ("annual_income", "0.1", decimal("0.1"), nil), ("annual_income", "1e2", decimal("100"), nil),
        ("annual_income", "1E+2", decimal("100"), nil), ("annual_income", "12.345", decimal("12.345"), nil),
        ("annual_income", "1234567890123456789012345678.901234", decimal("1234567890123456789012345678.901234"), nil),
        ("annual_income", "1e40", nil, "record.number-range"), ("annual_income", "-1", nil, "record.below-min"),
        ("annual_income", "\"12\"", nil, "record.wrong-type"), ("annual_income", "true", nil, "record.wrong-type"),
        ("credit_score", "720", decimal("720"), nil), ("credit_score", "720.0", nil, "record.wrong-type"),
        ("credit_score", "7.2e2", nil, "record.wrong-type"), ("credit_score", "\"720\"", nil, "record.wrong-type"),
        ("credit_score", "1000", nil, "record.above-max"), ("pv_capacity_kw", "-0", decimal("0"), nil),
        // null is missing
        ("credit_score", "null", .unknown, nil), ("note", "null", .unknown, nil),
        // booleans
        ("blacklisted", "true", .bool(true), nil), ("blacklisted", "false", .bool(false), nil),
        ("blacklisted", "\"true\"", nil, "record.wrong-type"), ("blacklisted", "1", nil, "record.wrong-type"),
        // strings
        ("note", "\"x\"", .string("x"), nil), ("note", "\" padded \"", .string(" padded "), nil),
        ("note", "123", .string("123"), nil), ("note", "1.50", .string("1.50"), nil), ("note", "true", .string("true"), nil),
        ("note", "\"\\u00e9\\n\\\"\\\\\\/\"", .string("é\n\"\\/"), nil), ("note", "\"\\ud83d\\ude00\"", .string("😀"), nil),
        ("note", "\"e\\u0301\"", .string("\u{00E9}"), nil), ("note", "\"中文\"", .string("中文"), nil),
        ("note", "\"\"", .string(""), nil),
        // enums and dates
        ("applicant_type", "\"household\"", .string("household"), nil), ("applicant_type", "\"farm\"", nil, "record.enum-value"),
        ("applicant_type", "1", nil, "record.wrong-type"), ("applicant_type", "false", nil, "record.wrong-type"),
        ("birth_date", "\"1990-05-01\"", .date(Day(iso: "1990-05-01")!), nil), ("birth_date", "19900501", nil, "record.wrong-type"),
        ("birth_date", "\"1990-02-30\"", nil, "record.wrong-type"),
        // lists and structures
        ("crops", "[\"wheat\", \"corn\"]", .list([.string("wheat"), .string("corn")]), nil), ("crops", "[]", .list([]), nil),
        ("crops", "[1, \"a\"]", .list([.string("1"), .string("a")]), nil), ("crops", "\"wheat\"", nil, "record.wrong-type"),
        ("crops", "[null]", nil, "record.null-list-item"), ("crops", "[[\"a\"]]", nil, "record.wrong-type"),
        ("crops", "[true]", .list([.string("true")]), nil), ("plots", "[1, 2]", .list([decimal("1"), decimal("2")]), nil),
        ("plots", "[1, 2.5]", nil, "record.wrong-type"), ("plots", "[\"1\"]", nil, "record.wrong-type"),
        ("note", "[\"x\"]", nil, "record.wrong-type"), ("note", "{\"a\": 1}", nil, "record.wrong-type"),
        ("credit_score", "{}", nil, "record.wrong-type"),
    ]

    @Test(arguments: valueCases)
    func typesValues(field: String, json: String, value: Value?, problem: String?) throws {
        let record = try F.jsonl("{\"id\": \"r1\", \"\(field)\": \(json)}")
        if let value {
            #expect(record.problems.isEmpty, "\(record.problems.map(\.message.en))")
            #expect(record[field] == value)
        } else {
            #expect(F.ids(record.problems) == [problem!], "\(record.problems.map(\.message.en))")
            #expect(record[field] == .unknown)
        }
        #expect(record.id == "r1")
    }

    @Test func decimalsAreExact() throws {
        let record = try F.jsonl(#"{"id": "a", "annual_income": 0.10, "pv_capacity_kw": 99999.999999999999999999}"#)
        guard case .number(let income) = record["annual_income"], case .number(let capacity) = record["pv_capacity_kw"] else {
            Issue.record("not numbers")
            return
        }
        #expect(income == ExactDecimal("0.1")!)
        #expect(capacity.description == "99999.999999999999999999")
    }

    /// (line, problem id, column in the English message or nil)
    static let malformedCases: [(String, String, String?)] = [
        (#"{"id": "a",}"#, "record.json-syntax", "column 12: expected a field name"),
        (#"{"id" "a"}"#, "record.json-syntax", "column 7: expected ':'"),
        (#"{"id": "a"} x"#, "record.json-syntax", "column 13: text after the end"),
        (#"{"id": "a""#, "record.json-syntax", "column 11: expected ',' or '}'"),
        (#"{"id": "a"#, "record.json-syntax", "column 8: the string is never closed"),
        (#"{"id": 'a'}"#, "record.json-syntax", "column 8: expected a value"),
        (#"{"id": "a", "credit_score": 0720}"#, "record.json-syntax", "column 29: invalid number"),
        (#"{"id": "a", "credit_score": +720}"#, "record.json-syntax", "column 29: expected a value"),
        (#"{"id": "a", "credit_score": .5}"#, "record.json-syntax", "column 29: expected a value"),
        (#"{"id": "a", "credit_score": 1.}"#, "record.json-syntax", "column 29: invalid number"),
        (#"{"id": "a", "blacklisted": tru}"#, "record.json-syntax", "column 28: expected true, false or null"),
        (#"{"id": "a", "note": "\x"}"#, "record.json-syntax", "column 22: invalid escape"),
        (#"{"id": "a", "note": "\ud800"}"#, "record.json-syntax", "column 22: a \\u escape is half"),
        ("{\"id\": \"a\", \"note\": \"tab\there\"}", "record.json-syntax", "column 25: a control character"),
        (#"{"id": "é", "x": }"#, "record.json-syntax", "column 18: expected a value"),
        (#"{"id": "a", "crops": [1 2]}"#, "record.json-syntax", "column 25: expected ',' or ']'"),
        (#"{"id": "a", "note": {"a" 1}}"#, "record.json-syntax", "column 26: expected ':'"),
        (#"{"#, "record.json-syntax", "column 2: expected a field name"),
        (#"[{"id": "a"}]"#, "record.not-object", nil),
        (#""a""#, "record.not-object", nil),
        ("42", "record.not-object", nil),
        ("null", "record.not-object", nil),
        ("true", "record.not-object", nil),
        ("id,note", "record.json-syntax", "column 1: expected a value"),
        // Not JSON at all, though it starts as a literal would: a syntax error, not a value of the wrong kind.
        ("nope", "record.json-syntax", "column 1: expected true, false or null"),
        ("truex", "record.json-syntax", "column 1: expected true, false or null"),
        ("null null", "record.json-syntax", "column 6: text after the end of the JSON value"),
        ("[1 2]", "record.json-syntax", "column 4: expected ',' or ']'"),
        (#"{"id": "a"} x"#, "record.json-syntax", "column 13: text after the end of the JSON value"),
    ]

    @Test(arguments: malformedCases)
    func malformedLines(line: String, problem: String, where expected: String?) throws {
        let record = try F.jsonl(line)
        #expect(F.ids(record.problems) == [problem], "\(record.problems.map(\.message.en))")
        if let expected {
            #expect(record.problems.first?.message.en.contains(expected) == true, "\(record.problems.map(\.message.en))")
            #expect(record.problems.first?.message.zh.contains("JSON 格式错误") == true)
        }
        #expect(record.line == 1)
    }

    @Test func deepNestingIsRefusedNotRecursedInto() throws {
        let record = try F.jsonl("{\"id\": \"a\", \"note\": " + String(repeating: "[", count: 100_000) + "}")
        #expect(record.problems.first?.message.en.contains("nested more than 64 levels") == true)
    }

    @Test func unknownAndDuplicateKeys() throws {
        let record = try F.jsonl(#"{"id": "a", "credit_scor": 700, "note": "x", "note": "y", "credit_score": null, "credit_score": 5}"#)
        #expect(F.ids(record.problems) == ["record.unknown-field", "record.duplicate-field", "record.duplicate-field"])
        #expect(record.problems[0].message.en == "unknown field 'credit_scor'")
        #expect(record.problems[0].help?.en.contains("credit_score") == true)
        #expect(record.problems[1].message.en == "field 'note' is given twice")
        #expect(record["note"] == .string("x"))
    }

    @Test func escapedKeysAreFieldNames() throws {
        let record = try F.jsonl(#"{"\u0069d": "a", "no\u0074e": "x"}"#)
        #expect(record.problems.isEmpty)
        #expect(record.id == "a")
        #expect(record["note"] == .string("x"))
    }

    @Test func requiredAndId() throws {
        #expect(F.ids(try F.jsonl("{}").problems) == ["record.missing-required"])
        #expect(F.ids(try F.jsonl(#"{"id": null}"#).problems) == ["record.missing-required"])
        // A bad id is reported once, as a bad value.
        #expect(F.ids(try F.jsonl(#"{"id": [1]}"#).problems) == ["record.wrong-type"])
        #expect(try F.jsonl(#"{"id": 17}"#).id == "17")
    }

    @Test func linesNumbersAndBlankLines() throws {
        let input = "\n{\"id\": \"a\"}\r\n   \n\t\r\n{\"id\": \"b\"}\n[1]\n\n{\"id\": \"c\"}"
        for maxRecords in [1, 2, 1000] {
            let records = try F.records(input, .jsonl, maxRecords: maxRecords)
            #expect(records.map(\.id) == ["a", "b", nil, "c"])
            #expect(records.map(\.line) == [2, 5, 6, 8])
            #expect(records.map(\.number) == [1, 2, 3, 4])
        }
    }

    @Test func aLongLineIsOneInvalidRecord() throws {
        let long = "{\"id\": \"b\", \"note\": \"" + String(repeating: "x", count: (1 << 20) + 1) + "\"}"
        let records = try F.records("{\"id\": \"a\"}\n\(long)\n{\"id\": \"c\"}\n", .jsonl)
        #expect(records.map(\.id) == ["a", nil, "c"])
        #expect(records.map(\.line) == [1, 2, 3])
        #expect(F.ids(records[1].problems) == ["record.line-too-long"])
    }

    @Test func byteOrderMarkAtTheStart() throws {
        let records = try F.records("\u{FEFF}{\"id\": \"a\"}\n", .jsonl)
        #expect(records.map(\.id) == ["a"])
        #expect(records[0].isValid)
    }
}
