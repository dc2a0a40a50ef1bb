public import EligoDiagnostics

/// The messages of the YAML layer, in both languages.
///
/// Authors see these before anything about their policy, often for a stray tab
/// or a missing quote, so the common libyaml problems get a sentence that says
/// what to change; the rare ones keep libyaml's own words.
extension Message {
    static func yamlSyntax(problem: String, context: String?) -> Message {
        let english = context.map { "\(problem) (\($0))" } ?? problem
        let chineseContext = context.map { libyamlContextChinese[$0]?.phrase ?? $0 }
        let chinese = libyamlChinese[problem].map { text in chineseContext.map { "\(text)(\($0))" } ?? text }
        return Message(id: "yaml.syntax", en: english, zh: chinese ?? "YAML 语法错误：\(english)")
    }

    static func yamlSyntaxContext(_ context: String) -> Message {
        let noun = libyamlContextChinese[context]?.noun
        return Message(
            id: "yaml.syntax-context",
            en: "\(context), which begins here",
            zh: noun.map { ChineseLatinSpacing.spaced("出错时正在解析的\($0)从这里开始") } ?? "出错时正在解析从这里开始的内容（\(context)）"
        )
    }

    /// What to change for the libyaml problems that are usually an indentation slip.
    static func yamlSyntaxHelp(_ problem: String) -> Message? {
        switch problem {
        case "mapping values are not allowed in this context":
            Message(
                id: "help.yaml-indentation", en: "check the indentation of this line, or quote a value that contains ': '",
                zh: "请检查这一行的缩进，或给含“: ”的值加引号")
        case "did not find expected ',' or '}'", "did not find expected ',' or ']'":
            Message(
                id: "help.yaml-missing-comma",
                en: "a ',' may be missing before this, or a value needs quotes: inside '{…}' and '[…]', one that contains ': ', '[', ']', '{', '}' or ','",
                zh: "此前可能缺少逗号，或某个值需要加引号：在“{…}”和“[…]”中，含“: ”、“[”、“]”、“{”、“}”或“,”的值都要加引号")
        case "did not find expected key", "did not find expected '-' indicator":
            Message(
                id: "help.yaml-indentation", en: "check the indentation of this line against the lines above it",
                zh: "请对照上面几行检查这一行的缩进")
        default:
            nil
        }
    }

    static func yamlFlowStillOpen(_ bracket: Character) -> Message {
        let closing = bracket == "[" ? "]" : "}"
        return Message(
            id: "yaml.flow-still-open",
            en: "still open here, where ',' or '\(closing)' was expected",
            zh: "到这里仍未关闭，此处应为 ',' 或 '\(closing)'"
        )
    }

    static var yamlSaveAsUTF8: Message {
        Message(
            id: "help.save-as-utf8",
            en: "save the file as UTF-8; editors on Chinese Windows may have saved it as GBK",
            zh: "请把文件另存为 UTF-8 编码；中文 Windows 上的编辑器可能把它存成了 GBK"
        )
    }

    static var yamlTabIndent: Message {
        Message(
            id: "yaml.tab-indent",
            en: "tabs cannot indent YAML; use spaces",
            zh: "YAML 不能用制表符（Tab）缩进，请改用空格"
        )
    }

    static var yamlInvalidUTF8: Message {
        Message(id: "yaml.invalid-utf8", en: "the file is not valid UTF-8", zh: "文件不是有效的 UTF-8 编码")
    }

    static func yamlRawLineBreak(_ value: Int) -> Message {
        let code = "U+" + hex(value, digits: 4)
        let (en, zh) = switch value {
        case 0x85: ("next line", "下一行")
        case 0x2028: ("line separator", "行分隔符")
        default: ("paragraph separator", "段落分隔符")
        }
        return Message(
            id: "yaml.raw-line-break",
            en: "the raw character \(code) (\(en)) is not allowed: YAML 1.2 reads it as text, older YAML as a line break",
            zh: "不允许直接出现字符 \(code)（\(zh)）：YAML 1.2 把它当作普通文字，旧版 YAML 把它当作换行")
    }

    static func yamlRawLineBreakHelp(_ value: Int) -> Message {
        let escape = "\\u" + hex(value, digits: 4)
        return Message(
            id: "help.raw-line-break", en: "write it as \(escape) inside double quotes, or remove it",
            zh: "在双引号内写作 \(escape)，或者删除它")
    }

