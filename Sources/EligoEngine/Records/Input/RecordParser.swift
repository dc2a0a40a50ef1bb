public import EligoDiagnostics
import EligoExpr
import EligoYAML

/// Types the records of a chunk by the catalog (§2, §10).
///
/// Stateless and `Sendable`: worker threads share one parser and call
/// ``parse(_:_:)`` on different chunks at once. Parsing never fails; every
/// problem goes into the record's `problems`, which makes it invalid.
///
/// Problems have no span: a record of a stream is not held as a ``SourceFile``,
/// and the record's `line` is where people look. Where a position inside the
/// record helps, the message says it: the column of a JSON syntax error or of a
/// CSV quoting error, the line and column of a YAML problem (counted in the whole
/// input); a bad value's message names its field.
/// Every problem's `path` is the input's path.
///
/// - CSV: a header column the catalog does not declare, or one that repeats an
///   earlier column, makes every record invalid (``headerProblems``; the column
///   is ignored; past ten such columns the rest are counted in one problem). A row with too few or too many cells gets that one problem (its
///   cells are not typed, but its `id` is read when the `id` column is there). A
///   quoted or unquoted empty cell is missing; a list cell is `;`-separated, an
///   empty item is invalid. Cells are typed as written, never trimmed.
/// - JSONL: one object per line; `null` is missing; a JSON number is exact; a
///   string where a number, a date or a boolean is expected is invalid, a number
///   given to a string field is taken as its text; arrays are lists; an unknown or
///   repeated key is invalid. A malformed line gets one problem with its column.
/// - YAML: each document through ``RecordDecoder``.
public struct RecordParser: Sendable {
    public let format: InputFormat
    public let catalog: FieldCatalog
    public let path: String
    public let limits: InputLimits
    public let header: CSVHeader?
    /// Problems of the CSV header (unknown or repeated columns) that every record carries.
    public var headerProblems: [Diagnostic] { core.headerProblems }

    let core: RecordParserCore

    public init(format: InputFormat, catalog: FieldCatalog, header: CSVHeader?, path: String, limits: InputLimits = InputLimits()) {
        self.format = format
        self.catalog = catalog
        self.path = path
        self.limits = limits
        self.header = header
        core = RecordParserCore(format: format, catalog: catalog, header: header, path: path, limits: limits)
    }

    /// Types record `index` of `chunk`.
    public func parse(_ chunk: RecordChunk, _ index: Int) -> ApplicantRecord {
        core.parse(chunk, index)
    }

    /// Types one record given as bytes (a test or a one-off caller's convenience).
    public func parse(record bytes: [UInt8], number: Int = 1, line: Int = 1) -> ApplicantRecord {
        core.parse(RecordChunk(bytes: bytes, records: [RecordSlice(range: 0..<bytes.count, number: number, line: line)]), 0)
    }
}

/// What ``RecordParser`` shares between threads, immutable after `init`.
///
/// A class so that the hot path reads its tables through one reference: a struct
/// this size would be copied, with a dozen retains, into every closure that types a record.
final class RecordParserCore: Sendable {
    let format: InputFormat
    let catalog: FieldCatalog
    let path: String
    let limits: InputLimits
    let header: CSVHeader?
    let headerProblems: [Diagnostic]
    /// The most header problems named one by one. Every record carries them, so a
    /// header of thousands of bad columns would otherwise be repeated in every row
    /// of the output (a 150 KB input made 590 MB of decisions); the rest are counted.
    static let maxHeaderProblems = 10

    /// Types values of the catalog's fields, by position in the catalog.
    let typer: FieldTyper
    /// Field name → position in the catalog.
    let names: ByteTable
    /// For CSV: the field of each column, or -1 for a column that is ignored.
    let columnPlans: [Int]
    /// The column of the `id` field, if the header has one.
    let idColumn: Int?
    let idPlan: Int?
    /// The fields a record must give: `required` ones and `id`.
    let requiredPlans: [Int]
    var fieldCount: Int { typer.fields.count }

