import EligoDecimal
import EligoDiagnostics
import EligoEngine
import EligoExpr
import EligoYAML
import Foundation
import Testing

@Suite("YAML stream input")
struct InputYAMLTests {
    typealias F = InputFixture

    @Test(arguments: [1, 2, 1000])
    func documentsAreRecords(maxRecords: Int) throws {
        let input = """
            # applicants
            %YAML 1.2
            ---
            id: a
            credit_score: 700
            ---
            id: b
            crops: [wheat, corn]
            ...
            # between
            --- {id: c, blacklisted: true}
            ---
            ---  # empty document: no record
            id: d
            annual_income: 12.345

            """
        let records = try F.records(input, .yaml, maxRecords: maxRecords)
        #expect(records.map(\.id) == ["a", "b", "c", "d"])
        #expect(records.map(\.line) == [2, 6, 11, 13])
        #expect(records.map(\.number) == [1, 2, 3, 4])
        #expect(records.allSatisfy { $0.isValid }, "\(records.map { $0.problems.map(\.message.en) })")
        #expect(records[0]["credit_score"] == decimal("700"))
        #expect(records[1]["crops"] == .list([.string("wheat"), .string("corn")]))
        #expect(records[2]["blacklisted"] == .bool(true))
        #expect(records[3]["annual_income"] == decimal("12.345"))
    }

    @Test func aBrokenDocumentDoesNotStopTheStream() throws {
        let input = """
            id: a
            ---
            id: b
            note: "never closed
            credit_score: 700
            ---
            id: c
            credit_score: [1, 2
            ---
            id: d
            credit_score: 1000
            ---
            id: e

            """
        let records = try F.records(input, .yaml)
        #expect(records.map(\.line) == [1, 2, 6, 9, 12])
        // The broken documents keep the ids of their `id:` lines.
        #expect(records.map(\.id) == ["a", "b", "c", "d", "e"])
        #expect(records.map(\.isValid) == [true, false, false, false, true])
        #expect(records[1].problems.first?.message.en.hasPrefix("line 4, column") == true, "\(records[1].problems.map(\.message.en))")
        #expect(records[1].problems.first?.message.zh.hasPrefix("第 4 行") == true)
        #expect(records[3].problems.map(\.message.en) == ["line 11, column 15: field 'credit_score': 1000 is above the maximum 900"])
        #expect(records[3].problems.first?.message.id == "record.above-max")
        #expect(records.allSatisfy { record in record.problems.allSatisfy { $0.span == nil && $0.path == "input" } })
    }

    /// NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR are text to YAML 1.2 and line breaks to the
    /// YAML 1.1 that libyaml reads: written raw, the document is refused, not guessed at; escaped
    /// in double quotes, they are text.
    @Test(arguments: [("\u{85}", "U+0085"), ("\u{2028}", "U+2028"), ("\u{2029}", "U+2029")])
    func rawLineBreaksAreRefused(_ character: String, _ code: String) throws {
        let input = "id: a\nnote: x\(character)crops: [y]\n---\nid: b\n---\nid: c\nnote: \"p\\u2028q\\Lr\"\n"
        let records = try F.records(input, .yaml)
        #expect(records.map(\.id) == ["a", "b", "c"])
        #expect(records.map(\.isValid) == [false, true, true])
        #expect(records[0].problems.map(\.message.id) == ["yaml.raw-line-break"])
        #expect(records[0].problems.first?.message.en.contains(code) == true)
        #expect(records[0].problems.first?.message.en.hasPrefix("line 2, column 8") == true, "\(records[0].problems.map(\.message.en))")
        #expect(records[2]["note"] == .string("p\u{2028}q\u{2028}r"))
    }

