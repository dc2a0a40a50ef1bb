public import EligoDiagnostics
import EligoExpr
public import EligoYAML

/// Types a YAML (or JSON, which is YAML) applicant mapping by the catalog.
///
/// Every bad field is reported, not just the first (§6 step 2), each at the
/// value's position.
public struct RecordDecoder: Sendable {
    public let catalog: FieldCatalog
    /// `--max-string-bytes`, to name in the message for a value over it.
    public let maxStringBytes: Int

    public init(catalog: FieldCatalog, maxStringBytes: Int = YAMLLimits.default.maxScalarBytes) {
        self.catalog = catalog
        self.maxStringBytes = maxStringBytes
    }

    /// YAML problems after which a record's document is still whole but for the value or key they
    /// are about (the composer makes an over-long value null; a repeated key's pair is skipped, the
    /// first kept): the record is decoded, so that its `invalid` decisions keep its id and the
    /// problem names its field, as a CSV or JSONL record's does.
    static let valueProblems: Set<String> = ["yaml.scalar-too-long", "yaml.duplicate-key"]

    /// Whether a document of an applicant file or stream can be decoded despite its YAML problems.
    public static func isDecodable(_ document: YAMLDocument) -> Bool {
        document.root != nil && !document.diagnostics.contains { $0.severity == .error && !valueProblems.contains($0.message.id) }
    }

    /// A YAML problem of a record told in one line: an `invalid` decision shows no help, so a
    /// limit's option goes into the message itself, as the CSV and JSONL readers say it.
    public static func recordProblem(_ diagnostic: Diagnostic) -> Diagnostic {
        guard let help = diagnostic.help, let flag = LimitFlag(help: help) else { return diagnostic }
        return Diagnostic(diagnostic.severity, diagnostic.message.naming(flag), at: diagnostic.span, path: diagnostic.path, notes: diagnostic.notes)
    }

    /// Decodes one applicant mapping.
    ///
    /// - Parameters:
    ///   - yamlProblems: The document's YAML problems, when ``isDecodable(_:)`` let it through
    ///     with some: each becomes a problem of the field whose value it is about.
    public func decode(_ node: YAMLNode, number: Int = 1, yamlProblems: [Diagnostic] = []) -> (ApplicantRecord, [Diagnostic]) {
        var values = [Value](repeating: .unknown, count: catalog.fields.count)
        var problems: [Diagnostic] = []
        let line = node.span.location.line
        // Rare (a value over a limit): the common record pays one emptiness test.
        var unplaced = yamlProblems.filter { $0.severity == .error }
        guard let pairs = node.mapping else {
            problems.append(contentsOf: unplaced.map(Self.recordProblem))
            if unplaced.isEmpty { problems.append(.error(.recordNotMapping, at: node.span)) }
            return (ApplicantRecord(id: nil, values: values, number: number, line: line, problems: problems), problems)
        }
        var present = Set<String>()
        for pair in pairs {
            if !unplaced.isEmpty, unplaced.contains(where: { Self.holds(pair.key.span, $0.span) }) { continue }
            let name = pair.key.scalar?.value ?? ""
            if !unplaced.isEmpty, let field = catalog[name], let index = unplaced.firstIndex(where: { Self.holds(pair.value.span, $0.span) }) {
                // Present, though unreadable: not also "required field is missing".
                present.insert(name)
                let limit = maxStringBytes
                let message: Message = switch field.type {
                case .string, .enumeration, .list(.string), .list(.enumeration): .recordStringTooLong(name, limit: limit)
                default: .recordValueTooLong(name, limit: limit)
                }
                problems.append(.error(message, at: unplaced[index].span))
                unplaced.remove(at: index)
                continue
            }
            guard let field = catalog[name] else {
                // A field whose declaration is broken (already reported) has no type to check against.
                if catalog.mayDeclare(name) { continue }
                let help = Message.looksSplitByComma(name, in: node) ? .yamlNumberCommaInFlow
                    : Spelling.suggestion(for: name, among: catalog.names).map(Message.didYouMean)
                problems.append(.error(.recordUnknownField(name), at: pair.key.span, help: help))
                continue
            }
            if pair.value.isNull { continue }
            present.insert(name)
            switch Self.value(of: pair.value, field: field) {
            case .success(let value): values[Int(field.slot)] = value
            case .failure(let problem):
                let at = problem.node ?? pair.value
                problems.append(.error(problem.message, at: at.span, help: Self.enumSuggestion(problem.message, at, field.type)))
            }
        }
        for field in catalog.fields where (field.required || field.name == "id") && !present.contains(field.name) {
            if values[Int(field.slot)].isUnknown, !problems.contains(where: { $0.message.id == "record.unknown-field" && $0.span?.text == field.name }) {
                problems.append(.error(.recordMissingRequired(field.name), at: pairs.first?.key.span ?? node.span))
            }
        }
        problems.append(contentsOf: unplaced.map(Self.recordProblem))
        var id: String?
        if let idField = catalog["id"], case .string(let text) = values[Int(idField.slot)] {
            id = text
            if text.isEmpty, let pair = pairs.first(where: { $0.key.scalar?.value == "id" }) {
                problems.append(.error(.recordEmptyID, at: pair.value.span))
            }
        }
        return (ApplicantRecord(id: id, values: values, number: number, line: line, problems: problems), problems)
    }

