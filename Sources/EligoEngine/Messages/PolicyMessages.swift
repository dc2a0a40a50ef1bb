import EligoDiagnostics

/// Messages of the catalog and product decoders.
extension Message {
    static func policyMissingKey(_ key: String, in context: Context) -> Message {
        Message(id: "policy.missing-key", en: "missing required key '\(key)' in \(context.en)", zh: ChineseLatinSpacing.spaced("\(context.zh)缺少必需的键“\(key)”"))
    }

    static func policyUnknownKey(_ key: String, in context: Context) -> Message {
        Message(id: "policy.unknown-key", en: "unknown key '\(key)' in \(context.en)", zh: ChineseLatinSpacing.spaced("\(context.zh)中有未知的键“\(key)”"))
    }

    static func policyAllowedKeys(_ keys: [String]) -> Message {
        Message(id: "help.allowed-keys", en: "allowed keys: \(keys.joined(separator: ", "))", zh: "允许的键：\(keys.joined(separator: ", "))")
    }

    static func policyExpectedKind(_ expected: String, _ expectedZh: String, found: (en: String, zh: String), key: String? = nil) -> Message {
        guard let key else {
            return Message(id: "policy.wrong-type", en: "expected \(expected), found a \(found.en)", zh: ChineseLatinSpacing.spaced("此处应为\(expectedZh)，实际为\(found.zh)"))
        }
        return Message(id: "policy.wrong-type", en: "'\(key)' must be \(expected), found a \(found.en)", zh: ChineseLatinSpacing.spaced("“\(key)”应为\(expectedZh)，实际为\(found.zh)"))
    }

    static func policyBadValue(_ value: String, expected: String, _ expectedZh: String) -> Message {
        Message(id: "policy.bad-value", en: "'\(value)' is not \(expected)", zh: ChineseLatinSpacing.spaced("“\(value)”不是\(expectedZh)"))
    }

    static func policyBadID(_ value: String) -> Message {
        Message(id: "policy.bad-id", en: "'\(value)' is not a valid id: use lowercase letters, digits and '-'", zh: "“\(value)”不是有效的标识：只能使用小写字母、数字和“-”")
    }

    static func policyDuplicateID(_ what: String, _ whatZh: String, _ id: String) -> Message {
        Message(id: "policy.duplicate-id", en: "duplicate \(what) id '\(id)'", zh: ChineseLatinSpacing.spaced("\(whatZh)标识“\(id)”重复"))
    }

    static func policyFactorTakesRuleID(_ id: String) -> Message {
        Message(
            id: "policy.duplicate-id", en: "'\(id)' is already a rule id: rule and factor ids are unique in a product",
            zh: "“\(id)”已是规则标识：同一产品中规则和评分因子的标识不能重复")
    }

    static func policyFirstDefined(_ id: String) -> Message {
        Message(id: "note.first-defined", en: "'\(id)' is first defined here", zh: "“\(id)”首次定义于此")
    }

    static func policyEffectiveOrder(_ from: String, _ until: String) -> Message {
        Message(id: "policy.effective-order", en: "effective.from \(from) is after effective.until \(until)", zh: "生效起始日 \(from) 晚于截止日 \(until)")
    }

    static func policyReferAbovePass(_ refer: String, _ pass: String) -> Message {
        Message(id: "policy.refer-above-pass", en: "score.refer \(refer) is above score.pass \(pass)", zh: "转人工分数线 \(refer) 高于通过分数线 \(pass)")
    }

    static func policyPassUnreachable(_ pass: String, _ maximum: String) -> Message {
        Message(id: "policy.pass-unreachable", en: "score.pass \(pass) is above the highest achievable score \(maximum)", zh: "通过分数线 \(pass) 高于可得的最高分 \(maximum)")
    }

    static let policyDefaultBinNotLast = Message(
        id: "policy.default-bin-not-last", en: "a bin without 'when' (the default) must be the last bin of its factor", zh: "没有 when 的默认分档必须是该因子的最后一档")

    static func policyAwardAmountRequired(_ kind: String) -> Message {
        Message(id: "policy.award-amount-required", en: "a \(kind) must have an award 'amount'", zh: ChineseLatinSpacing.spaced("\(kind)类产品必须在 award 中给出 amount"))
    }

    static func policyTextMissingLanguage(_ language: String) -> Message {
        Message(id: "policy.text-missing-language", en: "text has no '\(language)' version; the other language is used", zh: "文本缺少“\(language)”版本，将使用另一种语言")
    }

