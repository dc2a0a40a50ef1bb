import ArgumentParser
import EligoDiagnostics
import Foundation

/// Options every subcommand shares (cli.md): where the policies are and which language to speak.
struct PolicyOptions: ParsableArguments {
    @Option(name: .long, help: .text("The policy directory (fields.yaml and product files).", zh: "政策目录（fields.yaml 和产品文件）。"))
    var policies: String = "Policies"

    @Option(name: .long, help: .text("Language of messages: zh or en (default: from LANG).", zh: "信息语言：zh 或 en（默认：取自 LANG）。"))
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
    /// The most a nesting depth may be raised to. YAML nodes and expressions are read, checked
    /// and evaluated by recursion, and a few thousand levels would overflow a thread's stack:
    /// a crash where §9 promises a clear error. A thousand levels keep well inside 8 MiB
    /// (expressions 1,000 deep, and chains of 4,000 operators, were run through every command).
    static let depthCeiling = 1000

    @Option(name: .long, help: .text("Largest YAML document, in bytes: a policy file, an applicant file of check, a document of a batch YAML stream.", zh: "YAML 文档的最大字节数：政策文件、check 的申请人文件、batch 的 YAML 流中的一个文档。"))
    var maxYamlBytes: Int = 8 << 20

    @Option(name: .long, help: .text("Deepest nesting of YAML sequences and mappings (and of arrays and objects in JSONL records); at most 1000.", zh: "YAML 序列和映射（以及 JSONL 记录中数组和对象）的最大嵌套深度；不超过 1000。"))
    var maxYamlDepth: Int = 64

    @Option(name: .long, help: .text("Most nodes that YAML aliases may add by expanding, per document.", zh: "每个文档中 YAML 别名展开最多可增加的节点数。"))
    var maxAliasNodes: Int = 10_000

    @Option(name: .long, help: .text("Longest string value, in bytes (YAML values, record cells and strings).", zh: "字符串值的最大字节数（YAML 值、记录单元格和字符串）。"))
    var maxStringBytes: Int = 64 << 10

    @Option(name: .long, help: .text("Longest expression, in characters.", zh: "表达式的最大字符数。"))
    var maxExpressionLength: Int = 4096

    @Option(name: .long, help: .text("Deepest expression nesting; at most 1000.", zh: "表达式的最大嵌套深度；不超过 1000。"))
    var maxExpressionDepth: Int = 64
}
