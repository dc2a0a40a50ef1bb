import Foundation
import Testing
import _EligoTestSupport

/// `eligo check` on the sample applicants against the programme library, in every
/// format and both languages, compared with golden files in `Tests/Fixtures/check/`.
@Suite("eligo check")
struct CheckCommandTests {
    static let applicants = [
        "liu-fang-shop-owner.export.json",
        "wang-jianguo-pv-household", "hongyuan-greenhouse-cooperative", "qingquan-trout-farm", "zhongjin-coke-hydrogen",
        "ruijie-latex-gloves", "li-mingyuan-returnee-founder", "zhao-lei-technician", "liu-fang-shop-owner",
        "sun-haitao-fcev-driver", "jinshi-quartz-bridge", "gao-min-teacher", "chen-xiaoyu-graduate", "invalid-export-typo",
    ]

    struct Variant: Sendable, CustomTestStringConvertible {
        var file: String
        var arguments: [String]
        var testDescription: String { file }
    }

    static let variants = [
        Variant(file: "table.en.txt", arguments: ["--lang", "en"]),
        Variant(file: "table.zh.txt", arguments: ["--lang", "zh"]),
        Variant(file: "explain.en.txt", arguments: ["--lang", "en", "--explain"]),
        Variant(file: "explain.zh.txt", arguments: ["--lang", "zh", "--explain"]),
        Variant(file: "markdown.en.md", arguments: ["--lang", "en", "--format", "markdown", "--explain"]),
        Variant(file: "markdown.zh.md", arguments: ["--lang", "zh", "--format", "markdown"]),
        Variant(file: "decisions.json", arguments: ["--lang", "en", "--format", "json"]),
    ]

    static func run(_ applicant: String, _ variant: Variant) throws -> CommandRun {
        let file = applicant.hasSuffix(".json") ? applicant : applicant + ".yaml"
        return try Eligo.run(["check", "Applicants/\(file)", "--as-of", "2026-11-22"] + variant.arguments, in: Eligo.repository)
    }

    @Test("output matches the golden files", arguments: applicants)
    func golden(_ applicant: String) throws {
        for variant in Self.variants {
            let run = try Self.run(applicant, variant)
            #expect(run.status == 0, "\(applicant) \(variant.file): \(run.stderrText)")
            #expect(run.stderr.isEmpty)
            let url = Eligo.fixtures.appendingPathComponent("check/\(applicant)/\(variant.file)")
            if let problem = GoldenFile.check(run.stdoutText, against: url, displayPath: Eligo.relative(url)) {
                Issue.record(Comment(rawValue: problem))
            }
        }
    }

