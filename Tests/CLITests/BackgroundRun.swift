import Foundation
import _EligoTestSupport

/// A run of the built `eligo` that a test acts on while it runs: signals it, or
/// changes its files. Output goes to files (no pipes to drain), and every wait is
/// bounded, so a test never hangs whatever the child does.
final class BackgroundRun {
    let process = Process()
    let stdoutURL: URL
    let stderrURL: URL

    /// Starts `eligo` with the quiet test environment; its output is kept in `logs`.
    init(_ arguments: [String], in directory: URL, logs: URL, stdout: FileHandle? = nil) throws {
        stdoutURL = logs.appendingPathComponent("stdout-\(UUID().uuidString).txt")
        stderrURL = logs.appendingPathComponent("stderr-\(UUID().uuidString).txt")
        FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        process.executableURL = try BuiltProduct.executable(named: "eligo")
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(CommandRunner.quietEnvironment) { _, quiet in quiet }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try stdout ?? FileHandle(forWritingTo: stdoutURL)
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }

    /// Polls `condition` every 10 ms until it holds, the process ends, or `timeout` passes.
    ///
    /// - Returns: Whether `condition` held while the process was still running.
    @discardableResult
    func waitWhileRunning(until condition: () -> Bool, timeout: Duration = .seconds(60)) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if condition() { return process.isRunning }
            if !process.isRunning { return false }
            usleep(10_000)
        }
        return false
    }

    /// How the process ended.
    struct Ending {
        var status: Int32
        var signalled: Bool
        var timedOut: Bool
    }

    /// Waits for the process to end; after `timeout` it is killed and the ending says so.
    func finish(timeout: Duration = .seconds(300)) -> Ending {
        let deadline = ContinuousClock.now + timeout
        var timedOut = false
        while process.isRunning {
            if ContinuousClock.now >= deadline {
                timedOut = true
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                break
            }
            usleep(10_000)
        }
        process.waitUntilExit()
        return Ending(status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal, timedOut: timedOut)
    }

    var stdoutText: String { (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? "" }
    var stderrText: String { (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }
}

/// Names in a directory, sorted; hidden ones included.
func listing(_ directory: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
}
