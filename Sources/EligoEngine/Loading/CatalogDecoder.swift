import EligoDecimal
import EligoDiagnostics
import EligoExpr
import EligoYAML

/// Decodes `fields.yaml` (§2) into a ``FieldCatalog``, collecting every problem.
struct CatalogDecoder {
    private var reader = PolicyReader()
    private static let fieldKeys = ["type", "values", "of", "min", "max", "required", "unit", "label", "help"]
    static let reserved: Set<String> = ["and", "or", "not", "in", "true", "false", "as_of"]
    /// What JSON Schema, SQL or spreadsheets call our types: too far from them
    /// for a spelling suggestion (`integer` is four edits from `int`), but what
    /// authors coming from those tools write.
    private static let typeSynonyms = [
        "integer": "int", "boolean": "bool", "float": "number", "double": "number", "decimal": "number",
        "str": "string", "text": "string", "currency": "money", "datetime": "date", "enumeration": "enum", "array": "list",
    ]

    static func decode(_ root: YAMLNode, file: SourceFile) -> (FieldCatalog, Diagnostics) {
        var decoder = CatalogDecoder()
        let catalog = decoder.decode(root, file: file)
        return (catalog, decoder.reader.diagnostics)
    }

    private mutating func decode(_ root: YAMLNode, file: SourceFile) -> FieldCatalog {
        var catalog = FieldCatalog(file: file)
        guard reader.mapping(root) != nil else { return .unread(file) }
        reader.rejectUnknownKeys(root, allowed: ["fields"], context: .catalog)
        guard let fieldsNode = reader.require(root, "fields", context: .catalog), let pairs = reader.mapping(fieldsNode, of: "fields") else {
            return .unread(file)
        }
        for pair in pairs {
            guard let name = reader.string(pair.key) else { continue }
            guard Self.isValidName(name) else {
                reader.error(.policyBadFieldName(name), at: pair.key)
                continue
            }
            if let field = decodeField(name, pair.key, pair.value, slot: Int32(catalog.fields.count)) {
                catalog.add(field)
            } else {
                catalog.addUnusable(name)
            }
        }
        if let id = catalog["id"] {
            if id.type != .string { reader.diagnostics.error(.policyIDFieldType, at: id.span) }
            if let declaration = pairs.first(where: { $0.key.scalar?.value == "id" })?.value, let required = declaration["required"],
                required.scalar?.value == "false"
            {
                reader.diagnostics.warning(.policyIDAlwaysRequired, at: required.span, help: .policyRemoveRequired)
            }
        } else if !pairs.contains(where: { $0.key.scalar?.value == "id" }) {
            reader.error(.policyIDFieldMissing, at: fieldsNode.mapping?.first?.key ?? fieldsNode, help: .policyDeclareID)
        }
        return catalog
    }

    /// Field names must be usable as expression names: identifiers joined by dots, no reserved word.
    static func isValidName(_ name: String) -> Bool {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return parts.allSatisfy { part in
            guard let first = part.utf8.first, !(first >= 0x30 && first <= 0x39) else { return false }
            return !reserved.contains(String(part)) && part.utf8.allSatisfy {
                ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F
            }
        }
    }

