import EligoDecimal
import EligoExpr
import Foundation

/// Synthetic applicants for load tests and benchmarks: deterministic for a seed.
///
/// Every field of the catalog is generated from its type, bounds and enum values,
/// with a few skews where data has a known shape (applicant types, a home county,
/// credit scores around 680, log-normal incomes and amounts, ages of working
/// adults, rare negative credit flags), found by the field's name. A share of
/// values is left missing, and a share of records can be broken on purpose, each
/// in one way (``Corruption``).
///
/// Record `i` depends only on the seed and `i` (each record draws from its own
/// xoshiro256** stream), so a population's first records do not change with its
/// size, and output is byte-for-byte the same on every machine. Writing streams
/// through a 1 MiB buffer: memory stays flat for any count.
public struct PopulationGenerator: Sendable {
    public struct Options: Sendable {
        public var count: Int
        public var seed: UInt64
        /// CSV (with a header), JSONL, or a YAML stream of `---` documents.
        public var format: InputFormat
        /// The share of optional values left missing (an empty cell, an absent key or `null`).
        public var missing: Double
        /// The share of records broken on purpose; with any, a CSV's last record also leaves a quote open.
        public var bad: Double

        public init(count: Int, seed: UInt64 = 1, format: InputFormat = .csv, missing: Double = 0.05, bad: Double = 0) {
            self.count = count
            self.seed = seed
            self.format = format
            self.missing = missing
            self.bad = bad
        }
    }

    /// How a bad record is broken; each makes the record invalid.
    public enum Corruption: String, Sendable, CaseIterable {
        /// Text in a number, date or boolean field.
        case wrongType = "wrong-type"
        /// Just below a field's `min` or above its `max`.
        case outOfBounds = "out-of-bounds"
        /// A value outside an enum's `values`.
        case unknownEnumValue = "unknown-enum-value"
        /// CSV: a row with one cell too few (one too many under a one-column header).
        case wrongCellCount = "wrong-cell-count"
        /// JSONL, YAML: a key the catalog does not declare.
        case unknownField = "unknown-field"
        /// JSONL: the closing brace is missing; YAML: an unclosed flow sequence.
        case malformed = "malformed"
        /// CSV, the last record only: a quote that is never closed.
        case unterminatedQuote = "unterminated-quote"
    }

    public let catalog: FieldCatalog
    public let options: Options

    private let specs: [ValueSpec]
    /// Per field, copied out of the catalog so that writing a record copies no ``FieldDefinition``.
    private let names: [String]
    private let required: [Bool]
    private let kinds: [Corruption]
    private let wrongTypeTargets: [Int]
    private let boundTargets: [Int]
    private let enumTargets: [Int]
    private let idIndex: Int?

    public init(catalog: FieldCatalog, options: Options) {
        self.catalog = catalog
        self.options = options
        specs = catalog.fields.map { ValueSpec($0) }
        names = catalog.fields.map(\.name)
        required = catalog.fields.map(\.required)
        idIndex = catalog.fields.firstIndex { $0.name == "id" }
        let fields = catalog.fields
        wrongTypeTargets = fields.indices.filter {
            switch fields[$0].type {
            case .int, .number, .money, .date, .bool: true
            default: false
            }
        }
        boundTargets = fields.indices.filter {
            switch fields[$0].type {
            case .int, .number, .money, .date: fields[$0].minimum != nil || fields[$0].maximum != nil
            default: false
            }
        }
        enumTargets = fields.indices.filter {
            if case .enumeration = fields[$0].type { return true }
            return false
        }
        var kinds: [Corruption] = []
        if !wrongTypeTargets.isEmpty { kinds.append(.wrongType) }
        if !boundTargets.isEmpty { kinds.append(.outOfBounds) }
        if !enumTargets.isEmpty { kinds.append(.unknownEnumValue) }
        switch options.format {
        case .csv: kinds.append(.wrongCellCount)
        case .jsonl, .yaml: kinds += [.unknownField, .malformed]
        }
        self.kinds = kinds
    }

    // MARK: Records