    static func yamlControlCharacter(_ value: Int) -> Message {
        let code = "U+" + hex(value, digits: 4)
        return Message(
            id: "yaml.control-character",
            en: "the file contains the control character \(code), which YAML does not allow",
            zh: "文件包含 YAML 不允许的控制字符 \(code)"
        )
    }

    static var yamlUnclosedQuote: Message {
        Message(id: "yaml.unclosed-quote", en: "this quoted string is never closed", zh: "这个带引号的字符串没有结束引号")
    }

    static func yamlUnclosedFlow(_ bracket: Character) -> Message {
        let closing = bracket == "[" ? "]" : "}"
        return Message(
            id: "yaml.unclosed-flow",
            en: "this '\(bracket)' is never closed with '\(closing)'",
            zh: "这个 '\(bracket)' 没有对应的 '\(closing)'"
        )
    }

    static var yamlFileEndsHere: Message {
        Message(id: "yaml.file-ends-here", en: "the file ends here", zh: "文件在这里结束")
    }

    static var yamlDocumentMarkerHere: Message {
        Message(
            id: "yaml.document-marker-here",
            en: "a document marker ('---' or '...') cuts it off here",
            zh: "这里的文档标记（'---' 或 '...'）把它截断了"
        )
    }

    static var yamlOutOfMemory: Message {
        Message(id: "yaml.out-of-memory", en: "libyaml ran out of memory", zh: "libyaml 内存不足")
    }

    /// - Parameter size: The whole size when known before parsing; a streamed document is refused as it grows.
    static func yamlDocumentTooLarge(size: Int?, limit: Int) -> Message {
        guard let size else {
            return Message(
                id: "yaml.document-too-large",
                en: "this YAML document is larger than the limit of \(limit) bytes",
                zh: "这个 YAML 文档超过了 \(limit) 字节的上限"
            )
        }
        return Message(
            id: "yaml.document-too-large",
            en: "the YAML document is \(size) bytes, more than the limit of \(limit) bytes",
            zh: "YAML 文档大小为 \(size) 字节，超过了 \(limit) 字节的上限"
        )
    }

    static func yamlTooDeep(limit: Int) -> Message {
        Message(
            id: "yaml.too-deep",
            en: "sequences and mappings are nested more than \(limit) levels deep",
            zh: "列表和映射的嵌套超过了 \(limit) 层"
        )
    }

    static func yamlAliasExpansion(limit: Int) -> Message {
        Message(
            id: "yaml.alias-expansion",
            en: "aliases in this document expand to more than \(limit) nodes",
            zh: "本文档中的别名展开后超过了 \(limit) 个节点"
        )
    }

    static func yamlScalarTooLong(size: Int, limit: Int) -> Message {
        Message(
            id: "yaml.scalar-too-long",
            en: "this value is \(size) bytes long, more than the limit of \(limit) bytes",
            zh: "这个值长 \(size) 字节，超过了 \(limit) 字节的上限"
        )
    }

    static func yamlUnknownAlias(_ name: String) -> Message {
        Message(
            id: "yaml.unknown-alias",
            en: "'*\(name)' refers to no anchor '&\(name)' defined before it",
            zh: "'*\(name)' 引用的锚点 '&\(name)' 在此之前没有定义"
        )
    }

    static func yamlDuplicateKey(_ key: String) -> Message {
        Message(id: "yaml.duplicate-key", en: "duplicate key '\(key)'", zh: "重复的键“\(key)”")
    }

    /// Shared with the policy layer, which meets the same mistake as an unknown language key.
    public static var yamlCommaInFlow: Message {
        Message(
            id: "help.comma-in-flow",
            en: "inside '{…}' a comma ends the value; put a text that contains commas in quotes",
            zh: "在“{…}”中逗号会结束取值；含逗号的文本请加引号"
        )
    }

    /// The same mistake with a number: `{amount: 8,600,000}` makes keys `600` and `000`.
    public static var yamlNumberCommaInFlow: Message {
        Message(
            id: "help.number-comma-in-flow",
            en: "inside '{…}' a comma ends the value: group a number's digits with '_' (8_600_000), or write it without separators",
            zh: "在“{…}”中逗号会结束取值：数字请用“_”分组（8_600_000），或不加分隔符"
        )
    }

