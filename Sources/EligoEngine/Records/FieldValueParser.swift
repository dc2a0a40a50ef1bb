import EligoDecimal
public import EligoDiagnostics
public import EligoExpr
import Foundation

/// Turns one field's text into a typed value, or says why it cannot (§2, §10).
///
/// Shared by every record format: what differs between YAML, JSON and CSV is
/// only how a scalar is delimited and whether it was written as a number, so
/// that is passed in and the typing rules live here once.
public enum FieldValueParser {
    /// How the value was written in its format.
    public enum Written: Sendable {
        /// A bare number (YAML plain int/float, JSON number, any CSV cell).
        case number
        /// A quoted or otherwise explicit string (YAML quoted, JSON string).
        case text
        /// A bare word that is neither (YAML plain scalar, CSV cell).
        case bare
        /// `true`/`false` as the format's own boolean.
        case boolean
    }

    public static func parse(_ text: String, written: Written, field: FieldDefinition) -> Result<Value, Message> {
        parse(text, written: written, type: field.type, field: field)
    }

    static func parse(_ text: String, written: Written, type: FieldType, field: FieldDefinition) -> Result<Value, Message> {
        let shown = written == .text ? "\"\(text)\"" : text
        switch type {
        case .bool:
            switch (written, text) {
            // A format's own boolean: JSON's `true`, or any spelling YAML's core schema resolves (`True`, `TRUE`).
            case (.boolean, "true"), (.boolean, "True"), (.boolean, "TRUE"), (.bare, "true"), (.bare, "True"), (.bare, "TRUE"), (.number, "true"):
                return .success(.bool(true))
            case (.boolean, "false"), (.boolean, "False"), (.boolean, "FALSE"), (.bare, "false"), (.bare, "False"), (.bare, "FALSE"), (.number, "false"):
                return .success(.bool(false))
            default: return .failure(.recordWrongType(field.name, shown, expected: type))
            }
        case .int, .number, .money:
            guard written != .text, written != .boolean else {
                return .failure(.recordWrongType(field.name, shown, expected: type))
            }
            // YAML 1.2's core schema also writes floats without a digit on one side of the point (`.5`, `1.`).
            guard let value = ExactDecimal(text) ?? ExactDecimal(Self.pointCompleted(text)) else {
                // A well-formed literal that cannot be held exactly (1e40, 35 digits) says so.
                var copy = text
                if copy.withUTF8({ isDecimalLiteral($0) }) { return .failure(.recordNumberNotExact(field.name, text)) }
                return .failure(notWhole(text, shown, type: type, field: field))
            }
            // An int given 720.0 is invalid (§10): the text must be whole, not just the value.
            if type == .int, !text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x2B }) {
                return .failure(notWhole(text, shown, type: type, field: field))
            }
            return checkBounds(.number(value), display: value.description, field: field)
        case .string:
            // Any scalar's text, a format's own boolean included, as a CSV cell `true` is the text "true".
            return .success(.string(normalized(text)))
        case .enumeration(let values):
            let value = normalized(text)
            guard written != .number || values.contains(value), written != .boolean else {
                return .failure(.recordWrongType(field.name, shown, expected: type))
            }
            guard values.contains(value) else { return .failure(.recordNotInValues(field.name, value, values)) }
            return .success(.string(value))
        case .date:
            guard written != .boolean, let day = Day(iso: text) else {
                return .failure(.recordWrongType(field.name, shown, expected: type))
            }
            return checkBounds(.date(day), display: day.description, field: field)
        case .list:
            // Lists are split by the format (YAML sequences, `;` in CSV) before their items come here.
            return .failure(.recordWrongType(field.name, shown, expected: type))
        }
    }

    /// The message for a number field's text that is no number of its type: for an int given a
    /// whole value in another form (`1e2`, `720.0`, `0x10`), that the form is not accepted.
    static func notWhole(_ text: String, _ shown: String, type: FieldType, field: FieldDefinition) -> Message {
        if type == .int, shown == text, let digits = wholeDigits(text) { return .recordWholeNumberForm(field.name, text, digits) }
        return .recordWrongType(field.name, shown, expected: type)
    }

    /// A whole value written otherwise than in digits, in digits: `1e2` → `100`, `720.0` → `720`,
    /// and YAML's core schema forms `0x10` → `16`, `0o17` → `15`. Nil for anything else (`720.5`,
    /// `abc`). Only for messages: an int field still takes digits only (§10).
    static func wholeDigits(_ text: String) -> String? {
        var body = Substring(text)
        var negative = false
        if let sign = body.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            body = body.dropFirst()
        }
        if body.hasPrefix("0x") || body.hasPrefix("0o") {
            let radix = body.hasPrefix("0x") ? 16 : 8
            let digits = body.dropFirst(2)
            guard !digits.isEmpty else { return nil }
            var value = ExactDecimal.zero
            for character in digits {
                guard let digit = character.hexDigitValue, digit < radix,
                      let shifted = try? value.multiplied(by: ExactDecimal(radix)), let next = try? shifted.adding(ExactDecimal(digit))
                else { return nil }
                value = next
            }
            return (negative && value != .zero ? "-" : "") + value.description
        }
        guard let value = ExactDecimal(text) ?? ExactDecimal(pointCompleted(text)), value.isInteger,
              let whole = try? value.rounded(scale: 0, .halfAwayFromZero)
        else { return nil }
        return whole.description
    }

    /// `.5` → `0.5`, `-.5e3` → `-0.5e3`, `1.` → `1.0`, `1.e3` → `1.0e3`; any other text as it is.
    static func pointCompleted(_ text: String) -> String {
        guard let point = text.firstIndex(of: ".") else { return text }
        let before = text[..<point]
        let after = text[text.index(after: point)...]
        let sign = before.first == "-" || before.first == "+" ? 1 : 0
        let digitAfter = after.first?.isASCIIDigitValue == true
        // `.`, `-.` and `.e3` have no digit on either side: not numbers.
        guard before.count > sign || digitAfter else { return text }
        let leading = before.count == sign ? String(before) + "0" : String(before)
        let trailing = digitAfter ? String(after) : "0" + after
        return leading + "." + trailing
    }

    /// Parses the items of a list field, each typed by the list's element type.
    public static func parseList(_ items: [(text: String, written: Written)], field: FieldDefinition) -> Result<Value, Message> {
        guard case .list(let element) = field.type else { return .failure(.recordWrongType(field.name, "[...]", expected: field.type)) }
        var values: [Value] = []
        values.reserveCapacity(items.count)
        for item in items {
            switch parse(item.text, written: item.written, type: element, field: field) {
            case .success(let value): values.append(value)
            case .failure(let message): return .failure(message)
            }
        }
        return .success(.list(values))
    }

    private static func checkBounds(_ value: Value, display: String, field: FieldDefinition) -> Result<Value, Message> {
        if let minimum = field.minimum, Self.compare(value, minimum) < 0 {
            return .failure(.recordBelowMin(field.name, display, describe(minimum)))
        }
        if let maximum = field.maximum, Self.compare(value, maximum) > 0 {
            return .failure(.recordAboveMax(field.name, display, describe(maximum)))
        }
        return .success(value)
    }

    private static func compare(_ value: Value, _ bound: Environment.Constant) -> Int {
        switch (value, bound) {
        case (.number(let a), .number(let b)): a < b ? -1 : (a == b ? 0 : 1)
        case (.date(let a), .date(let b)): a < b ? -1 : (a == b ? 0 : 1)
        default: 0
        }
    }

    private static func describe(_ constant: Environment.Constant) -> String {
        switch constant {
        case .number(let value): value.description
        case .date(let day): day.description
        }
    }

    /// Whether bytes spell a decimal literal as ``ExactDecimal`` reads them
    /// (`[+-]? digits ("." digits)? ([eE] [+-]? digits)?`), whether or not its value fits.
    static func isDecimalLiteral(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        func digits() -> Bool {
            let start = index
            while index < count, bytes[index] &- 0x30 < 10 { index += 1 }
            return index > start
        }
        if index < count, bytes[index] == 0x2B || bytes[index] == 0x2D { index += 1 }
        guard digits() else { return false }
        if index < count, bytes[index] == 0x2E {
            index += 1
            guard digits() else { return false }
        }
        if index < count, bytes[index] == 0x65 || bytes[index] == 0x45 {
            index += 1
            if index < count, bytes[index] == 0x2B || bytes[index] == 0x2D { index += 1 }
            guard digits() else { return false }
        }
        return index == count
    }

    /// Strings compare after NFC normalisation (§10); records are normalised once, on the way in.
    static func normalized(_ text: String) -> String { TextNormalization.nfc(text) }
}

extension Character {
    fileprivate var isASCIIDigitValue: Bool { isASCII && isNumber }
}