    /// How record `index` (0-based) is broken, or `nil` for a good record.
    public func corruption(of index: Int) -> Corruption? {
        var random = Xoshiro256(seed: options.seed, stream: UInt64(index))
        return draw(index, &random).corruption
    }

    /// The identifier generated for record `index` (0-based).
    public static func id(of index: Int) -> String {
        let digits = String(index + 1)
        return "A" + String(repeating: "0", count: max(0, 9 - digits.count)) + digits
    }

    /// The corruption of a record and the field it hits, drawn first from its stream.
    private func draw(_ index: Int, _ random: inout Xoshiro256) -> (corruption: Corruption?, target: Int) {
        let isBad = random.chance(options.bad)
        let kind = kinds[random.below(kinds.count)]
        let pick = random.next()
        if options.bad > 0, options.format == .csv, index == options.count - 1 { return (.unterminatedQuote, -1) }
        guard isBad else { return (nil, -1) }
        func target(_ candidates: [Int]) -> Int { candidates[Int(pick % UInt64(candidates.count))] }
        switch kind {
        case .wrongType: return (kind, target(wrongTypeTargets))
        case .outOfBounds: return (kind, target(boundTargets))
        case .unknownEnumValue: return (kind, target(enumTargets))
        default: return (kind, -1)
        }
    }

    // MARK: Writing

    /// Writes the population to a file descriptor (a file, a pipe, stdout).
    public func write(to descriptor: Int32, path: String = "-") throws(InputError) {
        do {
            try generate { bytes in
                var offset = 0
                while offset < bytes.count {
                    let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        throw InputError.unwritable(path: path, reason: String(cString: strerror(errno)))
                    }
                    offset += written
                }
            }
        } catch let error as InputError {
            throw error
        } catch {
            throw .unwritable(path: path, reason: "\(error)")
        }
    }

    /// Hands the population's bytes to `sink`, about 1 MiB at a time, in order.
    public func generate(_ sink: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        var out = ByteOutput()
        if options.format == .csv {
            for (index, field) in catalog.fields.enumerated() {
                if index > 0 { out.append(byte: 0x2C) }
                out.appendCSVField(field.name)
            }
            out.append(byte: 0x0A)
        }
        for index in 0..<max(0, options.count) {
            writeRecord(index, &out)
            if out.bytes.count >= 1 << 20 {
                try out.bytes.withUnsafeBufferPointer(sink)
                out.bytes.removeAll(keepingCapacity: true)
            }
        }
        if !out.bytes.isEmpty { try out.bytes.withUnsafeBufferPointer(sink) }
    }

    /// The population as one array (for tests and small counts).
    public func bytes() -> [UInt8] {
        var all: [UInt8] = []
        generate { all.append(contentsOf: $0) }
        return all
    }

    private func writeRecord(_ index: Int, _ out: inout ByteOutput) {
        var random = Xoshiro256(seed: options.seed, stream: UInt64(index))
        let (corruption, target) = draw(index, &random)
        var cellCount = names.count
        if corruption == .wrongCellCount { cellCount += names.count > 1 ? -1 : 1 }
        var first = true
        switch options.format {
        case .csv: break
        case .jsonl: out.append(byte: 0x7B)
        case .yaml: out.text("---\n")
        }
        for position in 0..<cellCount {
            guard position < names.count else {
                out.append(byte: 0x2C)  // the extra cell of a too-long row
                out.text("x")
                continue
            }
            var value: Generated
            if position == target {
                value = corrupt(catalog.fields[position], corruption!, &random)
            } else if position == idIndex {
                value = .text(Self.id(of: index))
            } else if !required[position], random.chance(options.missing) {
                value = .missing
            } else {
                value = specs[position].draw(&random)
            }
            if corruption == .unterminatedQuote, position == (idIndex == 0 ? 1 : 0) || names.count == 1 {
                value = .raw("\"unterminated")
            }
            emit(names[position], value, format: options.format, first: &first, &out, nullShare: &random)
        }
        switch options.format {
        case .csv:
            out.append(byte: 0x0A)
        case .jsonl:
            if corruption == .unknownField { out.text(first ? "\"undeclared_field\":1" : ",\"undeclared_field\":1") }
            if corruption != .malformed { out.append(byte: 0x7D) }
            out.append(byte: 0x0A)
        case .yaml:
            if corruption == .unknownField { out.text("undeclared_field: 1\n") }
            if corruption == .malformed { out.text("broken: [1, 2\n") }
        }
    }

    private func corrupt(_ field: FieldDefinition, _ corruption: Corruption, _ random: inout Xoshiro256) -> Generated {
        switch corruption {
        case .wrongType:
            return .text(field.type == .bool ? "yes" : ["abc", "n/a", "12 345", "2024/01/05"][random.below(4)])
        case .unknownEnumValue:
            return .text("not-a-value")
        case .outOfBounds:
            let useMax = field.maximum != nil && (field.minimum == nil || random.chance(0.5))
            switch useMax ? field.maximum! : field.minimum! {
            case .number(let bound):
                let value = (try? (useMax ? bound.adding(.one) : bound.subtracting(.one))) ?? bound
                return .number(value.description)
            case .date(let day):
                return .date(day.adding(days: useMax ? 1 : -1))
            }
        default:
            return .missing
        }
    }

    /// Writes one field in the output format.
    private func emit(_ name: String, _ value: Generated, format: InputFormat, first: inout Bool, _ out: inout ByteOutput, nullShare random: inout Xoshiro256) {
        switch format {
        case .csv:
            if !first { out.append(byte: 0x2C) }
            first = false
            switch value {
            case .missing: break
            case .raw(let text): out.text(text)
            case .text(let text): out.appendCSVField(text)
            case .number(let text): out.text(text)
            case .bool(let flag): out.text(flag ? "true" : "false")
            case .date(let day): out.date(day)
            case .list(let items):
                // Items holding `;` would split; the generator never makes such items.
                var joined = ByteOutput()
                for (index, item) in items.enumerated() {
                    if index > 0 { joined.append(byte: 0x3B) }
                    joined.scalar(item)
                }
                out.appendCSVField(String(decoding: joined.bytes, as: UTF8.self))
            }
        case .jsonl:
            if case .missing = value {
                // Mostly absent, sometimes an explicit null.
                guard random.chance(0.3) else { return }
            }
            if !first { out.append(byte: 0x2C) }
            first = false
            out.jsonString(name)
            out.append(byte: 0x3A)
            out.json(value)
        case .yaml:
            if case .missing = value { return }
            out.text(name)
            out.text(": ")
            out.json(value)  // JSON's flow syntax is YAML too; strings are double-quoted
            out.append(byte: 0x0A)
        }
    }
}