    /// A value of the wrong shape is named in the message's own language: no "sequence" in Chinese.
    @Test func wrongShapesInBothLanguages() throws {
        let records = try F.records("id: a\nbirth_date: [1]\n---\nid: b\ncrops: x\n---\nid: c\nplots: {a: 1}\n", .yaml)
        #expect(records.map { $0.problems.map(\.message.en) } == [
            ["line 2, column 13: field 'birth_date': sequence is not a date (YYYY-MM-DD)"],
            ["line 5, column 8: field 'crops': x is not a list of string"],
            ["line 8, column 8: field 'plots': mapping is not a list of int"],
        ])
        #expect(records.map { $0.problems.map(\.message.zh) } == [
            ["第 2 行第 13 列：字段“birth_date”：列表不是日期（YYYY-MM-DD）"],
            ["第 5 行第 8 列：字段“crops”：x 不是字符串列表"],
            ["第 8 行第 8 列：字段“plots”：映射不是整数列表"],
        ])
    }

    /// A bad item of a list is reported at the item, and an enum value near a real one gets a suggestion.
    @Test func aBadListItemIsPointedAt() throws {
        let catalog = F.catalog(F.catalogText + "\n  groups: {type: list, of: enum, values: [graduate, veteran, returnee]}\n")
        let (record, problems) = RecordDecoder(catalog: catalog).decode(try #require(YAMLLoader.load(SourceFile(path: "a.yaml", text: "id: a\ngroups: [graduate, veterans]\ncounty: yuchi\n")).documents.first))
        #expect(!record.isValid)
        #expect(problems.map { $0.span.map { "\($0.location.line):\($0.location.column)" } } == ["2:20", "3:9"])
        #expect(problems.map { $0.help?.en } == ["did you mean 'veteran'?", "did you mean 'yuci'?"])
        #expect(problems.map(\.message.id) == ["record.enum-value", "record.enum-value"])
    }

    @Test func recordProblemsAsInRecordDecoder() throws {
        let records = try F.records("crdit_score: 1\n---\n- 1\n---\nid: a\nid: b\n", .yaml)
        #expect(records.map { F.ids($0.problems) } == [["record.unknown-field", "record.missing-required"], ["record.not-mapping"], ["yaml.duplicate-key"]])
        #expect(records[0].problems[0].help?.en.contains("credit_score") == true)
    }

    @Test func aRepeatedKeyKeepsTheRecordsID() throws {
        // As a JSONL record with a key given twice: invalid, but its decisions still name the applicant.
        let records = try F.records("id: a\ncredit_score: 700\ncredit_score: 800\n---\nid: b\nid: c\n", .yaml)
        #expect(records.map(\.id) == ["a", "b"])
        #expect(records.map(\.isValid) == [false, false])
        #expect(records[0].problems.map(\.message.en) == ["line 3, column 1: duplicate key 'credit_score'"])
        #expect(records[1].problems.map(\.message.en) == ["line 6, column 1: duplicate key 'id'"])
    }

    @Test func coreSchemaBooleansInEverySpelling() throws {
        let input = ["True", "TRUE", "true", "False", "FALSE", "false", "\"true\"", "yes", "tRUE"].map { "id: a\nblacklisted: \($0)\n" }
        let records = try F.records(input.joined(separator: "---\n"), .yaml)
        #expect(records.map { $0["blacklisted"] } == [.bool(true), .bool(true), .bool(true), .bool(false), .bool(false), .bool(false), .unknown, .unknown, .unknown])
        #expect(records.map(\.isValid) == [true, true, true, true, true, true, false, false, false])
    }

    /// YAML 1.2's core schema writes floats without a digit on one side of the point; CSV
    /// cells are read alike. A point alone is no number, and an int still needs whole digits.
    @Test(arguments: [InputFormat.yaml, .csv])
    func floatsWithoutADigitOnOneSide(_ format: InputFormat) throws {
        let texts = [".5", "+.5", "1.", "1.e3", "2.", ".", "-.", ".e3", "..5", "1.2.3"]
        let input = format == .yaml
            ? texts.map { "id: a\npv_capacity_kw: \($0)\n" }.joined(separator: "---\n")
            : "id,pv_capacity_kw\n" + texts.map { "a,\($0)\n" }.joined()
        let records = try F.records(input, format)
        let numbers = ["0.5", "0.5", "1", "1000", "2"].map { Value.number(ExactDecimal($0)!) }
        #expect(records.map { $0["pv_capacity_kw"] } == numbers + Array(repeating: .unknown, count: 5))
        #expect(records.map(\.isValid) == Array(repeating: true, count: 5) + Array(repeating: false, count: 5))
        let ints = try F.records(format == .yaml ? "id: a\ncredit_score: 500.\n" : "id,credit_score\na,500.\n", format)
        #expect(ints.map(\.isValid) == [false])
    }

    /// A string field takes any scalar's text, a boolean's too, in every format.
    @Test func stringFieldsTakeABooleansText() throws {
        #expect(try F.records("id: a\nnote: true\n", .yaml).map { $0["note"] } == [.string("true")])
        #expect(try F.records("{\"id\": \"a\", \"note\": false}\n", .jsonl).map { $0["note"] } == [.string("false")])
        #expect(try F.records("id,note\na,True\n", .csv).map { $0["note"] } == [.string("True")])
    }

    @Test func emptyInputsHaveNoRecords() throws {
        for input in ["", "\n", "# only a comment\n", "---\n", "---\n...\n---\n", "...\n"] {
            #expect(try F.records(input, .yaml).isEmpty, "\(input)")
        }
    }

    @Test func aDocumentOverTheLimitIsSkipped() throws {
        let limits = InputLimits(yaml: .init(maxDocumentBytes: 100))
        let big = (0..<40).map { "note: \($0)\n" }.joined()
        let input = "id: a\n---\nid: b\n\(big)---\nid: c\n...\n--- \(String(repeating: "x", count: 300))\n---\nid: d\n"
        let records = try F.records(input, .yaml, limits: limits)
        #expect(records.map(\.id) == ["a", nil, "c", nil, "d"])
        #expect(records.map { F.ids($0.problems) } == [[], ["record.document-too-large"], [], ["record.document-too-large"], []])
        #expect(records.map(\.line) == [1, 2, 44, 47, 48])
    }

    @Test func markersNeedABlankAfterThem() throws {
        // `---x` and `...x` at the start of a line are content (here: keys), not markers.
        let records = try F.records("id: a\n---x: 1\n...x: 2\n", .yaml)
        #expect(records.count == 1)
        #expect(records[0].problems.map(\.message.en) == ["line 2, column 1: unknown field '---x'", "line 3, column 1: unknown field '...x'"])
    }
}