    init(format: InputFormat, catalog: FieldCatalog, header: CSVHeader?, path: String, limits: InputLimits) {
        self.format = format
        self.catalog = catalog
        self.path = path
        self.limits = limits
        self.header = header
        typer = FieldTyper(catalog: catalog, maxStringBytes: limits.maxStringBytes)
        names = ByteTable(catalog.fields.map(\.name))
        idPlan = catalog.fields.firstIndex { $0.name == "id" }
        requiredPlans = catalog.fields.indices.filter { catalog.fields[$0].required || catalog.fields[$0].name == "id" }

        var columnPlans: [Int] = []
        var problems: [Diagnostic] = []
        var unreported = 0
        var firstColumn: [Int: Int] = [:]
        for (column, name) in (header?.columns ?? []).enumerated() {
            guard let plan = catalog.fields.firstIndex(where: { $0.name == name }) else {
                columnPlans.append(-1)
                guard problems.count < Self.maxHeaderProblems else {
                    unreported += 1
                    continue
                }
                let help = Spelling.suggestion(for: name, among: catalog.names).map(Message.didYouMean)
                problems.append(Diagnostic(.error, .recordUnknownField(name), at: nil, path: path, help: help))
                continue
            }
            if let first = firstColumn[plan] {
                columnPlans.append(-1)
                guard problems.count < Self.maxHeaderProblems else {
                    unreported += 1
                    continue
                }
                problems.append(Diagnostic(.error, .csvDuplicateColumn(name, first: first + 1, again: column + 1), at: nil, path: path))
                continue
            }
            firstColumn[plan] = column
            columnPlans.append(plan)
        }
        if unreported > 0 { problems.append(Diagnostic(.error, .csvMoreHeaderProblems(unreported), at: nil, path: path)) }
        self.columnPlans = columnPlans
        headerProblems = problems
        idColumn = idPlan.flatMap { firstColumn[$0] }
    }

    func parse(_ chunk: RecordChunk, _ index: Int) -> ApplicantRecord {
        let slice = chunk.records[index]
        if let problem = slice.problem {
            return ApplicantRecord(
                id: cutRecordID(chunk, slice), values: [Value](repeating: .unknown, count: fieldCount), number: slice.number, line: slice.line,
                problems: [Diagnostic(.error, problem, at: nil, path: path)])
        }
        return chunk.bytes.withUnsafeBufferPointer { buffer in
            let bytes = UnsafeBufferPointer(rebasing: buffer[slice.range])
            switch format {
            case .csv: return parseCSV(bytes, slice)
            case .jsonl: return parseJSON(bytes, slice)
            case .yaml: return parseYAML(bytes, slice)
            }
        }
    }

    // MARK: Common

    func error(_ message: Message, help: Message? = nil) -> Diagnostic {
        Diagnostic(.error, message, at: nil, path: path, help: help)
    }

    /// Adds the missing-required problems and builds the record.
    ///
    /// - Parameters:
    ///   - given: Per plan, whether the record gave the field a value (valid or not).
    ///   - checkRequired: `false` for a record already broken as a whole (a bad row, malformed JSON).
    private func finish(
        values: [Value], given: UnsafeMutableBufferPointer<Bool>, problems: inout [Diagnostic], slice: RecordSlice,
        checkRequired: Bool = true
    ) -> ApplicantRecord {
        var id: String?
        if let idPlan, case .string(let text) = values[typer.codes[idPlan].slot] { id = text }
        return finish(id: id, values: values, given: given, problems: &problems, slice: slice, checkRequired: checkRequired)
    }

    func finish(
        id: String?, values: [Value], given: UnsafeMutableBufferPointer<Bool>, problems: inout [Diagnostic], slice: RecordSlice,
        checkRequired: Bool
    ) -> ApplicantRecord {
        if checkRequired {
            for plan in requiredPlans where !given[plan] {
                problems.append(error(.recordMissingRequired(typer.name(plan))))
            }
            if id?.isEmpty == true { problems.append(error(.recordEmptyID)) }
        }
        return ApplicantRecord(id: id, values: values, number: slice.number, line: slice.line, problems: problems)
    }

    // MARK: CSV

