import EligoDecimal
import EligoDiagnostics
import EligoExpr
import Foundation

/// The catalog prepared for typing values straight from input bytes.
///
/// The rules are ``FieldValueParser``'s (§2, §10), applied to a byte slice so that
/// numbers, dates, booleans and enum values never become a `String` on the way:
/// an enum value maps to the catalog's own `String` through one ``EnumTable``
/// for all enum fields. Only string fields and failures (which need text for
/// their message) build strings.
///
/// What the hot path reads per field is a ``FieldCode``, a plain value with no
/// references, so that reading it per cell costs no reference counting; names and
/// definitions (for messages) sit apart, in `fields`.
final class FieldTyper: Sendable {
    enum Kind: UInt8, Sendable {
        case bool, int, number, money, string, enumeration, date, list
    }

    typealias Written = FieldValueParser.Written

    /// What typing one field needs, without references.
    struct FieldCode: Sendable {
        var kind: Kind
        /// A list's element kind, else `kind`.
        var scalarKind: Kind
        var slot: Int
        /// `kind == .list` and `scalarKind == .int`, as plain flags for the hot path.
        var isList: Bool
        var isInt: Bool
        var hasMinimum = false
        var hasMaximum = false
        /// Whole-number bounds that fit in 48 bits, for comparing the common literals without ``ExactDecimal``.
        var minWhole: Int64?
        var maxWhole: Int64?
        var minNumber = ExactDecimal.zero
        var maxNumber = ExactDecimal.zero
        var minDay = Day(daysSinceEpoch: 0)
        var maxDay = Day(daysSinceEpoch: 0)
    }

    /// Per field, read through a pointer: no bounds check or copy of the whole code per cell.
    let codes: CodeTable
    let fields: [FieldDefinition]
    /// Per field, the type values are checked against: its type, or a list's element type.
    let scalarTypes: [FieldType]
    /// Per field, its enum values (empty for other fields).
    let enumValues: [[String]]
    let enums: EnumTable
    let maxStringBytes: Int

    init(catalog: FieldCatalog, maxStringBytes: Int) {
        self.maxStringBytes = maxStringBytes
        fields = catalog.fields
        var codes: [FieldCode] = []
        var scalarTypes: [FieldType] = []
        var enumValues: [[String]] = []
        for field in catalog.fields {
            var scalarType = field.type
            if case .list(let element) = field.type { scalarType = element }
            var isList = false
            if case .list = field.type { isList = true }
            var code = FieldCode(
                kind: Self.kind(of: field.type), scalarKind: Self.kind(of: scalarType), slot: Int(field.slot), isList: isList,
                isInt: scalarType == .int)
            switch field.minimum {
            case .number(let value):
                code.hasMinimum = true
                code.minNumber = value
                code.minWhole = Self.whole(value)
            case .date(let day):
                code.hasMinimum = true
                code.minDay = day
            case nil: break
            }
            switch field.maximum {
            case .number(let value):
                code.hasMaximum = true
                code.maxNumber = value
                code.maxWhole = Self.whole(value)
            case .date(let day):
                code.hasMaximum = true
                code.maxDay = day
            case nil: break
            }
            codes.append(code)
            scalarTypes.append(scalarType)
            if case .enumeration(let values) = scalarType { enumValues.append(values) } else { enumValues.append([]) }
        }
        self.codes = CodeTable(codes)
        self.scalarTypes = scalarTypes
        self.enumValues = enumValues
        enums = EnumTable(enumValues)
    }

    /// A bound as a whole number below 2^47 in magnitude, if it is one.
    private static func whole(_ value: ExactDecimal) -> Int64? {
        guard value.isInteger, let whole = value.int64Value, whole.magnitude < 1 << 47 else { return nil }
        return whole
    }

    /// `coefficient × 10^-scale` compared with a whole bound: -1, 0 or 1.
    @inline(__always)
    static func compare(_ coefficient: Int64, scale: Int, _ bound: Int64) -> Int {
        // |coefficient| < 10^18 and |bound| < 2^47; scale ≤ 18. Scale the bound when it cannot overflow.
        var scaled = bound
        for _ in 0..<scale {
            let (product, overflow) = scaled.multipliedReportingOverflow(by: 10)
            if overflow { return bound < 0 ? 1 : -1 }
            scaled = product
        }
        return coefficient < scaled ? -1 : (coefficient == scaled ? 0 : 1)
    }

