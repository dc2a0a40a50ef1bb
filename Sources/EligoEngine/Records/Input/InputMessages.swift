import EligoDiagnostics

/// Messages about records in batch input (CSV, JSONL, YAML streams), in both languages.
extension Message {
    // MARK: Cutting records

    static func inputLineTooLong(limit: Int) -> Message {
        Message(
            id: "record.line-too-long", en: "this record is longer than the limit of \(limit) bytes (\(LimitFlag.lineBytes.rawValue) raises it)",
            zh: "这条记录超过了 \(limit) 字节的长度上限（可用 \(LimitFlag.lineBytes.rawValue) 提高）")
    }

    static var inputUnterminatedQuote: Message {
        Message(
            id: "record.unterminated-quote", en: "a quoted cell is never closed: the rest of the input is this one record",
            zh: "带引号的单元格没有结束引号，输入的其余部分都算作这一条记录")
    }

    static func inputDocumentTooLarge(limit: Int) -> Message {
        Message(
            id: "record.document-too-large",
            en: "this YAML document is larger than the limit of \(limit) bytes (\(LimitFlag.yamlBytes.rawValue) raises it)",
            zh: "这个 YAML 文档超过了 \(limit) 字节的大小上限（可用 \(LimitFlag.yamlBytes.rawValue) 提高）")
    }

    // MARK: CSV

    static func csvCellCount(_ cells: Int, header: Int) -> Message {
        Message(
            id: "record.cell-count", en: "the row has \(cells) \(cells == 1 ? "cell" : "cells"), the header has \(header)",
            zh: "这一行有 \(cells) 个单元格，表头有 \(header) 个")
    }

    static func csvDuplicateColumn(_ name: String, first: Int, again: Int) -> Message {
        Message(
            id: "record.duplicate-field", en: "the header names field '\(name)' twice (columns \(first) and \(again))",
            zh: "表头两次出现字段“\(name)”（第 \(first) 列和第 \(again) 列）")
    }

    static func csvMoreHeaderProblems(_ count: Int) -> Message {
        Message(
            id: "record.more-header-problems",
            en: "and \(count) more header column\(count == 1 ? "" : "s") that the catalog does not declare or that repeat an earlier one",
            zh: "表头另有 \(count) 列未在字段目录中声明或与前面的列重复")
    }

    static func csvQuoteInCell(column: Int) -> Message {
        Message(
            id: "record.csv-syntax", en: "column \(column): a quote inside an unquoted cell (quote the whole cell and double the quote)",
            zh: "第 \(column) 列：未加引号的单元格中出现引号（应给整个单元格加引号，并把其中的引号写两遍）")
    }

    static func csvTextAfterQuote(column: Int) -> Message {
        Message(
            id: "record.csv-syntax", en: "column \(column): text after the closing quote of a cell",
            zh: "第 \(column) 列：单元格的结束引号之后还有内容")
    }

    // MARK: JSON

    static func jsonNotObject(_ kind: (en: String, zh: String)) -> Message {
        Message(
            id: "record.not-object", en: "a JSONL record must be a JSON object, not \(kind.en)",
            zh: ChineseLatinSpacing.spaced("JSONL 记录必须是 JSON 对象，而不是\(kind.zh)"))
    }

    static func jsonSyntax(column: Int, _ problem: JSONProblem) -> Message {
        Message(
            id: "record.json-syntax", en: "malformed JSON at column \(column): \(problem.en)",
            zh: "JSON 格式错误（第 \(column) 列）：\(problem.zh)")
    }

    static func recordDuplicateField(_ name: String) -> Message {
        Message(id: "record.duplicate-field", en: "field '\(name)' is given twice", zh: "字段“\(name)”出现了两次")
    }

    // MARK: Values

    static func recordStringTooLong(_ name: String, limit: Int) -> Message {
        Message(
            id: "record.string-too-long",
            en: "field '\(name)': the string is longer than the limit of \(limit) bytes (\(LimitFlag.stringBytes.rawValue) raises it)",
            zh: "字段“\(name)”：字符串超过了 \(limit) 字节的长度上限（可用 \(LimitFlag.stringBytes.rawValue) 提高）")
    }

    static func recordValueTooLong(_ name: String, limit: Int) -> Message {
        Message(
            id: "record.string-too-long",
            en: "field '\(name)': the value is longer than the limit of \(limit) bytes (\(LimitFlag.stringBytes.rawValue) raises it)",
            zh: "字段“\(name)”：值超过了 \(limit) 字节的长度上限（可用 \(LimitFlag.stringBytes.rawValue) 提高）")
    }