    /// Cuts and types the cells in one pass into values by slot.
    private func parseCSV(_ bytes: UnsafeBufferPointer<UInt8>, _ slice: RecordSlice) -> ApplicantRecord {
        var record: ApplicantRecord?
        let values = [Value](unsafeUninitializedCapacity: fieldCount) { values, initialized in
            values.initialize(repeating: .unknown)
            initialized = fieldCount
            var sink = ValueSlots(slots: values)
            record = typeCSVRow(bytes, slice, into: &sink)
        }
        // The values were typed into the array's storage while it was being made.
        record!.values = values
        return record!
    }

    /// Cuts and types one row's cells in one pass, handing each value to `sink`; a row
    /// that turns out to have the wrong number of cells (rare) is then cleared and
    /// keeps only its `id`. The record comes back without values: they are in the sink.
    func typeCSVRow<Sink: CSVRowSink>(_ bytes: UnsafeBufferPointer<UInt8>, _ slice: RecordSlice, into sink: inout Sink) -> ApplicantRecord {
        var problems = headerProblems
        let columnCount = columnPlans.count
        var broken = false
        var id: String?
        return withUnsafeTemporaryAllocation(of: Bool.self, capacity: max(fieldCount, 1)) { given in
            given.initialize(repeating: false)
            let codes = typer.codes.pointer
            columnPlans.withUnsafeBufferPointer { columns in
                var reader = CSVCells.Reader(bytes)
                var column = 0
                while let cell = reader.next() {
                    defer { column += 1 }
                    guard column < columnCount else { continue }
                    let field = columns[column]
                    guard field >= 0, !cell.isEmpty else { continue }
                    given[field] = true
                    let code = codes + field
                    guard !cell.doubled, !code.pointee.isList, field != idPlan else {
                        // Doubled quotes, a list, the id: through a value.
                        guard let value = typedCSVCell(field, cell, bytes, &problems) else { continue }
                        if field == idPlan, case .string(let text) = value { id = text }
                        sink.take(value, field: field, slot: code.pointee.slot)
                        continue
                    }
                    // The common case, inline: a plain cell, a scalar field.
                    let text = UnsafeBufferPointer(rebasing: bytes[cell.lower..<cell.upper])
                    if !sink.typeScalar(field, code, text, typer) { problems.append(error(typer.problem(field, text, .bare))) }
                }
                var problem = reader.problem
                if problem == nil, column != columnCount { problem = .csvCellCount(column, header: columnCount) }
                guard let problem else { return }
                // Cells may be shifted: keep nothing but the id, to tell which record it is.
                broken = true
                problems = headerProblems
                problems.append(error(problem))
                sink.clear()
                id = nil
                if let idColumn, let cell = CSVCells.cell(idColumn, of: bytes), let idPlan, !cell.isEmpty {
                    var ignored: [Diagnostic] = []
                    if let value = typedCSVCell(idPlan, cell, bytes, &ignored) {
                        if case .string(let text) = value { id = text }
                        sink.take(value, field: idPlan, slot: codes[idPlan].slot)
                    }
                }
            }
            return finish(id: id, values: [], given: given, problems: &problems, slice: slice, checkRequired: !broken)
        }
    }

    /// The id of a CSV record the splitter already found broken (a quote left open to the end
    /// of the input), when its cells up to the id column can be read: its `invalid` decisions then
    /// still say whose record it was. Nil for other formats and for a record not held (too long).
    private func cutRecordID(_ chunk: RecordChunk, _ slice: RecordSlice) -> String? {
        guard format == .csv, !slice.range.isEmpty, let idColumn, let idPlan else { return nil }
        return chunk.bytes.withUnsafeBufferPointer { buffer in
            let bytes = UnsafeBufferPointer(rebasing: buffer[slice.range])
            guard let cell = CSVCells.cell(idColumn, of: bytes), !cell.isEmpty else { return nil }
            var ignored: [Diagnostic] = []
            guard case .string(let text)? = typedCSVCell(idPlan, cell, bytes, &ignored) else { return nil }
            return text
        }
    }

