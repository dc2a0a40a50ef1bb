import Foundation
import _EligoTestSupport

/// A run of the built `eligo` whose cost is measured from what `wait4(2)` reports for that
/// one child: the resident set's high-water mark (`ru_maxrss`) and the processor time it
/// used (`ru_utime` + `ru_stime`). Other tests running at the same time count in neither,
/// which is why a bound on work is checked on ``cpuSeconds`` and not on the wall clock,
/// which a loaded machine stretches at will. Output goes to files; the wait is bounded.
struct MeasuredRun {
    var status: Int32
    var signalled: Bool
    var peakMemoryMiB: Int
    /// Wall-clock seconds, for messages.
    var seconds: Double
    /// Processor seconds the child used, in user and kernel mode.
    var cpuSeconds: Double
    var stdoutText: String
    var stderrText: String

    /// "A few hundred MiB" (spec §9's promise, as the issue puts it); sanitizers add their
    /// shadow memory and quarantine, so `scripts/sanitize` (which sets `ELIGO_SANITIZER`) allows more.
    static var memoryBound: Int { ProcessInfo.processInfo.environment["ELIGO_SANITIZER"] == nil ? 300 : 1500 }

    struct SpawnFailed: Error, CustomStringConvertible {
        let code: Int32
        var description: String { "posix_spawn failed: \(String(cString: strerror(code)))" }
    }

    static func run(_ arguments: [String], in directory: URL, timeout: Duration = .seconds(120) * Eligo.slowdown) throws -> MeasuredRun {
        let logs = FileManager.default.temporaryDirectory.appendingPathComponent("eligo-measured-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: logs) }
        let out = logs.appendingPathComponent("stdout").path
        let err = logs.appendingPathComponent("stderr").path
        let eligo = try BuiltProduct.executable(named: "eligo").path
        // The shell sets up the folder and the redirections, then becomes eligo (exec): the same process.
        let script = "cd \"$1\" && shift && exec \"$@\" </dev/null >\"\(out)\" 2>\"\(err)\""
        let argv = ["/bin/sh", "-c", script, "sh", directory.path, eligo] + arguments
        let environment = ProcessInfo.processInfo.environment.merging(CommandRunner.quietEnvironment) { _, quiet in quiet }
        let envp = environment.map { "\($0.key)=\($0.value)" }

        var cArguments = argv.map { strdup($0) } + [nil]
        var cEnvironment = envp.map { strdup($0) } + [nil]
        defer {
            for pointer in cArguments { free(pointer) }
            for pointer in cEnvironment { free(pointer) }
        }
        var pid: pid_t = 0
        let clock = ContinuousClock()
        let start = clock.now
        let code = posix_spawn(&pid, "/bin/sh", nil, nil, &cArguments, &cEnvironment)
        guard code == 0 else { throw SpawnFailed(code: code) }

        var status: Int32 = 0
        var usage = rusage()
        let deadline = start + timeout
        while true {
            let done = wait4(pid, &status, WNOHANG, &usage)
            if done == pid { break }
            if done < 0, errno != EINTR { break }
            if clock.now >= deadline {
                kill(pid, SIGKILL)
                _ = wait4(pid, &status, 0, &usage)
                break
            }
            usleep(10_000)
        }
        let elapsed = clock.now - start
        let signal = status & 0x7F
        return MeasuredRun(
            status: signal == 0 ? (status >> 8) & 0xFF : signal, signalled: signal != 0,
            peakMemoryMiB: Int(usage.ru_maxrss) / 1024, seconds: elapsed.timeInterval,
            cpuSeconds: Self.seconds(usage.ru_utime) + Self.seconds(usage.ru_stime),
            stdoutText: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
            stderrText: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }

    private static func seconds(_ time: timeval) -> Double {
        Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000
    }

    /// "1.234 s of processor time (5.678 s on the clock)".
    var costText: String {
        String(format: "%.3f s of processor time (%.3f s on the clock)", cpuSeconds, seconds)
    }
}
