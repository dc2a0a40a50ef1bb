import Foundation
import Testing
import _EligoTestSupport

/// The folder of ``CrashSafetyTests/population``, removed at exit.
nonisolated(unsafe) private var populationFolder: String?

/// `eligo batch` under hard faults, on the real executable: signals, SIGKILL, a
/// full disk, an unwritable `--out`, and inputs truncated, deleted or replaced while
/// they are read. Whatever happens, nothing partial is left at `--out`, every message
/// names the file and what happened, and the exit status says what kind of failure it was.
///
/// Runs that must be caught in the middle read a generated population large enough to
/// take seconds; each test waits for the run's temporary output to appear (it exists
/// from the first row on) instead of sleeping, and every wait is bounded.
@Suite("eligo batch under hard faults", .serialized)
struct CrashSafetyTests {
    static let allocation = "Tests/Fixtures/batch/allocation"

    /// 30,000 applicants for the sample library (about 17 MB of CSV), generated once.
    static let population: Result<URL, any Error> = Result(catching: {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("eligo-crash-population-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // A static has no teardown: the folder goes when the test process exits.
        populationFolder = directory.path
        atexit { if let folder = populationFolder { try? FileManager.default.removeItem(atPath: folder) } }
        let file = directory.appendingPathComponent("population.csv")
        // Generating takes a while in a sanitizer build: more than the usual time limit of a run.
        let run = try Eligo.runner().run(
            ["generate", "--count", "30000", "--seed", "3", "--format", "csv", "--out", file.path], in: Eligo.repository,
            timeout: .seconds(600))
        guard run.status == 0 else { throw GenerationFailed(stderr: run.stderrText) }
        return file
    })

    struct GenerationFailed: Error, CustomStringConvertible {
        let stderr: String
        var description: String { "eligo generate failed: \(stderr)" }
    }

    /// A fresh folder for one test, holding a copy of the population as `input.csv`, and a folder for logs.
    static func workspace(copyPopulation: Bool = true) throws -> (work: URL, logs: URL, input: URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("eligo-crash-\(UUID().uuidString)")
        let work = root.appendingPathComponent("work")
        let logs = root.appendingPathComponent("logs")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        let input = work.appendingPathComponent("input.csv")
        if copyPopulation { try FileManager.default.copyItem(at: try population.get(), to: input) }
        return (work, logs, input)
    }

    /// Starts `eligo batch` on `input` and waits until it has begun writing its temporary output beside `out`.
    static func runningBatch(_ input: URL, out: URL, _ options: [String], logs: URL) throws -> BackgroundRun {
        let run = try BackgroundRun(
            ["batch", input.path, "--as-of", "2026-11-22", "--out", out.path] + options, in: Eligo.repository, logs: logs)
        #expect(run.waitWhileRunning(until: { hasTemporary(out.deletingLastPathComponent()) }))
        return run
    }

    /// Whether `directory` holds a temporary output (`.NAME.eligo-PID.tmp`).
    static func hasTemporary(_ directory: URL) -> Bool {
        listing(directory).contains { $0.hasPrefix(".") && $0.hasSuffix(".tmp") }
    }

    // MARK: Signals

    struct Stop: Sendable, CustomTestStringConvertible {
        let signal: Int32
        let name: String
        var testDescription: String { name }
    }

    @Test(
        "a signal stops a parallel run cleanly: exit 128+n, a message naming the signal, nothing at --out, no temporary file",
        arguments: [Stop(signal: SIGINT, name: "SIGINT"), Stop(signal: SIGTERM, name: "SIGTERM"), Stop(signal: SIGHUP, name: "SIGHUP")])
    func signalled(_ stop: Stop) throws {
        let (work, logs, input) = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: work.deletingLastPathComponent()) }
        let out = work.appendingPathComponent("out.csv")
        let run = try BackgroundRun(
            ["batch", input.path, "--as-of", "2026-11-22", "--out", out.path, "--jobs", "2", "--chunk-size", "256"],
            in: Eligo.repository, logs: logs)
        let caught = run.waitWhileRunning(until: { Self.hasTemporary(work) })
        #expect(caught, "the run ended before the temporary output appeared: \(run.stderrText)")
        kill(run.pid, stop.signal)
        let ending = run.finish()
        #expect(!ending.timedOut)
        #expect(!ending.signalled && ending.status == 128 + stop.signal, "\(ending)")
        #expect(run.stderrText.contains("eligo: stopped by \(stop.name); the unfinished output was removed and nothing was written to --out"))
        #expect(listing(work) == ["input.csv"])
    }

    @Test("the message for an interruption is in Chinese too")
    func signalledInChinese() throws {
        let (work, logs, input) = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: work.deletingLastPathComponent()) }
        let run = try Self.runningBatch(input, out: work.appendingPathComponent("out.csv"), ["--lang", "zh"], logs: logs)
        kill(run.pid, SIGTERM)
        #expect(run.finish().status == 143)
        #expect(run.stderrText.contains("eligo:收到 SIGTERM，已停止；未完成的输出已删除，--out 没有写入任何内容"))
        #expect(listing(work) == ["input.csv"])
    }

    @Test("SIGKILL leaves nothing at --out, only a hidden temporary file named after the process; the next run removes it")
    func killed() throws {
        let (work, logs, input) = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: work.deletingLastPathComponent()) }
        let out = work.appendingPathComponent("out.csv")
        let run = try Self.runningBatch(input, out: out, ["--jobs", "2"], logs: logs)
        kill(run.pid, SIGKILL)
        let ending = run.finish()
        #expect(ending.signalled && ending.status == SIGKILL)
        let leftover = ".out.csv.eligo-\(run.pid).tmp"
        #expect(listing(work) == [leftover, "input.csv"])

        // The next run writing the same target (here from a small input) cleans up after the dead process.
        let next = try Eligo.run(
            ["batch", "\(Self.allocation)/applicants.csv", "--policies", Self.allocation, "--as-of", "2025-06-01", "--out", out.path,
             "--lang", "en"], in: Eligo.repository)
        #expect(next.status == 0, "\(next.stderrText)")
        #expect(next.stderrText.contains(
            "eligo: removed \(work.path)/\(leftover), the unfinished output of an earlier run (process \(run.pid)) that was killed"))
        #expect(listing(work) == ["input.csv", "out.csv"])
    }

    @Test("a temporary file of a process that still runs is left alone")
    func liveTemporaryKept() throws {
        let (work, _, _) = try Self.workspace(copyPopulation: false)
        defer { try? FileManager.default.removeItem(at: work.deletingLastPathComponent()) }
        // This test process is alive: its number marks a run in progress.
        let live = work.appendingPathComponent(".out.csv.eligo-\(getpid()).tmp")
        FileManager.default.createFile(atPath: live.path, contents: Data("in progress".utf8))
        let run = try Eligo.run(
            ["batch", "\(Self.allocation)/applicants.csv", "--policies", Self.allocation, "--as-of", "2025-06-01",
             "--out", work.appendingPathComponent("out.csv").path], in: Eligo.repository)
        #expect(run.status == 0)
        #expect(!run.stderrText.contains("removed"))
        #expect(listing(work) == [live.lastPathComponent, "out.csv"])
    }

    // MARK: Output that cannot be written

    @Test("a full disk (--out /dev/full) is exit 2 with the file named")
    func fullDevice() throws {
        try #require(FileManager.default.fileExists(atPath: "/dev/full"), "this system has no /dev/full")
        for lang in ["en", "zh"] {
            let run = try Eligo.run(
                ["batch", "\(Self.allocation)/applicants.csv", "--policies", Self.allocation, "--as-of", "2025-06-01", "--out", "/dev/full",
                 "--lang", lang], in: Eligo.repository)
            #expect(run.status == 2)
            let reason = String(cString: strerror(ENOSPC))
            #expect(run.stderrText == (lang == "en" ? "eligo: cannot write /dev/full: \(reason)\n" : "eligo: 无法写入 /dev/full：磁盘空间不足\n"))
        }
    }

    @Test("standard output on a full disk is exit 2, naming standard output")
    func fullStandardOutput() throws {
        try #require(FileManager.default.fileExists(atPath: "/dev/full"), "this system has no /dev/full")
        let (work, logs, _) = try Self.workspace(copyPopulation: false)
        defer { try? FileManager.default.removeItem(at: work.deletingLastPathComponent()) }
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let run = try BackgroundRun(
            ["batch", "\(Self.allocation)/applicants.csv", "--policies", Self.allocation, "--as-of", "2025-06-01"],
            in: Eligo.repository, logs: logs, stdout: full)
        let ending = run.finish(timeout: .seconds(60))
        #expect(!ending.signalled && ending.status == 2)
        #expect(run.stderrText == "eligo: cannot write standard output: \(String(cString: strerror(ENOSPC)))\n")
    }

    @Test(
        "a file size limit reached mid-run (ulimit -f) is exit 2 with the file named, and leaves nothing",
        // ThreadSanitizer's runtime itself dies of SIGBUS at start-up under a file size limit.
        .disabled(if: ProcessInfo.processInfo.environment["ELIGO_SANITIZER"] == "thread"))
    func fileTooLarge() throws {
        let (work, _, input) = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: work.deletingLastPathComponent()) }
        let out = work.appendingPathComponent("out.csv")
        let eligo = try BuiltProduct.executable(named: "eligo")
        // 64 blocks of 512 bytes: the limit is reached within the first rows.
        let run = try CommandRunner(executable: URL(fileURLWithPath: "/bin/sh")).run(
            ["-c", "ulimit -f 64 && exec \"$0\" \"$@\"", eligo.path, "batch", input.path, "--as-of", "2026-11-22", "--out", out.path,
             "--jobs", "1", "--chunk-size", "64", "--lang", "en"],
            in: Eligo.repository, timeout: .seconds(120))
        #expect(!run.wasSignalled && run.status == 2, "\(run.ending): \(run.stderrText)")
        #expect(run.stderrText == "eligo: cannot write \(out.path): \(String(cString: strerror(EFBIG)))\n")
        #expect(listing(work) == ["input.csv"])
    }

    struct Unwritable: Sendable, CustomTestStringConvertible {
        let name: String
        /// Arguments after the input, given the scratch folder.
        let options: @Sendable (URL) -> [String]
        /// The path the message names.
        let path: @Sendable (URL) -> String
        let errorNumber: Int32
        var testDescription: String { name }
    }

    @Test(
        "an --out or --summary that cannot be written is exit 2, naming the file and the reason, before any work",
        arguments: [
            Unwritable(name: "--out is a directory", options: { ["--out", $0.path] }, path: { $0.path }, errorNumber: EISDIR),
            Unwritable(
                name: "--out inside a regular file", options: { ["--out", $0.appendingPathComponent("file/out.csv").path] },
                path: { $0.appendingPathComponent("file/out.csv").path }, errorNumber: ENOTDIR),
            Unwritable(
                name: "--out in a missing folder", options: { ["--out", $0.appendingPathComponent("missing/out.csv").path] },
                path: { $0.appendingPathComponent("missing/out.csv").path }, errorNumber: ENOENT),
            Unwritable(
                name: "--summary is a directory", options: { ["--out", $0.appendingPathComponent("out.csv").path, "--summary", $0.path] },
                path: { $0.path }, errorNumber: EISDIR),
        ])
    func unwritable(_ target: Unwritable) throws {
        let (work, _, _) = try Self.workspace(copyPopulation: false)
        defer { try? FileManager.default.removeItem(at: work.deletingLastPathComponent()) }
        FileManager.default.createFile(atPath: work.appendingPathComponent("file").path, contents: Data())
        let run = try Eligo.run(
            ["batch", "\(Self.allocation)/applicants.csv", "--policies", Self.allocation, "--as-of", "2025-06-01", "--lang", "en"]
                + target.options(work), in: Eligo.repository)
        #expect(run.status == 2)
        #expect(run.stderrText == "eligo: cannot write \(target.path(work)): \(String(cString: strerror(target.errorNumber)))\n")
        #expect(run.stdout.isEmpty)
        #expect(listing(work) == ["file"])
    }

    // MARK: Inputs that change under the run

    @Test("an input truncated while it is read is exit 2, naming the file and the sizes; nothing is left at --out", arguments: ["1", "2"])
    func truncated(jobs: String) throws {
        let (work, logs, input) = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: work.deletingLastPathComponent()) }
        let size = try #require(try FileManager.default.attributesOfItem(atPath: input.path)[.size] as? Int)
        let run = try Self.runningBatch(input, out: work.appendingPathComponent("out.csv"), ["--jobs", jobs], logs: logs)
        #expect(truncate(input.path, 1000) == 0)
        let ending = run.finish()
        #expect(!ending.signalled && ending.status == 2, "\(ending): \(run.stderrText)")
        #expect(run.stderrText.contains("eligo: \(input.path) was truncated while it was being read: it held \(size) bytes when the run began"))
        #expect(run.stderrText.contains("the run stopped, since its decisions would be incomplete"))
        #expect(listing(work) == ["input.csv"])
    }

    @Test("an input deleted while it is read is read to its end from the open file, and the run says so")
    func deleted() throws {
        let (work, logs, input) = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: work.deletingLastPathComponent()) }
        let out = work.appendingPathComponent("out.csv")
        let run = try Self.runningBatch(input, out: out, ["--jobs", "2"], logs: logs)
        try FileManager.default.removeItem(at: input)
        let ending = run.finish()
        #expect(!ending.signalled && ending.status == 0, "\(ending): \(run.stderrText)")
        #expect(run.stderrText.contains(
            "eligo: warning: \(input.path) was deleted or moved away while it was being read; every record was read from the file as it was when the run began"))
        #expect(run.stderrText.contains("30000 records read (0 invalid)"))
        #expect(listing(work) == ["out.csv"])
    }

    @Test("an input replaced while it is read: the decisions are for the file that was opened, and the run says so")
    func replaced() throws {
        let (work, logs, input) = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: work.deletingLastPathComponent()) }
        let out = work.appendingPathComponent("out.csv")
        let run = try Self.runningBatch(input, out: out, ["--jobs", "2"], logs: logs)
        // An export job writes a new file and renames it over the old one.
        let newer = work.appendingPathComponent("newer.csv")
        try Data("id\nONLY-ONE\n".utf8).write(to: newer)
        #expect(rename(newer.path, input.path) == 0)
        let ending = run.finish()
        #expect(!ending.signalled && ending.status == 0, "\(ending): \(run.stderrText)")
        #expect(run.stderrText.contains("eligo: warning: \(input.path) was replaced by another file while it was being read"))
        #expect(run.stderrText.contains("30000 records read (0 invalid)"))
        #expect(listing(work) == ["input.csv", "out.csv"])
    }

    @Test("an --out that names the input replaces it when done, without a warning about the input changing")
    func outputOverInput() throws {
        let (work, _, _) = try Self.workspace(copyPopulation: false)
        defer { try? FileManager.default.removeItem(at: work.deletingLastPathComponent()) }
        let input = work.appendingPathComponent("applicants.csv")
        try FileManager.default.copyItem(at: Eligo.repository.appendingPathComponent("\(Self.allocation)/applicants.csv"), to: input)
        let run = try Eligo.run(
            ["batch", input.path, "--policies", Self.allocation, "--as-of", "2025-06-01", "--out", input.path, "--lang", "en"],
            in: Eligo.repository)
        #expect(run.status == 0)
        #expect(!run.stderrText.contains("warning"), "\(run.stderrText)")
        #expect(try String(contentsOf: input, encoding: .utf8).hasPrefix("input,record,line,applicant,"))
        #expect(listing(work) == ["applicants.csv"])
    }

    @Test("an input that cannot be read (a directory) is exit 2 with the reason")
    func unreadableInput() throws {
        let (work, _, _) = try Self.workspace(copyPopulation: false)
        defer { try? FileManager.default.removeItem(at: work.deletingLastPathComponent()) }
        let folder = work.appendingPathComponent("folder.csv")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        let run = try Eligo.run(
            ["batch", folder.path, "--policies", Self.allocation, "--as-of", "2025-06-01", "--out", work.appendingPathComponent("out.csv").path],
            in: Eligo.repository)
        #expect(run.status == 2)
        #expect(run.stderrText == "eligo: cannot read \(folder.path): \(String(cString: strerror(EISDIR)))\n")
        #expect(listing(work) == ["folder.csv"])
        // In Chinese, the system's reason too.
        let zh = try Eligo.run(
            ["batch", folder.path, "--policies", Self.allocation, "--as-of", "2025-06-01", "--lang", "zh", "--out", work.appendingPathComponent("out.csv").path],
            in: Eligo.repository)
        #expect(zh.status == 2)
        #expect(zh.stderrText == "eligo: 无法读取 \(folder.path)：这是一个目录\n")
        let missing = try Eligo.run(["check", work.appendingPathComponent("nope.yaml").path, "--policies", Self.allocation, "--lang", "zh"], in: Eligo.repository)
        #expect(missing.status == 2)
        #expect(missing.stderrText.contains("：文件或目录不存在"), "\(missing.stderrText)")
    }
}