    /// The value of any CSV cell (doubled quotes, a list), or nil with the reason added to `problems`.
    func typedCSVCell(_ field: Int, _ cell: CSVCells.Cell, _ bytes: UnsafeBufferPointer<UInt8>, _ problems: inout [Diagnostic]) -> Value? {
        let unescaped = cell.doubled ? CSVCells.unescaped(bytes, cell) : nil
        var problem: Message?
        let value: Value
        if let unescaped {
            value = unescaped.withUnsafeBufferPointer { typeCellText(field, $0, &problem) }
        } else {
            value = typeCellText(field, UnsafeBufferPointer(rebasing: bytes[cell.lower..<cell.upper]), &problem)
        }
        if let problem {
            problems.append(error(problem))
            return nil
        }
        return value
    }

    private func typeCellText(_ field: Int, _ text: UnsafeBufferPointer<UInt8>, _ problem: inout Message?) -> Value {
        typer.codes.pointer[field].isList ? typeList(field, text, &problem) : typer.scalar(field, text, .bare, &problem)
    }

    /// A `;`-separated list cell, each item typed by the list's element type.
    private func typeList(_ field: Int, _ text: UnsafeBufferPointer<UInt8>, _ problem: inout Message?) -> Value {
        var items: [Value] = []
        var lower = 0
        while true {
            var upper = lower
            while upper < text.count, text[upper] != 0x3B { upper += 1 }
            if upper == lower {
                problem = .recordEmptyListItem(typer.name(field))
                return .unknown
            }
            let item = typer.scalar(field, UnsafeBufferPointer(rebasing: text[lower..<upper]), .bare, &problem)
            if problem != nil { return .unknown }
            items.append(item)
            if upper == text.count { break }
            lower = upper + 1
        }
        return .list(items)
    }

    // MARK: JSONL

    private func parseJSON(_ bytes: UnsafeBufferPointer<UInt8>, _ slice: RecordSlice) -> ApplicantRecord {
        var values = [Value](repeating: .unknown, count: fieldCount)
        var problems: [Diagnostic] = []
        return withUnsafeTemporaryAllocation(of: Bool.self, capacity: max(fieldCount, 1) * 2) { flags in
            flags.initialize(repeating: false)
            let given = UnsafeMutableBufferPointer(rebasing: flags[0..<fieldCount])
            let seen = UnsafeMutableBufferPointer(rebasing: flags[fieldCount..<(2 * fieldCount)])
            var reader = JSONLineReader(bytes, maxDepth: limits.yaml.maxDepth)
            reader.skipSpace()
            let first = reader.peek
            guard first == 0x7B else {
                // A line that is not even JSON (`nope`, `truex`) is a syntax error, not a value of the wrong kind.
                do throws(JSONFailure) {
                    try reader.skipValue()
                    reader.skipSpace()
                    if reader.index < reader.bytes.count { throw reader.fail(.trailingText) }
                } catch {
                    problems.append(self.error(.jsonSyntax(column: reader.column(of: error.position), error.problem)))
                    return finish(values: values, given: given, problems: &problems, slice: slice, checkRequired: false)
                }
                let kind: (en: String, zh: String)? =
                    switch first {
                    case 0x5B: ("an array", "数组")
                    case 0x22: ("a string", "字符串")
                    case 0x2D, 0x30...0x39: ("a number", "数字")
                    case 0x74, 0x66: ("a boolean", "布尔值")
                    case 0x6E: ("null", "null")
                    default: nil
                    }
                let message: Message =
                    kind.map(Message.jsonNotObject) ?? .jsonSyntax(column: reader.column(of: reader.index), .expectedValue)
                problems.append(error(message))
                return finish(values: values, given: given, problems: &problems, slice: slice, checkRequired: false)
            }
            do throws(JSONFailure) {
                try readObject(&reader, &values, given, seen, &problems)
            } catch {
                // One problem says it all; values read before it are kept only for the id.
                problems = [self.error(.jsonSyntax(column: reader.column(of: error.position), error.problem))]
                return finish(values: values, given: given, problems: &problems, slice: slice, checkRequired: false)
            }
            return finish(values: values, given: given, problems: &problems, slice: slice)
        }
    }

