import EligoDecimal
import EligoDiagnostics
import EligoEngine
import EligoExpr
import Foundation
import Testing

@Suite("CSV input")
struct InputCSVTests {
    typealias F = InputFixture

    // MARK: RFC 4180 and lines

    /// (input, expected (id, note, line) per record)
    static let structureCases: [(String, String, [(String, Value, Int)])] = [
        ("plain", "id,note\na,x\nb,y\n", [("a", .string("x"), 2), ("b", .string("y"), 3)]),
        ("no final newline", "id,note\na,x\nb,y", [("a", .string("x"), 2), ("b", .string("y"), 3)]),
        ("CRLF", "id,note\r\na,x\r\nb,y\r\n", [("a", .string("x"), 2), ("b", .string("y"), 3)]),
        ("CRLF, no final newline", "id,note\r\na,x\r\nb,y", [("a", .string("x"), 2), ("b", .string("y"), 3)]),
        ("BOM", "\u{FEFF}id,note\na,x\n", [("a", .string("x"), 2)]),
        ("quoted comma", "id,note\na,\"x,y\"\n", [("a", .string("x,y"), 2)]),
        ("doubled quotes", "id,note\na,\"say \"\"hi\"\"\"\n", [("a", .string("say \"hi\""), 2)]),
        ("only a doubled quote", "id,note\na,\"\"\"\"\n", [("a", .string("\""), 2)]),
        ("quoted newline", "id,note\na,\"x\ny\"\nb,z\n", [("a", .string("x\ny"), 2), ("b", .string("z"), 4)]),
        ("quoted CRLF kept", "id,note\r\na,\"x\r\ny\"\r\nb,z\r\n", [("a", .string("x\r\ny"), 2), ("b", .string("z"), 4)]),
        ("several quoted newlines", "id,note\n\"a\",\"1\n2\n\n3\"\nb,z\n", [("a", .string("1\n2\n\n3"), 2), ("b", .string("z"), 6)]),
        ("quoted id", "id,note\n\"a\",x\n", [("a", .string("x"), 2)]),
        ("empty unquoted cell is missing", "id,note\na,\n", [("a", .unknown, 2)]),
        ("empty quoted cell is missing", "id,note\na,\"\"\n", [("a", .unknown, 2)]),
        ("blank lines are no records", "\nid,note\n\na,x\n\n\nb,y\n\n", [("a", .string("x"), 4), ("b", .string("y"), 7)]),
        ("blank CRLF lines", "id,note\r\n\r\na,x\r\n", [("a", .string("x"), 3)]),
        ("spaces kept", "id,note\na, x \n", [("a", .string(" x "), 2)]),
        ("lone CR is data", "id,note\na,x\ry\n", [("a", .string("x\ry"), 2)]),
        ("NFC", "id,note\na,Lu\u{0308}\n", [("a", .string("L\u{00FC}"), 2)]),
        ("header only", "id,note\n", []),
        ("nothing", "", []),
        ("BOM only", "\u{FEFF}", []),
    ]

    @Test(arguments: structureCases)
    func structure(name: String, input: String, expected: [(String, Value, Int)]) throws {
        for maxRecords in [1, 7, 1000] {
            let records = try F.records(input, .csv, maxRecords: maxRecords)
            #expect(records.count == expected.count, "\(name)")
            for (index, (record, want)) in zip(records, expected).enumerated() {
                #expect(record.problems.isEmpty, "\(name): \(record.problems.map(\.message.en))")
                #expect(record.id == want.0, "\(name)")
                #expect(record["note"] == want.1, "\(name)")
                #expect(record.line == want.2, "\(name)")
                #expect(record.number == index + 1, "\(name)")
            }
        }
    }

    @Test func headerIsReadOnce() throws {
        let (chunks, header) = try F.chunks(Array("\u{FEFF}id,\"no\"\"te\",x y\n1,2,3\n".utf8), .csv)
        #expect(header == CSVHeader(columns: ["id", "no\"te", "x y"], line: 1))
        #expect(chunks.map(\.records.count) == [1])
    }

