import EligoDiagnostics

/// Turns libyaml's events into ``YAMLNode`` trees, one document at a time.
///
/// This is where §9's limits are enforced, while composing rather than after:
/// a hostile document (an alias bomb, ten thousand nested brackets) must be
/// refused before it costs memory or time, not walked afterwards.
struct Composer: ~Copyable {
    private var reader: EventReader
    private let limits: YAMLLimits
    private var file: SourceFile { reader.file }
    private var documentCount = 0
    /// Where the last document ended: a syntax error between documents is located from there.
    private var previousEnd = 0
    private var finished = false

    // State of the document being composed.
    private var diagnostics: [Diagnostic] = []
    private var anchors: [String: Composed] = [:]
    private var aliasNodes = 0
    private var documentStart = 0
    /// Open collections, innermost last, to name the unclosed bracket when the input just stops.
    private var open: [(start: Int, isFlow: Bool)] = []

    /// A composed node and the facts the limits need about it.
    private struct Composed {
        var node: YAMLNode
        /// Nodes in the tree, the node itself included.
        var count: Int
        /// Collection levels in the tree: 0 for a scalar.
        var height: Int
    }

    /// Why composing a document stopped early.
    private enum Stop: Error {
        /// libyaml failed; the stream is over.
        case syntax(SyntaxError)
        /// A limit was crossed and reported; the rest of the document is skipped.
        case limit
    }

    init(file: SourceFile, limits: YAMLLimits, from start: Int = 0, to end: Int? = nil) {
        reader = EventReader(file: file, from: start, to: end)
        self.limits = limits
        previousEnd = start
    }

    /// The next document of the stream, or `nil` when there are no more.
    ///
    /// After a syntax error the broken document comes back with no root and the
    /// error, and the stream ends: libyaml cannot resynchronise.
    mutating func nextDocument() -> YAMLDocument? {
        guard !finished else { return nil }
        diagnostics = []
        anchors = [:]
        aliasNodes = 0
        open = []
        documentStart = previousEnd
        do {
            guard let start = try documentStartEvent() else {
                finished = true
                return nil
            }
            documentStart = start.start
            do {
                let root = try compose(try nextEvent(), depth: 0, parentIndent: -1)
                let documentEnd = try nextEvent()
                let end = documentEnd.isImplicit ? root.node.span.end : max(root.node.span.end, documentEnd.end)
                return document(root.node, start: start.start, end: end)
            } catch .limit {
                guard let end = try skipToDocumentEnd() else {
                    finished = true
                    return document(nil, start: start.start, end: reader.end)
                }
                return document(nil, start: start.start, end: end)
            }
        } catch .syntax(let error) {
            finished = true
            diagnostics.append(refine(error))
            var broken = document(nil, start: documentStart, end: reader.end)
            broken.endedStream = true
            return broken
        } catch {
            // Only `skipToDocumentEnd` can get here, and it throws syntax errors only.
            finished = true
            return document(nil, start: documentStart, end: reader.end)
        }
    }

    /// The next `DOCUMENT-START`, or `nil` at the end of the stream.
    private mutating func documentStartEvent() throws(Stop) -> Event? {
        while let event = try readEvent() {
            switch event.kind {
            case .documentStart: return event
            case .streamEnd: return nil
            default: continue
            }
        }
        return nil
    }

    private mutating func readEvent() throws(Stop) -> Event? {
        do { return try reader.next() } catch { throw .syntax(error) }
    }

    private mutating func document(_ root: YAMLNode?, start: Int, end: Int) -> YAMLDocument {
        defer {
            documentCount += 1
            previousEnd = end
        }
        var root = root
        if let composed = root {
            if let (offset, length, value) = Self.misreadLineBreak(in: file.bytes, from: start, to: end, root: composed) {
                // libyaml follows YAML 1.1 and breaks lines there; YAML 1.2 (§1) does not, so the
                // tree may not be what the author wrote: refused, not guessed. What else libyaml
                // found in it (a key "given twice" on what it took for two lines) is dropped with it.
                root = nil
                diagnostics = [rawLineBreakError(offset, length, value)]
            }
        } else if let failure = diagnostics.first(where: { $0.severity == .error }),
            let (offset, length, value) = Self.misreadLineBreak(in: file.bytes, from: start, to: min(end, failure.span?.end ?? end), root: nil)
        {
            // A syntax error after such a character is most likely libyaml's misreading of it:
            // that comes first, the error libyaml gave after it.
            diagnostics.insert(rawLineBreakError(offset, length, value), at: 0)
        }
        return YAMLDocument(index: documentCount, root: root, diagnostics: diagnostics, span: SourceSpan(file: file, start: start, end: end))
    }

