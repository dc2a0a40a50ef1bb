internal import CYAML
import EligoDiagnostics

/// One libyaml event, copied out of C memory and located in file byte offsets.
///
/// Copying is what lets ``EventReader`` delete every C event at once: nothing
/// in Swift ever points into libyaml's buffers.
struct Event {
    enum Kind: Equatable {
        case streamStart
        case streamEnd
        case documentStart
        case documentEnd
        case alias
        case scalar
        case sequenceStart
        case sequenceEnd
        case mappingStart
        case mappingEnd
    }

    var kind: Kind
    /// Byte offset of libyaml's start mark (anchors and tags included).
    var start: Int
    /// Byte offset of libyaml's end mark.
    var end: Int
    var anchor: String?
    /// libyaml's resolved tag (`tag:yaml.org,2002:str` for `!!str`).
    var tag: String?
    /// A scalar's value or an alias's anchor name.
    var value: String = ""
    var scalarStyle: YAMLNode.ScalarStyle = .plain
    /// For collection starts: written with `[` `]` or `{` `}`.
    var isFlow = false
    /// For document starts and ends: no `---` / `...` in the text.
    var isImplicit = false
}

/// A libyaml error that ended the stream, already turned into a diagnostic.
struct SyntaxError: Error {
    enum Kind {
        case unclosedQuote
        case other
    }

    var kind: Kind
    var diagnostic: Diagnostic
    /// libyaml noticed the problem only at the end of the input (an unclosed bracket, say).
    var atEndOfInput: Bool
}

/// The owner of a libyaml parser and of the bytes it reads.
///
/// libyaml keeps pointers to both the `yaml_parser_t` and its input for as long
/// as the parser lives, so both live on the heap and this owner cannot be
/// copied; `deinit` is the one place that frees them.
struct EventReader: ~Copyable {
    let file: SourceFile
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let input: UnsafeMutableBufferPointer<UInt8>
    /// Where libyaml's input begins and ends in the file.
    private let start: Int
    let end: Int
    private var cursor: CodePointCursor
    private var state: State

    private enum State {
        case reading
        case finished
        case failed(SyntaxError)
    }

    /// - Parameters:
    ///   - start: The byte offset (a line's start) where parsing begins.
    ///   - end: Where the input ends (a line's start; the file's end by default). libyaml sees only
    ///     the bytes between, and every position is still one in the whole file.
    init(file: SourceFile, from start: Int = 0, to end: Int? = nil) {
        let end = Swift.max(start, Swift.min(end ?? file.bytes.count, file.bytes.count))
        self.file = file
        self.start = start
        self.end = end
        self.cursor = CodePointCursor(file: file, from: start)
        parser = .allocate(capacity: 1)
        parser.initialize(to: yaml_parser_t())
        input = .allocate(capacity: max(1, end - start))
        _ = input.initialize(fromContentsOf: file.bytes[start..<end])
        state = .reading
        guard yaml_parser_initialize(parser) == 1 else {
            state = .failed(SyntaxError(kind: .other, diagnostic: .error(.yamlOutOfMemory, at: nil), atEndOfInput: false))
            return
        }
        yaml_parser_set_input_string(parser, input.baseAddress, end - start)
        // libyaml would happily decode UTF-16; the spec allows UTF-8 only.
        if start == 0, file.bytes.starts(with: [0xFF, 0xFE]) || file.bytes.starts(with: [0xFE, 0xFF]) {
            state = .failed(invalidUTF8(at: 0))
        }
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deinitialize(count: 1)
        parser.deallocate()
        input.deallocate()
    }

    /// The next event, or `nil` after the stream has ended.
    ///
    /// - Throws: The syntax error that stopped libyaml; it is thrown once, and
    ///   the reader returns `nil` afterwards because libyaml cannot go on.
    mutating func next() throws(SyntaxError) -> Event? {
        switch state {
        case .finished:
            return nil
        case .failed(let error):
            state = .finished
            throw error
        case .reading:
            break
        }
        var raw = yaml_event_t()
        guard yaml_parser_parse(parser, &raw) == 1 else {
            state = .finished
            throw syntaxError()
        }
        defer { yaml_event_delete(&raw) }
        let event = convert(raw)
        if event.kind == .streamEnd { state = .finished }
        return event
    }

    /// The byte offset of a libyaml mark.
    ///
    /// Marks are converted through their code-point `index`, not their line and
    /// column: libyaml also breaks lines at U+0085, U+2028 and U+2029, which
    /// ``SourceFile`` does not, and its end-of-input line does not exist.
    private mutating func offset(_ mark: yaml_mark_t) -> Int {
        cursor.offset(ofCodePoint: Int(mark.index))
    }