    /// Whether `key`, a key of `mapping`, looks like the digits after a comma in a flow mapping
    /// (`{amount: 8,600,000}`), so that its "unknown key" error can say so.
    public static func looksSplitByComma(_ key: String, in mapping: YAMLNode) -> Bool {
        guard let first = key.unicodeScalars.first, ("0"..."9").contains(first) else { return false }
        let bytes = mapping.span.file.bytes
        return mapping.span.start < bytes.count && bytes[mapping.span.start] == UInt8(ascii: "{")
    }

    static var yamlFirstKey: Message {
        Message(id: "yaml.first-key", en: "first used here", zh: "第一次出现在这里")
    }

    static func yamlNonScalarKey(kind: (en: String, zh: String)) -> Message {
        Message(
            id: "yaml.non-scalar-key",
            en: "a key must be a scalar, not a \(kind.en)",
            zh: ChineseLatinSpacing.spaced("键必须是标量，不能是\(kind.zh)")
        )
    }

    static func yamlUnknownTag(_ tag: String) -> Message {
        Message(
            id: "yaml.unknown-tag",
            en: "unknown tag '\(tag)'; only !!str, !!int, !!float, !!bool, !!null, !!seq and !!map are allowed",
            zh: "未知的标签 '\(tag)'；只允许 !!str、!!int、!!float、!!bool、!!null、!!seq 和 !!map"
        )
    }

    static func yamlTagMismatch(_ tag: String, kind: (en: String, zh: String)) -> Message {
        Message(
            id: "yaml.tag-mismatch",
            en: "the tag '\(tag)' cannot be given to a \(kind.en)",
            zh: ChineseLatinSpacing.spaced("标签 '\(tag)' 不能用于\(kind.zh)")
        )
    }

    static func yamlTagValue(_ tag: String, text: String) -> Message {
        Message(
            id: "yaml.tag-value",
            en: "'\(text)' is not a valid \(tag) value",
            zh: "'\(text)' 不是有效的 \(tag) 值"
        )
    }

    /// Chinese for the libyaml problems authors actually meet; the rest get a prefix.
    private static let libyamlChinese: [String: String] = [
        "mapping values are not allowed in this context": "此处不允许出现映射值（冒号）",
        "did not find expected key": "没有找到预期的键",
        "did not find expected '-' indicator": "没有找到预期的列表项标记 '-'",
        "could not find expected ':'": "没有找到预期的 ':'",
        "did not find expected node content": "没有找到预期的节点内容",
        "found character that cannot start any token": "这个字符不能作为 YAML 记号的开头",
        "found unknown escape character": "未知的转义字符",
        "found undefined tag handle": "未定义的标签前缀",
        "did not find expected alphabetic or numeric character": "没有找到预期的字母或数字（锚点和别名的名称只能包含字母、数字、'-' 和 '_'）",
        "did not find expected ',' or ']'": "没有找到预期的 ',' 或 ']'",
        "did not find expected ',' or '}'": "没有找到预期的 ',' 或 '}'",
        "did not find expected <document start>": "没有找到预期的文档开始标记 '---'",
        "found unexpected document indicator": "遇到了意外的文档标记（'---' 或 '...'）",
        "found unexpected end of stream": "文件意外结束",
        "did not find expected comment or line break": "没有找到预期的注释或换行",
        "found a tab character that violates indentation": "制表符破坏了缩进",
    ]

    /// libyaml's "while parsing …" contexts: the phrase for a message, the noun for a note.
    private static let libyamlContextChinese: [String: (phrase: String, noun: String)] = [
        "while parsing a block mapping": ("解析块映射时", "块映射"),
        "while parsing a block collection": ("解析块列表时", "块列表"),
        "while parsing a flow sequence": ("解析流式列表时", "流式列表"),
        "while parsing a flow mapping": ("解析流式映射时", "流式映射"),
        "while parsing a flow node": ("解析流式节点时", "流式节点"),
        "while parsing a block node": ("解析块节点时", "块节点"),
        "while parsing a node": ("解析节点时", "节点"),
        "while scanning a simple key": ("扫描简单键时", "简单键"),
        "while scanning a quoted scalar": ("扫描带引号的字符串时", "带引号的字符串"),
        "while scanning a block scalar": ("扫描块标量时", "块标量"),
        "while scanning a plain scalar": ("扫描普通标量时", "普通标量"),
        "while scanning an anchor": ("扫描锚点时", "锚点"),
        "while scanning an alias": ("扫描别名时", "别名"),
        "while scanning a tag": ("扫描标签时", "标签"),
        "while scanning a directive": ("扫描指令时", "指令"),
    ]

    private static func hex(_ value: Int, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
