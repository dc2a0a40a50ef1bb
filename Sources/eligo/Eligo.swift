import ArgumentParser
import EligoDiagnostics
import Foundation

/// The `eligo` command: a thin shell over the engine library.
@main
struct Eligo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eligo",
        abstract: localized("Eligibility rules engine for loan and subsidy programmes.", zh: "贷款与补贴项目的资格规则引擎。"),
        discussion: localized(
            "Decides which loan, grant, subsidy and insurance programmes an applicant qualifies for, and explains every decision.",
            zh: "评估申请人是否符合贷款、补助、补贴、保险项目，并解释每个决定。"),
        version: "0.1.0",
        subcommands: [Check.self, Batch.self, Validate.self, Test.self, Products.self, Generate.self]
    )

    /// Usage errors exit with 2, as the CLI contract says (ArgumentParser would use 64).
    ///
    /// Option values that eligo checks itself (``OptionChecked``) are checked here, after parsing,
    /// so that their message speaks the chosen language.
    static func main() {
        do {
            var arguments = Array(CommandLine.arguments.dropFirst())
            // `eligo help batch --lang zh`: the parser's `help` takes no options, and the
            // language is already read from the raw arguments (``helpLanguage``).
            if arguments.first == "help" { arguments = ParserErrorText.withoutLanguage(arguments) }
            var command = try parseAsRoot(arguments)
            if let checked = command as? any OptionChecked, let problem = checked.anyOptionProblem {
                let language = checked.policyOptions.language
                let subcommand = type(of: command)
                let message = Message.usageError(
                    problem.text(language), usage: usageString(for: subcommand), command: "\(_commandName) \(subcommand._commandName)")
                Terminal.writeError(message.text(language) + "\n")
                exit(withError: ExitCode(2))
            }
            try command.run()
        } catch {
            if exitCode(for: error) == .success, helpLanguage == .zh {
                // Help (`--help`, `eligo help check`): the parser's own headings in the language asked for.
                print(ParserErrorText.localizedHelp(fullMessage(for: error), language: helpLanguage))
                exit(withError: ExitCode.success)
            }
            if exitCode(for: error) == .validationFailure {
                let language = ParserErrorText.language(arguments: CommandLine.arguments, environment: ProcessInfo.processInfo.environment)
                Terminal.writeError(ParserErrorText.localized(fullMessage(for: error), language: language) + "\n")
                exit(withError: ExitCode(2))
            }
            exit(withError: error)
        }
    }
}

