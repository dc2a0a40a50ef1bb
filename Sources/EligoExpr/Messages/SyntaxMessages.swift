import EligoDiagnostics

/// Messages of the lexer and parser, keyed by stable ids.
extension Message {
    static func exprUnexpectedCharacter(_ characters: String) -> Message {
        let plural = characters.unicodeScalars.count > 1
        return Message(
            id: "expr.unexpected-character",
            en: "unexpected character\(plural ? "s" : "") '\(characters)' in expression", zh: "表达式中出现意外字符“\(characters)”")
    }

    static func exprUseOperator(_ written: String, instead: String) -> Message {
        Message(id: "expr.use-operator", en: "'\(written)' is not an operator here; write '\(instead)'", zh: "“\(written)”不是此处的运算符；请写作“\(instead)”")
    }

    static let exprUnterminatedString = Message(
        id: "expr.unterminated-string", en: "string literal is not closed", zh: "字符串字面量没有结束引号")

    static func exprBadEscape(_ escape: String) -> Message {
        Message(id: "expr.bad-escape", en: "unknown escape '\\\(escape)' in string (use \\\" \\' \\\\ \\n \\t)", zh: "字符串中的转义“\\\(escape)”无效（可用 \\\" \\' \\\\ \\n \\t）")
    }

    static func exprMalformedNumber(_ text: String) -> Message {
        Message(id: "expr.malformed-number", en: "malformed number '\(text)'", zh: "数字“\(text)”格式不正确")
    }

    /// The bound of ``EligoDecimal/ExactDecimal`` that a number literal breaks.
    enum NumberBound {
        /// 10^34 or more.
        case magnitude
        /// A nonzero digit past 42 decimal places.
        case places
        /// More than 34 significant digits.
        case digits
    }

    /// A number literal that cannot be held exactly, saying which bound it breaks (as record
    /// reading does), under one id whatever the bound.
    static func exprNumberTooLong(_ text: String, _ bound: NumberBound, percent: Bool) -> Message {
        switch bound {
        case .magnitude:
            Message(
                id: "expr.number-too-long", en: "number '\(text)' is too large: a number must be below 10^34",
                zh: "数字“\(text)”过大：数值必须小于 10^34")
        case .places:
            Message(
                id: "expr.number-too-long",
                en: "number '\(text)' has more than 42 decimal places, the finest a number holds\(percent ? " (a percentage has 2 more than it shows)" : "")",
                zh: "数字“\(text)”的小数超过 42 位，超出数值能表示的精度\(percent ? "（百分数比写出的多 2 位小数）" : "")")
        case .digits:
            Message(
                id: "expr.number-too-long", en: "number '\(text)' has more than 34 significant digits, the most a number holds exactly",
                zh: "数字“\(text)”的有效数字超过 34 位，超出可精确表示的范围")
        }
    }

    /// `5,000,000` in an expression: the number as it can be written.
    static func exprGroupDigits(_ grouped: String) -> Message {
        let plain = grouped.replacingOccurrences(of: "_", with: "")
        return Message(
            id: "help.group-digits", en: "a comma does not group digits here: write \(grouped) (or \(plain))",
            zh: "此处逗号不能用来分隔数字位数：请写作 \(grouped)（或 \(plain)）")
    }

    static func exprExpected(_ what: String, _ whatZh: String, found: Token.Kind) -> Message {
        Message(id: "expr.expected", en: "expected \(what), found \(found.spelling)", zh: ChineseLatinSpacing.spaced("此处应为\(whatZh)，实际为\(found.spellingZh)"))
    }

    static let exprChainedComparison = Message(
        id: "expr.chained-comparison", en: "comparisons cannot be chained; join them with 'and'", zh: "比较运算不能连写；请用“and”连接")

    static let exprEmpty = Message(id: "expr.empty", en: "expression is empty", zh: "表达式为空")

    static func exprTooDeep(_ limit: Int) -> Message {
        Message(id: "expr.too-deep", en: "expression is nested more than \(limit) levels deep", zh: "表达式嵌套超过 \(limit) 层")
    }

    static func exprChainTooLong(_ limit: Int) -> Message {
        Message(
            id: "expr.chain-too-long", en: "expression chains more than \(limit) operators one after another",
            zh: "表达式中连续的运算符超过 \(limit) 个")
    }

    static func exprTooLong(_ length: Int, _ limit: Int) -> Message {
        Message(id: "expr.too-long", en: "expression is \(length) characters long; the limit is \(limit)", zh: "表达式长 \(length) 个字符，超过上限 \(limit)")
    }
}
