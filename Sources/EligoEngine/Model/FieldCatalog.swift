import EligoDecimal
public import EligoDiagnostics
public import EligoExpr

/// The type of an applicant field as the catalog declares it (§2).
public indirect enum FieldType: Sendable, Hashable {
    case bool
    case int
    case number
    case money
    case string
    case enumeration([String])
    case date
    case list(FieldType)

    /// The expression type a field of this type has, named after the field for enums.
    func exprType(field name: String) -> ExprType {
        switch self {
        case .bool: .bool
        case .int: .int
        case .number: .number
        case .money: .money
        case .string: .string
        case .enumeration(let values): .enumeration(EnumDomain(name: name, values: values))
        case .date: .date
        case .list(let element): .list(element.exprType(field: name))
        }
    }

    /// The catalog keyword (`money`, `list`).
    public var keyword: String {
        switch self {
        case .bool: "bool"
        case .int: "int"
        case .number: "number"
        case .money: "money"
        case .string: "string"
        case .enumeration: "enum"
        case .date: "date"
        case .list: "list"
        }
    }
}

/// One declared applicant field.
public struct FieldDefinition: Sendable {
    public var name: String
    public var type: FieldType
    public var required: Bool
    public var minimum: Environment.Constant?
    public var maximum: Environment.Constant?
    public var unit: String?
    public var label: LocalizedText?
    public var help: LocalizedText?
    /// Where the field is declared (its key).
    public var span: SourceSpan
    /// The field's slot in every evaluation frame.
    public var slot: Int32
}

/// The field catalog: every applicant field, once, in declaration order.
///
/// Records are typed by it, expressions are checked against it, and the slot of
/// each field is fixed here so that records and compiled programs agree.
public struct FieldCatalog: Sendable {
    public private(set) var fields: [FieldDefinition] = []
    private var index: [String: Int] = [:]
    public let file: SourceFile
    /// Names the catalog declares but whose declaration is broken (`type: bogus`, an enum
    /// without values), already reported. Validation goes on with the product files, where
    /// such a name is still known, of a type that fits anywhere: the declaration's own error
    /// is the one worth reading, not "unknown field" at every use. Empty in a catalog that loaded.
    public private(set) var unusable: Set<String> = []
    /// Whether the catalog could not be read at all (missing, or not YAML): product files are
    /// still checked, taking any name for a field of a type that fits anywhere.
    public internal(set) var isUnread = false

    init(file: SourceFile) { self.file = file }

    /// The catalog that stands in for one that could not be read, so that product files are still checked.
    static func unread(_ file: SourceFile) -> FieldCatalog {
        var catalog = FieldCatalog(file: file)
        catalog.isUnread = true
        return catalog
    }

    mutating func add(_ field: FieldDefinition) {
        index[field.name] = fields.count
        fields.append(field)
    }

    mutating func addUnusable(_ name: String) {
        if index[name] == nil { unusable.insert(name) }
    }

    /// Whether a name may be a field of this catalog: declared, even if its declaration is
    /// broken, or any name when the catalog could not be read.
    func mayDeclare(_ name: String) -> Bool {
        index[name] != nil || unusable.contains(name) || isUnread
    }

    public subscript(name: String) -> FieldDefinition? {
        index[name].map { fields[$0] }
    }

    public func contains(_ name: String) -> Bool { index[name] != nil }

    public var names: [String] { fields.map(\.name) }

    /// The environment every product's expressions are checked in: all fields, by slot.
    public var environment: Environment {
        var environment = Environment()
        for field in fields {
            environment.declareField(field.name, type: field.type.exprType(field: field.name), slot: field.slot, minimum: field.minimum, maximum: field.maximum)
        }
        // No slot: a catalog with errors never yields a policy set, so nothing evaluates these.
        for name in unusable.sorted() where index[name] == nil {
            environment.declareField(name, type: .any, slot: -1)
        }
        environment.acceptsAnyName = isUnread
        return environment
    }
}