    private mutating func convert(_ raw: yaml_event_t) -> Event {
        let start = offset(raw.start_mark)
        let end = offset(raw.end_mark)
        switch raw.type {
        case YAML_STREAM_START_EVENT:
            return Event(kind: .streamStart, start: start, end: end)
        case YAML_STREAM_END_EVENT:
            return Event(kind: .streamEnd, start: start, end: end)
        case YAML_DOCUMENT_START_EVENT:
            return Event(kind: .documentStart, start: start, end: end, isImplicit: raw.data.document_start.implicit != 0)
        case YAML_DOCUMENT_END_EVENT:
            return Event(kind: .documentEnd, start: start, end: end, isImplicit: raw.data.document_end.implicit != 0)
        case YAML_ALIAS_EVENT:
            return Event(kind: .alias, start: start, end: end, value: string(raw.data.alias.anchor) ?? "")
        case YAML_SCALAR_EVENT:
            let scalar = raw.data.scalar
            let value = scalar.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: scalar.length), as: UTF8.self) } ?? ""
            let style: YAMLNode.ScalarStyle = switch scalar.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: .literal
            case YAML_FOLDED_SCALAR_STYLE: .folded
            default: .plain
            }
            return Event(
                kind: .scalar, start: start, end: end,
                anchor: string(scalar.anchor), tag: string(scalar.tag), value: value, scalarStyle: style
            )
        case YAML_SEQUENCE_START_EVENT:
            let data = raw.data.sequence_start
            return Event(
                kind: .sequenceStart, start: start, end: end,
                anchor: string(data.anchor), tag: string(data.tag), isFlow: data.style == YAML_FLOW_SEQUENCE_STYLE
            )
        case YAML_SEQUENCE_END_EVENT:
            return Event(kind: .sequenceEnd, start: start, end: end)
        case YAML_MAPPING_START_EVENT:
            let data = raw.data.mapping_start
            return Event(
                kind: .mappingStart, start: start, end: end,
                anchor: string(data.anchor), tag: string(data.tag), isFlow: data.style == YAML_FLOW_MAPPING_STYLE
            )
        default:
            return Event(kind: .mappingEnd, start: start, end: end)
        }
    }

    private func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}

// MARK: - Errors

extension EventReader {
    /// Turns libyaml's error fields into one diagnostic, at the right byte.
    private mutating func syntaxError() -> SyntaxError {
        let state = parser.pointee
        let problem = state.problem.map { String(cString: $0) } ?? "unknown error"
        let context = state.context.map { String(cString: $0) }
        switch state.error {
        case YAML_MEMORY_ERROR:
            return SyntaxError(kind: .other, diagnostic: .error(.yamlOutOfMemory, at: nil), atEndOfInput: false)
        case YAML_READER_ERROR:
            // Reader errors carry a raw byte offset (BOM included), not a mark.
            var at = min(start + state.problem_offset, end)
            if problem == "invalid trailing UTF-8 octet" { at = leadByte(before: at) }
            if problem == "control characters are not allowed" {
                let span = SourceSpan(file: file, start: at, length: at < file.bytes.count ? 1 : 0)
                return SyntaxError(kind: .other, diagnostic: .error(.yamlControlCharacter(Int(state.problem_value)), at: span), atEndOfInput: false)
            }
            return invalidUTF8(at: problem == "invalid trailing UTF-8 octet" ? sequenceStart(before: at) : at)
        default:
            break
        }
        let at = offset(state.problem_mark)
        let atEnd = at >= end
        let span = characterSpan(at: at)
        let contextStart = offset(state.context_mark)
        if problem == "found unexpected end of stream" || problem == "found unexpected document indicator",
            context == "while scanning a quoted scalar"
        {
            let quote = characterSpan(at: contextStart)
            let stop = problem == "found unexpected end of stream" ? endNote : (message: .yamlDocumentMarkerHere, span: span)
            let diagnostic = Diagnostic.error(.yamlUnclosedQuote, at: quote, notes: [.init(message: stop.message, span: stop.span)])
            return SyntaxError(kind: .unclosedQuote, diagnostic: diagnostic, atEndOfInput: atEnd)
        }
        if isTabIndentation(problem: problem, at: at) {
            return SyntaxError(kind: .other, diagnostic: .error(.yamlTabIndent, at: span), atEndOfInput: atEnd)
        }
        if let bracket = unclosedFlow(problem: problem, at: at, openedAt: contextStart) {
            // libyaml stumbles over the next key; the mistake is the bracket that was never closed.
            let diagnostic = Diagnostic.error(
                .yamlUnclosedFlow(bracket), at: characterSpan(at: contextStart),
                notes: [.init(message: .yamlFlowStillOpen(bracket), span: span)])
            return SyntaxError(kind: .other, diagnostic: diagnostic, atEndOfInput: atEnd)
        }
        var notes: [Diagnostic.Note] = []
        if let context, contextStart < at {
            notes.append(.init(message: .yamlSyntaxContext(context), span: characterSpan(at: contextStart)))
        }
        let diagnostic = Diagnostic.error(.yamlSyntax(problem: problem, context: context), at: span, help: .yamlSyntaxHelp(problem), notes: notes)
        return SyntaxError(kind: .other, diagnostic: diagnostic, atEndOfInput: atEnd)
    }