    private mutating func decodeField(_ name: String, _ keyNode: YAMLNode, _ node: YAMLNode, slot: Int32) -> FieldDefinition? {
        let context = Context.field(name)
        guard reader.mapping(node) != nil else { return nil }
        reader.rejectUnknownKeys(node, allowed: Self.fieldKeys, context: context)
        guard let typeNode = reader.require(node, "type", context: context), let type = decodeType(typeNode, node, context: context) else {
            return nil
        }
        var field = FieldDefinition(
            name: name, type: type, required: false, minimum: nil, maximum: nil, unit: nil, label: nil, help: nil,
            span: keyNode.span, slot: slot)
        // `values` belongs to an enum (or a list of one), `of` to a list: on any other type they
        // would be read as nothing, so a misplaced one (a number field given `values`) is an error.
        let element: FieldType = if case .list(let inner) = type { inner } else { type }
        let isEnum: Bool = if case .enumeration = element { true } else { false }
        let isList: Bool = if case .list = type { true } else { false }
        for (key, applies) in [("values", isEnum), ("of", isList)] where !applies {
            guard let keyNode = node.mapping?.first(where: { $0.key.scalar?.value == key })?.key else { continue }
            reader.error(.policyKeyDoesNotApply(key, type.keyword), at: keyNode)
        }
        if let required = node["required"] { field.required = reader.bool(required) ?? false }
        if let unit = node["unit"] { field.unit = reader.string(unit) }
        if let label = node["label"] { field.label = reader.text(label) }
        if let help = node["help"] { field.help = reader.text(help) }
        for key in ["min", "max"] {
            guard let boundNode = node[key] else { continue }
            let bound: Environment.Constant?
            switch type {
            case .int, .number, .money: bound = reader.number(boundNode).map(Environment.Constant.number)
            case .date: bound = reader.date(boundNode).map(Environment.Constant.date)
            default:
                reader.error(.policyKeyDoesNotApply(key, type.keyword), at: node.mapping?.first { $0.key.scalar?.value == key }?.key ?? boundNode)
                bound = nil
            }
            if key == "min" { field.minimum = bound } else { field.maximum = bound }
        }
        if let low = field.minimum, let high = field.maximum, Self.isAbove(low, high), let maxNode = node["max"] {
            reader.error(.policyMinAboveMax(Self.describe(low), Self.describe(high)), at: maxNode)
            // Reported once, here: bounds that no value meets would make every rule on the field "never true".
            field.minimum = nil
            field.maximum = nil
        }
        return field
    }

    private static func isAbove(_ a: Environment.Constant, _ b: Environment.Constant) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)): x > y
        case (.date(let x), .date(let y)): x > y
        default: false
        }
    }

    private static func describe(_ constant: Environment.Constant) -> String {
        switch constant {
        case .number(let value): value.description
        case .date(let day): day.description
        }
    }

    private mutating func decodeType(_ typeNode: YAMLNode, _ node: YAMLNode, context: Context, element: Bool = false) -> FieldType? {
        guard let keyword = reader.string(typeNode) else { return nil }
        let scalarTypes = ["bool", "int", "number", "money", "string", "enum", "date"]
        switch keyword {
        case "bool": return .bool
        case "int": return .int
        case "number": return .number
        case "money": return .money
        case "string": return .string
        case "date": return .date
        case "enum":
            guard let valuesNode = node["values"] else {
                reader.error(.policyEnumNeedsValues, at: typeNode)
                return nil
            }
            guard let items = reader.sequence(valuesNode, of: "values") else { return nil }
            var values: [String] = []
            for item in items {
                guard let value = reader.string(item) else { continue }
                if values.contains(value) {
                    reader.error(.policyDuplicateEnumValue(value), at: item)
                } else {
                    values.append(value)
                }
            }
            guard !values.isEmpty else {
                reader.error(.policyEnumNeedsValues, at: valuesNode)
                return nil
            }
            return .enumeration(values)
        case "list" where !element:
            guard let ofNode = node["of"] else {
                reader.error(.policyListNeedsOf, at: typeNode)
                return nil
            }
            guard let elementType = decodeType(ofNode, node, context: context, element: true) else { return nil }
            return .list(elementType)
        case "list":
            // In `of:` (§2: one of the scalar types).
            reader.error(.policyListOfList(scalarTypes), at: typeNode)
            return nil
        default:
            let allowed = element ? scalarTypes : scalarTypes + ["list"]
            let synonym = Self.typeSynonyms[keyword.lowercased()].flatMap { allowed.contains($0) ? $0 : nil }
            let suggestion = synonym ?? Spelling.suggestion(for: keyword, among: allowed)
            reader.error(.policyUnknownType(keyword), at: typeNode, help: suggestion.map(Message.didYouMean))
            return nil
        }
    }
}
