import ArgumentParser
import EligoDiagnostics

/// A command whose option values eligo checks itself, once ArgumentParser has parsed them.
///
/// ArgumentParser's `validate()` cannot speak the user's language: it takes a plain string and
/// prints it in an English frame. These checks therefore live in ``optionProblem()``, which
/// `Eligo.main()` calls after parsing and before `run()`; the problem is printed in the language
/// that `--lang` (or `LANG`) chose, with the usage line, and the command exits with status 2
/// like every other usage error (cli.md).
protocol OptionChecked: ParsableCommand {
    var policyOptions: PolicyOptions { get }
    var limitOptions: LimitOptions { get }

    /// The first problem with this command's own options, or `nil` when they are fine.
    func optionProblem() -> Message?
}

extension OptionChecked {
    /// The first problem with the options' values: the limits every command shares, then its own.
    var anyOptionProblem: Message? { limitOptions.problem ?? optionProblem() }

    func optionProblem() -> Message? { nil }
}

extension LimitOptions {
    /// A limit that is not a positive number, or a depth over its ceiling; `nil` when they are fine.
    var problem: Message? {
        for (name, value) in [
            ("--max-yaml-bytes", maxYamlBytes), ("--max-yaml-depth", maxYamlDepth), ("--max-alias-nodes", maxAliasNodes),
            ("--max-string-bytes", maxStringBytes), ("--max-expression-length", maxExpressionLength),
            ("--max-expression-depth", maxExpressionDepth),
        ] where value <= 0 {
            return .optionNotPositive(name)
        }
        for (name, value) in [("--max-yaml-depth", maxYamlDepth), ("--max-expression-depth", maxExpressionDepth)]
        where value > Self.depthCeiling {
            return .optionAboveCeiling(name, Self.depthCeiling)
        }
        return nil
    }
}

extension Message {
    /// A usage error as ArgumentParser frames its own: the problem, the command's usage line,
    /// and where to read more.
    ///
    /// - Parameters:
    ///   - problem: The problem, already in the language of the frame.
    ///   - usage: The command's synopsis (`eligo check [<options>] <files> ...`).
    ///   - command: The command as typed (`eligo check`).
    static func usageError(_ problem: String, usage: String, command: String) -> Message {
        Message(
            id: "usage.error",
            en: "Error: \(problem)\nUsage: \(usage)\n  See '\(command) --help' for more information.",
            zh: "错误：\(problem)\n用法：\(usage)\n  运行 '\(command) --help' 查看更多信息。")
    }

    static func optionNotADate(_ option: String, _ value: String) -> Message {
        Message(
            id: "option.not-a-date", en: "\(option) must be a real date as YYYY-MM-DD, not '\(value)'",
            zh: "\(option) 必须是 YYYY-MM-DD 格式的真实日期，而不是 '\(value)'")
    }

    static func optionNotPositive(_ option: String) -> Message {
        Message(id: "option.not-positive", en: "\(option) must be a positive number", zh: "\(option) 必须是正数")
    }

    static func optionAboveCeiling(_ option: String, _ ceiling: Int) -> Message {
        Message(id: "option.above-ceiling", en: "\(option) must be at most \(ceiling)", zh: "\(option) 不能超过 \(ceiling)")
    }

    static func optionBelowOne(_ option: String) -> Message {
        Message(id: "option.below-one", en: "\(option) must be at least 1", zh: "\(option) 至少为 1")
    }

    static func optionNegative(_ option: String) -> Message {
        Message(id: "option.negative", en: "\(option) must not be negative", zh: "\(option) 不能为负数")
    }

    static func optionNotAShare(_ option: String) -> Message {
        Message(id: "option.not-a-share", en: "\(option) must be between 0 and 1", zh: "\(option) 必须在 0 到 1 之间")
    }
}
