/// A message for people, in both languages, under a stable identifier.
///
/// The identifier is what tests, JSON output and translations key on; the texts
/// may be reworded without breaking anyone. Messages are built by small static
/// functions next to the code that emits them (see the `Messages` folders), never
/// by formatting ad-hoc strings at the call site, so that every message has both
/// a Chinese and an English text.
public struct Message: Error, Sendable, Hashable {
    /// A stable, dotted identifier such as `yaml.duplicate-key`.
    public let id: String
    public let en: String
    public let zh: String

    public init(id: String, en: String, zh: String) {
        self.id = id
        self.en = en
        self.zh = zh
    }

    public func text(_ language: Language) -> String {
        switch language {
        case .en: en
        case .zh: zh
        }
    }
}