    /// (input, problem ids per record, lines)
    static let brokenRowCases: [(String, String, [[String]], [Int])] = [
        ("short row", "id,note,credit_score\na,x\nb,y,700\n", [["record.cell-count"], []], [2, 3]),
        ("long row", "id,note\na,x,y\nb,y\n", [["record.cell-count"], []], [2, 3]),
        ("trailing comma is a cell", "id,note\na,x,\n", [["record.cell-count"]], [2]),
        ("quote inside unquoted cell", "id,note\na,x\"y\"\nb,z\n", [["record.csv-syntax"], []], [2, 3]),
        ("text after closing quote", "id,note\na,\"x\"y\nb,z\n", [["record.csv-syntax"], []], [2, 3]),
        // One quote inside an unquoted cell opens nothing: the record ends at its line feed,
        // and the records after it are read as they are.
        ("one quote inside an unquoted cell", "id,note\na,5\" screen\nb,z\nc,w\n", [["record.csv-syntax"], [], []], [2, 3, 4]),
        ("one stray quote, then a quoted cell", "id,note\na,x\"y\nb,\"6\"\nc,z\n", [["record.csv-syntax"], [], []], [2, 3, 4]),
        ("one stray quote, CRLF", "id,note\r\na,5\" screen\r\nb,z\r\n", [["record.csv-syntax"], []], [2, 3]),
        ("a quote after text after a closing quote", "id,note\na,\"x\"y\"z\nb,w\n", [["record.csv-syntax"], []], [2, 3]),
        ("unterminated quote at the end", "id,note\na,x\nb,\"y\nc,z\n", [[], ["record.unterminated-quote"]], [2, 3]),
        ("unterminated quote, CRLF", "id,note\r\nb,\"y\r\n", [["record.unterminated-quote"]], [2]),
        ("quote closes at the very end", "id,note\na,\"y\"", [[]], [2]),
        ("missing id cell", "id,note\n,x\n", [["record.missing-required"]], [2]),
        ("no id column", "note\nx\n", [["record.missing-required"]], [2]),
        ("lone space row", "id\n \n", [[]], [2]),
    ]

    @Test(arguments: brokenRowCases)
    func brokenRows(name: String, input: String, problems: [[String]], lines: [Int]) throws {
        let records = try F.records(input, .csv)
        #expect(records.map { F.ids($0.problems) } == problems, "\(name)")
        #expect(records.map(\.line) == lines, "\(name)")
        #expect(records.map(\.number) == Array(1...problems.count), "\(name)")
    }

    @Test func cellCountMessageAndIdOfBrokenRow() throws {
        let record = try F.csv("id,note,credit_score", "a,x")
        #expect(record.problems.map(\.message.en) == ["the row has 2 cells, the header has 3"])
        #expect(record.problems.first?.message.zh == "这一行有 2 个单元格，表头有 3 个")
        #expect(record.id == "a")
        #expect(record.problems.first?.path == "input")
        #expect(record.problems.first?.span == nil)
        #expect(try F.csv("id,note", "a").problems.map(\.message.en) == ["the row has 1 cell, the header has 2"])
    }

    @Test func unterminatedQuoteTakesTheRest() throws {
        let records = try F.records("id,note\na,x\nb,\"open\nc,z\nd,w\n", .csv)
        #expect(records.count == 2)
        #expect(records[1].line == 3)
        #expect(records[1].problems.first?.message.en.contains("never closed") == true)
    }

    // MARK: Header problems

    @Test func unknownColumnMakesEveryRecordInvalid() throws {
        let records = try F.records("id,crdit_score,note\na,700,x\nb,800,y\n", .csv)
        #expect(records.count == 2)
        for record in records {
            #expect(F.ids(record.problems) == ["record.unknown-field"])
            #expect(record.problems[0].message.en == "unknown field 'crdit_score'")
            #expect(record.problems[0].help?.en.contains("credit_score") == true)
            // Known columns are still typed.
            #expect(record["note"].isKnown)
        }
    }

    @Test func duplicateColumnMakesEveryRecordInvalid() throws {
        let records = try F.records("id,note,note\na,x,y\n", .csv)
        #expect(F.ids(records[0].problems) == ["record.duplicate-field"])
        #expect(records[0].problems[0].message.en == "the header names field 'note' twice (columns 2 and 3)")
        #expect(records[0]["note"] == .string("x"))
    }