/// A generated value, before it is written in a format.
enum Generated: Sendable {
    case missing
    case text(String)
    /// A number's literal text.
    case number(String)
    case bool(Bool)
    case date(Day)
    case list([Generated])
    /// Written as is (a broken cell).
    case raw(String)
}

/// How one field's values are drawn (a class: read once per value, never copied).
private final class ValueSpec: Sendable {
    enum Shape: Sendable {
        case uniform(Double, Double)
        case normal(mean: Double, deviation: Double)
        /// Median and spread in powers of two (1 doubles or halves a value about a third of the time).
        case logNormal(median: Double, spread: Double)
        /// Low values more often: lo + (hi - lo) × u^power.
        case skewLow(Double, Double, power: Double)
        case choices([Double])
    }

    indirect enum Kind: Sendable {
        case bool(Double)
        case integer(Shape)
        /// Decimal places; the share of values written as whole numbers.
        case decimal(Shape, places: Int, wholeShare: Double)
        case enumeration([String], cumulative: [Double])
        case date(Shape)
        case text
        case list(Kind)
    }

    let kind: Kind
    let lower: Double?
    let upper: Double?
    let lowerDay: Int32?
    let upperDay: Int32?

    init(_ field: FieldDefinition) {
        var lower: Double?
        var upper: Double?
        var lowerDay: Int32?
        var upperDay: Int32?
        switch field.minimum {
        case .number(let value): lower = Double(value.description)
        case .date(let day): lowerDay = day.daysSinceEpoch
        case nil: break
        }
        switch field.maximum {
        case .number(let value): upper = Double(value.description)
        case .date(let day): upperDay = day.daysSinceEpoch
        case nil: break
        }
        self.lower = lower
        self.upper = upper
        self.lowerDay = lowerDay
        self.upperDay = upperDay
        let element: FieldType
        if case .list(let inner) = field.type { element = inner } else { element = field.type }
        let scalar = Self.kind(field.name, element, lower: lower, upper: upper, lowerDay: lowerDay, upperDay: upperDay)
        if case .list = field.type { kind = .list(scalar) } else { kind = scalar }
    }