    static func recordInvalidUTF8(_ name: String) -> Message {
        Message(id: "record.invalid-utf8", en: "field '\(name)': the value is not valid UTF-8", zh: "字段“\(name)”：值不是有效的 UTF-8 文本")
    }

    static func recordNullListItem(_ name: String, item: Int) -> Message {
        Message(
            id: "record.null-list-item",
            en: "field '\(name)': item \(item) of the list is null; a list's items cannot be missing (leave the item out)",
            zh: "字段“\(name)”：列表的第 \(item) 项为空值（null）；列表中的项不能缺失（请删去该项）")
    }

    /// A list item that is itself a list or a mapping: `kind` is "a list", "a mapping", "an object".
    static func recordNestedListItem(_ name: String, item: Int, kind: (en: String, zh: String), element: FieldType) -> Message {
        Message(
            id: "record.wrong-type",
            en: "field '\(name)': item \(item) of the list is \(kind.en); each item must be \(element.article(.en))",
            zh: ChineseLatinSpacing.spaced("字段“\(name)”：列表的第 \(item) 项是\(kind.zh)；每一项都应为\(element.article(.zh))"))
    }

    static func recordEmptyListItem(_ name: String) -> Message {
        Message(
            id: "record.empty-list-item", en: "field '\(name)': the list has an empty item", zh: "字段“\(name)”：列表中有空项")
    }

    static func recordNumberNotExact(_ name: String, _ text: String) -> Message {
        Message(
            id: "record.number-range",
            en: "field '\(name)': \(text) cannot be held exactly (at most 34 significant digits, below 10^34, 42 decimal places)",
            zh: "字段“\(name)”：\(text) 无法精确表示（最多 34 位有效数字，绝对值小于 10^34，最多 42 位小数）")
    }

    // MARK: YAML

    /// A YAML problem inside a document of a stream, with its place in the whole input.
    static func yamlAt(line: Int, column: Int, _ message: Message) -> Message {
        Message(id: message.id, en: "line \(line), column \(column): \(message.en)", zh: "第 \(line) 行第 \(column) 列：\(message.zh)")
    }
}

/// What is wrong with a malformed JSON line, in both languages.
enum JSONProblem: Sendable {
    case expectedValue
    case expectedKey
    case expectedColon
    case expectedCommaOrBrace
    case expectedCommaOrBracket
    case unterminatedString
    case controlCharacter
    case badEscape
    case loneSurrogate
    case invalidUTF8
    case badNumber
    case badLiteral
    case trailingText
    case tooDeep(Int)

    var en: String {
        switch self {
        case .expectedValue: "expected a value"
        case .expectedKey: "expected a field name in double quotes"
        case .expectedColon: "expected ':' after the field name"
        case .expectedCommaOrBrace: "expected ',' or '}'"
        case .expectedCommaOrBracket: "expected ',' or ']'"
        case .unterminatedString: "the string is never closed"
        case .controlCharacter: "a control character inside a string must be escaped"
        case .badEscape: "invalid escape sequence"
        case .loneSurrogate: "a \\u escape is half of a surrogate pair"
        case .invalidUTF8: "the text is not valid UTF-8"
        case .badNumber: "invalid number"
        case .badLiteral: "expected true, false or null"
        case .trailingText: "text after the end of the JSON value"
        case .tooDeep(let limit): "nested more than \(limit) levels deep (\(LimitFlag.yamlDepth.rawValue) raises the limit)"
        }
    }

    var zh: String {
        switch self {
        case .expectedValue: "此处应为一个值"
        case .expectedKey: "此处应为双引号括起的字段名"
        case .expectedColon: "字段名之后应为 ':'"
        case .expectedCommaOrBrace: "此处应为 ',' 或 '}'"
        case .expectedCommaOrBracket: "此处应为 ',' 或 ']'"
        case .unterminatedString: "字符串没有结束引号"
        case .controlCharacter: "字符串中的控制字符必须转义"
        case .badEscape: "无效的转义序列"
        case .loneSurrogate: "\\u 转义只有代理对的一半"
        case .invalidUTF8: "文本不是有效的 UTF-8"
        case .badNumber: "无效的数字"
        case .badLiteral: "此处应为 true、false 或 null"
        case .trailingText: "JSON 值结束之后还有内容"
        case .tooDeep(let limit): "嵌套超过 \(limit) 层（可用 \(LimitFlag.yamlDepth.rawValue) 提高上限）"
        }
    }
}
