public import EligoDiagnostics

/// A text shown to people, in both languages (§3). A plain string in a policy
/// file is used for both.
public struct LocalizedText: Sendable, Hashable {
    public var zh: String
    public var en: String

    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    public init(_ both: String) {
        self.init(zh: both, en: both)
    }

    public func text(_ language: Language) -> String {
        switch language {
        case .zh: zh
        case .en: en
        }
    }
}