    @Test("JSON decisions are valid JSON with one record per product in effect")
    func json() throws {
        let run = try Self.run("wang-jianguo-pv-household", Self.variants[6])
        let decisions = try #require(try JSONSerialization.jsonObject(with: run.stdout) as? [[String: Any]])
        #expect(decisions.map { ($0["product"] as? [String: Any])?["id"] as? String } == [
            "zuoquan-agri-benefit-loan", "zuoquan-green-credit-package", "zuoquan-pv-loan",
        ])
        #expect(decisions.allSatisfy { $0["schema"] as? String == "eligo.decision/1" && $0["trace"] != nil })
    }

    @Test("two runs give byte-identical output")
    func deterministic() throws {
        let arguments = ["check"] + Self.applicants.map { "Applicants/" + ($0.hasSuffix(".json") ? $0 : $0 + ".yaml") }
            + ["--as-of", "2026-11-22", "--format", "json"]
        let first = try Eligo.run(arguments, in: Eligo.repository)
        let second = try Eligo.run(arguments, in: Eligo.repository)
        #expect(first.status == 0)
        #expect(first.stdout == second.stdout)
    }

    @Test("--product shows one product, also when it does not apply")
    func oneProduct() throws {
        let applies = try Eligo.run(
            ["check", "Applicants/wang-jianguo-pv-household.yaml", "--as-of", "2026-11-22", "--lang", "en", "--product", "zuoquan-pv-loan"],
            in: Eligo.repository)
        #expect(applies.stdoutText.contains("Photovoltaic loan  approve"))
        #expect(!applies.stdoutText.contains("Green credit package"))
        let outOfScope = try Eligo.run(
            ["check", "Applicants/wang-jianguo-pv-household.yaml", "--as-of", "2026-11-22", "--lang", "en", "--product", "shanxi-huishangbao"],
            in: Eligo.repository)
        #expect(outOfScope.status == 0)
        #expect(outOfScope.stdoutText.contains("shanxi-huishangbao: does not apply to this applicant"))
        let inactive = try Eligo.run(
            ["check", "Applicants/wang-jianguo-pv-household.yaml", "--as-of", "2020-01-01", "--lang", "en", "--product", "zuoquan-pv-loan"],
            in: Eligo.repository)
        #expect(inactive.stdoutText.contains("zuoquan-pv-loan: not in effect on 2020-01-01"))
        // Repeated, every product named is shown, not only the last one.
        let two = try Eligo.run(
            ["check", "Applicants/wang-jianguo-pv-household.yaml", "--as-of", "2026-11-22", "--lang", "en", "--product", "zuoquan-pv-loan",
             "--product", "shanxi-huishangbao"], in: Eligo.repository)
        #expect(two.status == 0)
        #expect(two.stdoutText.contains("Photovoltaic loan  approve"))
        #expect(two.stdoutText.contains("shanxi-huishangbao: does not apply to this applicant"))
        #expect(!two.stdoutText.contains("Green credit package"))
        let unknown = try Eligo.run(
            ["check", "Applicants/wang-jianguo-pv-household.yaml", "--lang", "en", "--product", "zuoquan-pv-loan", "--product", "no-such"],
            in: Eligo.repository)
        #expect(unknown.status == 2)
        #expect(unknown.stderrText == "eligo: no product 'no-such'\n")
    }

    struct SkippedCase: Sendable, CustomTestStringConvertible {
        var asOf: String
        var product: String
        var language: String
        /// stderr; empty when the product is evaluated.
        var stderr: String
        var testDescription: String { "\(product) \(asOf) \(language)" }
    }

    static let skippedCases = [
        SkippedCase(asOf: "2026-11-22", product: "zuoquan-pv-loan", language: "en", stderr: ""),
        SkippedCase(
            asOf: "2020-01-01", product: "zuoquan-pv-loan", language: "en",
            stderr: "eligo: no decision for applicant ZQ-2026-0101 (Applicants/wang-jianguo-pv-household.yaml) on zuoquan-pv-loan: it is not in effect on 2020-01-01\n"),
        SkippedCase(
            asOf: "2026-11-22", product: "shanxi-huishangbao", language: "en",
            stderr: "eligo: no decision for applicant ZQ-2026-0101 (Applicants/wang-jianguo-pv-household.yaml) on shanxi-huishangbao: it does not apply to this applicant (applies_to is false)\n"),
        SkippedCase(
            asOf: "2020-01-01", product: "zuoquan-pv-loan", language: "zh",
            stderr: "eligo: 申请人 ZQ-2026-0101（Applicants/wang-jianguo-pv-household.yaml）在 zuoquan-pv-loan 上没有决定：评估日期 2020-01-01 不在有效期内\n"),
        SkippedCase(
            asOf: "2026-11-22", product: "shanxi-huishangbao", language: "zh",
            stderr: "eligo: 申请人 ZQ-2026-0101（Applicants/wang-jianguo-pv-household.yaml）在 shanxi-huishangbao 上没有决定：该产品不适用于该申请人（applies_to 为假）\n"),
    ]

    @Test("--product with --format json: a product not evaluated has no decision record, and stderr says why", arguments: skippedCases)
    func oneProductJSON(_ check: SkippedCase) throws {
        let run = try Eligo.run(
            ["check", "Applicants/wang-jianguo-pv-household.yaml", "--as-of", check.asOf, "--lang", check.language, "--product", check.product,
             "--format", "json"], in: Eligo.repository)
        #expect(run.status == 0)
        #expect(run.stderrText == check.stderr)
        let decisions = try #require(try JSONSerialization.jsonObject(with: run.stdout) as? [[String: Any]])
        #expect(decisions.count == (check.stderr.isEmpty ? 1 : 0))
    }

    @Test("exit codes: unreadable file 2, unknown product 2, bad --as-of 2, invalid policies 1, invalid applicant 0")
    func exitCodes() throws {
        #expect(try Eligo.run(["check", "Applicants/nobody.yaml", "--as-of", "2026-11-22"], in: Eligo.repository).status == 2)
        #expect(try Eligo.run(["check", "Applicants/liu-fang-shop-owner.yaml", "--product", "nope"], in: Eligo.repository).status == 2)
        #expect(try Eligo.run(["check", "Applicants/liu-fang-shop-owner.yaml", "--as-of", "2026-02-30"], in: Eligo.repository).status == 2)
        let broken = try Eligo.run(
            ["check", "Applicants/liu-fang-shop-owner.yaml", "--policies", "Tests/Fixtures/broken/01-missing-id"], in: Eligo.repository)
        #expect(broken.status == 1)
        #expect(broken.stderrText.contains("missing required key 'id'"))
        #expect(try Eligo.run(["check", "Applicants/invalid-bad-values.yaml", "--as-of", "2026-11-22"], in: Eligo.repository).status == 0)
    }

    @Test("a document with a syntax error is one invalid record and the documents after it are read, numbered and lined as batch does")
    func brokenDocument() throws {
        let directory = try Eligo.scratch("eligo-check")
        defer { try? FileManager.default.removeItem(at: directory) }
        let applicants = directory.appendingPathComponent("applicants.yaml")
        let text = "# first\n---\nid: a-1\n---\n~\n---\nid: [unclosed\n---\n\nid: \"open\n...\nid: a-4\n---\nid: a-5\n"
        try Data(text.utf8).write(to: applicants)
        let options = ["--as-of", "2026-11-22", "--lang", "en"]
        let check = try Eligo.run(
            ["check", applicants.path, "--format", "json", "--product", "zuoquan-talent-fund"] + options, in: Eligo.repository)
        #expect(check.status == 0)
        let decisions = try #require(try JSONSerialization.jsonObject(with: check.stdout) as? [[String: Any]])
        let checked = decisions.map { "\($0["record"] as? Int ?? 0)@\($0["line"] as? Int ?? 0):\($0["applicant"] as? String ?? "-")" }
        #expect(checked == ["1@2:a-1", "2@4:-", "3@6:-", "4@8:-", "5@12:a-4", "6@13:a-5"])
        #expect(decisions.map { $0["outcome"] as? String } == ["incomplete", "invalid", "invalid", "invalid", "incomplete", "incomplete"])

        let out = directory.appendingPathComponent("out.jsonl")
        let batch = try Eligo.run(["batch", applicants.path, "--format", "jsonl", "--out", out.path] + options, in: Eligo.repository)
        #expect(batch.status == 0)
        let batched = try String(contentsOf: out, encoding: .utf8).split(separator: "\n").compactMap {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }.filter { ($0["product"] as? [String: Any])?["id"] as? String == "zuoquan-talent-fund" }
        #expect(batched.map { "\($0["record"] as? Int ?? 0)@\($0["line"] as? Int ?? 0):\($0["applicant"] as? String ?? "-")" } == checked)
    }

    @Test("--fail-on: exit 1 after the whole report when a decision has an outcome given, 0 when none has")
    func failOn() throws {
        let common = ["check", "Applicants/wang-jianguo-pv-household.yaml", "--as-of", "2026-11-22", "--lang", "en", "--format", "json"]
        let plain = try Eligo.run(common, in: Eligo.repository)
        #expect(plain.status == 0)
        let decisions = try #require(try JSONSerialization.jsonObject(with: plain.stdout) as? [[String: Any]])
        let outcomes = Set(decisions.compactMap { $0["outcome"] as? String })
        #expect(outcomes.contains("decline"))
        #expect(!outcomes.contains("invalid"))

        let failing = try Eligo.run(common + ["--fail-on", "invalid,decline"], in: Eligo.repository)
        #expect(failing.status == 1)
        #expect(failing.stdout == plain.stdout)
        #expect(failing.stderrText.contains("decline"))
        #expect(!failing.stderrText.contains("invalid"))

        let passing = try Eligo.run(common + ["--fail-on", "invalid"], in: Eligo.repository)
        #expect(passing.status == 0)
        #expect(passing.stdout == plain.stdout)
    }

    @Test("empty documents are no applicants and take no number, as in batch; an explicit null is an invalid record")
    func emptyDocuments() throws {
        let directory = try Eligo.scratch("eligo-check")
        defer { try? FileManager.default.removeItem(at: directory) }
        let applicants = directory.appendingPathComponent("applicants.yaml")
        try Data("---\n# only a comment\n---\nid: a-1\napplicant_type: household\npv_capacity_kw: 20\n---\n---\n~\n".utf8).write(to: applicants)
        let run = try Eligo.run(
            ["check", applicants.path, "--as-of", "2026-11-22", "--lang", "en", "--format", "json", "--product", "zuoquan-pv-loan"],
            in: Eligo.repository)
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty)
        let decisions = try #require(try JSONSerialization.jsonObject(with: run.stdout) as? [[String: Any]])
        let records = decisions.map { ($0["record"] as? Int, $0["outcome"] as? String) }
        #expect(records.map(\.0) == [1, 2])
        #expect(records.map(\.1) == ["incomplete", "invalid"])

        let empty = directory.appendingPathComponent("empty.yaml")
        try Data("---\n---\n# nothing\n".utf8).write(to: empty)
        for (language, warning) in [("en", "holds no applicant"), ("zh", "中没有申请人")] {
            let none = try Eligo.run(["check", empty.path, "--as-of", "2026-11-22", "--lang", language], in: Eligo.repository)
            #expect(none.status == 0)
            #expect(none.stdout.isEmpty)
            #expect(none.stderrText.contains(warning))
        }
    }

    @Test("money inside a list award is printed as money: 2 places, rounded half away from zero, in check and batch")
    func moneyInAList() throws {
        let directory = try Eligo.scratch("eligo-check")
        defer { try? FileManager.default.removeItem(at: directory) }
        let policies = directory.appendingPathComponent("p")
        try FileManager.default.createDirectory(at: policies.appendingPathComponent("g"), withIntermediateDirectories: true)
        try Data("fields:\n  id: {type: string, required: true}\n  lm: {type: list, of: money}\n".utf8)
            .write(to: policies.appendingPathComponent("fields.yaml"))
        try Data("id: g\nversion: \"1\"\nname: G\nkind: grant\neffective: {from: 2025-01-01}\naward:\n  amount: 1.005\n  tranches: lm\n".utf8)
            .write(to: policies.appendingPathComponent("g/g.yaml"))
        let applicant = directory.appendingPathComponent("a.yaml")
        try Data("id: A1\nlm: [1.005, 2, -0.005]\n".utf8).write(to: applicant)
        let common = [applicant.path, "--policies", policies.path, "--as-of", "2025-06-01", "--lang", "en"]

        let json = try Eligo.run(["check"] + common + ["--format", "json"], in: Eligo.repository)
        #expect(json.status == 0, "\(json.stderrText)")
        let decisions = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [[String: Any]])
        let awards = try #require(decisions.first?["awards"] as? [String: Any])
        #expect(awards["amount"] as? String == "1.01")
        #expect(awards["tranches"] as? [String] == ["1.01", "2.00", "-0.01"])

        let explained = try Eligo.run(["check"] + common + ["--explain"], in: Eligo.repository)
        #expect(explained.stdoutText.contains("Tranches: 1.01 yuan, 2.00 yuan, -0.01 yuan"), "\(explained.stdoutText)")

        for format in ["csv", "jsonl"] {
            let batch = try Eligo.run(["batch"] + common + ["--format", format, "--explain"], in: Eligo.repository)
            #expect(batch.status == 0, "\(batch.stderrText)")
            let quote = format == "csv" ? "\"\"" : "\""
            #expect(batch.stdoutText.contains("\(quote)tranches\(quote):[\(quote)1.01\(quote),\(quote)2.00\(quote),\(quote)-0.01\(quote)]"), "\(batch.stdoutText)")
        }
    }
}