    /// The first NEL (U+0085), LINE SEPARATOR (U+2028) or PARAGRAPH SEPARATOR (U+2029) written
    /// as itself between `start` and `end` that libyaml reads otherwise than YAML 1.2 does: its
    /// offset, length in bytes and code point.
    ///
    /// libyaml keeps a line or paragraph separator inside a quoted string as text, as YAML 1.2
    /// does (only its line count moves, which positions allow for); anywhere else, and a NEL
    /// anywhere (folded to a space even in quotes), it breaks the line.
    ///
    /// Without a tree (a document libyaml could not read), a separator counts unless a quote
    /// comes before it on its line: a guess that would rather miss one than blame one in quotes.
    static func misreadLineBreak(in bytes: [UInt8], from start: Int, to end: Int, root: YAMLNode?) -> (Int, Int, Int)? {
        // Linear whatever the input: the quoted spans sorted once and searched by halves, and a
        // quote on the current line noted on the way, never looked for backwards.
        var quoted: [SourceSpan]?
        var quoteOnLine = false
        var index = start
        while index < end {
            let byte = bytes[index]
            if byte == 0x0A || byte == 0x0D { quoteOnLine = false }
            if byte == 0x27 || byte == 0x22 { quoteOnLine = true }
            if byte == 0xC2, index + 1 < end, bytes[index + 1] == 0x85 { return (index, 2, 0x85) }
            if byte == 0xE2, index + 2 < end, bytes[index + 1] == 0x80, bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 {
                let inQuotes: Bool
                if let root {
                    if quoted == nil { quoted = quotedSpans(root).sorted { $0.start < $1.start } }
                    inQuotes = Self.isInside(index, quoted ?? [])
                } else {
                    inQuotes = quoteOnLine
                }
                if !inQuotes {
                    return (index, 3, bytes[index + 2] == 0xA8 ? 0x2028 : 0x2029)
                }
                index += 3
                continue
            }
            index += 1
        }
        return nil
    }

    /// Whether `offset` lies strictly inside one of `spans`, which are sorted and do not overlap.
    private static func isInside(_ offset: Int, _ spans: [SourceSpan]) -> Bool {
        var low = 0
        var high = spans.count
        while low < high {
            let middle = (low + high) / 2
            if spans[middle].start < offset { low = middle + 1 } else { high = middle }
        }
        return low > 0 && offset < spans[low - 1].end
    }

    private func rawLineBreakError(_ offset: Int, _ length: Int, _ value: Int) -> Diagnostic {
        .error(.yamlRawLineBreak(value), at: SourceSpan(file: file, start: offset, end: offset + length), help: .yamlRawLineBreakHelp(value))
    }

    /// The spans of a tree's single- and double-quoted scalars, quotes included.
    private static func quotedSpans(_ node: YAMLNode) -> [SourceSpan] {
        var spans: [SourceSpan] = []
        var pending = [node]
        while let next = pending.popLast() {
            switch next.content {
            case .scalar(let scalar) where scalar.style == .singleQuoted || scalar.style == .doubleQuoted: spans.append(next.span)
            case .scalar: break
            case .sequence(let items): pending.append(contentsOf: items)
            case .mapping(let pairs): for pair in pairs { pending.append(pair.key); pending.append(pair.value) }
            }
        }
        return spans
    }

    /// The next event inside a document, with the document's size checked as it grows.
    private mutating func nextEvent() throws(Stop) -> Event {
        guard let event = try readEvent() else {
            // libyaml always closes what it opened before the stream ends.
            let stop = reader.endNote
            throw .syntax(SyntaxError(kind: .other, diagnostic: .error(stop.message, at: stop.span), atEndOfInput: true))
        }
        // The end of a document is only its `...` or trailing comments: its content was within bounds.
        if event.kind != .documentEnd, event.end - documentStart > limits.maxDocumentBytes {
            let span = SourceSpan(file: file, start: documentStart, length: 0)
            diagnostics.append(.error(.yamlDocumentTooLarge(size: nil, limit: limits.maxDocumentBytes), at: span, help: .raiseLimit(.yamlBytes)))
            // The skip that follows counts nesting from `open`, which must include this event.
            switch event.kind {
            case .sequenceStart, .mappingStart: open.append((event.start, event.isFlow))
            case .sequenceEnd, .mappingEnd: _ = open.popLast()
            default: break
            }
            throw .limit
        }
        return event
    }

