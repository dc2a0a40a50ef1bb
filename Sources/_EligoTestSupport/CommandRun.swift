import Foundation

/// One finished run of a command: what it printed, how it ended, how long it took.
public struct CommandRun: Sendable {
    public var arguments: [String]
    public var stdout: Data
    public var stderr: Data
    /// The exit status, or the number of the signal that ended the process (see ``wasSignalled``).
    public var status: Int32
    /// The process was ended by a signal (a crash, or the timeout's kill).
    public var wasSignalled: Bool
    /// The process outlived its time limit and was killed; its output is whatever it wrote before.
    public var timedOut: Bool
    /// Wall-clock time from launch to exit.
    public var duration: Duration

    /// Standard output as text; invalid UTF-8 is shown as U+FFFD rather than lost.
    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }

    /// How the process ended, for failure messages: "exit 1", "signal 9 (timed out after 20 s)".
    public var ending: String {
        if timedOut { return "killed after its time limit (signal \(status))" }
        return wasSignalled ? "ended by signal \(status)" : "exit \(status)"
    }
}

/// Runs an executable to completion with captured output and a time limit.
///
/// Tests must never hang CI: a child that outlives `timeout` gets SIGTERM, then
/// SIGKILL a second later, and the run comes back with ``CommandRun/timedOut``
/// set. Both output pipes are drained while the child runs, so a chatty child
/// cannot block on a full pipe.
public struct CommandRunner: Sendable {
    public var executable: URL
    /// The environment every run starts from; ``run(_:in:environment:stdin:timeout:)`` adds to it.
    public var environment: [String: String]

    /// What every run of `eligo` in the tests sees unless it asks otherwise: the C
    /// locale (so the default language is English), no colour, and no Swift crash
    /// backtracer, which would hold a crashing child's pipes open for many seconds.
    public static let quietEnvironment: [String: String] = [
        "LANG": "C",
        "LC_ALL": "C",
        "NO_COLOR": "1",
        "SWIFT_BACKTRACE": "enable=no",
    ]

    /// A runner for `executable`, inheriting this process's environment with ``quietEnvironment`` on top.
    public init(executable: URL, environment: [String: String]? = nil) {
        self.executable = executable
        self.environment = environment
            ?? ProcessInfo.processInfo.environment.merging(Self.quietEnvironment) { _, quiet in quiet }
    }

    /// Runs the executable once.
    ///
    /// - Parameters:
    ///   - arguments: The arguments, without the executable itself.
    ///   - directory: The working directory; relative paths in `arguments` are resolved from it.
    ///   - environment: Variables to set (or override) for this run only.
    ///   - stdin: Bytes to feed to standard input, which is then closed; `nil` connects it to /dev/null.
    ///   - timeout: How long the child may run before it is killed.
    /// - Throws: When the process cannot be started at all.
    public func run(
        _ arguments: [String], in directory: URL? = nil, environment extra: [String: String] = [:], stdin: Data? = nil,
        timeout: Duration = .seconds(20)
    ) throws -> CommandRun {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment.merging(extra) { _, new in new }
        if let directory { process.currentDirectoryURL = directory }

        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let input: Pipe? = stdin == nil ? nil : Pipe()
        process.standardInput = input ?? FileHandle.nullDevice

        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        let captured = Captured()
        let readers = DispatchGroup()
        let clock = ContinuousClock()
        let start = clock.now
        try process.run()

        DispatchQueue.global().async(group: readers) {
            captured.setStdout(output.fileHandleForReading.readDataToEndOfFile())
        }
        DispatchQueue.global().async(group: readers) {
            captured.setStderr(errors.fileHandleForReading.readDataToEndOfFile())
        }
        if let input, let stdin {
            DispatchQueue.global().async(group: readers) {
                // A child that exits without reading gives EPIPE here; that is its business.
                try? input.fileHandleForWriting.write(contentsOf: stdin)
                try? input.fileHandleForWriting.close()
            }
        }

        var timedOut = false
        if exited.wait(timeout: .now() + timeout.timeInterval) == .timedOut {
            timedOut = true
            process.terminate()
            if exited.wait(timeout: .now() + 1) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                exited.wait()
            }
        }
        let duration = clock.now - start
        // The pipes reach end of file once the child (and anything it started) has closed them.
        if readers.wait(timeout: .now() + 5) == .timedOut {
            timedOut = true
        }
        return CommandRun(
            arguments: arguments, stdout: captured.stdout, stderr: captured.stderr,
            status: process.terminationStatus, wasSignalled: process.terminationReason == .uncaughtSignal,
            timedOut: timedOut, duration: duration)
    }
}

/// The two output buffers, written by the reader threads and read after they finish.
private final class Captured: @unchecked Sendable {
    private let lock = NSLock()
    private var out = Data()
    private var err = Data()

    func setStdout(_ data: Data) { lock.withLock { out = data } }
    func setStderr(_ data: Data) { lock.withLock { err = data } }
    var stdout: Data { lock.withLock { out } }
    var stderr: Data { lock.withLock { err } }
}

extension Duration {
    /// Seconds as a floating-point number, for Dispatch and for messages.
    public var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }

    /// "0.084 s".
    public var secondsText: String {
        String(format: "%.3f s", timeInterval)
    }
}