    private func readObject(
        _ reader: inout JSONLineReader, _ values: inout [Value], _ given: UnsafeMutableBufferPointer<Bool>,
        _ seen: UnsafeMutableBufferPointer<Bool>, _ problems: inout [Diagnostic]
    ) throws(JSONFailure) {
        reader.index += 1
        reader.skipSpace()
        var predicted = 0
        if reader.peek == 0x7D {
            reader.index += 1
        } else {
            while true {
                guard reader.peek == 0x22 else { throw reader.fail(.expectedKey) }
                let key = try reader.string()
                reader.skipSpace()
                guard reader.peek == 0x3A else { throw reader.fail(.expectedColon) }
                reader.index += 1
                reader.skipSpace()
                let planIndex: Int?
                if key.escaped {
                    let name = try reader.unescaped(key.range)
                    planIndex = name.withUnsafeBufferPointer { names.index(of: $0) }
                } else {
                    let name = UnsafeBufferPointer(rebasing: reader.bytes[key.range])
                    // Exports tend to write keys in the same order every line: try the field after the last one first.
                    planIndex = names.matches(predicted, name) ? predicted : names.index(of: name)
                }
                if let planIndex { predicted = planIndex + 1 }
                if let planIndex {
                    if seen[planIndex] {
                        problems.append(error(.recordDuplicateField(typer.name(planIndex))))
                        try reader.skipValue()
                    } else {
                        seen[planIndex] = true
                        try readValue(&reader, planIndex, &values, given, &problems)
                    }
                } else {
                    let name = key.escaped ? String(decoding: try reader.unescaped(key.range), as: UTF8.self)
                        : String(decoding: UnsafeBufferPointer(rebasing: reader.bytes[key.range]), as: UTF8.self)
                    let help = Spelling.suggestion(for: name, among: catalog.names).map(Message.didYouMean)
                    problems.append(error(.recordUnknownField(name), help: help))
                    try reader.skipValue()
                }
                reader.skipSpace()
                if reader.peek == 0x2C {
                    reader.index += 1
                    reader.skipSpace()
                    continue
                }
                if reader.peek == 0x7D {
                    reader.index += 1
                    break
                }
                throw reader.fail(.expectedCommaOrBrace)
            }
        }
        reader.skipSpace()
        if reader.index < reader.bytes.count { throw reader.fail(.trailingText) }
    }

    private func readValue(
        _ reader: inout JSONLineReader, _ field: Int, _ values: inout [Value], _ given: UnsafeMutableBufferPointer<Bool>,
        _ problems: inout [Diagnostic]
    ) throws(JSONFailure) {
        let isList = typer.codes[field].isList
        var problem: Message?
        var value = Value.unknown
        switch reader.peek {
        case 0x6E:
            _ = try reader.literal()
            return  // null: missing
        case 0x5B:
            if isList {
                value = try readList(&reader, field, &problem)
            } else {
                try reader.skipValue()
                problem = typer.wrongType(field, shown: "[...]")
            }
        case 0x7B:
            try reader.skipValue()
            problem = typer.wrongType(field, shown: "{...}")
        default:
            let scalar = try readScalar(&reader, field, &problem, isList: isList)
            if isList { problem = typer.wrongType(field, shown: scalar.shown) } else { value = scalar.value }
        }
        given[field] = true
        if let problem {
            problems.append(error(problem))
        } else {
            values[typer.codes[field].slot] = value
        }
    }