    static func policyUnknownLanguage(_ key: String) -> Message {
        Message(id: "policy.unknown-language", en: "unknown language key '\(key)' in a text (only zh and en)", zh: "文本中有未知的语言键“\(key)”（只允许 zh 和 en）")
    }

    static let policyEmptyExpression = Message(
        id: "policy.empty-expression", en: "expression is empty", zh: "表达式为空")

    static func policyUnknownType(_ type: String) -> Message {
        Message(id: "catalog.unknown-type", en: "unknown field type '\(type)'", zh: "未知的字段类型“\(type)”")
    }

    static func policyKeyDoesNotApply(_ key: String, _ type: String) -> Message {
        Message(id: "catalog.bound-not-allowed", en: "'\(key)' does not apply to a field of type \(type)", zh: "“\(key)”不适用于 \(type) 类型的字段")
    }

    static func policyMinAboveMax(_ min: String, _ max: String) -> Message {
        Message(id: "catalog.min-above-max", en: "min \(min) is above max \(max)", zh: "最小值 \(min) 大于最大值 \(max)")
    }

    static let policyEnumNeedsValues = Message(
        id: "catalog.enum-values", en: "an enum field needs a non-empty list of 'values'", zh: "枚举字段需要非空的 values 列表")

    static func policyDuplicateEnumValue(_ value: String) -> Message {
        Message(id: "catalog.duplicate-value", en: "duplicate enum value '\(value)'", zh: "枚举取值“\(value)”重复")
    }

    static func policyListOfList(_ types: [String]) -> Message {
        Message(
            id: "catalog.list-of-list", en: "a list's items cannot be lists: 'of' takes one of \(types.joined(separator: ", "))",
            zh: "列表的元素不能是列表：of 只能是 \(types.joined(separator: "、")) 之一")
    }

    static let policyListNeedsOf = Message(
        id: "catalog.list-of", en: "a list field needs 'of:' with a scalar type", zh: "列表字段需要用 of 指定元素类型")

    static func policyBadFieldName(_ name: String) -> Message {
        Message(id: "catalog.bad-field-name", en: "'\(name)' cannot be a field name: use letters, digits and '_' (not starting with a digit), in parts joined by '.', and no reserved word",
            zh: "“\(name)”不能作为字段名：只能用字母、数字和“_”（不能以数字开头），各段之间可用“.”连接，也不能是保留字")
    }

    static func policyBadLetName(_ name: String) -> Message {
        Message(
            id: "policy.bad-let-name",
            en: "'\(name)' cannot be a let name: use letters, digits and '_' (not starting with a digit), in parts joined by '.'",
            zh: "“\(name)”不能作为 let 名称：只能用字母、数字和“_”（不能以数字开头），各段之间可用“.”连接")
    }

    static func policyReservedLetName(_ name: String) -> Message {
        Message(
            id: "policy.bad-let-name",
            en: "'\(name)' cannot be a let name: and, or, not, in, true, false and as_of are reserved words",
            zh: "“\(name)”不能作为 let 名称：and、or、not、in、true、false 和 as_of 是保留字")
    }

    static let policyIDFieldMissing = Message(
        id: "catalog.id-field", en: "the catalog must declare 'id' as a string field", zh: "字段目录必须把 id 声明为字符串字段")

    static let policyDeclareID = Message(
        id: "help.declare-id", en: "add it under 'fields:': id: {type: string, required: true}",
        zh: "在 fields 下加上：id: {type: string, required: true}")

    static let policyIDFieldType = Message(
        id: "catalog.id-field-type", en: "the 'id' field must be of type string", zh: "id 字段的类型必须是 string")

    static let policyIDAlwaysRequired = Message(
        id: "catalog.id-always-required", en: "'id' is always required: every record needs one (§10), whatever this says",
        zh: "id 总是必填的：每条记录都必须有 id（§10），此处的设置不起作用")

    static let policyRemoveRequired = Message(id: "help.remove-required", en: "remove 'required: false'", zh: "删除“required: false”")

    static func policyPoolPlaces(_ pool: String, shown: String) -> Message {
        Message(
            id: "policy.pool-places", en: "the pool \(pool) has more than 2 decimals: awards are fitted to it exactly, but summaries show it as \(shown)",
            zh: "资金池 \(pool) 的小数超过 2 位：分配时按精确值计算，但汇总中显示为 \(shown)")
    }