    /// Every record carries the header's problems: thousands of bad columns must
    /// not be repeated in every row (a 150 KB input once made 590 MB of decisions).
    @Test func manyBadColumnsAreCounted() throws {
        let columns = (1...2000).map { "x\($0)" } + ["note", "note"]
        let records = try F.records("id," + columns.joined(separator: ",") + "\na\nb\n", .csv)
        #expect(records.count == 2)
        for record in records {
            #expect(F.ids(record.problems) == Array(repeating: "record.unknown-field", count: 10) + ["record.more-header-problems", "record.cell-count"])
            #expect(record.problems[10].message.en == "and 1991 more header columns that the catalog does not declare or that repeat an earlier one")
        }
        let fine = try F.records("id,x1,x2,note,note\na,,,x,y\n", .csv)
        #expect(F.ids(fine[0].problems) == ["record.unknown-field", "record.unknown-field", "record.duplicate-field"])
    }

    @Test func emptyHeaderColumnIsUnknown() throws {
        let records = try F.records("id,\na,\n", .csv)
        #expect(F.ids(records[0].problems) == ["record.unknown-field"])
    }

    @Test(arguments: ["id,\"note\na,x\n", "\"id"])
    func brokenHeaderIsAnInputError(input: String) throws {
        #expect(throws: InputError.self) { try F.records(input, .csv) }
    }

    // MARK: Typing cells

    /// (column, cell, expected value, or nil with the problem id)
    static let typingCases: [(String, String, Value?, String?)] = [
        // booleans
        ("blacklisted", "true", .bool(true), nil), ("blacklisted", "True", .bool(true), nil), ("blacklisted", "TRUE", .bool(true), nil),
        ("blacklisted", "false", .bool(false), nil), ("blacklisted", "False", .bool(false), nil),
        ("blacklisted", "FALSE", .bool(false), nil), ("blacklisted", "\"true\"", .bool(true), nil),
        ("blacklisted", "yes", nil, "record.wrong-type"), ("blacklisted", "1", nil, "record.wrong-type"),
        ("blacklisted", "tRUE", nil, "record.wrong-type"), ("blacklisted", " true", nil, "record.wrong-type"),
        ("blacklisted", "on", nil, "record.wrong-type"),
        // ints
        ("credit_score", "720", decimal("720"), nil), ("credit_score", "+720", decimal("720"), nil),
        ("credit_score", "0720", decimal("720"), nil), ("credit_score", "\"720\"", decimal("720"), nil),
        ("credit_score", "720.0", nil, "record.wrong-type"), ("credit_score", "7.2e2", nil, "record.wrong-type"),
        ("credit_score", " 5", nil, "record.wrong-type"), ("credit_score", "5 ", nil, "record.wrong-type"),
        ("credit_score", "299", nil, "record.below-min"), ("credit_score", "901", nil, "record.above-max"),
        ("credit_score", "900", decimal("900"), nil), ("credit_score", "abc", nil, "record.wrong-type"),
        ("credit_score", "1_000", nil, "record.wrong-type"),
        // money and numbers
        ("annual_income", "12.345", decimal("12.345"), nil), ("annual_income", "0.1", decimal("0.1"), nil),
        ("annual_income", "-0.01", nil, "record.below-min"), ("annual_income", "1e3", decimal("1000"), nil),
        ("annual_income", "1.", decimal("1"), nil), ("annual_income", ".5", decimal("0.5"), nil), ("annual_income", ".", nil, "record.wrong-type"),
        ("annual_income", "1,000", nil, "record.cell-count"), ("annual_income", "\"1,000\"", nil, "record.wrong-type"),
        ("annual_income", "1e40", nil, "record.number-range"),
        ("annual_income", "12345678901234567890123456789012345", nil, "record.number-range"),
        ("annual_income", "1234567890123456789012345678.901234", decimal("1234567890123456789012345678.901234"), nil),
        ("pv_capacity_kw", "100000", decimal("100000"), nil), ("pv_capacity_kw", "100000.01", nil, "record.above-max"),
        // dates
        ("birth_date", "2024-02-29", .date(Day(iso: "2024-02-29")!), nil),
        ("birth_date", "2023-02-29", nil, "record.wrong-type"), ("birth_date", "2024-1-05", nil, "record.wrong-type"),
        ("birth_date", "1899-12-31", nil, "record.below-min"), ("birth_date", "2031-01-01", nil, "record.above-max"),
        ("birth_date", "2024-02-29T00:00", nil, "record.wrong-type"),
        // enums
        ("applicant_type", "household", .string("household"), nil), ("applicant_type", "Household", nil, "record.enum-value"),
        ("applicant_type", " household", nil, "record.enum-value"), ("applicant_type", "farmer", nil, "record.enum-value"),
        ("county", "l\u{00FC}liang", .string("l\u{00FC}liang"), nil), ("county", "lu\u{0308}liang", .string("l\u{00FC}liang"), nil),
        ("county", "changzhi-lucheng", .string("changzhi-lucheng"), nil),
        // strings
        ("note", "  padded  ", .string("  padded  "), nil), ("note", "720", .string("720"), nil),
        ("note", "\"a \"\"b\"\"\"", .string("a \"b\""), nil), ("note", "中文", .string("中文"), nil),
        // lists
        ("crops", "wheat;corn", .list([.string("wheat"), .string("corn")]), nil), ("crops", "wheat", .list([.string("wheat")]), nil),
        ("crops", "a;;b", nil, "record.empty-list-item"), ("crops", "a;", nil, "record.empty-list-item"),
        ("crops", "\"x,y;z\"", .list([.string("x,y"), .string("z")]), nil),
        ("plots", "1;2;3", .list([decimal("1"), decimal("2"), decimal("3")]), nil), ("plots", "1;2.5", nil, "record.wrong-type"),
        ("plots", "1; 2", nil, "record.wrong-type"),
    ]

