import ArgumentParser
import EligoDiagnostics
import EligoEngine

/// Loading the policies for commands that evaluate: problems are printed, and
/// a policy set with errors stops the command with exit status 1 (cli.md).
enum PolicyCommand {
    static func load(_ directory: String, options: PolicyOptions, limits: LimitOptions) throws -> PolicySet? {
        let language = options.language
        guard FileSystemCheck.exists(directory) else {
            Terminal.writeError(language == .zh ? "eligo: 找不到策略目录 \(directory)\n" : "eligo: no such policy directory: \(directory)\n")
            throw ExitCode(2)
        }
        return report(PolicyLoader.load(directory: directory, limits: limits.policyLimits), language: language)
    }

    /// Loads what one path named on the command line stands for (a directory, a catalog or
    /// product files; see ``PolicyLoader/sources(for:defaultDirectory:)``), printing its problems.
    static func load(_ source: PolicySource, options: PolicyOptions, limits: LimitOptions) -> PolicySet? {
        report(PolicyLoader.load(source, limits: limits.policyLimits), language: options.language)
    }

    /// Ends the command with status 2 when one of `paths` does not exist.
    static func requireExisting(_ paths: [String], language: Language) throws {
        for path in paths where !FileSystemCheck.exists(path) {
            Terminal.writeError("eligo: " + Message.noSuchPath(path).text(language) + "\n")
            throw ExitCode(2)
        }
    }

    private static func report(_ loaded: (PolicySet?, Diagnostics), language: Language) -> PolicySet? {
        let (policies, diagnostics) = loaded
        if !diagnostics.isEmpty {
            let formatter = DiagnosticFormatter(language: language, colour: Terminal.wantsColour(forStdout: false))
            Terminal.writeError(formatter.format(diagnostics.sorted))
        }
        return policies
    }
}

extension Message {
    static func noSuchPath(_ path: String) -> Message {
        Message(id: "path.missing", en: "no such file or directory: \(path)", zh: "找不到路径 \(path)")
    }
}
