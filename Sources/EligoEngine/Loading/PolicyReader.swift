import EligoDecimal
import EligoDiagnostics
import EligoExpr
import EligoYAML

/// Reads typed values out of YAML nodes, reporting every problem with its
/// position instead of stopping at the first.
///
/// The catalog and product decoders are written in terms of these few checks,
/// so "expected a mapping", "unknown key (did you mean …)" and "missing key"
/// read the same everywhere.
struct PolicyReader {
    var diagnostics = Diagnostics()

    mutating func error(_ message: Message, at node: YAMLNode, help: Message? = nil, notes: [Diagnostic.Note] = []) {
        diagnostics.error(message, at: node.span, help: help, notes: notes)
    }

    /// The pairs of a mapping, or nil (reported) when the node is something else.
    ///
    /// - Parameter key: The key whose value `node` is, to name it in the message.
    mutating func mapping(_ node: YAMLNode, of key: String? = nil) -> [YAMLNode.Pair]? {
        guard let pairs = node.mapping else {
            error(.policyExpectedKind("a mapping", "映射", found: node.kindName, key: key), at: node)
            return nil
        }
        return pairs
    }

    mutating func sequence(_ node: YAMLNode, of key: String? = nil) -> [YAMLNode]? {
        guard let items = node.sequence else {
            error(.policyExpectedKind("a list", "列表", found: node.kindName, key: key), at: node)
            return nil
        }
        return items
    }

    /// Reports keys outside `allowed`, each at the key, with the nearest allowed key as a hint.
    mutating func rejectUnknownKeys(_ node: YAMLNode, allowed: [String], context: Context) {
        guard let pairs = node.mapping else { return }
        for pair in pairs {
            let key = pair.key.scalar?.value ?? ""
            guard !allowed.contains(key) else { continue }
            let help = Message.looksSplitByComma(key, in: node) ? .yamlNumberCommaInFlow
                : Spelling.suggestion(for: key, among: allowed).map(Message.didYouMean) ?? .policyAllowedKeys(allowed)
            error(.policyUnknownKey(key, in: context), at: pair.key, help: help)
        }
    }

    /// The value of a required key; a missing key is reported at the mapping's first key (§10).
    mutating func require(_ node: YAMLNode, _ key: String, context: Context) -> YAMLNode? {
        if let value = node[key] { return value }
        let anchor = node.mapping?.first?.key ?? node
        error(.policyMissingKey(key, in: context), at: anchor)
        return nil
    }

    /// Reports `id` when an earlier item of the same kind has it, with a note at the first.
    mutating func checkUnique(_ id: String, at node: YAMLNode, among firstSeen: inout [String: YAMLNode], what: (en: String, zh: String)) {
        if let first = firstSeen[id] {
            error(.policyDuplicateID(what.en, what.zh, id), at: node, notes: [.init(message: .policyFirstDefined(id), span: first.span)])
        } else {
            firstSeen[id] = node
        }
    }

    /// A non-null scalar's text.
    mutating func string(_ node: YAMLNode) -> String? {
        guard let scalar = node.scalar, scalar.resolution != .null else {
            error(.policyExpectedKind("a string", "字符串", found: node.kindName), at: node)
            return nil
        }
        return scalar.value
    }

    /// An id: `[a-z0-9-]+`.
    mutating func id(_ node: YAMLNode) -> String? {
        guard let text = string(node) else { return nil }
        guard Self.isValidID(text) else {
            error(.policyBadID(text), at: node)
            return nil
        }
        return text
    }

    static func isValidID(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }

    mutating func bool(_ node: YAMLNode) -> Bool? {
        guard case .bool(let value) = node.scalar?.resolution else {
            error(.policyBadValue(node.scalar?.value ?? node.kindName.en, expected: "true or false", "true 或 false"), at: node)
            return nil
        }
        return value
    }

    /// A number written as a plain YAML number (`60`, `2.5`).
    /// A plain number as YAML 1.2's core schema writes one, `.5` and `1.` included, as records read them.
    mutating func number(_ node: YAMLNode) -> ExactDecimal? {
        guard let scalar = node.scalar, scalar.style == .plain, scalar.resolution == .int || scalar.resolution == .float,
              let value = ExactDecimal(scalar.value) ?? ExactDecimal(FieldValueParser.pointCompleted(scalar.value))
        else {
            error(.policyBadValue(node.scalar?.value ?? node.kindName.en, expected: "a number", "数字"), at: node)
            return nil
        }
        return value
    }

    /// A count, written with whole digits as an `int` field's value must be (§10: `720.0` is not one).
    mutating func wholeNumber(_ node: YAMLNode) -> Int? {
        guard let value = number(node) else { return nil }
        let text = node.scalar?.value ?? ""
        guard text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x2B }), let whole = value.int64Value,
              let int = Int(exactly: whole)
        else {
            error(.policyBadValue(text, expected: "a whole number", "整数"), at: node)
            return nil
        }
        return int
    }

    mutating func date(_ node: YAMLNode) -> Day? {
        guard let text = string(node) else { return nil }
        guard let day = Day(iso: text) else {
            error(.policyBadValue(text, expected: "a date (YYYY-MM-DD)", "日期（YYYY-MM-DD）"), at: node)
            return nil
        }
        return day
    }

    /// A `{zh, en}` text or a plain string used for both (§3, §10).
    mutating func text(_ node: YAMLNode) -> LocalizedText? {
        if let scalar = node.scalar, scalar.resolution != .null {
            return LocalizedText(scalar.value)
        }
        guard let pairs = mapping(node) else { return nil }
        var zh: String?
        var en: String?
        var commaSplitReported = false
        for pair in pairs {
            let key = pair.key.scalar?.value ?? ""
            switch key {
            case "zh": zh = string(pair.value)
            case "en": en = string(pair.value)
            default:
                // A key without a value is what an unquoted comma leaves behind (`{en: 50,000 to 5,000 yuan}`
                // gives "000 to 5", "000" and "000 yuan"): one report per text, with the fix.
                if let scalar = pair.value.scalar, scalar.style == .plain, scalar.value.isEmpty {
                    guard !commaSplitReported else { continue }
                    commaSplitReported = true
                    error(.policyUnknownLanguage(key), at: pair.key, help: .yamlCommaInFlow)
                } else {
                    error(.policyUnknownLanguage(key), at: pair.key, help: Spelling.suggestion(for: key, among: ["zh", "en"]).map(Message.didYouMean))
                }
            }
        }
        if zh == nil, en == nil {
            if !pairs.contains(where: { ["zh", "en"].contains($0.key.scalar?.value ?? "") }) {
                error(.policyMissingKey("en", in: Context(en: "a text", zh: "文本")), at: pairs.first?.key ?? node)
            }
            return nil
        }
        if zh == nil, node["zh"] == nil { diagnostics.warning(.policyTextMissingLanguage("zh"), at: node.span) }
        if en == nil, node["en"] == nil { diagnostics.warning(.policyTextMissingLanguage("en"), at: node.span) }
        return LocalizedText(zh: zh ?? en ?? "", en: en ?? zh ?? "")
    }

    /// The expression a scalar holds: its text whatever YAML would resolve it to (§10).
    mutating func expressionSource(_ node: YAMLNode) -> ExpressionSource? {
        guard let scalar = node.scalar else {
            error(.policyExpectedKind("an expression", "表达式", found: node.kindName), at: node)
            return nil
        }
        if scalar.resolution == .null || scalar.value.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\n" }) {
            error(.policyEmptyExpression, at: node)
            return nil
        }
        let located = node
        return ExpressionSource(text: scalar.value) { range in located.valueSpan(range) }
    }
}
