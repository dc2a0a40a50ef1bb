import Foundation
import Testing
import _EligoTestSupport

/// One policy tree under `Tests/Fixtures/{valid,broken}` and its golden files.
///
/// Each folder is a whole policy directory (`fields.yaml` and product files in
/// a subfolder) with one defect, plus what `eligo validate` must print for it:
///
/// - `expected.txt`: `eligo validate <folder> --lang en` (always present);
/// - `expected.zh.txt`: the same with `--lang zh` (when present);
/// - `expected.json`: standard output of `--format json` (when present);
/// - `generate.txt`: names a generator in ``GeneratedInput`` that writes inputs
///   too large to commit; the tree is then copied to a temporary folder first.
///
/// `eligo` runs in the folder's parent with the folder's name as its argument,
/// so every path it prints is relative and the goldens hold on any machine.
struct CorpusCase: Sendable, CustomTestStringConvertible {
    let group: String
    let name: String

    var directory: URL { Eligo.fixtures.appendingPathComponent(group).appendingPathComponent(name) }
    var testDescription: String { "\(group)/\(name)" }

    func golden(_ file: String) -> URL { directory.appendingPathComponent(file) }

    func has(_ file: String) -> Bool { FileManager.default.fileExists(atPath: golden(file).path) }

    /// Every case folder of the groups, in code-point order (the order of the numbers in their names).
    static func discover(_ groups: [String]) -> [CorpusCase] {
        groups.flatMap { group -> [CorpusCase] in
            let folder = Eligo.fixtures.appendingPathComponent(group)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            return names
                .filter { !$0.hasPrefix(".") && isDirectory(folder.appendingPathComponent($0)) }
                .sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
                .map { CorpusCase(group: group, name: $0) }
        }
    }

    static let all = discover(["valid", "broken"])

    private static func isDirectory(_ url: URL) -> Bool {
        var flag: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &flag) && flag.boolValue
    }
}

@Suite("eligo validate over the policy corpus")
struct ValidateCorpusTests {
    @Test("the corpus is where the tests look for it")
    func corpusIsDiscovered() {
        let broken = CorpusCase.all.filter { $0.group == "broken" }
        #expect(broken.count >= 30, "found \(broken.count) broken cases under \(Eligo.relative(Eligo.fixtures))/broken")
        #expect(CorpusCase.all.contains { $0.group == "valid" })
        #expect(broken.filter { $0.has("expected.zh.txt") }.count >= 8)
        #expect(broken.filter { $0.has("expected.json") }.count >= 8)
    }

