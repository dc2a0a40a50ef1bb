import Foundation
import Testing
import _EligoTestSupport

/// The option values that eligo checks itself (not ArgumentParser): each is a usage error,
/// exit 2, whose message follows `--lang` or `LANG`. Transcripts in `Tests/Fixtures/cli/`.
@Suite("eligo's own option checks")
struct OptionCheckTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var en: String
        var zh: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let cases = [
        Case(
            arguments: ["check", "a.yaml", "--as-of", "2025-13-01"], en: "--as-of must be a real date as YYYY-MM-DD, not '2025-13-01'",
            zh: "--as-of 必须是 YYYY-MM-DD 格式的真实日期，而不是 '2025-13-01'"),
        Case(arguments: ["batch", "a.csv", "--as-of", "2025-02-29"], en: "--as-of must be a real date", zh: "--as-of 必须是 YYYY-MM-DD 格式的真实日期"),
        Case(arguments: ["products", "--as-of", "tomorrow"], en: "--as-of must be a real date", zh: "--as-of 必须是 YYYY-MM-DD 格式的真实日期"),
        Case(arguments: ["batch", "a.csv", "--jobs", "0"], en: "--jobs must be at least 1", zh: "--jobs 至少为 1"),
        Case(arguments: ["batch", "a.csv", "--chunk-size", "0"], en: "--chunk-size must be at least 1", zh: "--chunk-size 至少为 1"),
        Case(arguments: ["batch", "a.csv", "--max-line-bytes", "0"], en: "--max-line-bytes must be at least 1", zh: "--max-line-bytes 至少为 1"),
        Case(arguments: ["batch", "-", "-"], en: "standard input (-) can be read only once", zh: "标准输入（-）只能读取一次"),
        Case(arguments: ["check", "a.yaml", "--max-yaml-bytes", "0"], en: "--max-yaml-bytes must be a positive number", zh: "--max-yaml-bytes 必须是正数"),
        Case(arguments: ["batch", "a.csv", "--max-yaml-depth", "0"], en: "--max-yaml-depth must be a positive number", zh: "--max-yaml-depth 必须是正数"),
        Case(arguments: ["validate", "--max-alias-nodes", "0"], en: "--max-alias-nodes must be a positive number", zh: "--max-alias-nodes 必须是正数"),
        Case(arguments: ["test", "--max-string-bytes", "0"], en: "--max-string-bytes must be a positive number", zh: "--max-string-bytes 必须是正数"),
        Case(
            arguments: ["products", "--max-expression-length", "0"], en: "--max-expression-length must be a positive number",
            zh: "--max-expression-length 必须是正数"),
        Case(
            arguments: ["generate", "--count", "1", "--max-expression-depth=-3"], en: "--max-expression-depth must be a positive number",
            zh: "--max-expression-depth 必须是正数"),
        Case(arguments: ["validate", "--max-yaml-depth", "1001"], en: "--max-yaml-depth must be at most 1000", zh: "--max-yaml-depth 不能超过 1000"),
        Case(arguments: ["check", "a.yaml", "--max-expression-depth", "100000"], en: "--max-expression-depth must be at most 1000", zh: "--max-expression-depth 不能超过 1000"),
        Case(arguments: ["generate", "--count=-1"], en: "--count must not be negative", zh: "--count 不能为负数"),
        Case(arguments: ["generate", "--count", "1", "--missing", "2"], en: "--missing must be between 0 and 1", zh: "--missing 必须在 0 到 1 之间"),
        Case(arguments: ["generate", "--count", "1", "--bad", "1.5"], en: "--bad must be between 0 and 1", zh: "--bad 必须在 0 到 1 之间"),
    ]

    @Test("the message follows --lang and LANG; exit 2, nothing on stdout", arguments: cases)
    func language(_ check: Case) throws {
        let command = check.arguments[0]
        let runs: [(run: CommandRun, zh: Bool)] = [
            (try Eligo.run(check.arguments + ["--lang", "en"], in: Eligo.repository), false),
            (try Eligo.run(check.arguments, in: Eligo.repository), false),
            (try Eligo.run(check.arguments + ["--lang", "zh"], in: Eligo.repository), true),
            (try Eligo.run(check.arguments, in: Eligo.repository, environment: ["LANG": "zh_CN.UTF-8"]), true),
            (try Eligo.run(check.arguments + ["--lang", "en"], in: Eligo.repository, environment: ["LANG": "zh_CN.UTF-8"]), false),
        ]
        for (run, zh) in runs {
            #expect(run.status == 2, "\(run.arguments): \(run.stderrText)")
            #expect(run.stdout.isEmpty)
            let lines = run.stderrText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(lines.first?.hasPrefix((zh ? "错误：" : "Error: ") + (zh ? check.zh : check.en)) == true, "\(run.arguments): \(run.stderrText)")
            #expect(lines.dropFirst().first?.hasPrefix((zh ? "用法：" : "Usage: ") + "eligo \(command) ") == true)
            #expect(lines.dropFirst(2).first == (zh ? "  运行 'eligo \(command) --help' 查看更多信息。" : "  See 'eligo \(command) --help' for more information."))
        }
    }

    @Test("a bad --as-of in Chinese, whole transcript")
    func transcript() throws {
        let run = try Eligo.run(["check", "a.yaml", "--as-of", "2025-13-01", "--lang", "zh"], in: Eligo.repository)
        let url = Eligo.fixtures.appendingPathComponent("cli/bad-as-of.zh.txt")
        if let problem = GoldenFile.check(Transcript.of(run), against: url, displayPath: Eligo.relative(url)) {
            Issue.record(Comment(rawValue: problem))
        }
    }

    /// ArgumentParser's own errors, caught before any option is read: in Chinese when the raw
    /// command line or `LANG` asks for it, whole transcripts in both languages.
    @Test("the parser's errors follow --lang and LANG too", arguments: [
        ("invalid-value", ["batch", "a.csv", "--format", "xml"]),
        ("missing-argument", ["check"]),
        ("unknown-option", ["check", "a.yaml", "--bogus"]),
        ("unknown-option-suggested", ["check", "a.yaml", "--polices", "p"]),
        ("unexpected-arguments", ["products", "extra", "more"]),
        ("missing-value", ["check", "a.yaml", "--policies"]),
    ])
    func parserErrors(_ name: String, _ arguments: [String]) throws {
        for (language, runs) in [
            ("en", [try Eligo.run(arguments + ["--lang", "en"], in: Eligo.repository),
                    try Eligo.run(arguments + ["--lang=en"], in: Eligo.repository, environment: ["LANG": "zh_CN.UTF-8"])]),
            ("zh", [try Eligo.run(arguments + ["--lang", "zh"], in: Eligo.repository),
                    try Eligo.run(arguments, in: Eligo.repository, environment: ["LANG": "zh_CN.UTF-8"])]),
        ] {
            let url = Eligo.fixtures.appendingPathComponent("cli/parser-\(name).\(language).txt")
            if let problem = GoldenFile.check(Transcript.of(runs[0]), against: url, displayPath: Eligo.relative(url)) {
                Issue.record(Comment(rawValue: problem))
            }
            #expect(runs[1].status == 2)
            #expect(runs[1].stderrText == runs[0].stderrText, "the language from LANG gives the same message")
        }
    }
}
