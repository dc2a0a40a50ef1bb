/// The languages every message for people exists in.
public enum Language: String, Sendable, CaseIterable, Hashable {
    case zh
    case en

    /// The language a `LANG`-style locale string asks for: `zh*` gives Chinese, anything else English.
    public init(locale: String?) {
        if let locale, locale.lowercased().hasPrefix("zh") { self = .zh } else { self = .en }
    }
}