    /// The bracket (`{` or `[`) that a flow collection opened and never closed,
    /// when libyaml reports a missing `,` or closer on a later line that is
    /// indented no deeper than the line of the bracket: that line is the next
    /// key of the enclosing block, not more of the collection.
    private func unclosedFlow(problem: String, at offset: Int, openedAt start: Int) -> Character? {
        let bracket: UInt8
        switch problem {
        case "did not find expected ',' or '}'": bracket = UInt8(ascii: "{")
        case "did not find expected ',' or ']'": bracket = UInt8(ascii: "[")
        default: return nil
        }
        guard start < offset, start < file.bytes.count, file.bytes[start] == bracket else { return nil }
        let lines = [start, offset].map { file.location(of: $0).line }
        let indentation = lines.map { file.lineText($0).prefix { $0 == " " }.count }
        guard lines[1] > lines[0], indentation[1] <= indentation[0] else { return nil }
        return Character(Unicode.Scalar(bracket))
    }

    /// The first byte of the UTF-8 sequence whose continuation byte is at `offset`.
    ///
    /// libyaml reports a bad trailing byte at that byte; the author's mistake
    /// (a GBK character, say) starts at the lead byte before it.
    private func sequenceStart(before offset: Int) -> Int {
        var index = offset - 1
        while index > 0, offset - index < 4, file.bytes[index] & 0xC0 == 0x80 { index -= 1 }
        return index >= 0 && file.bytes[index] >= 0xC0 ? index : offset
    }

    private func isTabIndentation(problem: String, at offset: Int) -> Bool {
        if problem.contains("tab character") { return true }
        return problem == "found character that cannot start any token"
            && offset < file.bytes.count && file.bytes[offset] == 0x09
    }

    /// libyaml points at the octet that broke a sequence; the author needs the sequence's first byte.
    private func leadByte(before offset: Int) -> Int {
        let bytes = file.bytes
        var index = offset - 1
        while index >= 0, offset - index <= 3, bytes[index] & 0xC0 == 0x80 { index -= 1 }
        return index >= 0 && offset - index <= 3 && bytes[index] >= 0xC0 ? index : offset
    }

    private func invalidUTF8(at offset: Int) -> SyntaxError {
        let span = SourceSpan(file: file, start: offset, length: offset < file.bytes.count ? 1 : 0)
        return SyntaxError(kind: .other, diagnostic: .error(.yamlInvalidUTF8, at: span, help: .yamlSaveAsUTF8), atEndOfInput: false)
    }

    /// The span of the code point at `offset`; at the end of the input, the end of its last real line.
    func characterSpan(at offset: Int) -> SourceSpan {
        let bytes = file.bytes
        guard offset < end else {
            return SourceSpan(file: file, start: file.endOfLine(before: end), length: 0)
        }
        var stop = offset + 1
        while stop < bytes.count, bytes[stop] & 0xC0 == 0x80 { stop += 1 }
        return SourceSpan(file: file, start: offset, end: stop)
    }
}

extension EventReader {
    /// What stopped the input, for a problem found there: the end of the file, or the next
    /// document's marker when the input is one document of a stream.
    var endNote: (message: Message, span: SourceSpan) {
        end < file.bytes.count
            ? (.yamlDocumentMarkerHere, characterSpanInFile(at: end))
            : (.yamlFileEndsHere, SourceSpan(file: file, start: file.endOfLine(before: end), length: 0))
    }

    private func characterSpanInFile(at offset: Int) -> SourceSpan {
        var stop = offset + 1
        while stop < file.bytes.count, file.bytes[stop] & 0xC0 == 0x80 { stop += 1 }
        return SourceSpan(file: file, start: offset, end: stop)
    }
}

extension SourceFile {
    /// Where a problem "at the end of the input" ending at `end` should point: after the last
    /// character of its last real line, never on the line after a final newline.
    func endOfLine(before end: Int) -> Int {
        var end = end
        if end > 0, bytes[end - 1] == 0x0A { end -= 1 }
        if end > 0, bytes[end - 1] == 0x0D { end -= 1 }
        return end
    }
}

/// Walks the file's UTF-8 from one libyaml mark to the next.
///
/// libyaml counts code points from the start of the input, after a BOM. Events
/// arrive nearly in order, so moving a cursor costs about one step per byte of
/// the file in total, without a table of every code point.
struct CodePointCursor {
    private let bytes: [UInt8]
    private let base: Int
    private var index = 0
    private var offset: Int

    init(file: SourceFile, from start: Int = 0) {
        bytes = file.bytes
        base = start == 0 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : start
        offset = base
    }

    mutating func offset(ofCodePoint target: Int) -> Int {
        let count = bytes.count
        while index < target, offset < count {
            offset += 1
            while offset < count, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
            index += 1
        }
        while index > target, offset > base {
            offset -= 1
            while offset > base, bytes[offset] & 0xC0 == 0x80 { offset -= 1 }
            index -= 1
        }
        // A CR LF pair counts as two code points in libyaml too, so no special case.
        return offset
    }
}