@Suite("Input from pipes")
struct InputPipeTests {
    typealias F = InputFixture

    /// Feeds `bytes` into a pipe in small, uneven writes from another thread, so
    /// that records straddle every kind of read boundary.
    static func throughPipe(_ bytes: [UInt8], _ format: InputFormat, maxRecords: Int, steps: Int = 13) throws -> [ApplicantRecord] {
        var descriptors: [Int32] = [0, 0]
        #expect(pipe(&descriptors) == 0)
        let writeEnd = descriptors[1]
        let writer = Thread {
            var offset = 0
            var step = 1
            while offset < bytes.count {
                let count = min(step, bytes.count - offset)
                let written = bytes[offset..<(offset + count)].withUnsafeBytes { write(writeEnd, $0.baseAddress, count) }
                if written <= 0 { break }
                offset += written
                step = step % steps + 1
            }
            close(writeEnd)
        }
        writer.start()
        defer { close(descriptors[0]) }
        let splitter = try RecordSplitter(fileDescriptor: descriptors[0], format: format, path: "-")
        var chunks: [RecordChunk] = []
        while let chunk = try splitter.nextChunk(maxRecords: maxRecords) { chunks.append(chunk) }
        let parser = RecordParser(format: format, catalog: F.catalog, header: splitter.header, path: "-")
        return chunks.flatMap { chunk in chunk.records.indices.map { parser.parse(chunk, $0) } }
    }

    static let inputs: [(InputFormat, String)] = [
        (.csv, "\u{FEFF}id,note,credit_score\r\na,\"x,\r\ny\",700\r\n\r\nb,\"\"\"q\"\"\",800\r\nc,,bad\r\nd,\"open\r\n"),
        (.jsonl, "{\"id\": \"a\", \"credit_score\": 700}\n\n{\"id\": \"b\", \"note\": \"\\u00e9\"}\r\n[1]\n{\"id\": \"c\""),
        (.yaml, "id: a\n---\nid: b\nnote: |\n  x\n  y\n...\n--- {id: c, note: [}\n---\nid: d\n"),
    ]