    /// Whether `inner` lies within `outer` (a value's span, and a problem's in it).
    private static func holds(_ outer: SourceSpan, _ inner: SourceSpan?) -> Bool {
        guard let inner else { return false }
        return outer.start <= inner.start && inner.end <= outer.end
    }

    /// Why a value is bad, and the node to point at when it is not the whole value (a list's item).
    struct Problem: Error {
        var message: Message
        var node: YAMLNode?
    }

    /// "did you mean 'veteran'?" under a value outside an enum's `values`, as validation says it of a literal.
    static func enumSuggestion(_ message: Message, _ node: YAMLNode, _ type: FieldType) -> Message? {
        guard message.id == "record.enum-value", let text = node.scalar?.value else { return nil }
        let values: [String]
        switch type {
        case .enumeration(let own), .list(.enumeration(let own)): values = own
        default: return nil
        }
        return Spelling.suggestion(for: text, among: values).map(Message.didYouMean)
    }

    static func value(of node: YAMLNode, field: FieldDefinition) -> Result<Value, Problem> {
        if case .list(let element) = field.type {
            guard let items = node.sequence else {
                let message: Message = node.scalar.map { .recordWrongType(field.name, $0.value, expected: field.type) }
                    ?? .recordWrongType(field.name, kind: node.kindName, expected: field.type)
                return .failure(Problem(message: message))
            }
            var texts: [(text: String, written: FieldValueParser.Written)] = []
            for (index, item) in items.enumerated() {
                guard let scalar = item.scalar else {
                    let kind = item.sequence != nil ? ("a list", "列表") : ("a mapping", "映射")
                    return .failure(Problem(message: .recordNestedListItem(field.name, item: index + 1, kind: kind, element: element), node: item))
                }
                guard scalar.resolution != .null else {
                    return .failure(Problem(message: .recordNullListItem(field.name, item: index + 1), node: item))
                }
                texts.append((scalar.value, written(scalar)))
            }
            return FieldValueParser.parseList(texts, field: field).mapError { message in
                // At the item that is wrong, not the list's bracket: the first that fails alone.
                let bad = texts.indices.first { index in
                    if case .failure = FieldValueParser.parseList([texts[index]], field: field) { return true }
                    return false
                }
                return Problem(message: message, node: bad.map { items[$0] })
            }
        }
        guard let scalar = node.scalar else {
            return .failure(Problem(message: .recordWrongType(field.name, kind: node.kindName, expected: field.type)))
        }
        return FieldValueParser.parse(scalar.value, written: written(scalar), field: field).mapError { Problem(message: $0) }
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