    private static func day(_ text: String) -> Double { Double(Day(iso: text)!.daysSinceEpoch) }

    /// The shape of a field's values: by name for fields whose data has a known shape, else by type and bounds.
    private static func kind(_ name: String, _ type: FieldType, lower: Double?, upper: Double?, lowerDay: Int32?, upperDay: Int32?) -> Kind {
        switch type {
        case .bool:
            let rare = ["overdue", "dishonest", "bad_credit", "abnormal", "arrears", "disputed", "duplicate", "blacklist", "abroad"]
            return .bool(rare.contains { name.contains($0) } ? 0.04 : 0.7)
        case .int:
            switch name {
            case "credit_score": return .integer(.normal(mean: 680, deviation: 60))
            case "loan_term_months": return .integer(.choices([6, 12, 12, 24, 36, 36, 36, 60, 60, 120, 240, 360]))
            case "employees": return .integer(.logNormal(median: 15, spread: 2))
            case "rd_staff": return .integer(.logNormal(median: 2, spread: 1.5))
            default: break
            }
            if let lower, let upper {
                // Counts of bad events are mostly zero.
                let rare = ["overdue", "inquiries", "days"].contains { name.contains($0) }
                return .integer(.skewLow(lower, upper, power: rare ? 8 : 2))
            }
            return .integer(.logNormal(median: (lower ?? 0) + 10, spread: 2))
        case .money:
            let medians: [String: (Double, Double)] = [
                "requested_amount": (200_000, 1.6), "annual_income": (60_000, 1.2), "monthly_income": (5_000, 1.0),
                "total_assets": (800_000, 2.0), "total_debt": (200_000, 2.0), "monthly_debt_service": (2_500, 1.5),
                "collateral_value": (300_000, 1.8), "project_cost": (500_000, 2.0), "vehicle_price": (150_000, 1.0),
                "annual_revenue": (3_000_000, 2.5), "prior_year_tax_paid": (80_000, 2.5), "maturing_loan_amount": (1_000_000, 1.5),
                "bank_committed_renewal_amount": (800_000, 1.5),
            ]
            let (median, spread) = medians[name] ?? (100_000, 2)
            return .decimal(.logNormal(median: median, spread: spread), places: 2, wholeShare: 0.6)
        case .number:
            switch name {
            case "pv_capacity_kw": return .decimal(.logNormal(median: 30, spread: 1.5), places: 1, wholeShare: 0.5)
            case "debt_to_asset_ratio": return .decimal(.normal(mean: 55, deviation: 20), places: 1, wholeShare: 0.3)
            case "panel_score": return .decimal(.normal(mean: 72, deviation: 10), places: 1, wholeShare: 0.5)
            default: break
            }
            if let lower, let upper {
                let width = upper - lower
                let shape: Shape = width > 1000 ? .skewLow(lower, upper, power: 3) : .uniform(lower, upper)
                return .decimal(shape, places: width <= 100 ? 1 : 2, wholeShare: 0.4)
            }
            return .decimal(.logNormal(median: (lower ?? 0) + 50, spread: 2), places: 2, wholeShare: 0.4)
        case .enumeration(let values):
            var weights = values.indices.map { 1 / portableExp2(0.7 * Double($0).squareRoot()) }
            switch name {
            case "applicant_type":
                let shares = ["household": 55.0, "individual": 25, "enterprise": 15, "cooperative": 5]
                weights = values.map { shares[$0] ?? 5 }
            case "county":
                let total = weights.reduce(0, +)
                weights = zip(values, weights).map { $0 == "zuoquan" ? total / 3 : $1 }
            default: break
            }
            var cumulative: [Double] = []
            var sum = 0.0
            for weight in weights {
                sum += weight
                cumulative.append(sum)
            }
            return .enumeration(values, cumulative: cumulative.map { $0 / sum })
        case .date:
            switch name {
            case "birth_date": return .date(.normal(mean: day("1978-06-01"), deviation: 12 * 365))
            case "applied_on": return .date(.uniform(day("2024-01-01"), day("2025-06-30")))
            case "registration_date": return .date(.uniform(day("1990-01-01"), day("2024-12-31")))
            case "loan_maturity_date": return .date(.uniform(day("2025-01-01"), day("2027-12-31")))
            default: break
            }
            let low = lowerDay.map(Double.init) ?? day("2000-01-01")
            let high = upperDay.map(Double.init) ?? max(low + 3 * 365, day("2025-06-01"))
            return .date(.uniform(low, high))
        case .string:
            return .text
        case .list:
            return .text
        }
    }

