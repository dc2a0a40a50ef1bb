/// The functions of §4. A closed set: resolved to this enum at check time so
/// that evaluation dispatches on an integer, never on a name.
public enum Builtin: String, Sendable, CaseIterable {
    case min, max, abs, clamp, round, floor, ceil
    case len, contains
    case startsWith = "starts_with"
    case endsWith = "ends_with"
    case lower, upper, date
    case yearsBetween = "years_between"
    case monthsBetween = "months_between"
    case daysBetween = "days_between"
    case age, present, missing, coalesce
    case `if`

    /// How many arguments the function takes.
    public var arity: ClosedRange<Int> {
        switch self {
        case .min, .max, .coalesce: 2...Int.max
        case .abs, .len, .lower, .upper, .date, .age, .present, .missing: 1...1
        case .clamp, .if: 3...3
        case .round, .floor, .ceil: 1...2
        case .contains, .startsWith, .endsWith, .yearsBetween, .monthsBetween, .daysBetween: 2...2
        }
    }

    /// The call's shape, for arity messages.
    public var synopsis: String {
        switch self {
        case .min: "min(a, b, ...)"
        case .max: "max(a, b, ...)"
        case .abs: "abs(x)"
        case .clamp: "clamp(x, lo, hi)"
        case .round: "round(x[, digits])"
        case .floor: "floor(x[, step])"
        case .ceil: "ceil(x[, step])"
        case .len: "len(x)"
        case .contains: "contains(list_or_string, x)"
        case .startsWith: "starts_with(s, prefix)"
        case .endsWith: "ends_with(s, suffix)"
        case .lower: "lower(s)"
        case .upper: "upper(s)"
        case .date: "date(\"YYYY-MM-DD\")"
        case .yearsBetween: "years_between(a, b)"
        case .monthsBetween: "months_between(a, b)"
        case .daysBetween: "days_between(a, b)"
        case .age: "age(d)"
        case .present: "present(x)"
        case .missing: "missing(x)"
        case .coalesce: "coalesce(a, b, ...)"
        case .if: "if(c, a, b)"
        }
    }
}