/// `eligo test`: the library's own examples, and a failing example's report.
@Suite("eligo test")
struct TestCommandTests {
    @Test("the programme library passes its tests with full coverage")
    func library() throws {
        let run = try Eligo.run(["test", "Policies", "--coverage", "--lang", "en"], in: Eligo.repository)
        #expect(run.status == 0, "\(run.stdoutText)")
        #expect(run.stdoutText.contains("coverage: 198 of 198 rules and bins"))
        #expect(run.stdoutText.hasSuffix("100 passed, 0 failed\n"))
    }

    @Test("a folder inside a policy tree is checked against the catalog above it, as a product file there is")
    func subfolder() throws {
        let validate = try Eligo.run(["validate", "Policies/zuoquan", "--lang", "en"], in: Eligo.repository)
        #expect(validate.status == 0, "\(validate.stderrText)")
        #expect(validate.stderrText.hasSuffix("0 errors, 0 warnings\n"))
        let folder = try Eligo.run(["test", "Policies/zuoquan/", "--lang", "en"], in: Eligo.repository)
        #expect(folder.status == 0, "\(folder.stdoutText)")
        // The same tests as the folder's product files named one by one.
        let files = try FileManager.default.contentsOfDirectory(atPath: Eligo.repository.appendingPathComponent("Policies/zuoquan").path)
            .filter { $0.hasSuffix(".yaml") }.sorted().map { "Policies/zuoquan/" + $0 }
        #expect(files.count > 3)
        let named = try Eligo.run(["test"] + files + ["--lang", "en"], in: Eligo.repository)
        #expect(named.status == 0)
        #expect(folder.stdoutText == named.stdoutText)
        #expect(!folder.stdoutText.hasPrefix("0 passed"))
    }