    func draw(_ random: inout Xoshiro256) -> Generated {
        switch kind {
        case .list(let element):
            let count = 1 + random.below(3)
            return .list((0..<count).map { _ in scalar(element, &random, inList: true) })
        default:
            return scalar(kind, &random, inList: false)
        }
    }

    private func scalar(_ kind: Kind, _ random: inout Xoshiro256, inList: Bool) -> Generated {
        switch kind {
        case .bool(let share):
            return .bool(random.chance(share))
        case .integer(let shape):
            var value = Int(sample(shape, &random).rounded())
            if let lower { value = max(value, Int(lower.rounded(.up))) }
            if let upper { value = min(value, Int(upper.rounded(.down))) }
            return .number(String(value))
        case .decimal(let shape, let places, let wholeShare):
            var scale = 1.0
            for _ in 0..<places { scale *= 10 }
            var units = (sample(shape, &random) * scale).rounded()
            if random.chance(wholeShare) { units = (units / scale).rounded() * scale }
            if let lower { units = max(units, (lower * scale).rounded(.up)) }
            if let upper { units = min(units, (upper * scale).rounded(.down)) }
            return .number(Self.fixed(Int64(units), places: places))
        case .enumeration(let values, let cumulative):
            let u = random.unit()
            let index = cumulative.firstIndex { u < $0 } ?? values.count - 1
            return .text(values[index])
        case .date(let shape):
            var days = Int32(sample(shape, &random).rounded(.down))
            if let lowerDay { days = max(days, lowerDay) }
            if let upperDay { days = min(days, upperDay) }
            days = min(max(days, Day(year: 1, month: 1, day: 1)!.daysSinceEpoch), Day(year: 9999, month: 12, day: 31)!.daysSinceEpoch)
            return .date(Day(daysSinceEpoch: days))
        case .text:
            return .text(Self.text(&random, inList: inList))
        case .list(let element):
            return scalar(element, &random, inList: true)
        }
    }

    private func sample(_ shape: Shape, _ random: inout Xoshiro256) -> Double {
        switch shape {
        case .uniform(let low, let high): low + (high - low) * random.unit()
        case .normal(let mean, let deviation): mean + deviation * random.normal()
        case .logNormal(let median, let spread): median * portableExp2(spread * random.normal())
        case .skewLow(let low, let high, let power):
            low + (high - low) * portableExp2(power * log2Unit(random.unit()))
        case .choices(let values): values[random.below(values.count)]
        }
    }

    /// log2 of a unit value, by bisection-free series: only used to raise u to a power.
    private func log2Unit(_ u: Double) -> Double {
        // u^power = 2^(power × log2 u); log2 through frexp-like scaling and atanh series.
        guard u > 0 else { return -60 }
        var x = u
        var exponent = 0.0
        while x < 0.5 {
            x *= 2
            exponent -= 1
        }
        // x in [0.5, 1): log2 x = 2 atanh((x-1)/(x+1)) / ln 2
        let t = (x - 1) / (x + 1)
        let t2 = t * t
        var term = t
        var sum = 0.0
        for n in stride(from: 1.0, through: 15.0, by: 2.0) {
            sum += term / n
            term *= t2
        }
        return exponent + 2 * sum / 0.693_147_180_559_945_3
    }

