import EligoDecimal
import EligoDiagnostics
import EligoEngine
import EligoExpr
import Foundation
import Testing

/// The byte-level typing of CSV and JSONL must say exactly what `FieldValueParser`
/// (which YAML records go through) says, value for value and message for message.
@Suite("Input typing agrees with FieldValueParser")
struct InputTypingTests {
    typealias F = InputFixture

    static let texts = [
        // numbers
        "0", "-0", "+5", "720", "0720", "720.0", "7.2e2", "1e2", "1E+2", "1e-2", "0.1", "0.10", "12.345", "-1", "-0.01", "299", "300",
        "900", "901", "100000", "100000.01", "99999.999999999999999999", "1234567890123456789012345678.901234", "123456789012345678",
        "1234567890123456789", "12345678901234567890.5", "1e40", "12345678901234567890123456789012345", "1.", ".5", "1_000", "1,5", " 5",
        "5 ", "0x10", "", "-", "+", "--1", "1e", "NaN",
        // dates
        "2024-02-29", "2023-02-29", "1900-01-01", "1899-12-31", "2030-12-31", "2031-01-01", "2024-1-05", "2024-01-05T00:00", "0000-01-01",
        // booleans
        "true", "True", "TRUE", "false", "False", "FALSE", "tRUE", "yes", "no", "on", "1",
        // enums and strings
        "household", "Household", " household", "farmer", "zuoquan", "l\u{00FC}liang", "lu\u{0308}liang", "changzhi-lucheng", "中文",
        "a b", "  padded  ", "e\u{0301}",
    ]

    static let fields = ["credit_score", "annual_income", "pv_capacity_kw", "birth_date", "blacklisted", "applicant_type", "county", "note"]

    static func expected(_ text: String, _ written: FieldValueParser.Written, _ field: String) -> (Value, String?) {
        switch FieldValueParser.parse(text, written: written, field: F.catalog[field]!) {
        case .success(let value): (value, nil)
        case .failure(let message): (.unknown, message.en)
        }
    }

    @Test(arguments: fields)
    func csvCellsAsBareText(field: String) throws {
        for text in Self.texts where !text.isEmpty {
            let quoted = "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            let record = try F.csv("id,\(field)", "r,\(quoted)")
            let (value, message) = Self.expected(text, .bare, field)
            #expect(record[field] == value, "\(field) \(text)")
            #expect(record.problems.map(\.message.en) == (message.map { [$0] } ?? []), "\(field) \(text)")
        }
    }

    @Test(arguments: fields)
    func jsonStringsAndNumbers(field: String) throws {
        for text in Self.texts {
            // As a JSON string.
            let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            var record = try F.jsonl("{\"id\": \"r\", \"\(field)\": \"\(escaped)\"}")
            var (value, message) = Self.expected(text, .text, field)
            #expect(record[field] == value, "\(field) \"\(text)\"")
            #expect(record.problems.map(\.message.en) == (message.map { [$0] } ?? []), "\(field) \"\(text)\"")
            // As a JSON number or literal, when it is one.
            let isNumber = text.range(of: #"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$"#, options: .regularExpression) != nil
            let isLiteral = text == "true" || text == "false"
            guard isNumber || isLiteral else { continue }
            record = try F.jsonl("{\"id\": \"r\", \"\(field)\": \(text)}")
            (value, message) = Self.expected(text, isNumber ? .number : .boolean, field)
            #expect(record[field] == value, "\(field) \(text)")
            #expect(record.problems.map(\.message.en) == (message.map { [$0] } ?? []), "\(field) \(text)")
        }
    }

    static let boundsCatalog = F.catalog("""
        fields:
          id: {type: string, required: true}
          ratio: {type: number, min: 0.5, max: 99.95}
          small: {type: int, min: -5, max: 5}
          huge: {type: money, min: -100000000000000000000, max: 100000000000000000000}
          from: {type: date, min: 2020-02-29}
        """)

    /// (field, text, valid)
    static let boundCases: [(String, String, Bool)] = [
        ("ratio", "0.5", true), ("ratio", "0.50", true), ("ratio", "0.49", false), ("ratio", "0.4999999999999999999", false),
        ("ratio", "99.95", true), ("ratio", "99.951", false), ("ratio", "1e2", false), ("ratio", "5e-1", true),
        ("small", "-5", true), ("small", "-6", false), ("small", "5", true), ("small", "+6", false), ("small", "0", true),
        ("huge", "99999999999999999999", true), ("huge", "100000000000000000000", true), ("huge", "100000000000000000000.01", false),
        ("huge", "-100000000000000000000.01", false), ("huge", "123456789012345678", true), ("huge", "-999999999999999999", true),
        ("from", "2020-02-29", true), ("from", "2020-02-28", false),
    ]

    @Test(arguments: boundCases)
    func bounds(field: String, text: String, valid: Bool) throws {
        let records = try F.records(Array("id,\(field)\nr,\(text)\n".utf8), .csv, catalog: Self.boundsCatalog)
        #expect(records[0].isValid == valid, "\(records[0].problems.map(\.message.en))")
        let expected = FieldValueParser.parse(text, written: .bare, field: Self.boundsCatalog[field]!)
        if case .success(let value) = expected {
            #expect(records[0].values[Int(Self.boundsCatalog[field]!.slot)] == value)
        } else {
            #expect(!valid)
        }
    }
}

@Suite("NFC shortcut")
struct InputNFCTests {
    /// Texts the shortcut keeps must be what Foundation's NFC gives; the rest must still be normalised.
    @Test(arguments: [
        "光伏大棚", "冷水鱼、合作社。", "“引号”—…", "Müller", "José", "ÅÆØ", "かな カナ", "ｆｕｌｌ", "e\u{0301}", "か\u{3099}", "\u{2000}",
        "\u{302A}\u{302E}", "한국", "\u{1100}\u{1161}", "\u{212B}", "Ω\u{0301}", "\u{0340}", "\u{FB01}",
    ])
    func shortcutAgreesWithFoundation(text: String) throws {
        let record = try InputFixture.csv("id,note", "r,\(text)")
        #expect(record["note"] == .string(text.precomposedStringWithCanonicalMapping))
    }
}