    /// One record, one decision record: `check` and `batch` write the same messages for an
    /// invalid YAML applicant, its place in the file included.
    @Test("an invalid record's messages are the same in check and in batch")
    func invalidMessagesAgree() throws {
        let options = ["--as-of", "2026-11-22", "--lang", "zh"]
        let check = try Eligo.run(["check", "Applicants/invalid-bad-values.yaml", "--format", "json"] + options, in: Eligo.repository)
        let batch = try Eligo.run(["batch", "Applicants/invalid-bad-values.yaml", "--format", "jsonl", "--jobs", "1"] + options, in: Eligo.repository)
        func messages(_ json: Any) -> [[String]] {
            let records = (json as? [[String: Any]]) ?? []
            return records.map { (($0["messages"] as? [[String: Any]]) ?? []).map { ($0["message"] as? String) ?? "" } }
        }
        let fromCheck = messages(try JSONSerialization.jsonObject(with: check.stdout))
        let lines = batch.stdoutText.split(separator: "\n").map { Data($0.utf8) }
        let fromBatch = messages(try lines.map { try JSONSerialization.jsonObject(with: $0) })
        #expect(!fromCheck.isEmpty)
        #expect(fromCheck == fromBatch)
        #expect(fromCheck.first?.first?.hasPrefix("第 ") == true, "\(fromCheck)")
    }

