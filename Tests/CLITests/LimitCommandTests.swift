import Foundation
import Testing
import _EligoTestSupport

/// Spec §9 through the command line: every limit, exactly at its bound (passes) and one
/// past it (fails with a message that names the place, the limit and the option that
/// raises it), on inputs generated at run time. Each limit is tested at its default and,
/// where a valid input at the default is impractical, at a bound set with its option.
@Suite("§9 limits through the command line")
final class LimitCommandTests {
    static let validTree = Eligo.fixtures.appendingPathComponent("valid/zuoquan-pv-loan")
    static let allocation = Eligo.fixtures.appendingPathComponent("batch/allocation")

    /// A copy of the valid policy tree (`p/fields.yaml`, `p/zuoquan/pv-loan.yaml`) in a fresh folder.
    struct Tree {
        let root: URL
        var product: URL { root.appendingPathComponent("p/zuoquan/pv-loan.yaml") }

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("eligo-limits-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: LimitCommandTests.validTree, to: root.appendingPathComponent("p"))
            try? FileManager.default.removeItem(at: root.appendingPathComponent("p/expected.txt"))
        }

        func remove() { try? FileManager.default.removeItem(at: root) }

        var original: String {
            get throws { try String(contentsOf: LimitCommandTests.validTree.appendingPathComponent("zuoquan/pv-loan.yaml"), encoding: .utf8) }
        }

        func write(_ text: String) throws { try Data(text.utf8).write(to: product) }

        /// The product with one more eligibility rule.
        func addRule(_ rule: String) throws {
            let text = try original.replacingOccurrences(
                of: "\nscore:\n", with: "  - id: extra\n    rule: \(rule)\n    reason: {zh: 附加条件, en: Extra condition}\n\nscore:\n")
            try write(text)
        }

        /// `eligo validate p --lang en` and the options.
        func validate(_ options: [String] = []) throws -> CommandRun {
            try Eligo.run(["validate", "p", "--lang", "en"] + options, in: root)
        }

        /// The same, with the run's processor time and memory measured.
        func measuredValidate() throws -> MeasuredRun {
            try MeasuredRun.run(["validate", "p", "--lang", "en"], in: root)
        }
    }