    @Test(arguments: inputs)
    func pipeGivesWhatAFileGives(format: InputFormat, input: String) throws {
        let bytes = Array(input.utf8)
        let reference = try F.records(bytes, format)
        #expect(!reference.isEmpty)
        for maxRecords in [1, 3, 1000] {
            let records = try Self.throughPipe(bytes, format, maxRecords: maxRecords)
            #expect(records.map(\.id) == reference.map(\.id))
            #expect(records.map(\.line) == reference.map(\.line))
            #expect(records.map(\.number) == reference.map(\.number))
            #expect(records.map(\.values) == reference.map(\.values))
            #expect(records.map { F.ids($0.problems) } == reference.map { F.ids($0.problems) })
        }
    }

    @Test func csvPipeRecordsAndLines() throws {
        let records = try Self.throughPipe(Array(Self.inputs[0].1.utf8), .csv, maxRecords: 2)
        // The last record, a quote left open to the end, still says whose it is.
        #expect(records.map(\.id) == ["a", "b", "c", "d"])
        #expect(records.map(\.line) == [2, 5, 6, 7])
        #expect(records[0]["note"] == .string("x,\r\ny"))
        #expect(records[1]["note"] == .string("\"q\""))
        #expect(records.map { F.ids($0.problems) } == [[], [], ["record.wrong-type"], ["record.unterminated-quote"]])
    }

    @Test func largeInputThroughAPipe() throws {
        // More than the splitter's buffer, so that it refills and compacts many times.
        var input = "id,note,credit_score\n"
        for index in 0..<60_000 {
            input += index % 97 == 0 ? "r\(index),\"a\nb, \"\"c\"\"\",\(300 + index % 600)\n" : "r\(index),\(String(repeating: "n", count: index % 150)),\(300 + index % 600)\n"
        }
        let bytes = Array(input.utf8)
        #expect(bytes.count > 4 << 20)  // the read buffer
        let records = try Self.throughPipe(bytes, .csv, maxRecords: 4096, steps: 9000)
        #expect(records.count == 60_000)
        #expect(records.allSatisfy { $0.isValid })
        #expect(records.enumerated().allSatisfy { $0.element.id == "r\($0.offset)" })
        #expect(records.last?.line == 60_000 + 1 + (60_000 + 96) / 97)
    }
    struct OverLimitCase: Sendable, CustomTestStringConvertible {
        let name: String
        let document: String
        let id: String?
        let messages: [String]
        var testDescription: String { name }
    }

    static let overLimitCases: [OverLimitCase] = [
        OverLimitCase(
            name: "a string field", document: "id: a\nnote: \(String(repeating: "n", count: 21))\n", id: "a",
            messages: ["line 2, column 7: field 'note': the string is longer than the limit of 20 bytes (--max-string-bytes raises it)"]),
        OverLimitCase(
            name: "an item of a list of strings", document: "id: a\ncrops: [wheat, \(String(repeating: "c", count: 21))]\n", id: "a",
            messages: ["line 2, column 16: field 'crops': the string is longer than the limit of 20 bytes (--max-string-bytes raises it)"]),
        OverLimitCase(
            name: "a number field", document: "id: a\ncredit_score: \(String(repeating: "7", count: 21))\n", id: "a",
            messages: ["line 2, column 15: field 'credit_score': the value is longer than the limit of 20 bytes (--max-string-bytes raises it)"]),
        OverLimitCase(
            name: "the id itself cannot be read", document: "id: \(String(repeating: "i", count: 21))\n", id: nil,
            messages: ["line 1, column 5: field 'id': the string is longer than the limit of 20 bytes (--max-string-bytes raises it)"]),
        OverLimitCase(
            name: "a key", document: "id: a\n\(String(repeating: "k", count: 21)): 1\n", id: "a",
            messages: ["line 2, column 1: this value is 21 bytes long, more than the limit of 20 bytes (--max-string-bytes raises it)"]),
        OverLimitCase(
            name: "nesting too deep names its option too", document: "id: a\ncrops: [[[[1]]]]\n", id: "a",
            messages: ["line 2, column 10: sequences and mappings are nested more than 3 levels deep (--max-yaml-depth raises it)"]),
    ]