    @Test("a failing example shows expected against actual and the trace, and exits 1")
    func failing() throws {
        let run = try Eligo.run(["test", "Tests/Fixtures/policy-tests/failing", "--coverage", "--lang", "en"], in: Eligo.repository)
        #expect(run.status == 1)
        let url = Eligo.fixtures.appendingPathComponent("policy-tests/failing.expected.txt")
        if let problem = GoldenFile.check(Transcript.of(run), against: url, displayPath: Eligo.relative(url)) {
            Issue.record(Comment(rawValue: problem))
        }
        // The tree's only product file, named alone, gives the same report.
        let file = try Eligo.run(["test", "Tests/Fixtures/policy-tests/failing/demo/loan.yaml", "--coverage", "--lang", "en"], in: Eligo.repository)
        #expect(Transcript.of(file) == Transcript.of(run))
        // In Chinese: the runner's words and the trace's labels, the expressions and values as written.
        let zh = try Eligo.run(["test", "Tests/Fixtures/policy-tests/failing", "--coverage", "--lang", "zh"], in: Eligo.repository)
        #expect(zh.status == 1)
        let zhURL = Eligo.fixtures.appendingPathComponent("policy-tests/failing.expected.zh.txt")
        if let problem = GoldenFile.check(Transcript.of(zh), against: zhURL, displayPath: Eligo.relative(zhURL)) {
            Issue.record(Comment(rawValue: problem))
        }
        for english in ["PASS", "FAIL", "expected", "trace", "passed", "coverage", "rule adult", "points"] {
            #expect(!zh.stdoutText.contains(english), "\(english)")
        }
    }

    /// §8: `expect` may name any award. A list award is expected as a list, item by item; `null`
    /// expects no value, as a decline reports none.
    @Test("expectations of list awards and of no award: passing and failing examples")
    func awardExpectations() throws {
        let run = try Eligo.run(["test", "Tests/Fixtures/policy-tests/awards", "--lang", "en"], in: Eligo.repository)
        #expect(run.status == 1)
        let url = Eligo.fixtures.appendingPathComponent("policy-tests/awards.expected.txt")
        if let problem = GoldenFile.check(Transcript.of(run), against: url, displayPath: Eligo.relative(url)) {
            Issue.record(Comment(rawValue: problem))
        }
    }

