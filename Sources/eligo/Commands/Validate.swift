import ArgumentParser
import EligoDiagnostics
import EligoEngine
import EligoExpr
import EligoYAML

/// `eligo validate [PATH…]`: every problem in the catalog and product files.
struct Validate: OptionChecked {
    static let configuration = CommandConfiguration(
        abstract: "Check policy files and report every problem with its line and column.",
        discussion: "检查策略文件,报告每个问题及其行号和列号。Exit status: 0 clean (warnings allowed), 1 errors found, 2 usage error or unreadable path.")

    @Argument(help: "Policy directories, catalogs or product files (default: --policies).")
    var paths: [String] = []

    @OptionGroup var policyOptions: PolicyOptions
    @OptionGroup var limitOptions: LimitOptions

    @Option(name: .long, help: "Output format: text or json.")
    var format: DiagnosticFormat = .text

    enum DiagnosticFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    func run() throws {
        let language = policyOptions.language
        let targets = paths.isEmpty ? [policyOptions.policies] : paths
        try PolicyCommand.requireExisting(targets, language: language)
        let diagnostics = PolicyLoader.validate(paths: targets, defaultDirectory: policyOptions.policies, limits: limitOptions.policyLimits)
        let sorted = diagnostics.sorted
        switch format {
        case .json:
            Terminal.write(DiagnosticJSON.render(sorted, language: language))
        case .text:
            let formatter = DiagnosticFormatter(language: language, colour: Terminal.wantsColour(forStdout: true))
            Terminal.write(formatter.format(sorted))
            Terminal.writeError(formatter.summary(errors: diagnostics.errorCount, warnings: diagnostics.warningCount) + "\n")
        }
        if diagnostics.hasErrors { throw ExitCode(1) }
    }
}
