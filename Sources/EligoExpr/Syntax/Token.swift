public import EligoDecimal

/// One lexical token of an expression, with its byte range in the expression text.
public struct Token: Sendable {
    public enum Kind: Sendable, Equatable {
        case number(ExactDecimal, isPercent: Bool)
        case string(String)
        case identifier(String)
        case keyword(Keyword)
        case punct(Punct)
        case endOfInput
    }

    public enum Keyword: String, Sendable, CaseIterable {
        case and, or, not, `in`, `true`, `false`
        case asOf = "as_of"
    }

    public enum Punct: String, Sendable {
        case lparen = "(", rparen = ")", lbracket = "[", rbracket = "]"
        case comma = ",", dot = "."
        case plus = "+", minus = "-", star = "*", slash = "/"
        case eq = "==", ne = "!=", lt = "<", le = "<=", gt = ">", ge = ">="
    }

    public var kind: Kind
    public var range: Range<Int>

    public init(kind: Kind, range: Range<Int>) {
        self.kind = kind
        self.range = range
    }
}

extension Token.Kind {
    /// How the token is written, for "expected …, found …" messages.
    var spelling: String {
        switch self {
        case .number: "number"
        case .string: "string"
        case .identifier(let name): "'\(name)'"
        case .keyword(let keyword): "'\(keyword.rawValue)'"
        case .punct(let punct): "'\(punct.rawValue)'"
        case .endOfInput: "end of expression"
        }
    }

    var spellingZh: String {
        switch self {
        case .number: "数字"
        case .string: "字符串"
        case .identifier(let name): "“\(name)”"
        case .keyword(let keyword): "“\(keyword.rawValue)”"
        case .punct(let punct): "“\(punct.rawValue)”"
        case .endOfInput: "表达式结尾"
        }
    }
}
