import ArgumentParser
import EligoDiagnostics
import EligoEngine
import EligoExpr
import EligoYAML

/// `eligo validate [PATH…]`: every problem in the catalog and product files.
struct Validate: OptionChecked {
    static let configuration = CommandConfiguration(
        abstract: localized("Check policy files and report every problem with its line and column.", zh: "检查政策文件，报告每个问题及其行号和列号。"),
        discussion: localized(
            "Exit status: 0 clean (warnings allowed), 1 errors found, 2 usage error or unreadable path.",
            zh: "退出状态：0 没有错误（可有警告），1 发现错误，2 用法错误或路径无法读取。"))

    @Argument(help: .text("Policy directories, catalogs or product files (default: --policies).", zh: "政策目录、字段目录文件或产品文件（默认：--policies）。"))
    var paths: [String] = []

    @OptionGroup var policyOptions: PolicyOptions
    @OptionGroup var limitOptions: LimitOptions

    @Option(name: .long, help: .text("Output format: text or json.", zh: "输出格式：text 或 json。"))
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
