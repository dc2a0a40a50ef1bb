import EligoDiagnostics

/// Messages about applicant records that break the catalog (§2, §6 step 2).
extension Message {
    static func recordUnknownField(_ name: String) -> Message {
        Message(id: "record.unknown-field", en: "unknown field '\(name)'", zh: "未知字段“\(name)”")
    }

    static func recordMissingRequired(_ name: String) -> Message {
        Message(id: "record.missing-required", en: "required field '\(name)' is missing", zh: "缺少必填字段“\(name)”")
    }

    /// A JSONL or YAML `id: ""`: present, so not "missing", but no id to report or rank by.
    static let recordEmptyID = Message(
        id: "record.empty-id", en: "field 'id' is empty: every record needs an applicant id", zh: "字段“id”为空：每条记录都须有申请编号")

    static func recordWrongType(_ name: String, _ value: String, expected: FieldType) -> Message {
        // The value as written, then a space: it may be Latin, and is never respaced.
        Message(
            id: "record.wrong-type", en: "field '\(name)': \(value) is not \(expected.article(.en))",
            zh: "字段“\(name)”：\(value) " + ChineseLatinSpacing.spaced("不是\(expected.article(.zh))"))
    }

    /// A value that is not a scalar, named by its kind in each language ("sequence", "列表").
    static func recordWrongType(_ name: String, kind: (en: String, zh: String), expected: FieldType) -> Message {
        Message(
            id: "record.wrong-type", en: "field '\(name)': \(kind.en) is not \(expected.article(.en))",
            zh: ChineseLatinSpacing.spaced("字段“\(name)”：\(kind.zh)不是\(expected.article(.zh))"))
    }

    /// An int field given a whole value written otherwise than in digits (`1e2`, `720.0`, `0x10`).
    static func recordWholeNumberForm(_ name: String, _ text: String, _ digits: String) -> Message {
        Message(
            id: "record.wrong-type",
            en: "field '\(name)': a whole number is written in digits only, not as \(text) (write \(digits))",
            zh: "字段“\(name)”：整数只能用数字书写，不接受 \(text) 这种写法（请写作 \(digits)）")
    }

    static func recordNotInValues(_ name: String, _ value: String, _ values: [String]) -> Message {
        Message(
            id: "record.enum-value", en: "field '\(name)': \"\(value)\" is not one of \(values.joined(separator: ", "))",
            zh: "字段“\(name)”：“\(value)”不在可选值 \(values.joined(separator: ", ")) 之中")
    }

    static func recordBelowMin(_ name: String, _ value: String, _ bound: String) -> Message {
        Message(id: "record.below-min", en: "field '\(name)': \(value) is below the minimum \(bound)", zh: "字段“\(name)”：\(value) 小于最小值 \(bound)")
    }

    static func recordAboveMax(_ name: String, _ value: String, _ bound: String) -> Message {
        Message(id: "record.above-max", en: "field '\(name)': \(value) is above the maximum \(bound)", zh: "字段“\(name)”：\(value) 大于最大值 \(bound)")
    }

    static let recordNotMapping = Message(
        id: "record.not-mapping", en: "an applicant record must be a mapping of field names to values", zh: "申请记录必须是“字段名：值”的映射")
}

extension FieldType {
    /// "an int", "a date (YYYY-MM-DD)", for record messages.
    func article(_ language: Language) -> String {
        switch (self, language) {
        case (.bool, .en): "true or false"
        case (.bool, .zh): "true 或 false"
        case (.int, .en): "a whole number"
        case (.int, .zh): "整数"
        case (.number, .en): "a number"
        case (.number, .zh): "数字"
        case (.money, .en): "an amount of money"
        case (.money, .zh): "金额"
        case (.string, .en): "a string"
        case (.string, .zh): "字符串"
        case (.enumeration, .en): "one of the enum values"
        case (.enumeration, .zh): "枚举取值"
        case (.date, .en): "a date (YYYY-MM-DD)"
        case (.date, .zh): "日期（YYYY-MM-DD）"
        case (.list(let element), .en): "a list of \(element.keyword)"
        case (.list(let element), .zh): "\(element.chineseName)列表"
        }
    }
}

extension FieldType {
    /// The type's name inside a Chinese phrase ("字符串列表"), where `keyword` is the catalog's word.
    var chineseName: String {
        switch self {
        case .bool: "布尔值"
        case .int: "整数"
        case .number: "数字"
        case .money: "金额"
        case .string: "字符串"
        case .enumeration: "枚举取值"
        case .date: "日期"
        case .list: "列表"
        }
    }
}