    @Test("output matches the golden files", arguments: CorpusCase.all)
    func matchesGoldens(_ fixture: CorpusCase) throws {
        let workspace = try Workspace(for: fixture)
        defer { workspace.remove() }

        let text = try validate(fixture, in: workspace, ["--lang", "en"])
        expectGolden(Transcript.of(text), fixture, "expected.txt")
        checkConsistency(text, fixture)
        if fixture.group == "valid" {
            #expect(text.status == 0 && text.stdout.isEmpty, "a valid tree must validate clean")
        }

        if fixture.has("expected.zh.txt") {
            let chinese = try validate(fixture, in: workspace, ["--lang", "zh"])
            expectGolden(Transcript.of(chinese), fixture, "expected.zh.txt")
            #expect(chinese.status == text.status, "the language must not change the exit status")
        }

        if fixture.has("expected.json") {
            let json = try validate(fixture, in: workspace, ["--format", "json", "--lang", "en"])
            expectGolden(json.stdoutText, fixture, "expected.json")
            #expect(json.status == text.status, "--format json must exit like the text output")
            #expect(json.stderr.isEmpty, "--format json writes nothing to stderr, found: \(json.stderrText)")
            let problems = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [[String: Any]])
            #expect(problems.count == Self.headers(text.stdoutText, "error|warning"), "one JSON object per problem")
            for problem in problems {
                let file = try #require(problem["file"] as? String)
                #expect(file.hasPrefix(fixture.name + "/") || file == fixture.name, "paths stay relative: \(file)")
                #expect(problem["severity"] is String && problem["id"] is String && problem["message"] is String)
            }
        }
    }

    /// Runs `eligo validate <case> …` from the case's parent folder, under the time limit
    /// that catches a hang. How fast validation is belongs to the benchmarks: a wall-clock
    /// bound here would measure the load of the parallel test run more than eligo.
    private func validate(_ fixture: CorpusCase, in workspace: Workspace, _ options: [String]) throws -> CommandRun {
        let run = try Eligo.run(["validate", fixture.name] + options, in: workspace.parent)
        #expect(!run.timedOut, "eligo validate \(fixture.name) \(options.joined(separator: " ")) was killed after \(Eligo.timeout.secondsText)")
        #expect(!run.wasSignalled, "eligo crashed: \(run.ending)\n\(run.stderrText)")
        if ProcessInfo.processInfo.environment["ELIGO_TIMINGS"] == "1" {
            print("timing \(run.duration.secondsText) validate \(fixture.testDescription) \(options.joined(separator: " "))")
        }
        let everything = run.stdoutText + run.stderrText
        #expect(!everything.contains(Eligo.repository.path) && !everything.contains(workspace.parent.path), "output holds a machine path")
        return run
    }

    private func expectGolden(_ actual: String, _ fixture: CorpusCase, _ file: String) {
        let url = fixture.golden(file)
        if let problem = GoldenFile.check(actual, against: url, displayPath: Eligo.relative(url)) {
            Issue.record(Comment(rawValue: problem))
        }
    }

    /// How many `file:line:column: <severity>: message` headers the text output has.
    static func headers(_ output: String, _ severity: String) -> Int {
        ("\n" + output).count(of: "\n\\S[^\n]*: (\(severity)): ")
    }

    /// What must hold whatever the goldens say: the summary counts the problems
    /// printed, and the exit status follows from the errors.
    private func checkConsistency(_ run: CommandRun, _ fixture: CorpusCase) {
        let errors = Self.headers(run.stdoutText, "error")
        let warnings = Self.headers(run.stdoutText, "warning")
        let summary = "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n"
        #expect(run.stderrText.hasSuffix(summary), "the summary must count what was printed (\(summary.dropLast()))")
        #expect(run.status == (errors > 0 ? 1 : 0), "exit \(run.status) with \(errors) errors")
        if fixture.group == "broken" {
            #expect(errors + warnings > 0, "a broken tree must produce a diagnostic")
        }
    }
}

/// Where a case runs: its own folder, or a temporary copy when inputs are generated.
struct Workspace {
    /// The folder `eligo` runs in; the case is the subfolder named after it.
    let parent: URL
    private let temporary: Bool

    init(for fixture: CorpusCase) throws {
        guard fixture.has("generate.txt") else {
            parent = fixture.directory.deletingLastPathComponent()
            temporary = false
            return
        }
        let spec = try String(contentsOf: fixture.golden("generate.txt"), encoding: .utf8)
        let generator = String(spec.prefix { !$0.isWhitespace })
        guard let generate = GeneratedInput.generators[generator] else {
            throw GeneratedInput.Unknown(name: generator, fixture: fixture.testDescription)
        }
        let fileManager = FileManager.default
        parent = fileManager.temporaryDirectory.appendingPathComponent("eligo-corpus-\(UUID().uuidString)")
        temporary = true
        let copy = parent.appendingPathComponent(fixture.name)
        try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
        try fileManager.copyItem(at: fixture.directory, to: copy)
        try generate(copy)
    }

    func remove() {
        if temporary { try? FileManager.default.removeItem(at: parent) }
    }
}

extension String {
    /// How many times the regular expression matches.
    func count(of pattern: String) -> Int {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return 0 }
        return regex.numberOfMatches(in: self, range: NSRange(startIndex..., in: self))
    }
}
