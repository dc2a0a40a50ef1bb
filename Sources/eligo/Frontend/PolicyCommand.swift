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
        let (policies, diagnostics) = PolicyLoader.load(directory: directory, limits: limits.policyLimits)
        if !diagnostics.isEmpty {
            let formatter = DiagnosticFormatter(language: language, colour: Terminal.wantsColour(forStdout: false))
            Terminal.writeError(formatter.format(diagnostics.sorted))
        }
        return policies
    }
}