    /// Reads past the rest of a refused document, so that the next one can be composed.
    ///
    /// - Returns: Where the document ended, or `nil` when the rest of the stream
    ///   must not be read: libyaml's scanner slows down with the square of the
    ///   nesting depth, so skipping ten thousand open brackets would hang.
    private mutating func skipToDocumentEnd() throws(Stop) -> Int? {
        var depth = open.count
        guard depth <= limits.maxDepth else { return nil }
        while let event = try readEvent() {
            switch event.kind {
            case .sequenceStart, .mappingStart:
                depth += 1
                if depth > limits.maxDepth {
                    if !diagnostics.contains(where: { $0.message.id == "yaml.too-deep" }) {
                        diagnostics.append(.error(
                            .yamlTooDeep(limit: limits.maxDepth), at: SourceSpan(file: file, start: event.start, length: 1),
                            help: .raiseLimit(.yamlDepth)))
                    }
                    return nil
                }
            case .sequenceEnd, .mappingEnd:
                depth -= 1
            case .documentEnd:
                return event.end
            default:
                break
            }
        }
        return reader.end
    }

    /// Names the unclosed bracket when libyaml only says the input ended too soon.
    private func refine(_ error: SyntaxError) -> Diagnostic {
        guard error.atEndOfInput, error.kind != .unclosedQuote,
            let innermost = open.last, innermost.isFlow, innermost.start < reader.end
        else { return error.diagnostic }
        let bracket: Character = file.bytes[innermost.start] == UInt8(ascii: "{") ? "{" : "["
        return .error(
            .yamlUnclosedFlow(bracket),
            at: SourceSpan(file: file, start: innermost.start, length: 1),
            notes: [.init(message: reader.endNote.message, span: reader.endNote.span)]
        )
    }

    // MARK: Nodes

    /// Composes the node that `event` starts.
    ///
    /// - Parameters:
    ///   - depth: How many collections enclose the node.
    ///   - parentIndent: The column of the enclosing block collection, for block scalars' indentation indicators.
    private mutating func compose(_ event: Event, depth: Int, parentIndent: Int) throws(Stop) -> Composed {
        switch event.kind {
        case .alias:
            return try alias(event, depth: depth)
        case .scalar:
            let composed = try scalar(event, parentIndent: parentIndent)
            if let anchor = event.anchor { anchors[anchor] = composed }
            return composed
        case .sequenceStart, .mappingStart:
            let composed = try collection(event, depth: depth)
            if let anchor = event.anchor { anchors[anchor] = composed }
            return composed
        default:
            // The parser never puts a stream, document or end event where a node belongs.
            let span = SourceSpan(file: file, start: event.start, length: 0)
            return Composed(node: YAMLNode(content: .scalar(.init(value: "", style: .plain, resolution: .null)), span: span, valueOffsets: [event.start]), count: 1, height: 0)
        }
    }

    private mutating func alias(_ event: Event, depth: Int) throws(Stop) -> Composed {
        let span = SourceSpan(file: file, start: event.start, end: event.end)
        guard let target = anchors[event.value] else {
            diagnostics.append(.error(.yamlUnknownAlias(event.value), at: span))
            let null = YAMLNode.Scalar(value: "", style: .plain, resolution: .null)
            return Composed(node: YAMLNode(content: .scalar(null), span: span, valueOffsets: [event.start]), count: 1, height: 0)
        }
        if depth + target.height > limits.maxDepth {
            diagnostics.append(.error(.yamlTooDeep(limit: limits.maxDepth), at: span, help: .raiseLimit(.yamlDepth)))
            throw .limit
        }
        // Counted, never expanded first: the check costs nothing however large the anchored tree is.
        aliasNodes += target.count
        if aliasNodes > limits.maxAliasExpansion {
            diagnostics.append(.error(.yamlAliasExpansion(limit: limits.maxAliasExpansion), at: span, help: .raiseLimit(.aliasNodes)))
            throw .limit
        }
        return target
    }

