import ArgumentParser
import EligoDiagnostics
import Foundation

/// The language of `--help`, of usage lines and of every option's help.
///
/// ArgumentParser builds its help texts before `--lang` is parsed, so they take the language
/// from the raw command line (`--lang zh`, else `LANG`), as the parser's own errors do
/// (``ParserErrorText``). A global `let`: computed once, on first use, from values that do
/// not change while the process runs.
let helpLanguage = ParserErrorText.language(arguments: CommandLine.arguments, environment: ProcessInfo.processInfo.environment)

/// A command's abstract or discussion in the command line's language.
func localized(_ en: String, zh: String) -> String {
    helpLanguage == .zh ? zh : en
}

extension ArgumentHelp {
    /// An option's or argument's help in the command line's language.
    static func text(_ en: String, zh: String, valueName: String? = nil) -> ArgumentHelp {
        ArgumentHelp(localized(en, zh: zh), valueName: valueName)
    }
}