    @Test("a product file runs that file's tests only, against the nearest catalog above it, as validate reads it")
    func productFiles() throws {
        let library = try Eligo.run(["test", "Policies", "--lang", "en"], in: Eligo.repository)
        let files = ["Policies/zuoquan/pv-loan.yaml", "Policies/shanxi/huishangbao.yaml"]
        let run = try Eligo.run(["test"] + files + ["--lang", "en"], in: Eligo.repository)
        #expect(run.status == 0, "\(run.stdoutText)\(run.stderrText)")
        #expect(run.stderr.isEmpty)
        let lines = run.stdoutText.split(separator: "\n").map(String.init)
        let expected = ["zuoquan-pv-loan", "shanxi-huishangbao"].flatMap { id in
            library.stdoutText.split(separator: "\n").map(String.init).filter { $0.hasPrefix("PASS \(id): ") }
        }
        #expect(!expected.isEmpty)
        #expect(lines.dropLast() == expected[...])
        #expect(lines.last == "\(expected.count) passed, 0 failed")

        // A product file with errors is reported like validate reports it, and nothing runs.
        let broken = try Eligo.run(["test", "Tests/Fixtures/broken/01-missing-id/zuoquan/pv-loan.yaml", "--lang", "en"], in: Eligo.repository)
        #expect(broken.status == 1)
        #expect(broken.stdout.isEmpty)
        #expect(broken.stderrText.contains("Tests/Fixtures/broken/01-missing-id/zuoquan/pv-loan.yaml:"))
        #expect(broken.stderrText.contains("missing required key 'id'"))

        for (language, message) in [("en", "eligo: no such file or directory: Policies/nope.yaml\n"), ("zh", "eligo: 找不到路径 Policies/nope.yaml\n")] {
            let missing = try Eligo.run(["test", "Policies/nope.yaml", "--lang", language], in: Eligo.repository)
            #expect(missing.status == 2)
            #expect(missing.stderrText == message)
        }
    }

    /// What a decision says, without the trace (which `check --format json` always carries and
    /// a batch only with `--explain`) and the input path (a batch's alone).
    static func essentials(_ decision: [String: Any]) throws -> String {
        var kept = decision
        kept["trace"] = nil
        kept["input"] = nil
        return String(decoding: try JSONSerialization.data(withJSONObject: kept, options: [.sortedKeys]), as: UTF8.self)
    }