    static func fixed(_ units: Int64, places: Int) -> String {
        guard places > 0 else { return String(units) }
        var scale: Int64 = 1
        for _ in 0..<places { scale *= 10 }
        let magnitude = units.magnitude
        let whole = magnitude / UInt64(scale)
        let fraction = magnitude % UInt64(scale)
        if fraction == 0 { return (units < 0 ? "-" : "") + String(whole) }
        var digits = String(fraction)
        digits = String(repeating: "0", count: places - digits.count) + digits
        return (units < 0 ? "-" : "") + String(whole) + "." + digits
    }

    private static let words = [
        "光伏", "大棚", "冷水鱼", "合作社", "苹果园", "wheat", "corn", "millet", "nursery", "orchard", "Taigu", "Pingyao",
        "greenhouse", "solar roof", "养殖场", "加工厂", "cold storage", "José", "Müller", "Ørsted",
    ]
    /// Text that CSV must quote (commas, quotes, line breaks), now and then.
    private static let awkward = ["a, b and c", "the \"red\" dates", "line one\nline two", "  padded  ", "tab\there"]

    private static func text(_ random: inout Xoshiro256, inList: Bool) -> String {
        if !inList, random.chance(0.02) { return awkward[random.below(awkward.count)] }
        let count = 1 + random.below(2)
        var parts: [String] = []
        for _ in 0..<count { parts.append(words[random.below(words.count)]) }
        return parts.joined(separator: " ")
    }
}

/// An output buffer with the few writers the formats need.
private struct ByteOutput: CSVFieldSink {
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity((1 << 20) + (64 << 10)) }

    @inline(__always) mutating func append(byte: UInt8) { bytes.append(byte) }

    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) { self.bytes.append(contentsOf: bytes) }

    mutating func text(_ text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func jsonString(_ text: String) {
        append(byte: 0x22)
        for unit in text.utf8 {
            switch unit {
            case 0x22: self.text("\\\"")
            case 0x5C: self.text("\\\\")
            case 0x0A: self.text("\\n")
            case 0x0D: self.text("\\r")
            case 0x09: self.text("\\t")
            case 0..<0x20: self.text("\\u00" + (unit < 0x10 ? "0" : "") + String(unit, radix: 16))
            default: append(byte: unit)
            }
        }
        append(byte: 0x22)
    }

    mutating func date(_ day: Day) {
        let (year, month, dayOfMonth) = day.components
        digits(year, 4)
        append(byte: 0x2D)
        digits(month, 2)
        append(byte: 0x2D)
        digits(dayOfMonth, 2)
    }

    private mutating func digits(_ value: Int, _ width: Int) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            append(byte: UInt8(0x30 + rest / divisor % 10))
            rest %= divisor
            divisor /= 10
        }
    }

    /// A scalar as plain text (a CSV list item).
    mutating func scalar(_ value: Generated) {
        switch value {
        case .missing: break
        case .text(let text), .number(let text), .raw(let text): self.text(text)
        case .bool(let flag): self.text(flag ? "true" : "false")
        case .date(let day): date(day)
        case .list: break
        }
    }

    /// A value in JSON (also YAML flow) syntax.
    mutating func json(_ value: Generated) {
        switch value {
        case .missing: text("null")
        case .text(let text): jsonString(text)
        case .number(let text), .raw(let text): self.text(text)
        case .bool(let flag): self.text(flag ? "true" : "false")
        case .date(let day):
            append(byte: 0x22)
            date(day)
            append(byte: 0x22)
        case .list(let items):
            append(byte: 0x5B)
            for (index, item) in items.enumerated() {
                if index > 0 { text(", ") }
                json(item)
            }
            append(byte: 0x5D)
        }
    }
}
