/// The bounds of spec §9 and the command-line options that raise them.
///
/// Every error for input over a limit names its option, so that someone with a
/// legitimate but unusual input knows what to change; the option names live here,
/// once, because the layers that find the problem (YAML, expressions, records) do
/// not know the command line.
public enum LimitFlag: String, Sendable, CaseIterable {
    case yamlBytes = "--max-yaml-bytes"
    case yamlDepth = "--max-yaml-depth"
    case aliasNodes = "--max-alias-nodes"
    case stringBytes = "--max-string-bytes"
    case expressionLength = "--max-expression-length"
    case expressionDepth = "--max-expression-depth"
    case lineBytes = "--max-line-bytes"
}

extension Message {
    /// The help under an error for input over a limit.
    public static func raiseLimit(_ flag: LimitFlag) -> Message {
        Message(
            id: "help.raise-limit", en: "if the input is legitimate, raise the limit with \(flag.rawValue)",
            zh: "如果输入确实需要，可以用 \(flag.rawValue) 提高上限")
    }
}

extension LimitFlag {
    /// The option a ``Message/raiseLimit(_:)`` help names; nil for any other help.
    public init?(help: Message) {
        guard let flag = Self.allCases.first(where: { Message.raiseLimit($0) == help }) else { return nil }
        self = flag
    }
}

extension Message {
    /// This message with the option that raises its limit, for where no help line is shown
    /// (the messages of an `invalid` decision), worded as the record readers word it.
    public func naming(_ flag: LimitFlag) -> Message {
        Message(id: id, en: "\(en) (\(flag.rawValue) raises it)", zh: "\(zh)（可用 \(flag.rawValue) 提高）")
    }
}
