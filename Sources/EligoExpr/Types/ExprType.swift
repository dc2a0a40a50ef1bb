public import EligoDiagnostics

/// The static type of an expression, checked before anything runs.
///
/// `int`, `number` and `money` are all exact decimals at run time; the
/// distinction matters for checking (an int field given 720.5) and printing
/// (money shows two places), and follows §10: a value is money when an operand
/// is money, and money / money is a number.
public indirect enum ExprType: Sendable, Hashable, CustomStringConvertible {
    case bool
    case int
    case number
    case money
    case string
    case date
    case enumeration(EnumDomain)
    case list(ExprType)
    /// The type of something already reported as wrong; compatible with everything
    /// so that one mistake is reported once.
    case any

    public var isNumeric: Bool {
        switch self {
        case .int, .number, .money, .any: true
        default: false
        }
    }

    /// Strings and enums compare with each other.
    public var isTextual: Bool {
        switch self {
        case .string, .enumeration, .any: true
        default: false
        }
    }

    public var description: String { name(.en) }

    /// How the type is named in messages.
    public func name(_ language: Language) -> String {
        switch (self, language) {
        case (.bool, .en): "bool"
        case (.bool, .zh): "布尔值"
        case (.int, .en): "int"
        case (.int, .zh): "整数"
        case (.number, .en): "number"
        case (.number, .zh): "数值"
        case (.money, .en): "money"
        case (.money, .zh): "金额"
        case (.string, .en): "string"
        case (.string, .zh): "字符串"
        case (.date, .en): "date"
        case (.date, .zh): "日期"
        case (.enumeration(let domain), .en): "enum \(domain.name)"
        case (.enumeration(let domain), .zh): "枚举 \(domain.name)"
        case (.list(let element), .en): "list of \(element.name(.en))"
        case (.list(let element), .zh): ChineseLatinSpacing.spaced("\(element.name(.zh))列表")
        case (.any, .en): "any"
        case (.any, .zh): "任意"
        }
    }
}

/// The allowed values of an enum field, named after the field that declares them.
public struct EnumDomain: Sendable, Hashable {
    public let name: String
    public let values: [String]

    public init(name: String, values: [String]) {
        self.name = name
        self.values = values
    }
}