    @Test(arguments: typingCases)
    func typesCells(column: String, cell: String, value: Value?, problem: String?) throws {
        let record = try F.csv("id,\(column)", "r1,\(cell)")
        if let value {
            #expect(record.problems.isEmpty, "\(record.problems.map(\.message.en))")
            #expect(record[column] == value)
        } else {
            #expect(F.ids(record.problems) == [problem!], "\(record.problems.map(\.message.en))")
            #expect(record[column] == .unknown)
        }
    }

    @Test func everyBadCellIsReported() throws {
        let record = try F.csv("id,credit_score,blacklisted,county", "a,720.0,yes,mars")
        #expect(F.ids(record.problems) == ["record.wrong-type", "record.wrong-type", "record.enum-value"])
        #expect(record.problems[0].message.en == "field 'credit_score': a whole number is written in digits only, not as 720.0 (write 720)")
        #expect(record.problems[2].message.en.hasPrefix("field 'county': \"mars\" is not one of zuoquan, yuci"))
        #expect(record.id == "a")
    }

    @Test func moneyKeepsItsDigits() throws {
        let record = try F.csv("id,annual_income", "a,12.345")
        guard case .number(let value) = record["annual_income"] else { Issue.record("not a number"); return }
        #expect(value.description == "12.345")
    }

    @Test func stringLimit() throws {
        let limits = InputLimits(maxStringBytes: 8)
        let records = try F.records("id,note,crops\na,12345678,x\nb,123456789,x\nc,x,123456789\n", .csv, limits: limits)
        #expect(records.map { F.ids($0.problems) } == [[], ["record.string-too-long"], ["record.string-too-long"]])
    }

