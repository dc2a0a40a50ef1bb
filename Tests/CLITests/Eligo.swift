import Foundation
import _EligoTestSupport

/// The built `eligo` and the repository's test data, located without any machine path.
enum Eligo {
    /// The repository root: three levels above this file (`Tests/CLITests/Eligo.swift`).
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let fixtures = repository.appendingPathComponent("Tests/Fixtures")

    /// Under `scripts/sanitize` every run of `eligo` is many times slower (ThreadSanitizer
    /// most), so the time bounds below grow by this factor.
    static let slowdown = ProcessInfo.processInfo.environment["ELIGO_SANITIZER"] == nil ? 1 : 15

    /// The processor seconds a run that must not do much work may use (§9: a refusal after
    /// reading no more than a limit, a nesting bound that stops a parser early). The spec
    /// promises well under a second; the bound leaves room for a debug build. It is checked
    /// on ``MeasuredRun/cpuSeconds``: the wall clock of a child competing with a whole
    /// parallel test run under a sanitizer says more about the machine than about eligo.
    static let boundedWork = 5.0 * Double(slowdown)

    /// A run that takes this long is killed.
    static let timeout = Duration.seconds(20) * slowdown

    static func runner() throws -> CommandRunner {
        CommandRunner(executable: try BuiltProduct.executable(named: "eligo"))
    }

    /// A new, empty directory for one test's files; the test removes it.
    static func scratch(_ prefix: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A policy directory in `scratch`: `fields.yaml` holding `fields` (the catalog's entries,
    /// one per line, without the `fields:` key) and one product file, `p/product.yaml`.
    static func policies(in scratch: URL, fields: [String], product: String) throws -> URL {
        let root = scratch.appendingPathComponent("policies")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("p"), withIntermediateDirectories: true)
        let catalog = "fields:\n" + fields.map { "  " + $0 + "\n" }.joined()
        try Data(catalog.utf8).write(to: root.appendingPathComponent("fields.yaml"))
        try Data(product.utf8).write(to: root.appendingPathComponent("p/product.yaml"))
        return root
    }

    /// Runs `eligo` with the quiet test environment (LANG=C, NO_COLOR=1).
    static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:], stdin: Data? = nil) throws -> CommandRun {
        try runner().run(arguments, in: directory, environment: environment, stdin: stdin, timeout: timeout)
    }

    /// A repository-relative path for messages: `Tests/Fixtures/broken/05-…/expected.txt`.
    static func relative(_ url: URL) -> String {
        let root = repository.standardizedFileURL.path + "/"
        let path = url.standardizedFileURL.path
        return path.hasPrefix(root) ? String(path.dropFirst(root.count)) : path
    }
}

/// How a run is written in a golden `expected.txt`: the exit status on the
/// first line, then standard output and standard error, each under a marker line.
///
/// ```
/// exit: 1
/// --- stdout
/// 05-unknown-top-level-key/zuoquan/pv-loan.yaml:12:1: error: unknown key 'eligibilty' in the product
/// …
/// --- stderr
/// 1 error, 0 warnings
/// ```
enum Transcript {
    static func of(_ run: CommandRun) -> String {
        let status = run.wasSignalled ? "signal: \(run.status)" : "exit: \(run.status)"
        return status + "\n--- stdout\n" + section(run.stdoutText) + "--- stderr\n" + section(run.stderrText)
    }

    private static func section(_ text: String) -> String {
        text.isEmpty || text.hasSuffix("\n") ? text : text + "\n\\ no newline at end\n"
    }
}
