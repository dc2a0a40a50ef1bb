public import EligoDiagnostics

/// Messages of the type checker and the satisfiability check.
extension Message {
    static func exprUnknownName(_ name: String) -> Message {
        Message(id: "expr.unknown-name", en: "unknown field or let '\(name)'", zh: "未知的字段或 let 名称“\(name)”")
    }

    static func exprLetUsedEarly(_ name: String) -> Message {
        Message(
            id: "expr.let-used-early", en: "let '\(name)' is defined later; a let may use only the lets defined before it",
            zh: "let 值“\(name)”在后面才定义；let 只能使用在它之前定义的 let")
    }

    static func exprLetUsesItself(_ name: String) -> Message {
        Message(
            id: "expr.let-uses-itself", en: "let '\(name)' cannot use itself; a let may use only the lets defined before it",
            zh: "let 值“\(name)”不能使用它自己；let 只能使用在它之前定义的 let")
    }

    static func exprMoveLetUp(_ name: String) -> Message {
        Message(id: "help.move-let-up", en: "move '\(name)' above the let that uses it", zh: "把“\(name)”移到使用它的 let 之前")
    }

    static func exprLetDefinedHere(_ name: String) -> Message {
        Message(id: "note.let-defined-here", en: "'\(name)' is defined here", zh: "“\(name)”定义于此")
    }

    static func exprLetInAppliesTo(_ name: String) -> Message {
        Message(id: "expr.let-in-applies-to", en: "'applies_to' may read fields only, not the let '\(name)'", zh: "applies_to 只能读取字段，不能使用 let 值“\(name)”")
    }

    static func exprUnknownFunction(_ name: String) -> Message {
        Message(id: "expr.unknown-function", en: "unknown function '\(name)'", zh: "未知函数“\(name)”")
    }

    static func knownFunctions(_ names: [String]) -> Message {
        let list = names.joined(separator: ", ")
        return Message(id: "help.known-functions", en: "the functions are: \(list)", zh: "可用的函数：\(list)")
    }

    public static func didYouMean(_ name: String) -> Message {
        Message(id: "help.did-you-mean", en: "did you mean '\(name)'?", zh: "是否想写“\(name)”？")
    }

    static func exprArity(_ function: Builtin, found: Int) -> Message {
        Message(
            id: "expr.arity",
            en: "'\(function.rawValue)' takes \(describe(function.arity, en: true)), but \(found) \(found == 1 ? "was" : "were") given",
            zh: ChineseLatinSpacing.spaced("“\(function.rawValue)”需要\(describe(function.arity, en: false))，实际给了 \(found) 个"))
    }

    static func exprSynopsis(_ function: Builtin) -> Message {
        Message(id: "help.synopsis", en: "usage: \(function.synopsis)", zh: "用法：\(function.synopsis)")
    }

    private static func describe(_ arity: ClosedRange<Int>, en: Bool) -> String {
        if arity.upperBound == Int.max {
            return en ? "\(arity.lowerBound) or more arguments" : "至少 \(arity.lowerBound) 个参数"
        }
        if arity.lowerBound == arity.upperBound {
            return en ? "\(arity.lowerBound) argument\(arity.lowerBound == 1 ? "" : "s")" : "\(arity.lowerBound) 个参数"
        }
        return en ? "\(arity.lowerBound) or \(arity.upperBound) arguments" : "\(arity.lowerBound) 或 \(arity.upperBound) 个参数"
    }

    static func exprOperandTypes(_ op: String, _ lhs: ExprType, _ rhs: ExprType) -> Message {
        Message(
            id: "expr.operand-types", en: "'\(op)' cannot combine \(lhs.name(.en)) and \(rhs.name(.en))",
            zh: ChineseLatinSpacing.spaced("“\(op)”不能用于\(lhs.name(.zh))和\(rhs.name(.zh))"))
    }

    static func exprOperandType(_ op: String, expected: String, expectedZh: String, found: ExprType) -> Message {
        Message(
            id: "expr.operand-type", en: "'\(op)' needs \(expected), found \(found.name(.en))",
            zh: ChineseLatinSpacing.spaced("“\(op)”需要\(expectedZh)，实际为\(found.name(.zh))"))
    }

    static func exprCompare(_ lhs: ExprType, _ rhs: ExprType) -> Message {
        Message(
            id: "expr.compare-types", en: "cannot compare \(lhs.name(.en)) with \(rhs.name(.en))",
            zh: ChineseLatinSpacing.spaced("不能比较\(lhs.name(.zh))与\(rhs.name(.zh))"))
    }