    private mutating func scalar(_ event: Event, parentIndent: Int) throws(Stop) -> Composed {
        let length = event.value.utf8.count
        let start = contentStart(of: event)
        if length > limits.maxScalarBytes {
            // libyaml has already read it, so refusing the rest of the document saves nothing: the value
            // becomes null, as an unknown alias does, and the document goes on. A policy file with the
            // error is still refused, but an applicant record keeps its other fields (its id) for its
            // `invalid` decision, and the error can name the field whose value was too long.
            let span = SourceSpan(file: file, start: start, end: max(start, event.end))
            diagnostics.append(.error(.yamlScalarTooLong(size: length, limit: limits.maxScalarBytes), at: span, help: .raiseLimit(.stringBytes)))
            let null = YAMLNode.Scalar(value: "", style: .plain, resolution: .null)
            return Composed(node: YAMLNode(content: .scalar(null), span: span, valueOffsets: [start]), count: 1, height: 0)
        }
        let table: (offsets: [Int], contentEnd: Int)
        if event.scalarStyle == .plain, length == 0 {
            // An empty value (`key:`) has no text; it sits where libyaml saw it missing.
            let at = event.anchor != nil || event.tag != nil ? event.end : event.start
            table = ([at], at)
        } else {
            table = ScalarOffsets.table(
                bytes: file.bytes, start: start, end: event.end, style: event.scalarStyle,
                value: event.value, parentIndent: parentIndent
            )
        }
        let spanStart = event.scalarStyle == .plain && length == 0 ? table.contentEnd : start
        let spanEnd = event.scalarStyle == .literal || event.scalarStyle == .folded ? table.contentEnd : max(spanStart, event.end)
        let span = SourceSpan(file: file, start: spanStart, end: spanEnd)

        let plain = YAMLNode.Resolution(plainScalar: event.value)
        var resolution = event.scalarStyle == .plain ? plain : .string
        var shortTag: String?
        if let tag = event.tag {
            shortTag = YAMLTag.shortForm(tag)
            if let known = YAMLTag(tag) {
                if let resolved = known.resolve(event.value, plain: plain) {
                    resolution = resolved
                } else if known == .seq || known == .map {
                    diagnostics.append(.error(.yamlTagMismatch(YAMLTag.shortForm(tag), kind: ("scalar", "标量")), at: span))
                } else {
                    diagnostics.append(.error(.yamlTagValue(YAMLTag.shortForm(tag), text: event.value), at: span))
                    resolution = .string
                }
            } else {
                diagnostics.append(.error(.yamlUnknownTag(YAMLTag.shortForm(tag)), at: span))
            }
        }
        let scalar = YAMLNode.Scalar(value: event.value, style: event.scalarStyle, resolution: resolution)
        return Composed(node: YAMLNode(content: .scalar(scalar), span: span, tag: shortTag, valueOffsets: table.offsets), count: 1, height: 0)
    }

    private mutating func collection(_ event: Event, depth: Int) throws(Stop) -> Composed {
        let start = contentStart(of: event)
        open.append((start, event.isFlow))
        if depth + 1 > limits.maxDepth {
            diagnostics.append(.error(
                .yamlTooDeep(limit: limits.maxDepth), at: SourceSpan(file: file, start: start, length: 1), help: .raiseLimit(.yamlDepth)))
            throw .limit
        }
        let isSequence = event.kind == .sequenceStart
        // libyaml's indentation for a block collection is the column of its first entry.
        let column = event.isFlow ? -1 : file.location(of: start).column - 1
        var count = 1
        var height = 1
        var items: [YAMLNode] = []
        var pairs: [YAMLNode.Pair] = []
        var keys = KeySet()
        var end: Event
        while true {
            let next = try nextEvent()
            if next.kind == .sequenceEnd || next.kind == .mappingEnd {
                end = next
                break
            }
            let child = try compose(next, depth: depth + 1, parentIndent: column)
            count += child.count
            height = max(height, child.height + 1)
            if isSequence {
                items.append(child.node)
                continue
            }
            let value = try compose(try nextEvent(), depth: depth + 1, parentIndent: column)
            count += value.count
            height = max(height, value.height + 1)
            if let pair = checkedPair(key: child.node, value: value.node, keys: &keys, inFlow: event.isFlow) { pairs.append(pair) }
        }
        open.removeLast()

        // A block collection ends with its last entry, not where libyaml noticed it ended
        // (after blank lines and comments); so does a flow pair like `[a: 1]`.
        let lastChild = isSequence ? items.last?.span.end : pairs.last?.value.span.end
        let explicitFlow = event.isFlow && start < file.bytes.count && (file.bytes[start] == UInt8(ascii: "[") || file.bytes[start] == UInt8(ascii: "{"))
        let spanEnd = explicitFlow ? end.end : (lastChild ?? end.end)
        let span = SourceSpan(file: file, start: start, end: max(start, spanEnd))

        var shortTag: String?
        if let tag = event.tag {
            shortTag = YAMLTag.shortForm(tag)
            switch YAMLTag(tag) {
            case .seq? where isSequence, .map? where !isSequence, .nonSpecific?:
                break
            case nil:
                diagnostics.append(.error(.yamlUnknownTag(YAMLTag.shortForm(tag)), at: span))
            case _?:
                let kind = isSequence ? ("sequence", "列表") : ("mapping", "映射")
                diagnostics.append(.error(.yamlTagMismatch(YAMLTag.shortForm(tag), kind: kind), at: span))
            }
        }
        let content: YAMLNode.Content = isSequence ? .sequence(items) : .mapping(pairs)
        return Composed(node: YAMLNode(content: content, span: span, tag: shortTag), count: count, height: height)
    }

