import Foundation
import Testing
import _EligoTestSupport

/// `eligo batch` end to end: allocation against hand-computed outcomes, output
/// independent of threads and chunking, reconciliation with bad records, stdin,
/// and nothing left at `--out` when a run fails or is interrupted.
@Suite("eligo batch", .serialized)
struct BatchCommandTests {
    static let allocation = "Tests/Fixtures/batch/allocation"
    static let allocationEnum = "Tests/Fixtures/batch/allocation-enum"

    /// A scratch directory for one test's files.
    static func scratch() throws -> URL {
        try Eligo.scratch("eligo-batch")
    }

    /// Outcomes by applicant id from CSV output.
    static func outcomes(_ csv: String) -> [String: String] {
        var result: [String: String] = [:]
        for line in csv.split(separator: "\n").dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            result[String(cells[3])] = String(cells[6])
        }
        return result
    }

    @Test("allocation ranks by score, then order fields (unknown last), then id; funds whole amounts while pool and slots last")
    func allocationByHand() throws {
        for extra in [["--jobs", "1"], ["--jobs", "2", "--chunk-size", "1"], ["--jobs", "2", "--chunk-size", "3"]] {
            let run = try Eligo.run(
                ["batch", "\(Self.allocation)/applicants.csv", "--policies", Self.allocation, "--as-of", "2025-06-01", "--allocate",
                 "--lang", "en"] + extra, in: Eligo.repository)
            #expect(run.status == 0, "\(run.stderrText)")
            // Ranked: A1 90, A3 80 (applied earlier), A2 80, A4 70, A6 70 (same date, id after A4), A5 70 (no date: last), A7 60.
            // Pool 100,000 and 3 slots: A1 50,000 and A3 40,000 are funded; A2's 40,000 no longer fits;
            // A4's 5,000 fits and takes the last slot; A6, A5 and A7 find no slot.
            #expect(Self.outcomes(run.stdoutText) == [
                "A1": "approve", "A2": "waitlist", "A3": "approve", "A4": "approve", "A5": "waitlist", "A6": "waitlist", "A7": "waitlist",
                "A8": "decline",
            ], "\(extra)")
            #expect(run.stderrText.contains("8 records read (0 invalid), 8 decisions written"))
            // No progress line when stderr is not a terminal.
            #expect(!run.stderrText.contains("\r"))
            #expect(!run.stderrText.contains("records/s"))
        }
    }

    @Test("an enum order field ranks in the order its values are declared, not by its text")
    func allocationByEnumOrder() throws {
        for extra in [["--jobs", "1"], ["--jobs", "2", "--chunk-size", "1"]] {
            let run = try Eligo.run(
                ["batch", "\(Self.allocationEnum)/applicants.csv", "--policies", Self.allocationEnum, "--as-of", "2025-06-01",
                 "--allocate"] + extra, in: Eligo.repository)
            #expect(run.status == 0, "\(run.stderrText)")
            // Equal scores. Declared order poverty-relief, returnee, ordinary, then date:
            // B3 (04-01), B6 (05-01), B5 (returnee 02-01) take the 3 slots; B2, B1 (ordinary)
            // and B4 (unknown: last) wait. By text, B1 "ordinary" would come first.
            #expect(Self.outcomes(run.stdoutText) == [
                "B1": "waitlist", "B2": "waitlist", "B3": "approve", "B4": "waitlist", "B5": "approve", "B6": "approve",
            ], "\(extra)")
        }
    }

    @Test("each product's row of the stderr summary adds up to the records read, the records it did not apply to included")
    func summaryRowsAddUp() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("population.csv").path
        _ = try Eligo.run(["generate", "--count", "300", "--seed", "11", "--bad", "0.05", "--out", input], in: Eligo.repository)
        let run = try Eligo.run(["batch", input, "--as-of", "2026-11-22", "--out", directory.appendingPathComponent("out.csv").path], in: Eligo.repository)
        #expect(run.status == 0, "\(run.stderrText)")
        let lines = run.stderrText.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("300 records read") == true)
        let header = try #require(lines.first { $0.hasPrefix("product ") })
        #expect(header.contains("not applicable") && header.contains("not in effect"))
        let rows = lines.filter { $0.hasPrefix("zuoquan-") || $0.hasPrefix("jinzhong-") || $0.hasPrefix("shanxi-") || $0.hasPrefix("transformation-") }
            .filter { $0.contains("  ") }
        #expect(rows.count == 12)
        var someNotApplicable = false
        for row in rows {
            let counts = row.split(separator: " ").dropFirst().prefix(11).map { Int($0.replacingOccurrences(of: ",", with: "")) ?? -1 }
            // decisions + not applicable + not in effect; the outcomes add up to the decisions.
            #expect(counts[0] + counts[8] + counts[9] == 300, "\(row)")
            #expect(counts[1...7].reduce(0, +) == counts[0], "\(row)")
            if counts[8] > 0 { someNotApplicable = true }
        }
        #expect(someNotApplicable)
    }

    @Test("without --allocate nobody is waitlisted")
    func noAllocation() throws {
        let run = try Eligo.run(
            ["batch", "\(Self.allocation)/applicants.csv", "--policies", Self.allocation, "--as-of", "2025-06-01"], in: Eligo.repository)
        #expect(Self.outcomes(run.stdoutText).values.filter { $0 == "approve" }.count == 7)
    }

    @Test("the summary reports budgets, outcomes and amounts")
    func summary() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let summary = directory.appendingPathComponent("summary.json")
        let run = try Eligo.run(
            ["batch", "\(Self.allocation)/applicants.csv", "--policies", Self.allocation, "--as-of", "2025-06-01", "--allocate",
             "--summary", summary.path, "--out", directory.appendingPathComponent("out.csv").path], in: Eligo.repository)
        #expect(run.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: summary)) as? [String: Any])
        #expect(json["schema"] as? String == "eligo.batch-summary/1")
        #expect(json["reconciles"] as? Bool == true)
        let product = try #require((json["products"] as? [[String: Any]])?.first)
        #expect((product["outcomes"] as? [String: Int])?["waitlist"] == 4)
        #expect((product["budget"] as? [String: Any])?["used"] as? String == "95000.00")
        #expect((product["budget"] as? [String: Any])?["left"] as? String == "5000.00")
        #expect((product["amount"] as? [String: Any])?["total"] as? String == "95000.00")
        #expect((product["top_decline_reasons"] as? [[String: Any]])?.first?["code"] as? String == "asks-something")
    }

    /// The summary people read on stderr, in both languages: counts and amounts, budgets when
    /// allocated, each product's ten most frequent decline reasons and its histogram's shape.
    @Test("the human summary on stderr: golden files in English and Chinese, with and without --allocate", arguments: [
        ("en", false), ("zh", false), ("en", true), ("zh", true),
    ])
    func humanSummary(_ language: String, _ allocate: Bool) throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try Eligo.run(
            ["batch", "\(Self.allocation)/applicants.csv", "--policies", Self.allocation, "--as-of", "2025-06-01", "--lang", language,
             "--out", directory.appendingPathComponent("out.csv").path] + (allocate ? ["--allocate"] : []), in: Eligo.repository)
        #expect(run.status == 0, "\(run.stderrText)")
        let golden = Eligo.fixtures.appendingPathComponent("batch/summary/\(allocate ? "allocated" : "plain").\(language).txt")
        if let problem = GoldenFile.check(run.stderrText, against: golden, displayPath: Eligo.relative(golden)) {
            Issue.record(Comment(rawValue: problem))
        }
    }

    @Test("the score histogram starts at the lowest score a product with negative points can give", arguments: ["csv", "jsonl"])
    func negativeHistogram(_ format: String) throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let summary = directory.appendingPathComponent("summary.json")
        let policies = "Tests/Fixtures/batch/negative-points"
        // CSV rows come from the unboxed verdicts, JSONL from decisions: both count the histogram.
        let run = try Eligo.run(
            ["batch", "\(policies)/applicants.csv", "--policies", policies, "--as-of", "2025-06-01", "--format", format, "--summary", summary.path,
             "--out", directory.appendingPathComponent("out").path], in: Eligo.repository)
        #expect(run.status == 0, "\(run.stderrText)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: summary)) as? [String: Any])
        let product = try #require((json["products"] as? [[String: Any]])?.first)
        let bins = try #require(product["score_histogram"] as? [[String: Any]])
        // Scores run from -20 (merit 10, late -30) to 50: ten bins of 7 points from -20.
        // A1 -20, A2 0, A3 0, A6 20, A5 40, A4 50.
        #expect(bins.map { "\($0["from"] as? String ?? "?")..\($0["to"] as? String ?? "?"):\($0["count"] as? Int ?? -1)" } == [
            "-20..-13:1", "-13..-6:0", "-6..1:2", "1..8:0", "8..15:0", "15..22:1", "22..29:0", "29..36:0", "36..43:1", "43..50:1",
        ])
    }

    @Test("output is the same bytes for any --jobs and chunk size; bad records reconcile")
    func deterministicAndReconciled() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let population = directory.appendingPathComponent("population.csv")
        let generated = try Eligo.run(
            ["generate", "--count", "3000", "--seed", "11", "--format", "csv", "--bad", "0.02", "--missing", "0.1", "--out", population.path],
            in: Eligo.repository)
        #expect(generated.status == 0, "\(generated.stderrText)")
        var outputs: [Data] = []
        for extra in [["--jobs", "1"], ["--jobs", "2", "--chunk-size", "64"], ["--jobs", "2", "--chunk-size", "1000"]] {
            let out = directory.appendingPathComponent("out-\(outputs.count).csv")
            let summary = directory.appendingPathComponent("summary-\(outputs.count).json")
            let run = try Eligo.run(
                ["batch", population.path, "--as-of", "2026-11-22", "--out", out.path, "--summary", summary.path, "--lang", "en"] + extra,
                in: Eligo.repository)
            #expect(run.status == 0, "\(run.stderrText)")
            outputs.append(try Data(contentsOf: out))
            let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: summary)) as? [String: Any])
            let records = try #require(json["records"] as? [String: Any])
            #expect(records["read"] as? Int == 3000)
            #expect((records["invalid"] as? Int ?? 0) > 0)
            #expect(json["reconciles"] as? Bool == true)
            // Every record is invalid for every product or has a decision, a not-applicable or an inactive mark for it.
            for product in json["products"] as? [[String: Any]] ?? [] {
                let total = (product["decisions"] as? Int ?? 0) + (product["not_applicable"] as? Int ?? 0) + (product["inactive"] as? Int ?? 0)
                #expect(total == 3000)
            }
        }
        #expect(outputs[0] == outputs[1])
        #expect(outputs[0] == outputs[2])
        let lines = String(decoding: outputs[0], as: UTF8.self).split(separator: "\n")
        #expect(lines.contains { $0.contains(",invalid,") })
    }

    @Test("--fail-on: exit 1 when an outcome given occurs, with every decision still written; 0 when none does")
    func failOn() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = "\(Self.allocation)/applicants.csv"
        let common = ["batch", input, "--policies", Self.allocation, "--as-of", "2025-06-01", "--lang", "en"]
        let plain = try Eligo.run(common, in: Eligo.repository)
        #expect(plain.status == 0)
        let outcomes = Set(Self.outcomes(plain.stdoutText).values)
        #expect(outcomes.contains("approve"))
        #expect(!outcomes.contains("error"))

        let out = directory.appendingPathComponent("out.csv")
        let failing = try Eligo.run(common + ["--fail-on", "error", "--fail-on", "refer,approve", "--out", out.path], in: Eligo.repository)
        #expect(failing.status == 1)
        #expect(failing.stderrText.contains("--fail-on: "))
        #expect(failing.stderrText.range(of: #"--fail-on: \d+ decisions? (is|are) approve"#, options: .regularExpression) != nil, "\(failing.stderrText)")
        #expect(try Data(contentsOf: out) == plain.stdout)

        let passing = try Eligo.run(common + ["--fail-on", "error"], in: Eligo.repository)
        #expect(passing.status == 0)
        #expect(passing.stdout == plain.stdout)

        let unknown = try Eligo.run(common + ["--fail-on", "approved"], in: Eligo.repository)
        #expect(unknown.status == 2)
    }

    @Test("standard input gives the same decisions as the file")
    func standardInput() throws {
        let input = try Data(contentsOf: Eligo.repository.appendingPathComponent("\(Self.allocation)/applicants.csv"))
        let fromStdin = try Eligo.run(
            ["batch", "-", "--input-format", "csv", "--policies", Self.allocation, "--as-of", "2025-06-01", "--format", "jsonl"],
            in: Eligo.repository, stdin: input)
        let fromFile = try Eligo.run(
            ["batch", "\(Self.allocation)/applicants.csv", "--policies", Self.allocation, "--as-of", "2025-06-01", "--format", "jsonl"],
            in: Eligo.repository)
        #expect(fromStdin.status == 0)
        let strip: (String) -> String = { $0.replacingOccurrences(of: "\"input\":\"-\"", with: "").replacingOccurrences(of: "\"input\":\"\(Self.allocation)/applicants.csv\"", with: "") }
        #expect(strip(fromStdin.stdoutText) == strip(fromFile.stdoutText))
        #expect(fromStdin.stdoutText.split(separator: "\n").count == 8)
    }

    @Test("standard input and a file whose name does not tell are read in the format their first line shows")
    func sniffedFormats() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let csv = try Data(contentsOf: Eligo.repository.appendingPathComponent("\(Self.allocation)/applicants.csv"))
        let common = ["--policies", Self.allocation, "--as-of", "2025-06-01"]
        let named = try Eligo.run(["batch", "-", "--input-format", "csv"] + common, in: Eligo.repository, stdin: csv)
        let sniffed = try Eligo.run(["batch", "-"] + common, in: Eligo.repository, stdin: csv)
        #expect(sniffed.status == 0, "\(sniffed.stderrText)")
        #expect(sniffed.stdout == named.stdout)
        #expect(Self.outcomes(named.stdoutText).count == 8)

        // The same applicants as YAML documents (no `---` before the first) and as JSONL, on
        // standard input and in files named .txt: the same decisions as the CSV.
        let rows = String(decoding: csv, as: UTF8.self).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = rows[0]
        let records = rows.dropFirst().map { Array(zip(header, $0)).filter { !$0.1.isEmpty } }
        let yaml = records.map { $0.map { "\($0.0): \($0.1)" }.joined(separator: "\n") + "\n" }.joined(separator: "---\n")
        let jsonl = records.map { "{" + $0.map { "\"\($0.0)\": " + (Double($0.1) != nil ? $0.1 : "\"\($0.1)\"") }.joined(separator: ", ") + "}\n" }.joined()
        for (name, text) in [("applicants-yaml.txt", yaml), ("applicants-jsonl.txt", jsonl)] {
            let fromStdin = try Eligo.run(["batch", "-"] + common, in: Eligo.repository, stdin: Data(text.utf8))
            #expect(fromStdin.status == 0, "\(name): \(fromStdin.stderrText)")
            let file = directory.appendingPathComponent(name)
            try text.write(to: file, atomically: false, encoding: .utf8)
            let fromFile = try Eligo.run(["batch", file.path] + common, in: Eligo.repository)
            #expect(fromFile.status == 0, "\(name): \(fromFile.stderrText)")
            // Every row as the CSV's from the applicant on, in the same order: only where each record
            // came from (input, record, line) differs.
            let decided: (String) -> [String] = { $0.split(separator: "\n").map { $0.split(separator: ",", maxSplits: 3).last.map(String.init) ?? "" } }
            for run in [fromStdin, fromFile] {
                #expect(!run.stdoutText.contains(",invalid,"), "\(name): \(run.stdoutText)")
                #expect(decided(run.stdoutText) == decided(named.stdoutText), "\(name)")
            }
        }

        // --input-format is for the inputs whose name does not tell: standard input as JSONL
        // beside a file named .csv, which stays CSV.
        let csvFile = "\(Self.allocation)/applicants.csv"
        let mixed = try Eligo.run(["batch", "-", csvFile, "--input-format", "jsonl"] + common, in: Eligo.repository, stdin: Data(jsonl.utf8))
        #expect(mixed.status == 0, "\(mixed.stderrText)")
        #expect(!mixed.stdoutText.contains(",invalid,"), "\(mixed.stdoutText)")
        let decided: (String) -> [String] = { $0.split(separator: "\n").dropFirst().map { $0.split(separator: ",", maxSplits: 3).last.map(String.init) ?? "" } }
        #expect(decided(mixed.stdoutText) == decided(named.stdoutText) + decided(named.stdoutText))
    }

    @Test("--max-string-bytes bounds the records' values as in eligo check (§9), for CSV and YAML inputs")
    func stringLimit() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let long = String(repeating: "A", count: 200)
        let inputs = [
            ("long.csv", "id,merit,requested\nA1,50,1000\n\(long),60,1000\n"),
            ("long.yaml", "id: A1\nmerit: 50\nrequested: 1000\n---\nid: \(long)\nmerit: 60\nrequested: 1000\n"),
        ]
        for (name, text) in inputs {
            let input = directory.appendingPathComponent(name)
            try text.write(to: input, atomically: false, encoding: .utf8)
            let run = try Eligo.run(
                ["batch", input.path, "--policies", Self.allocation, "--as-of", "2025-06-01", "--max-string-bytes", "100", "--lang", "en"],
                in: Eligo.repository)
            #expect(run.status == 0, "\(run.stderrText)")
            let rows = run.stdoutText.split(separator: "\n").dropFirst()
            #expect(rows.count == 2, "\(name)")
            #expect(rows.first?.contains(",approve,") == true, "\(name)")
            #expect(rows.last?.contains(",invalid,") == true, "\(name)")
            #expect(rows.last?.contains("the limit of 100 bytes") == true, "\(name)")
        }
    }

    @Test("an unwritable --out is exit 2 with the path named, and leaves nothing")
    func unwritable() throws {
        let run = try Eligo.run(
            ["batch", "\(Self.allocation)/applicants.csv", "--policies", Self.allocation, "--as-of", "2025-06-01", "--out", "/nonexistent-dir/out.csv",
             "--lang", "en"], in: Eligo.repository)
        #expect(run.status == 2)
        #expect(run.stderrText.contains("cannot write /nonexistent-dir/out.csv"))
    }

    @Test(
        "a summary that cannot be written fails the run and leaves --out as it was, with no temporary file",
        arguments: ["/nonexistent-dir/summary.json", "/dev/full"])
    func unwritableSummary(_ summary: String) throws {
        // /nonexistent-dir fails before the run; /dev/full (written in place) only when the summary is written, after it.
        guard summary != "/dev/full" || FileManager.default.fileExists(atPath: summary) else { return }
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("out.csv")
        for before in [Data("an earlier run's decisions\n".utf8), nil] {
            if let before { try before.write(to: out) } else { try? FileManager.default.removeItem(at: out) }
            let run = try Eligo.run(
                ["batch", "\(Self.allocation)/applicants.csv", "--policies", Self.allocation, "--as-of", "2025-06-01", "--out", out.path,
                 "--summary", summary, "--lang", "en"], in: Eligo.repository)
            #expect(run.status == 2)
            #expect(run.stderrText.contains("cannot write \(summary)"))
            #expect(FileManager.default.contents(atPath: out.path) == before)
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == (before == nil ? [] : ["out.csv"]))
        }
    }

    @Test("--summary naming the --out file is a usage error that writes neither")
    func summaryIsOut() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("out.csv")
        let before = Data("an earlier run's decisions\n".utf8)
        try before.write(to: out)
        for (summary, language, message) in [
            (out.path, "en", "--summary and --out name the same file"), ("./out.csv", "zh", "--summary 与 --out 指向同一个文件"),
        ] {
            let run = try Eligo.run(
                ["batch", Eligo.repository.appendingPathComponent("\(Self.allocation)/applicants.csv").path, "--policies",
                 Eligo.repository.appendingPathComponent(Self.allocation).path, "--as-of", "2025-06-01", "--out", "out.csv", "--summary", summary,
                 "--lang", language], in: directory)
            #expect(run.status == 2)
            #expect(run.stderrText.contains(message), "\(run.stderrText)")
            #expect(FileManager.default.contents(atPath: out.path) == before)
        }
    }

    @Test("an unreadable input is exit 2")
    func unreadable() throws {
        let run = try Eligo.run(["batch", "no-such.csv", "--policies", Self.allocation, "--lang", "en"], in: Eligo.repository)
        #expect(run.status == 2)
        #expect(run.stderrText.contains("no-such.csv"))
    }

    @Test("SIGINT stops a run cleanly: exit 130, no file at --out or --summary, no temporary file")
    func interrupted() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let population = directory.appendingPathComponent("big.csv")
        // Generating takes a while in a sanitizer build: more than the usual time limit of a run.
        let generated = try Eligo.runner().run(
            ["generate", "--count", "30000", "--seed", "3", "--format", "csv", "--out", population.path], in: Eligo.repository,
            timeout: .seconds(600))
        #expect(generated.status == 0)
        let out = directory.appendingPathComponent("out.csv")
        let summary = directory.appendingPathComponent("summary.json")
        let process = Process()
        process.executableURL = try BuiltProduct.executable(named: "eligo")
        process.arguments = ["batch", population.path, "--as-of", "2026-11-22", "--out", out.path, "--summary", summary.path, "--jobs", "1"]
        process.currentDirectoryURL = Eligo.repository
        process.environment = CommandRunner.quietEnvironment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until both temporary outputs exist, so the signal lands mid-run.
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            if names.count(where: { $0.hasSuffix(".tmp") }) == 2 || !process.isRunning { break }
            usleep(20_000)
        }
        #expect(process.isRunning, "the run finished before it could be interrupted")
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        let left = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(left == ["big.csv"])
    }
}
