public import EligoDiagnostics
import EligoExpr
public import EligoYAML

/// Types a YAML (or JSON, which is YAML) applicant mapping by the catalog.
///
/// Every bad field is reported, not just the first (§6 step 2), each at the
/// value's position.
public struct RecordDecoder: Sendable {
    public let catalog: FieldCatalog

    public init(catalog: FieldCatalog) { self.catalog = catalog }

    public func decode(_ node: YAMLNode, number: Int = 1) -> (ApplicantRecord, [Diagnostic]) {
        var values = [Value](repeating: .unknown, count: catalog.fields.count)
        var problems: [Diagnostic] = []
        let line = node.span.location.line
        guard let pairs = node.mapping else {
            problems.append(.error(.recordNotMapping, at: node.span))
            return (ApplicantRecord(id: nil, values: values, number: number, line: line, problems: problems), problems)
        }
        var present = Set<String>()
        for pair in pairs {
            let name = pair.key.scalar?.value ?? ""
            guard let field = catalog[name] else {
                // A field whose declaration is broken (already reported) has no type to check against.
                if catalog.mayDeclare(name) { continue }
                let help = Spelling.suggestion(for: name, among: catalog.names).map(Message.didYouMean)
                problems.append(.error(.recordUnknownField(name), at: pair.key.span, help: help))
                continue
            }
            if pair.value.isNull { continue }
            present.insert(name)
            switch Self.value(of: pair.value, field: field) {
            case .success(let value): values[Int(field.slot)] = value
            case .failure(let message): problems.append(.error(message, at: pair.value.span))
            }
        }
        for field in catalog.fields where (field.required || field.name == "id") && !present.contains(field.name) {
            if values[Int(field.slot)].isUnknown, !problems.contains(where: { $0.message.id == "record.unknown-field" && $0.span?.text == field.name }) {
                problems.append(.error(.recordMissingRequired(field.name), at: pairs.first?.key.span ?? node.span))
            }
        }
        var id: String?
        if let idField = catalog["id"], case .string(let text) = values[Int(idField.slot)] { id = text }
        return (ApplicantRecord(id: id, values: values, number: number, line: line, problems: problems), problems)
    }

    static func value(of node: YAMLNode, field: FieldDefinition) -> Result<Value, Message> {
        if case .list = field.type {
            guard let items = node.sequence else {
                return .failure(.recordWrongType(field.name, node.scalar?.value ?? node.kindName.en, expected: field.type))
            }
            var texts: [(text: String, written: FieldValueParser.Written)] = []
            for item in items {
                guard let scalar = item.scalar, scalar.resolution != .null else {
                    return .failure(.recordWrongType(field.name, item.kindName.en, expected: field.type))
                }
                texts.append((scalar.value, written(scalar)))
            }
            return FieldValueParser.parseList(texts, field: field)
        }
        guard let scalar = node.scalar else {
            return .failure(.recordWrongType(field.name, node.kindName.en, expected: field.type))
        }
        return FieldValueParser.parse(scalar.value, written: written(scalar), field: field)
    }

    private static func written(_ scalar: YAMLNode.Scalar) -> FieldValueParser.Written {
        guard scalar.style == .plain else { return .text }
        switch scalar.resolution {
        case .int, .float: return .number
        case .bool: return .boolean
        default: return .bare
        }
    }
}
