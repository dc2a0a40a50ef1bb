import EligoDecimal
import EligoDiagnostics
import EligoExpr

/// One catalog field prepared for typing values straight from input bytes.
///
/// The rules are ``FieldValueParser``'s (§2, §10), applied to a byte slice so that
/// numbers, dates, booleans and enum values never become a `String` on the way:
/// an enum value maps to the catalog's own `String` through a ``ByteTable``. Only
/// string fields and failures (which need text for their message) build strings.
struct FieldPlan: Sendable {
    enum Kind: Sendable {
        case bool, int, number, money, string, enumeration, date, list
    }

    typealias Written = FieldValueParser.Written

    let field: FieldDefinition
    let slot: Int
    let kind: Kind
    /// The type values are checked against: the field's type, or a list's element type.
    let scalarType: FieldType
    /// What the scalars are: `kind`, or a list's element kind.
    let scalarKind: Kind
    let enumValues: [String]
    let enumTable: ByteTable?
    let minNumber: ExactDecimal?
    let maxNumber: ExactDecimal?
    let minDay: Day?
    let maxDay: Day?

    init(_ field: FieldDefinition) {
        self.field = field
        slot = Int(field.slot)
        kind = Self.kind(of: field.type)
        if case .list(let element) = field.type { scalarType = element } else { scalarType = field.type }
        scalarKind = Self.kind(of: scalarType)
        if case .enumeration(let values) = scalarType {
            enumValues = values
            enumTable = ByteTable(values)
        } else {
            enumValues = []
            enumTable = nil
        }
        var minNumber: ExactDecimal?
        var maxNumber: ExactDecimal?
        var minDay: Day?
        var maxDay: Day?
        switch field.minimum {
        case .number(let value): minNumber = value
        case .date(let day): minDay = day
        case nil: break
        }
        switch field.maximum {
        case .number(let value): maxNumber = value
        case .date(let day): maxDay = day
        case nil: break
        }
        self.minNumber = minNumber
        self.maxNumber = maxNumber
        self.minDay = minDay
        self.maxDay = maxDay
    }

    private static func kind(of type: FieldType) -> Kind {
        switch type {
        case .bool: .bool
        case .int: .int
        case .number: .number
        case .money: .money
        case .string: .string
        case .enumeration: .enumeration
        case .date: .date
        case .list: .list
        }
    }

    var name: String { field.name }

    /// Types one scalar: the field's value, or one item of a list field (split by the caller).
    ///
    /// - Parameters:
    ///   - bytes: The value's text, unquoted and unescaped, not trimmed.
    ///   - written: How the format wrote it (a CSV cell is `.bare`).
    ///   - maxStringBytes: The longest string value allowed.
    func scalar(_ bytes: UnsafeBufferPointer<UInt8>, written: Written, maxStringBytes: Int) -> Result<Value, Message> {
        switch scalarKind {
        case .bool:
            switch written {
            case .boolean, .number:
                if Self.equals(bytes, "true") { return .success(.bool(true)) }
                if Self.equals(bytes, "false") { return .success(.bool(false)) }
            case .bare:
                if let value = Self.bareBool(bytes) { return .success(.bool(value)) }
            case .text:
                break
            }
            return .failure(wrongType(bytes, written))
        case .int, .number, .money:
            guard written != .text, written != .boolean else { return .failure(wrongType(bytes, written)) }
            guard let value = ExactDecimal.parse(utf8: bytes) else {
                if FieldValueParser.isDecimalLiteral(bytes) { return .failure(.recordNumberNotExact(name, Self.text(bytes))) }
                return .failure(wrongType(bytes, written))
            }
            // An int given 720.0 is invalid (§10): the text must be whole, not just the value.
            if scalarKind == .int {
                for byte in bytes where !((byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x2B) {
                    return .failure(wrongType(bytes, written))
                }
            }
            if let minNumber, value < minNumber {
                return .failure(.recordBelowMin(name, value.description, minNumber.description))
            }
            if let maxNumber, value > maxNumber {
                return .failure(.recordAboveMax(name, value.description, maxNumber.description))
            }
            return .success(.number(value))
        case .string:
            if written == .boolean { return .failure(wrongType(bytes, written)) }
            if bytes.count > maxStringBytes { return .failure(.recordStringTooLong(name, limit: maxStringBytes)) }
            if Self.isASCII(bytes) { return .success(.string(String(decoding: bytes, as: UTF8.self))) }
            guard let text = String(validating: bytes, as: UTF8.self) else { return .failure(.recordInvalidUTF8(name)) }
            return .success(.string(FieldValueParser.normalized(text)))
        case .enumeration:
            if written == .boolean { return .failure(wrongType(bytes, written)) }
            if Self.isASCII(bytes) {
                if let table = enumTable, let index = table.index(of: bytes) { return .success(.string(enumValues[index])) }
                if written == .number { return .failure(wrongType(bytes, written)) }
                return .failure(.recordNotInValues(name, Self.text(bytes), enumValues))
            }
            let value = FieldValueParser.normalized(Self.text(bytes))
            if enumValues.contains(value) { return .success(.string(value)) }
            if written == .number { return .failure(wrongType(bytes, written)) }
            return .failure(.recordNotInValues(name, value, enumValues))
        case .date:
            guard written != .boolean, let day = Self.day(bytes) else { return .failure(wrongType(bytes, written)) }
            if let minDay, day < minDay { return .failure(.recordBelowMin(name, day.description, minDay.description)) }
            if let maxDay, day > maxDay { return .failure(.recordAboveMax(name, day.description, maxDay.description)) }
            return .success(.date(day))
        case .list:
            // Lists of lists are not a catalog type; a list's items are scalars.
            return .failure(wrongType(bytes, written))
        }
    }

    /// The wrong-type message, quoting the value when it was written as a string.
    func wrongType(_ bytes: UnsafeBufferPointer<UInt8>, _ written: Written) -> Message {
        let text = Self.text(bytes)
        return .recordWrongType(name, written == .text ? "\"\(text)\"" : text, expected: scalarType)
    }

    /// The wrong-type message for a value that is not a scalar (`[...]`, `{...}`), or a scalar given to a list.
    func wrongType(shown: String) -> Message {
        .recordWrongType(name, shown, expected: field.type)
    }

    // MARK: Bytes

    static func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    @inline(__always)
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var bits: UInt8 = 0
        for byte in bytes { bits |= byte }
        return bits < 0x80
    }

    @inline(__always)
    static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
        guard bytes.count == literal.utf8CodeUnitCount else { return false }
        let pointer = literal.utf8Start
        for index in 0..<bytes.count where bytes[index] != pointer[index] { return false }
        return true
    }

    /// `true`/`True`/`TRUE`/`false`/`False`/`FALSE` (§10).
    static func bareBool(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        switch bytes.count {
        case 4:
            if equals(bytes, "true") || equals(bytes, "True") || equals(bytes, "TRUE") { return true }
        case 5:
            if equals(bytes, "false") || equals(bytes, "False") || equals(bytes, "FALSE") { return false }
        default:
            break
        }
        return nil
    }

    /// Exactly `YYYY-MM-DD`, a real date.
    static func day(_ bytes: UnsafeBufferPointer<UInt8>) -> Day? {
        guard bytes.count == 10, bytes[4] == 0x2D, bytes[7] == 0x2D else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let digit = bytes[index] &- 0x30
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        return Day(year: year, month: month, day: day)
    }
}
