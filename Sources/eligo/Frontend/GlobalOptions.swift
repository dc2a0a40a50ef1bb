import ArgumentParser
import EligoDiagnostics
import Foundation

/// Options every subcommand shares (cli.md): where the policies are and which language to speak.
struct PolicyOptions: ParsableArguments {
    @Option(name: .long, help: "The policy directory (fields.yaml and product files).")
    var policies: String = "Policies"

    @Option(name: .long, help: "Language of messages: zh or en (default: from LANG).")
    var lang: LanguageOption?

    var language: Language {
        if let lang { return lang.language }
        return Language(locale: ProcessInfo.processInfo.environment["LANG"])
    }
}

enum LanguageOption: String, ExpressibleByArgument, CaseIterable {
    case zh, en

    var language: Language { self == .zh ? .zh : .en }
}

/// The bounds of §9, overridable for unusual but legitimate inputs; every error for input
/// over one of them names its option (see `LimitFlag`). Each must be positive (see ``problem``).
struct LimitOptions: ParsableArguments {
    @Option(name: .long, help: "Largest YAML document, in bytes: a policy file, an applicant file of check, a document of a batch YAML stream.")
    var maxYamlBytes: Int = 8 << 20

    @Option(name: .long, help: "Deepest nesting of YAML sequences and mappings (and of arrays and objects in JSONL records).")
    var maxYamlDepth: Int = 64

    @Option(name: .long, help: "Most nodes that YAML aliases may add by expanding, per document.")
    var maxAliasNodes: Int = 10_000

    @Option(name: .long, help: "Longest string value, in bytes (YAML values, record cells and strings).")
    var maxStringBytes: Int = 64 << 10

    @Option(name: .long, help: "Longest expression, in characters.")
    var maxExpressionLength: Int = 4096

    @Option(name: .long, help: "Deepest expression nesting.")
    var maxExpressionDepth: Int = 64
}
