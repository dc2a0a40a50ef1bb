import EligoDiagnostics

/// The few tags a policy may write, and what each demands of its node.
///
/// Policies are data, not serialized objects: any tag beyond the core schema's
/// (a `!python/object`, a `!!timestamp`) is a mistake worth reporting.
enum YAMLTag: Equatable {
    case str
    case int
    case float
    case bool
    case null
    case seq
    case map
    /// `!`, the non-specific tag: "take this scalar as a string".
    case nonSpecific

    private static let corePrefix = "tag:yaml.org,2002:"

    /// The tag as the author would write it (`!!str` rather than libyaml's `tag:yaml.org,2002:str`).
    static func shortForm(_ tag: String) -> String {
        tag.hasPrefix(corePrefix) ? "!!" + tag.dropFirst(corePrefix.count) : tag
    }

    init?(_ tag: String) {
        switch tag {
        case "!": self = .nonSpecific
        case Self.corePrefix + "str": self = .str
        case Self.corePrefix + "int": self = .int
        case Self.corePrefix + "float": self = .float
        case Self.corePrefix + "bool": self = .bool
        case Self.corePrefix + "null": self = .null
        case Self.corePrefix + "seq": self = .seq
        case Self.corePrefix + "map": self = .map
        default: return nil
        }
    }

    /// The resolution a tagged scalar gets, or `nil` when the text does not fit the tag.
    func resolve(_ text: String, plain: YAMLNode.Resolution) -> YAMLNode.Resolution? {
        switch self {
        case .str, .nonSpecific:
            return .string
        case .int:
            return plain == .int ? .int : nil
        case .float:
            return plain == .float || (plain == .int && CoreSchema.isFloat(Array(text.utf8))) ? .float : nil
        case .bool:
            if case .bool = plain { return plain }
            return nil
        case .null:
            return plain == .null ? .null : nil
        case .seq, .map:
            return nil
        }
    }
}