    static func exprUnquoteNumber(_ text: String) -> Message {
        Message(id: "help.unquote-number", en: "\"\(text)\" is a string; write the number without quotes: \(text)", zh: "“\(text)”是字符串；数字不加引号，写作 \(text)")
    }

    static func exprUseDateFunction(_ text: String) -> Message {
        Message(id: "help.date-literal", en: "\"\(text)\" is a string; write a date as date(\"\(text)\")", zh: "“\(text)”是字符串；日期写作 date(\"\(text)\")")
    }

    static let exprNoDateArithmetic = Message(
        id: "help.no-date-arithmetic",
        en: "dates cannot be added to or subtracted from; compare age(d), years_between, months_between or days_between instead",
        zh: "日期不能做加减运算；请改为比较 age(d)、years_between、months_between 或 days_between 的结果")

    static func exprOrdering(_ op: String, _ type: ExprType) -> Message {
        Message(
            id: "expr.ordering", en: "'\(op)' applies to numbers and dates only, not \(type.name(.en))",
            zh: ChineseLatinSpacing.spaced("“\(op)”只能用于数值和日期，不能用于\(type.name(.zh))"))
    }

    static func exprEnumValue(_ value: String, _ domain: EnumDomain) -> Message {
        Message(
            id: "expr.enum-value", en: "\"\(value)\" is not a value of \(domain.name) (\(domain.values.joined(separator: ", ")))",
            zh: "“\(value)”不是 \(domain.name) 的取值（\(domain.values.joined(separator: ", "))）")
    }

    static func exprArgumentType(_ function: Builtin, _ index: Int, expected: String, expectedZh: String, found: ExprType) -> Message {
        Message(
            id: "expr.argument-type", en: "argument \(index) of '\(function.rawValue)' must be \(expected), found \(found.name(.en))",
            zh: ChineseLatinSpacing.spaced("“\(function.rawValue)”的第 \(index) 个参数应为\(expectedZh)，实际为\(found.name(.zh))"))
    }

    static let exprDateLiteral = Message(
        id: "expr.date-literal", en: "date() takes a string literal such as \"2025-01-31\"", zh: "date() 需要字符串字面量，例如 \"2025-01-31\"")

    static func exprBadDate(_ text: String) -> Message {
        Message(id: "expr.bad-date", en: "\"\(text)\" is not a real date in the form YYYY-MM-DD", zh: "“\(text)”不是 YYYY-MM-DD 格式的有效日期")
    }

    static let exprRoundDigits = Message(
        id: "expr.round-digits", en: "the digits of round() must be a whole number", zh: "round() 的位数必须是整数")

    static func exprMixedList(_ first: ExprType, _ other: ExprType) -> Message {
        Message(
            id: "expr.mixed-list", en: "list items must share one type; found \(first.name(.en)) and \(other.name(.en))",
            zh: ChineseLatinSpacing.spaced("列表元素必须类型一致；发现\(first.name(.zh))和\(other.name(.zh))"))
    }

    static func exprBranchTypes(_ function: Builtin, _ first: ExprType, _ other: ExprType) -> Message {
        Message(
            id: "expr.branch-types", en: "the values of '\(function.rawValue)' must share one type; found \(first.name(.en)) and \(other.name(.en))",
            zh: ChineseLatinSpacing.spaced("“\(function.rawValue)”的各个取值必须类型一致；发现\(first.name(.zh))和\(other.name(.zh))"))
    }

    static func exprExpectedType(_ expected: String, _ expectedZh: String, found: ExprType) -> Message {
        Message(id: "expr.expected-type", en: "expected \(expected), but this expression is \(found.name(.en))", zh: ChineseLatinSpacing.spaced("此处应为\(expectedZh)，但表达式的类型是\(found.name(.zh))"))
    }

    static let exprStringPlus = Message(
        id: "expr.string-plus", en: "strings cannot be joined with '+'", zh: "字符串不能用“+”连接")

    static let exprNeverTrue = Message(
        id: "rule.never-true", en: "this condition can never be true", zh: "该条件永远不可能成立")

    static let exprNeverTrueConstant = Message(
        id: "help.never-true-constant", en: "it reads no field, so it is false for every applicant",
        zh: "它不读取任何字段，因此对每位申请人都不成立")

    static let exprNeverTruePartConstant = Message(
        id: "help.never-true-part", en: "a part of it that reads no field is false for every applicant",
        zh: "其中不读取任何字段的部分对每位申请人都不成立")

    static func exprNeverTrueBecause(_ subject: String, _ en: String, _ zh: String) -> Message {
        Message(id: "help.never-true", en: "no value of \(subject) satisfies \(en)", zh: "\(subject) 的任何取值都无法同时满足 \(zh)")
    }
}