    /// A record over a limit is invalid, keeps its id where it can be read, and its message names
    /// the field and the option, as a CSV or JSONL record's does.
    @Test(arguments: overLimitCases)
    func overLimitKeepsTheID(_ test: OverLimitCase) throws {
        let limits = InputLimits(maxStringBytes: 20, yaml: YAMLLimits(maxDepth: 3, maxScalarBytes: 20))
        let records = try F.records(test.document, .yaml, limits: limits)
        #expect(records.count == 1)
        #expect(records.first?.id == test.id)
        #expect(records.first?.problems.map(\.message.en) == test.messages)
    }
    /// A list item that is null (or a list, or a mapping) is named as an item, in YAML as in JSONL,
    /// not as the whole value ("null is not a list of int").
    @Test(arguments: [
        ("plots: [1, null]", "{\"plots\": [1, null]}",
         "field 'plots': item 2 of the list is null; a list's items cannot be missing (leave the item out)", "line 2, column 12: "),
        ("crops: [~]", "{\"crops\": [null]}",
         "field 'crops': item 1 of the list is null; a list's items cannot be missing (leave the item out)", "line 2, column 9: "),
        ("plots: [1, [2]]", "{\"plots\": [1, [2]]}",
         "field 'plots': item 2 of the list is a list; each item must be a whole number", "line 2, column 12: "),
        ("crops: [a, {b: 1}]", nil,
         "field 'crops': item 2 of the list is a mapping; each item must be a string", "line 2, column 12: "),
        (nil, "{\"crops\": [\"a\", {\"b\": 1}]}",
         "field 'crops': item 2 of the list is an object; each item must be a string", ""),
    ] as [(String?, String?, String, String)])
    func badListItemsAreNamed(_ yaml: String?, _ json: String?, _ message: String, _ place: String) throws {
        if let yaml {
            let records = try F.records("id: a\n\(yaml)\n", .yaml)
            #expect(records.first?.id == "a")
            #expect(records.first?.problems.map(\.message.en) == [place + message])
            #expect(records.first?.problems.map(\.message.id) == [message.contains("null") ? "record.null-list-item" : "record.wrong-type"])
        }
        if let json {
            let record = try F.jsonl("{\"id\": \"a\", " + json.dropFirst())
            #expect(record.problems.map(\.message.en) == [message])
        }
    }
    /// An int field given a whole value in a form other than digits is told that the form is
    /// not accepted, and what to write, in every format; a value that is not whole is not whole.
    @Test(arguments: [
        ("1e2", "field 'credit_score': a whole number is written in digits only, not as 1e2 (write 100)"),
        ("720.0", "field 'credit_score': a whole number is written in digits only, not as 720.0 (write 720)"),
        ("7.2e2", "field 'credit_score': a whole number is written in digits only, not as 7.2e2 (write 720)"),
        ("0x2D0", "field 'credit_score': a whole number is written in digits only, not as 0x2D0 (write 720)"),
        ("0o1320", "field 'credit_score': a whole number is written in digits only, not as 0o1320 (write 720)"),
        ("720.5", "field 'credit_score': 720.5 is not a whole number"),
        ("72e-1", "field 'credit_score': 72e-1 is not a whole number"),
        ("0x", "field 'credit_score': 0x is not a whole number"),
        ("0o8", "field 'credit_score': 0o8 is not a whole number"),
    ])
    func wholeNumbersInAnotherForm(_ text: String, _ message: String) throws {
        let yaml = try F.records("id: a\ncredit_score: \(text)\n", .yaml)
        #expect(yaml.first?.problems.map(\.message.en) == ["line 2, column 15: " + message])
        let csv = try F.csv("id,credit_score", "a,\(text)")
        #expect(csv.problems.map(\.message.en) == [message])
        if ExactDecimal(text) != nil {
            let json = try F.jsonl("{\"id\": \"a\", \"credit_score\": \(text)}")
            #expect(json.problems.map(\.message.en) == [message])
        }
        let list = try F.records("id: a\nplots: [1, \(text)]\n", .yaml)
        // At the item that is wrong, not at the list's bracket (column 8).
        #expect(list.first?.problems.map(\.message.en) == ["line 2, column 12: " + message.replacingOccurrences(of: "credit_score", with: "plots")])
    }
}