    /// The pair to keep, or `nil` (after reporting why) for a non-scalar or repeated key.
    private mutating func checkedPair(key: YAMLNode, value: YAMLNode, keys: inout KeySet, inFlow: Bool) -> YAMLNode.Pair? {
        guard let scalar = key.scalar else {
            diagnostics.append(.error(.yamlNonScalarKey(kind: key.kindName), at: key.span))
            return nil
        }
        if let first = keys.insert(scalar.value, at: key.span) {
            // `{en: 50,000 to 5,000,000}`: the commas made keys of "000 to 5", "000" and "000" again.
            let commaSplit = inFlow && scalar.style == .plain && value.scalar?.style == .plain && value.scalar?.value == ""
            diagnostics.append(.error(
                .yamlDuplicateKey(scalar.value), at: key.span, help: commaSplit ? .yamlCommaInFlow : nil,
                notes: [.init(message: .yamlFirstKey, span: first)]))
            return nil
        }
        return YAMLNode.Pair(key: key, value: value)
    }

    /// The keys of one mapping so far: a short list for the usual handful, hashed beyond that
    /// so that a mapping with a hundred thousand keys is not quadratic.
    private struct KeySet {
        private var few: [(key: String, span: SourceSpan)] = []
        private var many: [String: SourceSpan] = [:]

        /// Adds `key`, or returns where it was first seen.
        mutating func insert(_ key: String, at span: SourceSpan) -> SourceSpan? {
            if many.isEmpty {
                if let first = few.first(where: { $0.key == key }) { return first.span }
                few.append((key, span))
                if few.count > 16 {
                    for entry in few { many[entry.key] = entry.span }
                    few = []
                }
                return nil
            }
            if let first = many[key] { return first }
            many[key] = span
            return nil
        }
    }

    // MARK: Positions

    /// Where the node itself begins: libyaml's start mark includes a leading anchor and tag.
    private func contentStart(of event: Event) -> Int {
        var properties = (event.anchor != nil ? 1 : 0) + (event.tag != nil ? 1 : 0)
        guard properties > 0 else { return event.start }
        let bytes = file.bytes
        let limit = event.kind == .scalar ? event.end : bytes.count
        var index = skipSpace(from: event.start, limit: limit)
        while properties > 0, index < limit, bytes[index] == UInt8(ascii: "&") || bytes[index] == UInt8(ascii: "!") {
            let verbatim = bytes[index] == UInt8(ascii: "!") && index + 1 < limit && bytes[index + 1] == UInt8(ascii: "<")
            while index < limit {
                let byte = bytes[index]
                if verbatim {
                    index += 1
                    if byte == UInt8(ascii: ">") { break }
                    continue
                }
                if byte == 0x20 || byte == 0x09 || bytes.lineBreakLength(at: index, limit: limit) > 0 || Self.flowIndicators.contains(byte) { break }
                index += 1
            }
            properties -= 1
            index = skipSpace(from: index, limit: limit)
        }
        // Anything unexpected: trust libyaml's mark.
        return properties == 0 && index < limit ? index : event.start
    }

    private static let flowIndicators: Set<UInt8> = [UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}")]

    /// Skips blanks, line breaks (as libyaml counts them), comments, and a BOM that starts a line.
    private func skipSpace(from start: Int, limit: Int) -> Int {
        let bytes = file.bytes
        var index = start
        var afterSpace = true
        var lineStart = false
        while index < limit {
            let byte = bytes[index]
            let breakLength = bytes.lineBreakLength(at: index, limit: limit)
            if lineStart, byte == 0xEF, index + 2 < limit, bytes[index + 1] == 0xBB, bytes[index + 2] == 0xBF {
                index += 3
                lineStart = false
            } else if byte == 0x20 || byte == 0x09 || breakLength > 0 {
                index += max(1, breakLength)
                afterSpace = true
                lineStart = breakLength > 0
            } else if byte == UInt8(ascii: "#"), afterSpace {
                while index < limit, bytes.lineBreakLength(at: index, limit: limit) == 0 { index += 1 }
            } else {
                break
            }
        }
        return index
    }
}