    static func expectClean(_ run: CommandRun, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.status == 0, "\(run.stdoutText)\(run.stderrText)", sourceLocation: sourceLocation)
        #expect(run.stdoutText.isEmpty, sourceLocation: sourceLocation)
    }

    /// Exit 1 with exactly one error, which starts with `header` and has the option's help under it.
    static func expectRefused(_ run: CommandRun, _ header: String, flag: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.status == 1, sourceLocation: sourceLocation)
        #expect(run.stdoutText.hasPrefix(header), "\(run.stdoutText)", sourceLocation: sourceLocation)
        #expect(run.stdoutText.contains("  help: if the input is legitimate, raise the limit with \(flag)\n"), sourceLocation: sourceLocation)
        #expect(run.stderrText == "1 error, 0 warnings\n", sourceLocation: sourceLocation)
    }

    // MARK: Policy files (eligo validate)

    @Test("YAML document size: a policy file of exactly 8 MiB validates, one byte more is refused (--max-yaml-bytes)")
    func yamlBytes() throws {
        let tree = try Tree()
        defer { tree.remove() }
        let base = try tree.original
        let limit = 8 << 20
        func padded(to size: Int) -> String {
            // A comment line fills the file to `size` bytes exactly.
            let filler = size - base.utf8.count - 3
            return base + "# " + String(repeating: "x", count: filler) + "\n"
        }
        try tree.write(padded(to: limit))
        Self.expectClean(try tree.validate())
        try tree.write(padded(to: limit + 1))
        let over = try tree.validate()
        Self.expectRefused(
            over, "p/zuoquan/pv-loan.yaml: error: the YAML document is \(limit + 1) bytes, more than the limit of \(limit) bytes\n",
            flag: "--max-yaml-bytes")
        // The option moves the bound both ways.
        Self.expectClean(try tree.validate(["--max-yaml-bytes", "\(limit + 1)"]))
        try tree.write(base)
        Self.expectClean(try tree.validate(["--max-yaml-bytes", "\(base.utf8.count)"]))
        Self.expectRefused(
            try tree.validate(["--max-yaml-bytes", "\(base.utf8.count - 1)"]),
            "p/zuoquan/pv-loan.yaml: error: the YAML document is \(base.utf8.count) bytes, more than the limit of \(base.utf8.count - 1) bytes\n",
            flag: "--max-yaml-bytes")
    }

    @Test("a policy file of any size is refused after reading no more than the limit")
    func hugePolicyFileIsNotRead() throws {
        let tree = try Tree()
        defer { tree.remove() }
        // 256 MiB of comment: refused quickly, never held in memory.
        let handle = try FileHandle(forWritingTo: tree.product)
        try handle.seekToEnd()
        let block = Data(("#" + String(repeating: "x", count: (1 << 20) - 2) + "\n").utf8)
        for _ in 0..<256 { try handle.write(contentsOf: block) }
        try handle.close()
        let run = try tree.measuredValidate()
        #expect(run.status == 1)
        #expect(run.stdoutText.contains("more than the limit of 8388608 bytes"))
        #expect(run.cpuSeconds < Eligo.boundedWork, "took \(run.costText)")
    }

    @Test("a policy file of millions of documents is refused at the second")
    func manyDocumentsInAPolicy() throws {
        let tree = try Tree()
        defer { tree.remove() }
        try tree.write(try tree.original + String(repeating: "---\n", count: 2_000_000))
        let run = try tree.measuredValidate()
        #expect(run.status == 1)
        #expect(run.stdoutText.hasPrefix("p/zuoquan/pv-loan.yaml:39:1: error: a policy file must hold exactly one YAML document\n"), "\(run.stdoutText)")
        #expect(run.cpuSeconds < Eligo.boundedWork, "took \(run.costText)")
    }

    @Test("YAML nesting depth: 64 levels are accepted, 65 are refused (--max-yaml-depth)")
    func yamlDepth() throws {
        let tree = try Tree()
        defer { tree.remove() }
        // The root mapping is level 1, `documents` level 2, and each `[` one more.
        func nested(_ levels: Int) -> String {
            let brackets = levels - 1
            return try! tree.original + "documents: " + String(repeating: "[", count: brackets) + "id_card" + String(repeating: "]", count: brackets) + "\n"
        }
        try tree.write(nested(64))
        let at = try tree.validate()
        #expect(!at.stdoutText.contains("nested more than"), "\(at.stdoutText)")
        // The document was composed: the policy layer sees the list of lists.
        #expect(at.stdoutText.contains("error:"))
        try tree.write(nested(65))
        let over = try tree.validate()
        Self.expectRefused(over, "p/zuoquan/pv-loan.yaml:38:75: error: sequences and mappings are nested more than 64 levels deep\n", flag: "--max-yaml-depth")
        // At a bound set by the option: the valid product is 6 levels deep (score, factors, a factor, bins, a bin).
        try tree.write(try tree.original)
        Self.expectClean(try tree.validate(["--max-yaml-depth", "6"]))
        Self.expectRefused(
            try tree.validate(["--max-yaml-depth", "5"]),
            "p/zuoquan/pv-loan.yaml:30:11: error: sequences and mappings are nested more than 5 levels deep\n", flag: "--max-yaml-depth")
    }

    @Test("alias expansion: aliases adding 10,000 nodes are accepted, 10,001 are refused (--max-alias-nodes)")
    func aliasNodes() throws {
        let tree = try Tree()
        defer { tree.remove() }
        func aliases(_ count: Int) throws -> String {
            try tree.original + "documents: [&doc id_card" + String(repeating: ", *doc", count: count) + "]\n"
        }
        try tree.write(try aliases(10_000))
        Self.expectClean(try tree.validate())
        try tree.write(try aliases(10_001))
        let over = try tree.validate()
        let column = "documents: [&doc id_card".count + 10_000 * ", *doc".count + 3
        Self.expectRefused(over, "p/zuoquan/pv-loan.yaml:38:\(column): error: aliases in this document expand to more than 10000 nodes\n", flag: "--max-alias-nodes")
        Self.expectClean(try tree.validate(["--max-alias-nodes", "10001"]))
    }

    @Test("expression length: 4,096 characters are accepted, 4,097 are refused (--max-expression-length)")
    func expressionLength() throws {
        let tree = try Tree()
        defer { tree.remove() }
        // Spaces inside a quoted scalar are part of the expression's text.
        func rule(_ length: Int) -> String {
            let core = "credit_score >= 300"
            return "\"credit_score >=" + String(repeating: " ", count: length - core.count + 1) + "300\""
        }
        try tree.addRule(rule(4096))
        Self.expectClean(try tree.validate())
        try tree.addRule(rule(4097))
        Self.expectRefused(
            try tree.validate(), "p/zuoquan/pv-loan.yaml:23:12: error: expression is 4097 characters long; the limit is 4096\n",
            flag: "--max-expression-length")
        Self.expectClean(try tree.validate(["--max-expression-length", "4097"]))
    }

    @Test("expression depth: 64 levels are accepted, 65 are refused (--max-expression-depth)")
    func expressionDepth() throws {
        let tree = try Tree()
        defer { tree.remove() }
        // Each pair of parentheses is one level; the comparison inside them is none.
        func rule(_ levels: Int) -> String {
            String(repeating: "(", count: levels) + "credit_score >= 300" + String(repeating: ")", count: levels)
        }
        try tree.addRule(rule(64))
        Self.expectClean(try tree.validate())
        try tree.addRule(rule(65))
        // The 65th parenthesis from the outside crosses the limit.
        Self.expectRefused(
            try tree.validate(), "p/zuoquan/pv-loan.yaml:23:75: error: expression is nested more than 64 levels deep\n",
            flag: "--max-expression-depth")
        Self.expectClean(try tree.validate(["--max-expression-depth", "65"]))
    }

    @Test("a flat chain of 256 operators is not nesting: validated, checked with its trace and scored on two workers; 257 are refused")
    func longFlatChain() throws {
        let tree = try Tree()
        defer { tree.remove() }
        // 256 `+` and the `>=` are 257 operators one above the other: the `>=` crosses the bound.
        try tree.addRule("credit_score" + String(repeating: "+0", count: 256) + " >= 300")
        Self.expectRefused(
            try tree.validate(), "p/zuoquan/pv-loan.yaml:23:536: error: expression chains more than 256 operators one after another\n",
            flag: "--max-expression-depth")
        try tree.addRule("credit_score" + String(repeating: "+0", count: 255) + " >= 300")
        Self.expectClean(try tree.validate())
        try Data("id: A1\ncredit_score: 700\n".utf8).write(to: tree.root.appendingPathComponent("a.yaml"))
        let check = try Eligo.run(["check", "a.yaml", "--policies", "p", "--as-of", "2025-06-01", "--explain", "--lang", "en"], in: tree.root)
        #expect(check.status == 0, "\(check.stderrText)")
        #expect(check.stdoutText.contains("extra: Credit score 700 + 0 + 0"))
        try Data("id,credit_score\nA1,700\nA2,200\n".utf8).write(to: tree.root.appendingPathComponent("a.csv"))
        let batch = try Eligo.run(
            ["batch", "a.csv", "--policies", "p", "--as-of", "2025-06-01", "--jobs", "2", "--explain", "--out", "-", "--lang", "en"], in: tree.root)
        #expect(batch.status == 0, "\(batch.stderrText)")
        #expect(batch.stdoutText.contains(",A2,zuoquan-pv-loan,"))
        #expect(batch.stdoutText.contains("extra"))
    }

    @Test("string value: a text of 65,536 bytes is accepted, 65,537 is refused (--max-string-bytes)")
    func stringBytes() throws {
        let tree = try Tree()
        defer { tree.remove() }
        func reason(_ bytes: Int) throws -> String {
            try tree.original.replacingOccurrences(
                of: "en: The PV system must be installed in Zuoquan County}",
                with: "en: \"" + String(repeating: "y", count: bytes) + "\"}")
        }
        try tree.write(try reason(65_536))
        Self.expectClean(try tree.validate())
        try tree.write(try reason(65_537))
        Self.expectRefused(
            try tree.validate(), "p/zuoquan/pv-loan.yaml:15:36: error: this value is 65537 bytes long, more than the limit of 65536 bytes\n",
            flag: "--max-string-bytes")
        Self.expectClean(try tree.validate(["--max-string-bytes", "65537"]))
    }

    @Test("the limits are options of every command that reads policies, documented in --help")
    func everyCommandHasTheLimits() throws {
        for command in ["check", "batch", "validate", "test", "products", "generate"] {
            let help = try Eligo.run([command, "--help"], in: Eligo.repository)
            #expect(help.status == 0)
            for flag in ["--max-yaml-bytes", "--max-yaml-depth", "--max-alias-nodes", "--max-string-bytes", "--max-expression-length",
                "--max-expression-depth"]
            {
                #expect(help.stdoutText.contains(flag), "\(command) --help lacks \(flag)")
            }
        }
        let batch = try Eligo.run(["batch", "--help"], in: Eligo.repository)
        #expect(batch.stdoutText.contains("--max-line-bytes"))
        for (flag, value) in [("--max-yaml-bytes", "0"), ("--max-line-bytes", "-1")] {
            let run = try Eligo.run(["batch", "x.csv", flag, value], in: Eligo.repository)
            #expect(run.status == 2)
            #expect(run.stderrText.contains(flag))
        }
    }

    // MARK: Records (eligo batch, eligo check)

    /// The folders ``input(_:_:)`` made for this test, removed with it (a suite that is a
    /// class gets a new instance for each test, and loses it after).
    private var inputFolders: [URL] = []

    deinit {
        for folder in inputFolders { try? FileManager.default.removeItem(at: folder) }
    }

    /// A scratch folder with one input file.
    func input(_ name: String, _ bytes: Data) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eligo-limits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        inputFolders.append(folder)
        let url = folder.appendingPathComponent(name)
        try bytes.write(to: url)
        return url
    }

    /// `eligo batch` on the allocation fixture's policies: the rows as cells, by record.
    static func batch(_ input: URL, _ options: [String] = []) throws -> (run: MeasuredRun, rows: [[String]]) {
        let run = try MeasuredRun.run(
            ["batch", input.path, "--policies", allocation.path, "--as-of", "2025-06-01", "--lang", "en"] + options, in: Eligo.repository)
        let rows = run.stdoutText.split(separator: "\n").dropFirst().map { line in
            line.split(separator: ",", maxSplits: 12, omittingEmptySubsequences: false).map(String.init)
        }
        return (run, rows)
    }

    @Test("CSV line: a record of exactly 1 MiB is read, one byte more makes the record invalid (--max-line-bytes)")
    func csvLine() throws {
        let limit = 1 << 20
        func record(_ id: String, bytes: Int) -> String {
            let rest = ",50,1000.00,2025-01-01"
            return id + String(repeating: "z", count: bytes - id.count - rest.count) + rest
        }
        let text = "id,merit,requested,applied_on\n" + record("A1", bytes: limit) + "\n" + record("A2", bytes: limit + 1) + "\r\nA3,50,1000.00,2025-01-01\n"
        let file = try input("lines.csv", Data(text.utf8))
        // The long ids need the string limit raised; the line limit is what is tested.
        let (run, rows) = try Self.batch(file, ["--max-string-bytes", "\(2 << 20)"])
        #expect(run.status == 0, "\(run.stderrText)")
        #expect(rows.count == 3)
        #expect(rows[0][1] == "1" && rows[0][2] == "2" && rows[0][6] != "invalid", "\(rows[0].dropFirst(4))")
        #expect(rows[1][1] == "2" && rows[1][2] == "3" && rows[1][6] == "invalid")
        #expect(rows[1][12] == "this record is longer than the limit of 1048576 bytes (--max-line-bytes raises it)")
        #expect(rows[2][3] == "A3" && rows[2][6] != "invalid")
        // The same through the option, in JSONL this time.
        let jsonl = "{\"id\":\"B1\",\"merit\":50}\n{\"id\":\"B22\",\"merit\":50}\n"
        let (small, smallRows) = try Self.batch(try input("lines.jsonl", Data(jsonl.utf8)), ["--max-line-bytes", "22"])
        #expect(small.status == 0)
        #expect(smallRows[0][6] != "invalid")
        #expect(smallRows[1][6] == "invalid" && smallRows[1][12] == "this record is longer than the limit of 22 bytes (--max-line-bytes raises it)")
    }

    @Test("a CSV header over the line limit is exit 2 naming the file, line and option")
    func csvHeaderLine() throws {
        let file = try input("header.csv", Data(("id," + String(repeating: "h", count: 1 << 20) + "\nA1\n").utf8))
        let (run, _) = try Self.batch(file)
        #expect(run.status == 2)
        #expect(run.stderrText == "eligo: \(file.path):1: the CSV header cannot be read: this record is longer than the limit of 1048576 bytes (--max-line-bytes raises it)\n")
    }

    @Test("record string value: 65,536 bytes are accepted, 65,537 make the record invalid (--max-string-bytes)")
    func recordString() throws {
        let at = String(repeating: "i", count: 65_536)
        let over = String(repeating: "j", count: 65_537)
        let csv = "id,merit\n\(at),50\n\(over),50\n"
        let (run, rows) = try Self.batch(try input("strings.csv", Data(csv.utf8)))
        #expect(run.status == 0)
        #expect(rows[0][6] != "invalid")
        #expect(rows[1][2] == "3" && rows[1][6] == "invalid")
        #expect(rows[1][12] == "field 'id': the string is longer than the limit of 65536 bytes (--max-string-bytes raises it)")
        let jsonl = "{\"id\":\"\(at)\",\"merit\":50}\n{\"id\":\"\(over)\",\"merit\":50}\n"
        let (json, jsonRows) = try Self.batch(try input("strings.jsonl", Data(jsonl.utf8)))
        #expect(json.status == 0)
        #expect(jsonRows[0][6] != "invalid" && jsonRows[1][6] == "invalid")
    }

    @Test("record string value over the limit: YAML keeps the record's id and names the field and the option, as CSV and JSONL do")
    func recordStringKeepsID() throws {
        // The allocation policies with one more string field, so that the long value is not the id.
        let policies = FileManager.default.temporaryDirectory.appendingPathComponent("eligo-limits-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: policies) }
        try FileManager.default.copyItem(at: Self.allocation, to: policies)
        let catalog = policies.appendingPathComponent("fields.yaml")
        try Data((try String(contentsOf: catalog, encoding: .utf8) + "  note: {type: string}\n  tags: {type: list, of: string}\n").utf8).write(to: catalog)
        let long = String(repeating: "n", count: 31)
        let inputs = [
            ("long.csv", "id,merit,note\nA1,50,\(long)\nA2,50,short\n"),
            ("long.jsonl", "{\"id\":\"A1\",\"merit\":50,\"note\":\"\(long)\"}\n{\"id\":\"A2\",\"merit\":50,\"note\":\"short\"}\n"),
            ("long.yaml", "id: A1\nmerit: 50\nnote: \(long)\n---\nid: A2\nmerit: 50\nnote: short\n"),
            ("list.yaml", "id: A1\nmerit: 50\ntags: [a, \(long)]\n---\nid: A2\nmerit: 50\ntags: [short]\n"),
        ]
        let expected = "field 'note': the string is longer than the limit of 30 bytes (--max-string-bytes raises it)"
        for (name, text) in inputs {
            let input = try self.input(name, Data(text.utf8))
            let run = try Eligo.run(
                ["batch", input.path, "--policies", policies.path, "--as-of", "2025-06-01", "--max-string-bytes", "30", "--lang", "en"],
                in: Eligo.repository)
            let rows = run.stdoutText.split(separator: "\n").dropFirst().map { $0.split(separator: ",", maxSplits: 12, omittingEmptySubsequences: false).map(String.init) }
            #expect(run.status == 0, "\(name): \(run.stderrText)")
            #expect(rows.map { $0[3] } == ["A1", "A2"], "\(name): the id is kept")
            #expect(rows.map { $0[6] == "invalid" } == [true, false], "\(name)")
            let message = name == "list.yaml" ? expected.replacingOccurrences(of: "'note'", with: "'tags'") : expected
            // A message with a comma (a YAML record's place) is a quoted cell.
            let cell = rows.first?[12].trimmingCharacters(in: ["\""])
            #expect(cell == message || cell?.hasPrefix("line 3, column ") == true && cell?.hasSuffix(": " + message) == true, "\(name): \(cell ?? "")")
            let check = try Eligo.run(
                ["check", input.path, "--policies", policies.path, "--as-of", "2025-06-01", "--max-string-bytes", "30", "--format", "json",
                 "--lang", "en"], in: Eligo.repository)
            #expect(check.status == 0, "\(name): \(check.stderrText)")
            guard name.hasSuffix(".yaml") else { continue }
            let decisions = try #require(try JSONSerialization.jsonObject(with: check.stdout) as? [[String: Any]])
            #expect(decisions.map { $0["applicant"] as? String } == ["A1", "A2"], "\(name)")
            let messages = decisions.first?["messages"] as? [[String: Any]]
            // As the batch row says it: with the value's place in the file.
            let said = messages?.first?["message"] as? String
            #expect(messages?.count == 1 && said?.hasPrefix("line 3, column ") == true && said?.hasSuffix(": " + message) == true, "\(name): \(said ?? "")")
            #expect(said == cell, "\(name)")
        }
        // A value that is no field's (a key) is still named with its option.
        let key = try input("key.yaml", Data("id: A1\n\(long): 1\n".utf8))
        let run = try Eligo.run(
            ["batch", key.path, "--policies", policies.path, "--as-of", "2025-06-01", "--max-string-bytes", "30", "--lang", "en"],
            in: Eligo.repository)
        #expect(run.stdoutText.contains(",A1,") && run.stdoutText.contains("more than the limit of 30 bytes (--max-string-bytes raises it)"))
    }

    @Test("YAML stream: a document of exactly the limit is a record, one byte more is invalid (--max-yaml-bytes)")
    func yamlStreamDocument() throws {
        func document(_ id: String, bytes: Int) -> String {
            let head = "---\nid: \(id)\nmerit: 50\nnote_padding: "
            // An unknown key would make the record invalid: pad with a comment instead.
            let body = "---\nid: \(id)\nmerit: 50\n# "
            _ = head
            return body + String(repeating: "p", count: bytes - body.utf8.count - 1) + "\n"
        }
        let stream = document("Y1", bytes: 4096) + document("Y2", bytes: 4097) + document("Y3", bytes: 100)
        let (run, rows) = try Self.batch(try input("stream.yaml", Data(stream.utf8)), ["--max-yaml-bytes", "4096"])
        #expect(run.status == 0, "\(run.stderrText)")
        #expect(rows.count == 3)
        #expect(rows[0][3] == "Y1" && rows[0][6] != "invalid")
        #expect(rows[1][2] == "5" && rows[1][6] == "invalid")
        #expect(rows[1][12] == "this YAML document is larger than the limit of 4096 bytes (--max-yaml-bytes raises it)")
        #expect(rows[2][3] == "Y3" && rows[2][6] != "invalid")
    }

    @Test("JSONL nesting: 64 levels are read, 65 make the record invalid (--max-yaml-depth)")
    func jsonDepth() throws {
        // The record's object is level 1; an unknown field's value adds the rest.
        func line(_ id: String, levels: Int) -> String {
            "{\"id\":\"\(id)\",\"merit\":50,\"x\":" + String(repeating: "[", count: levels - 1) + String(repeating: "]", count: levels - 1) + "}"
        }
        let text = [line("J1", levels: 64), line("J2", levels: 65), line("J3", levels: 1_000_000)].joined(separator: "\n") + "\n"
        let (run, rows) = try Self.batch(try input("deep.jsonl", Data(text.utf8)), ["--max-line-bytes", "\(4 << 20)"])
        #expect(run.status == 0)
        // J1 is invalid for its unknown field, not for its depth.
        #expect(rows[0][12] == "unknown field 'x'", "\(rows[0][12])")
        #expect(rows[1][12] == "malformed JSON at column 90: nested more than 64 levels deep (--max-yaml-depth raises the limit)")
        #expect(rows[2][12].hasPrefix("malformed JSON at column 90: nested more than 64 levels deep"))
        #expect(run.cpuSeconds < Eligo.boundedWork, "took \(run.costText)")
    }

    @Test("eligo check: an applicant file of exactly the limit is read, one byte more is exit 2 naming the option")
    func checkFileSize() throws {
        let base = "id: C1\nmerit: 50\n# "
        func file(_ bytes: Int) throws -> URL {
            try input("applicant.yaml", Data((base + String(repeating: "c", count: bytes - base.utf8.count - 1) + "\n").utf8))
        }
        let at = try Eligo.run(
            ["check", try file(4096).path, "--policies", Self.allocation.path, "--as-of", "2025-06-01", "--max-yaml-bytes", "4096"],
            in: Eligo.repository)
        #expect(at.status == 0, "\(at.stderrText)")
        #expect(at.stdoutText.hasPrefix("Applicant C1"))
        let over = try file(4097)
        let run = try Eligo.run(
            ["check", over.path, "--policies", Self.allocation.path, "--as-of", "2025-06-01", "--max-yaml-bytes", "4096"], in: Eligo.repository)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderrText == "eligo: cannot read \(over.path): it is 4097 bytes, over the limit of 4096 bytes for an applicant file "
            + "(--max-yaml-bytes raises it); eligo batch reads populations of any size\n")
        let zh = try Eligo.run(
            ["check", over.path, "--policies", Self.allocation.path, "--max-yaml-bytes", "4096", "--lang", "zh"], in: Eligo.repository)
        #expect(zh.stderrText.contains("超过了申请人文件 4096 字节的上限（可用 --max-yaml-bytes 提高）"))
    }

    // MARK: Resources

    @Test("a 256 MiB single-line CSV is refused or skipped in bounded memory and time")
    func hugeLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eligo-limits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let block = Data(repeating: UInt8(ascii: "x"), count: 1 << 20)
        func write(_ name: String, head: String, tail: String) throws -> URL {
            let url = folder.appendingPathComponent(name)
            FileManager.default.createFile(atPath: url.path, contents: Data(head.utf8))
            let handle = try FileHandle(forWritingTo: url)
            try handle.seekToEnd()
            for _ in 0..<256 { try handle.write(contentsOf: block) }
            try handle.write(contentsOf: Data(tail.utf8))
            try handle.close()
            return url
        }
        // A header of 256 MiB: the input cannot be read.
        let header = try write("header.csv", head: "", tail: "\nA1,50\n")
        let refused = try MeasuredRun.run(
            ["batch", header.path, "--policies", Self.allocation.path, "--as-of", "2025-06-01", "--lang", "en"], in: Eligo.repository)
        #expect(refused.status == 2)
        #expect(refused.stderrText.contains("this record is longer than the limit of 1048576 bytes"))
        // A record of 256 MiB between two good ones: one invalid decision, the rest scored.
        let record = try write("record.csv", head: "id,merit\nA1,50\n", tail: ",50\nA3,50\n")
        let skipped = try MeasuredRun.run(
            ["batch", record.path, "--policies", Self.allocation.path, "--as-of", "2025-06-01", "--lang", "en"], in: Eligo.repository)
        #expect(skipped.status == 0)
        #expect(skipped.stderrText.contains("3 records read (1 invalid)"))
        for run in [refused, skipped] {
            #expect(run.peakMemoryMiB < MeasuredRun.memoryBound, "peak \(run.peakMemoryMiB) MiB")
            #expect(run.cpuSeconds < 60 * Double(Eligo.slowdown), "took \(run.costText)")
        }
    }

    @Test("a YAML stream of a million documents is streamed in bounded memory")
    func manyDocuments() throws {
        var text = ""
        text.reserveCapacity(8 << 20)
        for index in 0..<1_000_000 { text += index % 10 == 0 ? "--- {id: M\(index), merit: 50}\n" : "---\n" }
        let file = try input("many.yaml", Data(text.utf8))
        let run = try MeasuredRun.run(
            ["batch", file.path, "--policies", Self.allocation.path, "--as-of", "2025-06-01", "--out", "/dev/null", "--jobs", "2", "--lang", "en"],
            in: Eligo.repository)
        #expect(run.status == 0)
        #expect(run.stderrText.contains("100000 records read (0 invalid)"))
        #expect(run.peakMemoryMiB < MeasuredRun.memoryBound, "peak \(run.peakMemoryMiB) MiB")
    }
}
