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
/// bad CSV cell, the line and column of a YAML problem (counted in the whole input).
/// Every problem's `path` is the input's path.
///
/// - CSV: a header column the catalog does not declare, or one that repeats an
///   earlier column, makes every record invalid (``headerProblems``; the column
///   is ignored). A row with too few or too many cells gets that one problem (its
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
    public let headerProblems: [Diagnostic]

    /// By position in the catalog.
    let plans: [FieldPlan]
    /// Field name → position in `plans`.
    let names: ByteTable
    /// For CSV: the plan of each column, or -1 for a column that is ignored.
    let columnPlans: [Int]
    /// The column of the `id` field, if the header has one.
    let idColumn: Int?
    let idPlan: Int?
    /// Plans of the fields a record must give: `required` ones and `id`.
    let requiredPlans: [Int]

    public init(format: InputFormat, catalog: FieldCatalog, header: CSVHeader?, path: String, limits: InputLimits = InputLimits()) {
        self.format = format
        self.catalog = catalog
        self.path = path
        self.limits = limits
        self.header = header
        plans = catalog.fields.map(FieldPlan.init)
        names = ByteTable(catalog.fields.map(\.name))
        idPlan = catalog.fields.firstIndex { $0.name == "id" }
        requiredPlans = catalog.fields.indices.filter { catalog.fields[$0].required || catalog.fields[$0].name == "id" }

        var columnPlans: [Int] = []
        var problems: [Diagnostic] = []
        var firstColumn: [Int: Int] = [:]
        for (column, name) in (header?.columns ?? []).enumerated() {
            guard let plan = catalog.fields.firstIndex(where: { $0.name == name }) else {
                let help = Spelling.suggestion(for: name, among: catalog.names).map(Message.didYouMean)
                problems.append(Diagnostic(.error, .recordUnknownField(name), at: nil, path: path, help: help))
                columnPlans.append(-1)
                continue
            }
            if let first = firstColumn[plan] {
                problems.append(Diagnostic(.error, .csvDuplicateColumn(name, first: first + 1, again: column + 1), at: nil, path: path))
                columnPlans.append(-1)
                continue
            }
            firstColumn[plan] = column
            columnPlans.append(plan)
        }
        self.columnPlans = columnPlans
        headerProblems = problems
        idColumn = idPlan.flatMap { firstColumn[$0] }
    }

    /// Types record `index` of `chunk`.
    public func parse(_ chunk: RecordChunk, _ index: Int) -> ApplicantRecord {
        let slice = chunk.records[index]
        if let problem = slice.problem {
            return ApplicantRecord(
                id: nil, values: [Value](repeating: .unknown, count: plans.count), number: slice.number, line: slice.line,
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

    /// Types one record given as bytes (a test or a one-off caller's convenience).
    public func parse(record bytes: [UInt8], number: Int = 1, line: Int = 1) -> ApplicantRecord {
        parse(RecordChunk(bytes: bytes, records: [RecordSlice(range: 0..<bytes.count, number: number, line: line)]), 0)
    }

    // MARK: Common

    private func error(_ message: Message, help: Message? = nil) -> Diagnostic {
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
        if checkRequired {
            for plan in requiredPlans where !given[plan] {
                problems.append(error(.recordMissingRequired(plans[plan].name)))
            }
        }
        var id: String?
        if let idPlan, case .string(let text) = values[plans[idPlan].slot] { id = text }
        return ApplicantRecord(id: id, values: values, number: slice.number, line: slice.line, problems: problems)
    }

    // MARK: CSV

    private func parseCSV(_ bytes: UnsafeBufferPointer<UInt8>, _ slice: RecordSlice) -> ApplicantRecord {
        var values = [Value](repeating: .unknown, count: plans.count)
        var problems = headerProblems
        let columnCount = columnPlans.count
        return withUnsafeTemporaryAllocation(of: CSVCells.Cell.self, capacity: columnCount + 1) { cells in
            withUnsafeTemporaryAllocation(of: Bool.self, capacity: max(plans.count, 1)) { given in
                given.initialize(repeating: false)
                var reader = CSVCells.Reader(bytes)
                var count = 0
                while let cell = reader.next() {
                    if count <= columnCount { cells[count] = cell }
                    count += 1
                }
                if let problem = reader.problem {
                    problems.append(error(problem))
                    typeCSVColumn(idColumn, cells: cells, count: count - 1, bytes, &values, given, &problems, checkOnly: true)
                    return finish(values: values, given: given, problems: &problems, slice: slice, checkRequired: false)
                }
                if count != columnCount {
                    problems.append(error(.csvCellCount(count, header: columnCount)))
                    typeCSVColumn(idColumn, cells: cells, count: min(count, columnCount), bytes, &values, given, &problems, checkOnly: true)
                    return finish(values: values, given: given, problems: &problems, slice: slice, checkRequired: false)
                }
                for column in 0..<columnCount {
                    typeCSVColumn(column, cells: cells, count: count, bytes, &values, given, &problems, checkOnly: false)
                }
                return finish(values: values, given: given, problems: &problems, slice: slice)
            }
        }
    }

    /// Types the cell of `column`, when the row has it and the column maps to a field.
    ///
    /// - Parameter checkOnly: Only read the value (for the `id` of a broken row); its problems are dropped.
    @inline(__always)
    private func typeCSVColumn(
        _ column: Int?, cells: UnsafeMutableBufferPointer<CSVCells.Cell>, count: Int, _ bytes: UnsafeBufferPointer<UInt8>,
        _ values: inout [Value], _ given: UnsafeMutableBufferPointer<Bool>, _ problems: inout [Diagnostic], checkOnly: Bool
    ) {
        guard let column, column < count, column < columnPlans.count else { return }
        let planIndex = columnPlans[column]
        guard planIndex >= 0 else { return }
        let cell = cells[column]
        if cell.isEmpty { return }
        let plan = plans[planIndex]
        given[planIndex] = true
        let result: Result<Value, Message>
        if cell.doubled {
            let text = CSVCells.unescaped(bytes, cell)
            result = text.withUnsafeBufferPointer { typeCSVCell(plan, $0) }
        } else {
            result = typeCSVCell(plan, UnsafeBufferPointer(rebasing: bytes[cell.lower..<cell.upper]))
        }
        switch result {
        case .success(let value): values[plan.slot] = value
        case .failure(let message): if !checkOnly { problems.append(error(message)) }
        }
    }

    @inline(__always)
    private func typeCSVCell(_ plan: FieldPlan, _ text: UnsafeBufferPointer<UInt8>) -> Result<Value, Message> {
        guard plan.kind == .list else { return plan.scalar(text, written: .bare, maxStringBytes: limits.maxStringBytes) }
        var items: [Value] = []
        var lower = 0
        while true {
            var upper = lower
            while upper < text.count, text[upper] != 0x3B { upper += 1 }
            if upper == lower { return .failure(.recordEmptyListItem(plan.name)) }
            switch plan.scalar(UnsafeBufferPointer(rebasing: text[lower..<upper]), written: .bare, maxStringBytes: limits.maxStringBytes) {
            case .success(let value): items.append(value)
            case .failure(let message): return .failure(message)
            }
            if upper == text.count { break }
            lower = upper + 1
        }
        return .success(.list(items))
    }

    // MARK: JSONL

    private func parseJSON(_ bytes: UnsafeBufferPointer<UInt8>, _ slice: RecordSlice) -> ApplicantRecord {
        var values = [Value](repeating: .unknown, count: plans.count)
        var problems: [Diagnostic] = []
        return withUnsafeTemporaryAllocation(of: Bool.self, capacity: max(plans.count, 1) * 2) { flags in
            flags.initialize(repeating: false)
            let given = UnsafeMutableBufferPointer(rebasing: flags[0..<plans.count])
            let seen = UnsafeMutableBufferPointer(rebasing: flags[plans.count..<(2 * plans.count)])
            var reader = JSONLineReader(bytes)
            reader.skipSpace()
            let first = reader.peek
            guard first == 0x7B else {
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
                    planIndex = names.index(of: UnsafeBufferPointer(rebasing: reader.bytes[key.range]))
                }
                if let planIndex {
                    if seen[planIndex] {
                        problems.append(error(.recordDuplicateField(plans[planIndex].name)))
                        try reader.skipValue()
                    } else {
                        seen[planIndex] = true
                        try readValue(&reader, plans[planIndex], planIndex, &values, given, &problems)
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
        _ reader: inout JSONLineReader, _ plan: FieldPlan, _ planIndex: Int, _ values: inout [Value],
        _ given: UnsafeMutableBufferPointer<Bool>, _ problems: inout [Diagnostic]
    ) throws(JSONFailure) {
        let result: Result<Value, Message>
        switch reader.peek {
        case 0x6E:
            _ = try reader.literal()
            return  // null: missing
        case 0x5B:
            guard plan.kind == .list else {
                try reader.skipValue()
                result = .failure(plan.wrongType(shown: "[...]"))
                break
            }
            result = try readList(&reader, plan)
        case 0x7B:
            try reader.skipValue()
            result = .failure(plan.wrongType(shown: "{...}"))
        default:
            guard let scalar = try readScalar(&reader, plan) else { return }
            result = plan.kind == .list ? .failure(plan.wrongType(shown: scalar.shown)) : scalar.value
        }
        given[planIndex] = true
        switch result {
        case .success(let value): values[plan.slot] = value
        case .failure(let message): problems.append(error(message))
        }
    }

    /// A string, number or boolean, typed by the plan's scalar type; `nil` for `null`.
    private func readScalar(_ reader: inout JSONLineReader, _ plan: FieldPlan) throws(JSONFailure) -> (value: Result<Value, Message>, shown: String)? {
        let written: FieldValueParser.Written
        let range: Range<Int>
        switch reader.peek {
        case 0x22:
            let string = try reader.string()
            if string.escaped {
                let text = try reader.unescaped(string.range)
                let value = text.withUnsafeBufferPointer { plan.scalar($0, written: .text, maxStringBytes: limits.maxStringBytes) }
                return (value, "\"\(String(decoding: text, as: UTF8.self))\"")
            }
            written = .text
            range = string.range
        case 0x2D, 0x30...0x39:
            written = .number
            range = try reader.number()
        case 0x74, 0x66:
            written = .boolean
            range = try reader.literal()
        case 0x6E:
            _ = try reader.literal()
            return nil
        default:
            throw reader.fail(.expectedValue)
        }
        let text = UnsafeBufferPointer(rebasing: reader.bytes[range])
        let value = plan.scalar(text, written: written, maxStringBytes: limits.maxStringBytes)
        if case .success = value, plan.kind != .list { return (value, "") }
        let shown = FieldPlan.text(text)
        return (value, written == .text ? "\"\(shown)\"" : shown)
    }

    private func readList(_ reader: inout JSONLineReader, _ plan: FieldPlan) throws(JSONFailure) -> Result<Value, Message> {
        reader.index += 1
        reader.skipSpace()
        var items: [Value] = []
        var failure: Message?
        if reader.peek == 0x5D {
            reader.index += 1
            return .success(.list(items))
        }
        while true {
            switch reader.peek {
            case 0x5B, 0x7B:
                let shown = reader.peek == 0x5B ? "[...]" : "{...}"
                try reader.skipValue(depth: 1)
                if failure == nil { failure = .recordWrongType(plan.name, shown, expected: plan.field.type) }
            default:
                if let scalar = try readScalar(&reader, plan) {
                    switch scalar.value {
                    case .success(let value): items.append(value)
                    case .failure(let message): if failure == nil { failure = message }
                    }
                } else if failure == nil {
                    failure = .recordWrongType(plan.name, "null", expected: plan.field.type)
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
        if let failure { return .failure(failure) }
        return .success(.list(items))
    }

    // MARK: YAML

    private func parseYAML(_ bytes: UnsafeBufferPointer<UInt8>, _ slice: RecordSlice) -> ApplicantRecord {
        let file = SourceFile(path: path, bytes: Array(bytes))
        let document = YAMLDocuments(file, limits: limits.yaml).makeIterator().next()
        var problems: [Diagnostic]
        var record: ApplicantRecord
        if let document, let root = document.root, !document.hasErrors {
            record = RecordDecoder(catalog: catalog).decode(root, number: slice.number).0
            problems = record.problems.map { rebased($0, slice) }
        } else {
            record = ApplicantRecord(
                id: nil, values: [Value](repeating: .unknown, count: plans.count), number: slice.number, line: slice.line, problems: [])
            problems = (document?.diagnostics ?? []).filter { $0.severity == .error }.map { rebased($0, slice) }
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