    @Test(arguments: [
        ([0xFF, 0xFE], false),
        // A character cut short, an overlong slash, a surrogate, a lone continuation byte.
        ([0xE5, 0xB7], false), ([0xC0, 0xAF], false), ([0xED, 0xA0, 0x80], false), ([0x61, 0x80, 0x62], false),
        // The replacement character itself, written out, and Chinese: valid.
        ([0xEF, 0xBF, 0xBD], true), (Array("左权".utf8), true),
    ] as [([UInt8], Bool)])
    func invalidUTF8InAString(_ cell: [UInt8], _ valid: Bool) throws {
        let bytes = Array("id,note\na,".utf8) + cell + Array("\n".utf8)
        let records = try F.records(bytes, .csv)
        #expect(F.ids(records[0].problems) == (valid ? [] : ["record.invalid-utf8"]))
        if valid { #expect(records[0]["note"] == .string(String(decoding: cell, as: UTF8.self))) }
    }

    // MARK: Limits and chunks

    @Test func lineOverTheLimitIsOneInvalidRecord() throws {
        let long = String(repeating: "x", count: (1 << 20) + 10)
        let input = "id,note\na,x\nb,\(long)\nc,\"q\nq\"\nd,y\n"
        let records = try F.records(input, .csv)
        #expect(records.map(\.id) == ["a", nil, "c", "d"])
        #expect(records.map(\.line) == [2, 3, 4, 6])
        #expect(F.ids(records[1].problems) == ["record.line-too-long"])
        #expect(records[1].problems[0].message.en == "this record is longer than the limit of 1048576 bytes (--max-line-bytes raises it)")
    }

    @Test func longQuotedRecordIsCutWhereItsQuotesEnd() throws {
        let limits = InputLimits(maxLineBytes: 16)
        let input = "id,note\na,\"\(String(repeating: "x\n", count: 40))\"\nb,y\n"
        let records = try F.records(input, .csv, limits: limits)
        #expect(records.map(\.id) == [nil, "b"])
        #expect(records.map(\.line) == [2, 43])
        #expect(F.ids(records[0].problems) == ["record.line-too-long"])
    }

    @Test func aLineAtTheLimitIsKept() throws {
        let limits = InputLimits(maxLineBytes: 10)
        let records = try F.records("id,note\na,12345678\r\nb,123456789\r\n", .csv, limits: limits)
        #expect(records.map { F.ids($0.problems) } == [[], ["record.line-too-long"]])
    }

    @Test func unterminatedQuoteOverTheLimit() throws {
        let limits = InputLimits(maxLineBytes: 16)
        let input = "id,note\na,\"\(String(repeating: "x\n", count: 40))"
        let records = try F.records(input, .csv, limits: limits)
        #expect(records.count == 1)
        #expect(F.ids(records[0].problems) == ["record.unterminated-quote"])
    }

    @Test(arguments: [1, 2, 7, 1000])
    func chunkSizeChangesNothing(maxRecords: Int) throws {
        var input = "id,note,credit_score\n"
        for index in 0..<50 {
            input += index % 3 == 0 ? "r\(index),\"multi\nline \(index)\",700\n" : "r\(index),plain,\(600 + index)\n"
        }
        let (chunks, _) = try F.chunks(Array(input.utf8), .csv, maxRecords: maxRecords)
        #expect(chunks.allSatisfy { $0.records.count <= maxRecords })
        let records = try F.records(input, .csv, maxRecords: maxRecords)
        let reference = try F.records(input, .csv, maxRecords: 1000)
        #expect(records.map(\.id) == reference.map(\.id))
        #expect(records.map(\.line) == reference.map(\.line))
        #expect(records.map(\.number) == Array(1...50))
        #expect(records.map { $0["note"] } == reference.map { $0["note"] })
        #expect(records[1].line == 4)  // r0 spans lines 2-3
        #expect(records.allSatisfy { $0.isValid })
    }

    @Test func chunksRespectTheByteBudget() throws {
        let input = "id,note\n" + (0..<100).map { "r\($0),\(String(repeating: "y", count: 100))\n" }.joined()
        let (descriptor, url) = F.temporaryFile(Array(input.utf8))
        defer {
            close(descriptor)
            try? FileManager.default.removeItem(at: url)
        }
        let splitter = try RecordSplitter(fileDescriptor: descriptor, format: .csv, path: "input")
        var counts: [Int] = []
        while let chunk = try splitter.nextChunk(maxRecords: 1000, maxBytes: 1000) {
            counts.append(chunk.records.count)
            #expect(chunk.bytes.count < 1000 + 110)
        }
        #expect(counts.reduce(0, +) == 100)
        #expect(counts.count > 5)
        #expect(try splitter.nextChunk(maxRecords: 10) == nil)
    }
}