    /// A string, number or boolean at the reader, typed by the field's scalar type.
    ///
    /// - Parameter isList: The scalar stands where a list is expected: only its text (`shown`) is needed.
    /// - Returns: The value, and the value's text for a message when `isList` or a problem needs it.
    @inline(__always)
    private func readScalar(_ reader: inout JSONLineReader, _ field: Int, _ problem: inout Message?, isList: Bool) throws(JSONFailure)
        -> (value: Value, shown: String)
    {
        let written: FieldValueParser.Written
        let range: Range<Int>
        switch reader.peek {
        case 0x22:
            let string = try reader.string()
            if string.escaped {
                let text = try reader.unescaped(string.range)
                if isList { return (.unknown, "\"\(String(decoding: text, as: UTF8.self))\"") }
                return (text.withUnsafeBufferPointer { typer.scalar(field, $0, .text, &problem) }, "")
            }
            written = .text
            range = string.range
        case 0x2D, 0x30...0x39:
            written = .number
            range = try reader.number()
        case 0x74, 0x66:
            written = .boolean
            range = try reader.literal()
        default:
            throw reader.fail(.expectedValue)
        }
        let text = UnsafeBufferPointer(rebasing: reader.bytes[range])
        if isList {
            let shown = FieldTyper.text(text)
            return (.unknown, written == .text ? "\"\(shown)\"" : shown)
        }
        var flag = FailureFlag()
        let value = typer.scalar(field, text, written, &flag)
        if flag.failed { problem = typer.problem(field, text, written) }
        return (value, "")
    }

    private func readList(_ reader: inout JSONLineReader, _ field: Int, _ problem: inout Message?) throws(JSONFailure) -> Value {
        reader.index += 1
        reader.skipSpace()
        var items: [Value] = []
        if reader.peek == 0x5D {
            reader.index += 1
            return .list(items)
        }
        var item = 0
        while true {
            item += 1
            switch reader.peek {
            case 0x5B, 0x7B:
                let kind = reader.peek == 0x5B ? ("a list", "列表") : ("an object", "对象")
                try reader.skipValue(depth: 2)
                if problem == nil { problem = .recordNestedListItem(typer.name(field), item: item, kind: kind, element: typer.scalarTypes[field]) }
            case 0x6E:
                _ = try reader.literal()
                if problem == nil { problem = .recordNullListItem(typer.name(field), item: item) }
            default:
                var itemProblem: Message?
                let item = try readScalar(&reader, field, &itemProblem, isList: false)
                if let itemProblem {
                    if problem == nil { problem = itemProblem }
                } else {
                    items.append(item.value)
                }
            }
            reader.skipSpace()
            if reader.peek == 0x2C {
                reader.index += 1
                reader.skipSpace()
                continue
            }
            if reader.peek == 0x5D {
                reader.index += 1
                break
            }
            throw reader.fail(.expectedCommaOrBracket)
        }
        return problem == nil ? .list(items) : .unknown
    }

    // MARK: YAML

    private func parseYAML(_ bytes: UnsafeBufferPointer<UInt8>, _ slice: RecordSlice) -> ApplicantRecord {
        let file = SourceFile(path: path, bytes: Array(bytes))
        let document = YAMLDocuments(file, limits: limits.yaml).makeIterator().next()
        var problems: [Diagnostic]
        var record: ApplicantRecord
        if let document, let root = document.root, RecordDecoder.isDecodable(document) {
            let decoder = RecordDecoder(catalog: catalog, maxStringBytes: limits.yaml.maxScalarBytes)
            record = decoder.decode(root, number: slice.number, yamlProblems: document.diagnostics).0
            problems = record.problems.map { rebased($0, slice) }
        } else {
            record = ApplicantRecord(
                id: BrokenDocumentID.scan(file.bytes[...]), values: [Value](repeating: .unknown, count: fieldCount), number: slice.number,
                line: slice.line, problems: [])
            problems = (document?.diagnostics ?? []).filter { $0.severity == .error }.map { rebased(RecordDecoder.recordProblem($0), slice) }
            if problems.isEmpty { problems = [error(.recordNotMapping)] }
        }
        record.line = slice.line
        record.number = slice.number
        record.problems = problems
        return record
    }

    /// A problem located in one document, re-told with its line in the whole input and no span.
    private func rebased(_ diagnostic: Diagnostic, _ slice: RecordSlice) -> Diagnostic {
        func message(_ message: Message, _ span: SourceSpan?) -> Message {
            guard let location = span?.location else { return message }
            return .yamlAt(line: slice.line + location.line - 1, column: location.column, message)
        }
        let notes = diagnostic.notes.map { Diagnostic.Note(message: message($0.message, $0.span), span: nil) }
        return Diagnostic(diagnostic.severity, message(diagnostic.message, diagnostic.span), at: nil, path: path, help: diagnostic.help, notes: notes)
    }
}