    /// Whether a quick literal is within the field's bounds, compared on 64 bits; false also
    /// when a bound is not a whole number below 2^47, which only ``ExactDecimal`` can tell.
    @inline(__always)
    static func withinWholeBounds(_ code: UnsafeMutablePointer<FieldCode>, _ coefficient: Int64, scale: Int) -> Bool {
        if code.pointee.hasMinimum {
            guard let minimum = code.pointee.minWhole, compare(coefficient, scale: scale, minimum) >= 0 else { return false }
        }
        if code.pointee.hasMaximum {
            guard let maximum = code.pointee.maxWhole, compare(coefficient, scale: scale, maximum) <= 0 else { return false }
        }
        return true
    }

    /// A date within the field's bounds.
    @inline(__always)
    static func withinBounds(_ code: UnsafeMutablePointer<FieldCode>, _ day: Day) -> Bool {
        (!code.pointee.hasMinimum || day >= code.pointee.minDay) && (!code.pointee.hasMaximum || day <= code.pointee.maxDay)
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

    func name(_ field: Int) -> String { fields[field].name }

    /// Types one scalar: field `field`'s value, or one item of a list field (split by the caller).
    ///
    /// - Parameters:
    ///   - bytes: The value's text, unquoted and unescaped, not trimmed.
    ///   - written: How the format wrote it (a CSV cell is `.bare`).
    ///   - sink: Told when the value is bad (the result is then `.unknown`); a ``FailureFlag``
    ///     on the hot path, where no message is built, a ``FirstProblem`` to say why.
    @inline(__always)
    func scalar<Sink: ProblemSink>(_ field: Int, _ bytes: UnsafeBufferPointer<UInt8>, _ written: Written, _ sink: inout Sink) -> Value {
        let code = codes.pointer + field
        switch code.pointee.scalarKind {
        case .bool:
            switch written {
            case .boolean, .number:
                if Self.equals(bytes, "true") { return .bool(true) }
                if Self.equals(bytes, "false") { return .bool(false) }
            case .bare:
                if let value = Self.bareBool(bytes) { return .bool(value) }
            case .text:
                break
            }
        case .int, .number, .money:
            guard written != .text, written != .boolean else { break }
            let value: ExactDecimal
            if let quick = Self.quickDecimal(bytes) {
                // An int given 720.0 is invalid (§10): the text must be whole, not just the value.
                if code.pointee.isInt, quick.hasPoint { break }
                if Self.withinWholeBounds(code, quick.coefficient, scale: quick.scale) { return .number(quick.value) }
                value = quick.value
            } else {
                guard let parsed = ExactDecimal.parse(utf8: bytes) ?? ExactDecimal(FieldValueParser.pointCompleted(Self.text(bytes))) else {
                    if FieldValueParser.isDecimalLiteral(bytes) {
                        sink.report(.recordNumberNotExact(name(field), Self.text(bytes)))
                        return .unknown
                    }
                    break
                }
                if code.pointee.isInt {
                    for byte in bytes where !((byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x2B) {
                        sink.report(wrongType(field, bytes, written))
                        return .unknown
                    }
                }
                value = parsed
            }
            if code.pointee.hasMinimum, value < code.pointee.minNumber {
                sink.report(.recordBelowMin(name(field), value.description, code.pointee.minNumber.description))
                return .unknown
            }
            if code.pointee.hasMaximum, value > code.pointee.maxNumber {
                sink.report(.recordAboveMax(name(field), value.description, code.pointee.maxNumber.description))
                return .unknown
            }
            return .number(value)
        case .string:
            // Any scalar's text, a format's own boolean included (FieldValueParser).
            if bytes.count > maxStringBytes {
                sink.report(.recordStringTooLong(name(field), limit: maxStringBytes))
                return .unknown
            }
            var text = String(decoding: bytes, as: UTF8.self)
            if Self.isASCII(bytes) { return .string(text) }
            // Decoding repairs bad UTF-8, so the bytes come back unchanged exactly when they were
            // valid: one pass of the standard library's fast decoder, where `String(validating:)`
            // took five times as long.
            let valid = text.withUTF8 { $0.count == bytes.count && sameBytes($0.baseAddress!, bytes.baseAddress!, bytes.count) }
            guard valid else {
                sink.report(.recordInvalidUTF8(name(field)))
                return .unknown
            }
            return .string(FieldValueParser.normalized(text))
        case .enumeration:
            guard written != .boolean else { break }
            // Bytes equal to a value's are that value, ASCII or not; ASCII bytes equal to none are
            // no value, and other text is compared in its normal form.
            if let value = enums.value(field: field, bytes) { return .string(value) }
            if Self.isASCII(bytes) {
                if written == .number { break }
                sink.report(.recordNotInValues(name(field), Self.text(bytes), enumValues[field]))
                return .unknown
            }
            let value = FieldValueParser.normalized(Self.text(bytes))
            if enumValues[field].contains(value) { return .string(value) }
            if written == .number { break }
            sink.report(.recordNotInValues(name(field), value, enumValues[field]))
            return .unknown
        case .date:
            guard written != .boolean, let day = Self.day(bytes) else { break }
            if code.pointee.hasMinimum, day < code.pointee.minDay {
                sink.report(.recordBelowMin(name(field), day.description, code.pointee.minDay.description))
                return .unknown
            }
            if code.pointee.hasMaximum, day > code.pointee.maxDay {
                sink.report(.recordAboveMax(name(field), day.description, code.pointee.maxDay.description))
                return .unknown
            }
            return .date(day)
        case .list:
            // Lists of lists are not a catalog type; a list's items are scalars.
            break
        }
        sink.report(wrongType(field, bytes, written))
        return .unknown
    }

    /// Types a scalar; a bad value is typed again to say why, so the common case builds no message.
    @inline(__always)
    func scalar(_ field: Int, _ bytes: UnsafeBufferPointer<UInt8>, _ written: Written, _ problem: inout Message?) -> Value {
        var flag = FailureFlag()
        let value = scalar(field, bytes, written, &flag)
        guard flag.failed else { return value }
        problem = self.problem(field, bytes, written)
        return .unknown
    }

    /// Why a value that failed is bad.
    @inline(never)
    func problem(_ field: Int, _ bytes: UnsafeBufferPointer<UInt8>, _ written: Written) -> Message {
        var first = FirstProblem()
        _ = scalar(field, bytes, written, &first)
        return first.message ?? wrongType(field, bytes, written)
    }

    /// The wrong-type message, quoting the value when it was written as a string.
    func wrongType(_ field: Int, _ bytes: UnsafeBufferPointer<UInt8>, _ written: Written) -> Message {
        let text = Self.text(bytes)
        // An int given a whole value in another form (`1e2`, `720.0`, `0x10`): the form is what is wrong.
        if written != .text, scalarTypes[field] == .int, let digits = FieldValueParser.wholeDigits(text) {
            return .recordWholeNumberForm(name(field), text, digits)
        }
        return .recordWrongType(name(field), written == .text ? "\"\(text)\"" : text, expected: scalarTypes[field])
    }

    /// The wrong-type message for a value that is not a scalar (`[...]`, `{...}`), or a scalar given to a list.
    func wrongType(_ field: Int, shown: String) -> Message {
        .recordWrongType(name(field), shown, expected: fields[field].type)
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

    /// `true`/`True`/`TRUE`/`false`/`False`/`FALSE` (§10), compared a word at a time.
    @inline(__always)
    static func bareBool(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard let base = bytes.baseAddress, let found = scanBool(base, from: 0, to: bytes.count), found.end == bytes.count else { return nil }
        return found.value
    }

    /// A bare boolean starting at `start` and ending at `limit` or at a comma (the end
    /// of a CSV cell), with where it ends; nil for anything else.
    @inline(__always)
    static func scanBool(_ base: UnsafePointer<UInt8>, from start: Int, to limit: Int) -> (value: Bool, end: Int)? {
        @inline(__always) func endsAt(_ end: Int) -> Bool { end == limit || (end < limit && base[end] == 0x2C) }
        guard start + 4 <= limit else { return nil }
        let word = UInt32(littleEndian: UnsafeRawPointer(base + start).loadUnaligned(as: UInt32.self))
        // "true", "True", "TRUE" as little-endian words.
        if word == 0x6575_7274 || word == 0x6575_7254 || word == 0x4555_5254 {
            return endsAt(start + 4) ? (true, start + 4) : nil
        }
        guard start + 5 <= limit, endsAt(start + 5) else { return nil }
        let last = base[start + 4]
        // "fals"/"Fals" + "e", "FALS" + "E".
        if last == 0x65, word == 0x736C_6166 || word == 0x736C_6146 { return (false, start + 5) }
        if last == 0x45, word == 0x534C_4146 { return (false, start + 5) }
        return nil
    }

    /// The common literals, `[+-]? digits ("." digits)?` with at most 18 digits, read
    /// into 64 bits; `nil` sends anything else to ``ExactDecimal/parse(utf8:)``.
    ///
    /// The value is what `parse` gives, scale included (fractional zeros at the end
    /// are not significant there either: `1.50` has scale 1).
    @inline(__always)
    static func quickDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> (value: ExactDecimal, coefficient: Int64, scale: Int, hasPoint: Bool)? {
        guard bytes.count <= 20, let base = bytes.baseAddress, let found = scanDecimal(base, from: 0, to: bytes.count), found.end == bytes.count else {
            return nil
        }
        return (found.value, found.coefficient, found.scale, found.hasPoint)
    }

    /// ``quickDecimal(_:)`` of the bytes from `start` up to `limit` or to a comma (the
    /// end of a CSV cell), with where it ends.
    @inline(__always)
    static func scanDecimal(_ base: UnsafePointer<UInt8>, from start: Int, to limit: Int)
        -> (value: ExactDecimal, coefficient: Int64, scale: Int, hasPoint: Bool, end: Int)?
    {
        guard start < limit else { return nil }
        var index = start
        var negative = false
        if base[index] == 0x2D || base[index] == 0x2B {
            negative = base[index] == 0x2D
            index += 1
        }
        var coefficient: Int64 = 0
        var digits = 0
        var point = -1
        while index < limit {
            let byte = base[index]
            let digit = byte &- 0x30
            if digit < 10 {
                coefficient = coefficient &* 10 &+ Int64(digit)
                digits &+= 1
            } else if byte == 0x2E, point < 0, digits > 0 {
                point = digits
            } else if byte == 0x2C {
                break
            } else {
                return nil
            }
            index += 1
        }
        guard digits > 0, digits <= 18, point != digits else { return nil }
        var scale = point < 0 ? 0 : digits - point
        while scale > 0, coefficient % 10 == 0 {
            coefficient /= 10
            scale -= 1
        }
        let signed = negative ? -coefficient : coefficient
        return (ExactDecimal(coefficient: signed, scale: scale), signed, scale, point >= 0, index)
    }

    /// Exactly `YYYY-MM-DD`, a real date.
    @inline(__always)
    static func day(_ bytes: UnsafeBufferPointer<UInt8>) -> Day? {
        guard bytes.count == 10, let base = bytes.baseAddress else { return nil }
        return scanDay(base, from: 0, to: 10)
    }

    /// ``day(_:)`` of the ten bytes at `start`, which must end at `limit` or at a comma.
    @inline(__always)
    static func scanDay(_ base: UnsafePointer<UInt8>, from start: Int, to limit: Int) -> Day? {
        let end = start + 10
        guard end <= limit, end == limit || base[end] == 0x2C, base[start + 4] == 0x2D, base[start + 7] == 0x2D else { return nil }
        @inline(__always) func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let digit = base[start + index] &- 0x30
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        return Day(year: year, month: month, day: day)
    }
}

/// Where ``FieldTyper/scalar(_:_:_:_:)-generic`` reports a bad value.
protocol ProblemSink {
    mutating func report(_ message: @autoclosure () -> Message)
}

/// Only whether something was wrong: no message is built.
struct FailureFlag: ProblemSink {
    var failed = false

    @inline(__always)
    mutating func report(_ message: @autoclosure () -> Message) { failed = true }
}

/// The first problem's message.
struct FirstProblem: ProblemSink {
    var message: Message?

    mutating func report(_ message: @autoclosure () -> Message) {
        if self.message == nil { self.message = message() }
    }
}

/// The field codes of a typer, in memory that lives as long as the typer.
final class CodeTable: @unchecked Sendable {
    /// Immutable after `init`.
    let pointer: UnsafeMutablePointer<FieldTyper.FieldCode>
    let count: Int

    init(_ codes: [FieldTyper.FieldCode]) {
        count = codes.count
        pointer = .allocate(capacity: max(codes.count, 1))
        pointer.initialize(from: codes, count: codes.count)
    }

    deinit {
        pointer.deinitialize(count: count)
        pointer.deallocate()
    }

    @inline(__always)
    subscript(_ field: Int) -> FieldTyper.FieldCode {
        precondition(field >= 0 && field < count)
        return pointer[field]
    }
}

/// Every enum field's values, for looking bytes up: (field, bytes) → the catalog's `String`.
///
/// Each field has its own small open-addressing region, hashed on the length and three
/// bytes (enum values are short and differ early or late), so a lookup is a few loads
/// and one comparison; values live in one contiguous blob.
struct EnumTable: Sendable {
    private let blob: [UInt8]
    /// Start of entry `i` in `blob`; `offsets[count]` is the blob's end.
    private let offsets: [Int]
    private let strings: [String]
    /// Entry index + 1 per bucket, 0 for an empty bucket; each field's region is contiguous.
    private let buckets: [Int32]
    /// Per field: where its region starts and its size - 1 (a power of two minus one).
    private let regions: [(start: Int, mask: Int)]

    /// - Parameter values: Per field, its enum values (empty for fields of other types).
    init(_ values: [[String]]) {
        var blob: [UInt8] = []
        var offsets: [Int] = []
        var strings: [String] = []
        var buckets: [Int32] = []
        var regions: [(start: Int, mask: Int)] = []
        for fieldValues in values {
            var size = 4
            while size < fieldValues.count * 4 { size <<= 1 }
            let start = buckets.count
            buckets += [Int32](repeating: 0, count: size)
            regions.append((start, size - 1))
            for value in fieldValues {
                let entry = strings.count
                offsets.append(blob.count)
                blob.append(contentsOf: value.utf8)
                strings.append(value)
                var bucket = Array(value.utf8).withUnsafeBufferPointer { Self.hash($0) } & (size - 1)
                while buckets[start + bucket] != 0 { bucket = (bucket + 1) & (size - 1) }
                buckets[start + bucket] = Int32(entry + 1)
            }
        }
        offsets.append(blob.count)
        self.blob = blob
        self.offsets = offsets
        self.strings = strings
        self.buckets = buckets
        self.regions = regions
    }

    /// The catalog's spelling of `bytes` among the values of `field`, if it is one.
    @inline(__always)
    func value(field: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        entry(field: field, bytes).map { strings[$0] }
    }

    /// Every entry's value, by entry number (fields in catalog order, each field's values in order).
    var entries: [String] { strings }

    /// The entry number of `bytes` among the values of `field`, if it is one.
    @inline(__always)
    func entry(field: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !bytes.isEmpty else { return nil }
        let region = regions[field]
        var bucket = Self.hash(bytes) & region.mask
        let entry: Int? = buckets.withUnsafeBufferPointer { buckets in
            offsets.withUnsafeBufferPointer { offsets in
                blob.withUnsafeBufferPointer { blob in
                    while true {
                        let entry = Int(buckets[region.start + bucket])
                        if entry == 0 { return nil }
                        let lower = offsets[entry - 1]
                        if offsets[entry] - lower == bytes.count, sameBytes(blob.baseAddress! + lower, bytes.baseAddress!, bytes.count) {
                            return entry - 1
                        }
                        bucket = (bucket + 1) & region.mask
                    }
                }
            }
        }
        return entry
    }

    /// Length, first, middle and last byte: enough to tell short values apart.
    @inline(__always)
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let count = bytes.count
        var hash = UInt32(truncatingIfNeeded: count) &* 0x9E37_79B1
        hash ^= UInt32(bytes[0]) &* 0x85EB_CA77
        hash ^= UInt32(bytes[count - 1]) &* 0xC2B2_AE3D
        hash ^= UInt32(bytes[count >> 1]) &* 0x27D4_EB2F
        return Int(hash ^ (hash >> 15))
    }
}