    @Test("CSV and JSONL applicant files are read as eligo batch reads them, bad records included", arguments: ["csv", "jsonl"])
    func delimitedFiles(format: String) throws {
        let directory = try Eligo.scratch("check-\(format)")
        defer { try? FileManager.default.removeItem(at: directory) }
        // A .txt name: the first line tells the format, as for batch.
        let files = ["applicants.\(format)", "applicants.txt"].map { directory.appendingPathComponent($0).path }
        let generated = try Eligo.run(
            ["generate", "--count", "40", "--seed", "7", "--bad", "0.1", "--format", format, "--out", files[0]], in: Eligo.repository)
        #expect(generated.status == 0, "\(generated.stderrText)")
        try FileManager.default.copyItem(atPath: files[0], toPath: files[1])
        let batch = try Eligo.run(["batch", files[0], "--format", "jsonl", "--as-of", "2026-11-22", "--jobs", "1"], in: Eligo.repository)
        #expect(batch.status == 0, "\(batch.stderrText)")
        let expected = try batch.stdoutText.split(separator: "\n").map { line in
            try Self.essentials(try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]))
        }
        #expect(expected.count > 40)
        #expect(expected.contains { $0.contains("\"outcome\":\"invalid\"") })
        for file in files {
            let check = try Eligo.run(["check", file, "--format", "json", "--as-of", "2026-11-22"], in: Eligo.repository)
            #expect(check.status == 0, "\(check.stderrText)")
            let decisions = try #require(try JSONSerialization.jsonObject(with: check.stdout) as? [[String: Any]])
            #expect(try decisions.map(Self.essentials) == expected, "\(file)")
        }
        // A CSV of a header alone holds no applicant: a warning, as for an empty YAML file.
        let header = directory.appendingPathComponent("header.csv")
        try Data("id,applicant_type\n".utf8).write(to: header)
        let empty = try Eligo.run(["check", header.path, "--as-of", "2026-11-22", "--lang", "en"], in: Eligo.repository)
        #expect(empty.status == 0 && empty.stdout.isEmpty)
        #expect(empty.stderrText.contains("holds no applicant (it is empty, or holds only empty documents or a CSV header)"))
    }

    @Test("an empty id is an invalid record in every format", arguments: [
        ("a.jsonl", #"{"id": "", "applicant_type": "household"}"# + "\n"),
        ("a.yaml", "id: \"\"\napplicant_type: household\n"),
    ])
    func emptyID(file: String, text: String) throws {
        let directory = try Eligo.scratch("check-empty-id")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent(file).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let check = try Eligo.run(["check", path, "--as-of", "2026-11-22", "--lang", "en"], in: Eligo.repository)
        #expect(check.status == 0)
        let rows = check.stdoutText.split(separator: "\n").filter { $0.contains("invalid") }
        #expect(!rows.isEmpty && rows.allSatisfy { $0.contains("field 'id' is empty: every record needs an applicant id") }, "\(check.stdoutText)")
        let batch = try Eligo.run(["batch", path, "--as-of", "2026-11-22", "--lang", "zh", "--jobs", "1"], in: Eligo.repository)
        let decisions = batch.stdoutText.split(separator: "\n").dropFirst()
        #expect(!decisions.isEmpty && decisions.allSatisfy { $0.contains(",invalid,") && $0.contains("字段“id”为空") }, "\(batch.stdoutText)")
    }

    @Test("bytes that are not UTF-8 in one document of several make that record invalid, not the first, in check as in batch")
    func badUTF8InALaterDocument() throws {
        let directory = try Eligo.scratch("check-utf8")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("applicants.yaml")
        var bytes = Array("id: A1\nmerit: 50\n---\nid: A2\nmerit: 60\n---\nid: A3\nmerit: 7".utf8)
        bytes += [0xFF] + Array("0\n---\nid: A4\nmerit: 80\n".utf8)
        try Data(bytes).write(to: file)
        let common = ["--policies", "\(BatchCommandTests.allocation)", "--as-of", "2025-06-01", "--lang", "en"]
        let check = try Eligo.run(["check", file.path, "--format", "json"] + common, in: Eligo.repository)
        #expect(check.status == 0, "\(check.stderrText)")
        let records = try #require(try JSONSerialization.jsonObject(with: check.stdout) as? [[String: Any]])
        let invalid = records.filter { $0["outcome"] as? String == "invalid" }
        #expect(Set(invalid.compactMap { $0["record"] as? Int }) == [3], "\(check.stdoutText)")
        // The broken document keeps the id of its `id:` line.
        #expect(records.compactMap { $0["applicant"] as? String } == ["A1", "A2", "A3", "A4"])
        let batch = try Eligo.run(["batch", file.path, "--jobs", "1"] + common, in: Eligo.repository)
        let rows = batch.stdoutText.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows.contains { $0[1] == "3" })
        #expect(rows.allSatisfy { ($0[6] == "invalid") == ($0[1] == "3") }, "\(batch.stdoutText)")
        #expect(batch.stderrText.contains("4 records read (1 invalid)"), "\(batch.stderrText)")
        try Data("id: A1\nmerit: 50\n".utf8).write(to: file)
        let one = try Eligo.run(["batch", file.path, "--jobs", "1"] + common, in: Eligo.repository)
        #expect(one.stderrText.contains("1 record read (0 invalid)"), "\(one.stderrText)")
    }

    @Test("a YAML document that cannot be read keeps the id of its plain id line, in check as in batch")
    func brokenDocumentKeepsItsID() throws {
        let directory = try Eligo.scratch("check-broken-id")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("applicants.yaml")
        // Each broken document: an unclosed flow sequence, then a bad indentation after a quoted
        // id with a comment; a flow mapping, an id with an escape, and `id: A6: 1` give no id rather than a guess.
        try Data("""
            id: A1
            merit: [1, 2
            ---
            # comment
            id: 'A2'  # the second
            merit: 5
              bad: indent
            ---
            {id: A3, merit: [1}
            ---
            id: "A\\4"
            merit: [
            ---
            id: A6: 1
            ---
            id: A5
            merit: 80

            """.utf8).write(to: file)
        let common = ["--policies", "\(BatchCommandTests.allocation)", "--as-of", "2025-06-01", "--lang", "en"]
        let check = try Eligo.run(["check", file.path, "--format", "json"] + common, in: Eligo.repository)
        let records = try #require(try JSONSerialization.jsonObject(with: check.stdout) as? [[String: Any]])
        let ids = records.map { ($0["record"] as? Int ?? 0, $0["applicant"] as? String ?? "-", $0["outcome"] as? String ?? "") }
        #expect(ids.map(\.0) == [1, 2, 3, 4, 5, 6])
        #expect(ids.map(\.1) == ["A1", "A2", "-", "-", "-", "A5"], "\(check.stdoutText)")
        #expect(ids.map(\.2).prefix(5).allSatisfy { $0 == "invalid" })
        let batch = try Eligo.run(["batch", file.path, "--jobs", "1"] + common, in: Eligo.repository)
        let rows = batch.stdoutText.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.map { $0[3].isEmpty ? "-" : $0[3] } == ids.map(\.1), "\(batch.stdoutText)")
    }

    @Test("a list award with an unknown item leaves the outcome incomplete and names the field, in check and batch")
    func listAwardWithAnUnknownItem() throws {
        let directory = try Eligo.scratch("list-award")
        defer { try? FileManager.default.removeItem(at: directory) }
        let root = try Eligo.policies(in: directory, fields: ["id: {type: string, required: true}", "m: {type: money}", "n: {type: int}"], product: """
            id: steps
            version: "1"
            name: {zh: 分期, en: Steps}
            kind: grant
            effective: {from: 2025-01-01}
            eligibility:
              - {id: small, rule: "coalesce(n, 0) < 10"}
            award:
              amount: 1000
              steps: "[1000, m]"

            """)
        // A: m missing, incomplete. B: m known, approved. C: declined on its rule, which outranks incomplete.
        let csv = directory.appendingPathComponent("a.csv")
        try Data("id,m,n\nA,,1\nB,250,1\nC,,20\n".utf8).write(to: csv)
        let policies = root.path
        let check = try Eligo.run(["check", csv.path, "--policies", policies, "--as-of", "2025-06-01", "--format", "json"], in: Eligo.repository)
        let decisions = try #require(try JSONSerialization.jsonObject(with: check.stdout) as? [[String: Any]])
        #expect(decisions.map { $0["outcome"] as? String } == ["incomplete", "approve", "decline"])
        #expect(decisions.map { $0["missing"] as? [String] } == [["m"], [], []])
        for jobs in ["1", "2"] {
            let batch = try Eligo.run(
                ["batch", csv.path, "--policies", policies, "--as-of", "2025-06-01", "--jobs", jobs, "--chunk-size", "1"], in: Eligo.repository)
            let rows = batch.stdoutText.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            #expect(rows.map { String($0[6]) } == ["incomplete", "approve", "decline"], "jobs \(jobs)")
            #expect(rows.map { String($0[11]) } == ["m", "", ""], "jobs \(jobs)")
        }
    }

    @Test("a reason written over two lines stays on its row in the text and Markdown tables", arguments: ["text", "markdown"])
    func reasonOverTwoLines(format: String) throws {
        let directory = try Eligo.scratch("two-lines")
        defer { try? FileManager.default.removeItem(at: directory) }
        let policies = try Eligo.policies(in: directory, fields: ["id: {type: string, required: true}", "flag: {type: bool}"], product: #"""
            id: g
            version: "1"
            name: {zh: 补助, en: Grant}
            kind: grant
            effective: {from: 2025-01-01}
            eligibility:
              - id: not-flagged
                rule: not flag
                reason: {zh: "已标记 | 不符合\n条件", en: "Flagged | not\neligible"}
            award:
              amount: 100

            """#)
        let applicant = directory.appendingPathComponent("a.yaml")
        try Data("id: A\nflag: true\n".utf8).write(to: applicant)
        for language in ["en", "zh"] {
            let run = try Eligo.run(
                ["check", applicant.path, "--policies", policies.path, "--as-of", "2025-06-01", "--format", format, "--lang", language], in: Eligo.repository)
            #expect(run.status == 0, "\(run.stderrText)")
            let row = try #require(run.stdoutText.split(separator: "\n").first { $0.contains("not-flagged") }, "\(run.stdoutText)")
            #expect(row.contains(language == "en" ? "not eligible" : "不符合 条件"), "\(row)")
            if format == "markdown" {
                #expect(row.hasPrefix("|") && row.hasSuffix("|") && row.contains("\\|"), "\(row)")
            }
        }
    }
}
