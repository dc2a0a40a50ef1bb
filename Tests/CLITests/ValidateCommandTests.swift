import Foundation
import Testing
import _EligoTestSupport

/// How `eligo validate` behaves as a command: exit statuses, usage errors, help,
/// JSON and determinism. Transcripts live in `Tests/Fixtures/cli/`.
@Suite("eligo validate as a command")
struct ValidateCommandTests {
    private var broken: URL { Eligo.fixtures.appendingPathComponent("broken") }

    private func expectTranscript(_ run: CommandRun, _ name: String) {
        let url = Eligo.fixtures.appendingPathComponent("cli").appendingPathComponent(name)
        if let problem = GoldenFile.check(Transcript.of(run), against: url, displayPath: Eligo.relative(url)) {
            Issue.record(Comment(rawValue: problem))
        }
    }

    @Test("a path that does not exist is a usage error (exit 2)")
    func missingPath() throws {
        let run = try Eligo.run(["validate", "no-such-policies", "--lang", "en"], in: broken)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderrText.contains("no-such-policies"))
        expectTranscript(run, "missing-path.txt")
    }

    @Test("a missing path is reported in Chinese too")
    func missingPathChinese() throws {
        let run = try Eligo.run(["validate", "no-such-policies", "--lang", "zh"], in: broken)
        #expect(run.status == 2)
        expectTranscript(run, "missing-path.zh.txt")
    }

    @Test("without a path, --policies (default Policies/) is validated; a missing one exits 2")
    func defaultPolicies() throws {
        let run = try Eligo.run(["validate"], in: broken)
        #expect(run.status == 2)
        #expect(run.stderrText.contains("Policies"))
    }

    @Test("an unknown option is a usage error (exit 2), not ArgumentParser's 64")
    func unknownOption() throws {
        let run = try Eligo.run(["validate", "--bogus", "01-missing-id"], in: broken)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        expectTranscript(run, "unknown-option.txt")
    }

    @Test("a bad --format value is a usage error (exit 2)")
    func badFormat() throws {
        let run = try Eligo.run(["validate", "01-missing-id", "--format", "xml"], in: broken)
        #expect(run.status == 2)
        expectTranscript(run, "bad-format.txt")
    }

    @Test("--help exits 0 and describes the command")
    func help() throws {
        let run = try Eligo.run(["validate", "--help"], in: broken, environment: ["COLUMNS": "100"])
        #expect(run.status == 0)
        #expect(run.stdoutText.contains("--format"))
        expectTranscript(run, "validate-help.txt")
    }

    @Test("--help speaks Chinese with --lang zh or LANG=zh_CN: headings, commands and options alike")
    func helpInChinese() throws {
        let run = try Eligo.run(["validate", "--help", "--lang", "zh"], in: broken, environment: ["COLUMNS": "100"])
        #expect(run.status == 0)
        expectTranscript(run, "validate-help.zh.txt")
        let top = try Eligo.run(["--help"], in: broken, environment: ["LANG": "zh_CN.UTF-8"])
        #expect(top.status == 0)
        for text in ["概述：", "子命令：", "检查申请人符合哪些有效产品。", "批量评估", "显示帮助信息。"] {
            #expect(top.stdoutText.contains(text), "\(text)")
        }
        #expect(!top.stdoutText.contains("OVERVIEW"))
        // `help` takes no options of its own: `--lang` still chooses the language.
        for arguments in [["help", "validate", "--lang", "zh"], ["help", "--lang=zh", "validate"]] {
            let helped = try Eligo.run(arguments, in: broken, environment: ["COLUMNS": "100"])
            #expect(helped.status == 0, "\(arguments): \(helped.stderrText)")
            #expect(helped.stdoutText == run.stdoutText, "\(arguments)")
        }
    }

    @Test("LANG=zh_CN.UTF-8 selects Chinese when --lang is not given")
    func languageFromEnvironment() throws {
        let english = try Eligo.run(["validate", "05-unknown-top-level-key"], in: broken)
        let chinese = try Eligo.run(["validate", "05-unknown-top-level-key"], in: broken, environment: ["LANG": "zh_CN.UTF-8"])
        let expected = try String(contentsOf: broken.appendingPathComponent("05-unknown-top-level-key/expected.zh.txt"), encoding: .utf8)
        #expect(Transcript.of(chinese) == expected)
        #expect(english.stdout != chinese.stdout)
    }

    @Test("--format json is a JSON array of located problems")
    func json() throws {
        let paths = ["10-duplicate-rule-id", "12-duplicate-product-id", "19-text-missing-en", "33-yaml-unclosed-flow"]
        let run = try Eligo.run(["validate"] + paths + ["--format", "json", "--lang", "en"], in: broken)
        #expect(run.status == 1)
        let array = try #require(try JSONSerialization.jsonObject(with: run.stdout) as? [[String: Any]])
        #expect(array.count >= 4)
        for problem in array {
            let file = try #require(problem["file"] as? String)
            #expect(paths.contains { file.hasPrefix($0 + "/") }, "relative path: \(file)")
            #expect((problem["line"] as? Int ?? 0) >= 1)
            #expect((problem["column"] as? Int ?? 0) >= 1)
            #expect(["error", "warning"].contains(problem["severity"] as? String))
            #expect((problem["id"] as? String)?.contains(".") == true)
        }
        let duplicate = try #require(array.first { $0["id"] as? String == "policy.duplicate-id" && ($0["file"] as? String)?.hasPrefix("12-") == true })
        #expect(duplicate["file"] as? String == "12-duplicate-product-id/zuoquan/pv-loan.yaml", "reported in the later file")
        let notes = try #require(duplicate["notes"] as? [[String: Any]])
        #expect(notes.first?["file"] as? String == "12-duplicate-product-id/yuci/pv-loan.yaml")
    }

    @Test("a clean tree prints nothing on stdout, a summary on stderr, and exits 0")
    func clean() throws {
        let run = try Eligo.run(["validate", "zuoquan-pv-loan", "--lang", "en"], in: Eligo.fixtures.appendingPathComponent("valid"))
        #expect(run.status == 0)
        #expect(run.stdout.isEmpty)
        #expect(run.stderrText == "0 errors, 0 warnings\n")
        let json = try Eligo.run(["validate", "zuoquan-pv-loan", "--format", "json"], in: Eligo.fixtures.appendingPathComponent("valid"))
        #expect(json.status == 0)
        #expect(try JSONSerialization.jsonObject(with: json.stdout) as? [Any] != nil)
    }

    @Test("two runs print byte-identical output", arguments: [["--lang", "en"], ["--lang", "zh"], ["--format", "json"]])
    func deterministic(_ options: [String]) throws {
        let all = CorpusCase.all.filter { $0.group == "broken" && !$0.has("generate.txt") }.map(\.name)
        let first = try Eligo.run(["validate"] + all + options, in: broken)
        let second = try Eligo.run(["validate"] + all + options, in: broken)
        #expect(first.status == 1)
        #expect(first.stdout == second.stdout)
        #expect(first.stderr == second.stderr)
        if options == ["--lang", "en"] {
            // Many trees at once: what each reports alone, in the order of their paths.
            let alone = try all.map { name in
                let golden = try String(contentsOf: broken.appendingPathComponent(name).appendingPathComponent("expected.txt"), encoding: .utf8)
                return golden.components(separatedBy: "--- stdout\n").last?.components(separatedBy: "--- stderr\n").first ?? ""
            }
            #expect(first.stdoutText == alone.joined())
        }
    }
}
