public import EligoDecimal
public import EligoDiagnostics
public import EligoExpr

/// How a number is shown: as money, as a percentage, or plainly with a catalog unit.
///
/// Inferred from an expression's type and shape (see ``ExpressionWords``), since
/// a value alone does not say whether 0.0385 is a rate or 200000 an amount.
public struct Quantity: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A number as ``ValueWords/number(_:)`` writes it.
        case plain
        /// Two places, thousands separators, in yuan.
        case money
        /// A fraction shown times 100 with `%` (0.0385 is 3.85%).
        case percent
    }

    public var kind: Kind
    /// A catalog unit (`months`, `kW`, `m2`, `percent`), shown after plain numbers.
    public var unit: String?

    public init(_ kind: Kind, unit: String? = nil) {
        self.kind = kind
        self.unit = unit
    }

    public static let plain = Quantity(.plain)
    public static let money = Quantity(.money, unit: "CNY")
    public static let percent = Quantity(.percent)
}

/// Numbers, money, percentages, units and values written for people, in either language.
///
/// Digits are the same in both languages; units, yes/no and "not provided" are
/// translated. Grouping comes from ``ExactDecimal/formattedGrouped(places:)``.
public enum ValueWords {
    /// The most decimals a number shows exactly. Literals and record values stay well inside
    /// it, so a threshold of `0.99995` and the gap to it are shown as they are, not rounded
    /// into a rule that reads "0.9999 is 0 below 1".
    public static let exactPlaces = 8

    /// The decimals of a long tail (a division's `466.666…7`), shown with `≈`.
    public static let maximumPlaces = 4

    /// A plain number: thousands separators, no trailing zeros, exact up to ``exactPlaces``
    /// decimals. A longer tail is rounded half away from zero to ``maximumPlaces`` decimals,
    /// or to four significant digits below 0.0001, and marked `≈` so that a rounded value
    /// is never read as the exact one (`≈1` for `0.999…9`).
    public static func number(_ value: ExactDecimal) -> String {
        let decimals = decimals(of: value)
        if decimals <= exactPlaces { return trimmingZeros(value.formattedGrouped(places: decimals)) }
        // Below 0.0001, four decimals would say 0: four significant digits instead.
        let zeros = leadingFractionZeros(of: value)
        let places = zeros >= maximumPlaces ? zeros + 4 : maximumPlaces
        if places >= decimals { return trimmingZeros(value.formattedGrouped(places: decimals)) }
        return "≈" + trimmingZeros(value.formattedGrouped(places: places))
    }

    /// Money: two places and thousands separators (`210,000.00`), as amounts are printed (§2).
    /// A value with more decimals (a record's `999.995`, kept exact by §10, or a step of a
    /// computation) is shown exactly up to ``exactPlaces``, and a longer tail to two places
    /// marked `≈`: rounded, "999.995 is 0.005 below 1,000" read "1,000.00 is 0.01 below 1,000.00".
    public static func money(_ value: ExactDecimal) -> String {
        let decimals = decimals(of: value)
        if decimals <= 2 { return value.formattedGrouped(places: 2) }
        if decimals <= exactPlaces { return value.formattedGrouped(places: decimals) }
        return "≈" + value.formattedGrouped(places: 2)
    }

    /// A fraction as a percentage: 0.0385 is `3.85%`, 0.7 is `70%`.
    public static func percent(_ fraction: ExactDecimal) -> String {
        guard let scaled = try? fraction.multiplied(by: 100) else { return number(fraction) }
        return number(scaled) + "%"
    }

    /// A number as `quantity` asks, with its unit: `44,800.00 yuan`, `96 months`, `3.85%`, `20 kW`.
    public static func quantity(_ value: ExactDecimal, _ quantity: Quantity, _ language: Language) -> String {
        switch quantity.kind {
        case .money:
            return money(value) + unitSuffix("CNY", value, language)
        case .percent:
            return percent(value)
        case .plain:
            return number(value) + (quantity.unit.map { unitSuffix($0, value, language) } ?? "")
        }
    }

    /// Any value: numbers as ``quantity(_:_:_:)``, yes/no, dates as `YYYY-MM-DD`, strings as
    /// written, lists joined, unknown as "not provided".
    public static func value(_ value: Value, _ quantity: Quantity, _ language: Language) -> String {
        switch value {
        case .unknown: return notProvided(language)
        case .bool(let flag): return yesNo(flag, language)
        case .number(let number): return self.quantity(number, quantity, language)
        case .string(let text): return text
        case .date(let day): return day.description
        case .list(let items):
            if items.isEmpty { return language == .zh ? "（无）" : "(none)" }
            return items.map { self.value($0, quantity, language) }.joined(separator: language == .zh ? "、" : ", ")
        case .error: return language == .zh ? "无法计算" : "could not be computed"
        }
    }

    public static func yesNo(_ flag: Bool, _ language: Language) -> String {
        switch language {
        case .en: flag ? "yes" : "no"
        case .zh: flag ? "是" : "否"
        }
    }

    public static func notProvided(_ language: Language) -> String {
        language == .zh ? "未提供" : "not provided"
    }

    /// The unit after a number, with its leading space where one belongs (`%` and `°C` take none).
    ///
    /// Units the catalog uses are translated; any other is shown as written.
    public static func unitSuffix(_ unit: String, _ value: ExactDecimal, _ language: Language) -> String {
        let one = value == ExactDecimal.one
        let text: String
        switch (unit, language) {
        case ("percent", _), ("%", _): return "%"
        case ("°C", _): return "°C"
        case ("CNY", .en): text = "yuan"
        case ("CNY", .zh): text = "元"
        case ("age", .en): text = one ? "year" : "years"
        case ("age", .zh): text = "岁"
        case ("months", .en): text = one ? "month" : "months"
        case ("months", .zh): text = "个月"
        case ("years", .en): text = one ? "year" : "years"
        case ("years", .zh): text = "年"
        case ("days", .en): text = one ? "day" : "days"
        case ("days", .zh): text = "天"
        case ("points", .en): text = one ? "point" : "points"
        case ("points", .zh): text = "分"
        case ("persons", .en): text = one ? "person" : "persons"
        case ("persons", .zh): text = "人"
        case ("fish", .zh): text = "尾"
        case ("kW", .zh): text = "千瓦"
        case ("m", .zh): text = "米"
        case ("m2", .en): text = "m²"
        case ("m2", .zh): text = "平方米"
        case ("mu", .zh): text = "亩"
        case ("mg/L", .zh): text = "毫克/升"
        default: text = unit
        }
        return " " + text
    }

    /// Decimals in the canonical text of a value, trailing zeros left out (`0.0385` has 4, `2.50` has 1).
    static func decimals(of value: ExactDecimal) -> Int {
        let text = trimmingZeros(value.description)
        guard let dot = text.firstIndex(of: ".") else { return 0 }
        return text.distance(from: dot, to: text.endIndex) - 1
    }

    /// Zeros between the point and the first significant digit of a value below 1 (`0.000123` has 3).
    static func leadingFractionZeros(of value: ExactDecimal) -> Int {
        let text = value.description
        guard let dot = text.firstIndex(of: "."), !text[..<dot].contains(where: { $0 >= "1" && $0 <= "9" }) else { return 0 }
        return text[text.index(after: dot)...].prefix { $0 == "0" }.count
    }

    private static func trimmingZeros(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var copy = text
        while copy.last == "0" { copy.removeLast() }
        if copy.last == "." { copy.removeLast() }
        return copy
    }
}