    static let policyEmptyVersion = Message(
        id: "policy.empty-version", en: "'version' is empty: decisions name the version they were made under",
        zh: "version 为空：每个决定都要注明所依据的版本")

    static func policyUnknownField(_ name: String) -> Message {
        Message(id: "policy.unknown-field", en: "unknown field '\(name)'", zh: "未知字段“\(name)”")
    }

    static func policyLetShadows(_ name: String) -> Message {
        Message(id: "policy.let-shadows-field", en: "let '\(name)' has the name of a catalog field", zh: "let 名称“\(name)”与目录中的字段同名")
    }

    static func policyDuplicateLet(_ name: String) -> Message {
        Message(id: "policy.duplicate-let", en: "duplicate let '\(name)'", zh: "let 名称“\(name)”重复")
    }

    static func policyReservedCode(_ code: String) -> Message {
        Message(id: "policy.reserved-code", en: "'\(code)' is a reserved reason code and cannot be a rule id", zh: "“\(code)”是保留的原因代码，不能用作规则标识")
    }

    static func policyUnknownOutcome(_ value: String) -> Message {
        Message(id: "policy.unknown-outcome", en: "'\(value)' is not an outcome (approve, refer, incomplete, decline, error, invalid)", zh: "“\(value)”不是有效的结果（approve、refer、incomplete、decline、error、invalid）")
    }

    static func policyUnknownReason(_ value: String) -> Message {
        Message(id: "policy.unknown-reason", en: "'\(value)' is neither a rule id of this product nor a reserved reason code", zh: "“\(value)”既不是本产品的规则标识，也不是保留的原因代码")
    }

    static func policyKnownCodes(_ ruleIDs: [String]) -> Message {
        let reserved = [Reason.scoreBelowReferCode, Reason.scoreBelowPassCode, Reason.noAwardCode]
        guard !ruleIDs.isEmpty else {
            return Message(
                id: "help.known-codes", en: "this product has no rules; the only codes are \(reserved.joined(separator: ", "))",
                zh: "本产品没有规则，只有代码 \(reserved.joined(separator: "、"))")
        }
        return Message(
            id: "help.known-codes",
            en: "the rules of this product are \(ruleIDs.joined(separator: ", ")) (and the codes \(reserved.joined(separator: ", ")))",
            zh: "本产品的规则有 \(ruleIDs.joined(separator: "、"))（另有代码 \(reserved.joined(separator: "、"))）")
    }

    static func policyUnknownAward(_ value: String) -> Message {
        Message(id: "policy.unknown-award", en: "'\(value)' is not an award value of this product", zh: "“\(value)”不是本产品的 award 输出")
    }

    static func policyNegative(_ key: String) -> Message {
        Message(id: "policy.negative", en: "'\(key)' must not be negative", zh: "“\(key)”不能为负数")
    }

    static func policyOrderListField(_ name: String) -> Message {
        Message(
            id: "policy.order-list-field",
            en: "'\(name)' is a list field; a budget's 'order' ranks by fields of one value each (numbers, money, dates, texts, booleans)",
            zh: "“\(name)”是列表字段；预算的 order 只能按单值字段（数值、金额、日期、文本、布尔值）排序")
    }

    static let policyBudgetEmpty = Message(
        id: "policy.budget-empty", en: "a budget needs 'pool', 'slots' or both", zh: "预算至少需要 pool 或 slots 之一")

    static func policyCatalogMissing(_ path: String) -> Message {
        Message(id: "policy.catalog-missing", en: "no field catalog: \(path) does not exist", zh: "找不到字段目录：\(path) 不存在")
    }

    static func policyUnreadable(_ path: String, _ reason: String) -> Message {
        Message(id: "policy.unreadable", en: "cannot read \(path): \(reason)", zh: "无法读取 \(path):\(reason)")
    }

    static let policyEmptyDocument = Message(
        id: "policy.empty-document", en: "the file holds no YAML document", zh: "文件中没有 YAML 文档")

    static let policyOneDocument = Message(
        id: "policy.one-document", en: "a policy file must hold exactly one YAML document", zh: "策略文件只能包含一个 YAML 文档")

    static let policyNoProducts = Message(
        id: "policy.no-products", en: "no product files found", zh: "没有找到任何产品文件")
}
