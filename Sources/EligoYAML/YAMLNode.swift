public import EligoDiagnostics

/// One node of a composed YAML document, knowing exactly where it came from.
///
/// A value type: aliases are resolved into copies at compose time (their cost is
/// bounded by ``YAMLLimits/maxAliasExpansion``), so consumers never see anchors.
public struct YAMLNode: Sendable {
    public enum Content: Sendable {
        case scalar(Scalar)
        case sequence([YAMLNode])
        /// Pairs in document order; keys are unique (duplicates are rejected while composing).
        case mapping([Pair])
    }

    public struct Pair: Sendable {
        public var key: YAMLNode
        public var value: YAMLNode

        public init(key: YAMLNode, value: YAMLNode) {
            self.key = key
            self.value = value
        }
    }

    public enum ScalarStyle: Sendable, Hashable {
        case plain
        case singleQuoted
        case doubleQuoted
        case literal
        case folded
    }

    /// What the YAML 1.2 core schema makes of a scalar, narrowed by the spec (§10):
    /// only `true`/`false` (any case form of the core schema) are booleans, `1_000`
    /// and dates stay strings. Only plain scalars resolve to anything but `.string`.
    public enum Resolution: Sendable, Hashable {
        case null
        case bool(Bool)
        /// A core-schema integer; the source text is kept in ``Scalar/value``.
        case int
        /// A core-schema float (including `.inf`/`.nan`); the text is kept in ``Scalar/value``.
        case float
        case string
    }

    public struct Scalar: Sendable {
        /// The scalar's value after YAML's unescaping and line folding.
        public var value: String
        public var style: ScalarStyle
        public var resolution: Resolution

        public init(value: String, style: ScalarStyle, resolution: Resolution) {
            self.value = value
            self.style = style
            self.resolution = resolution
        }
    }

    public var content: Content
    /// From the node's first byte (a quote, an indicator) to just past its last.
    public var span: SourceSpan
    /// An explicit tag (`!!str`, `!custom`), if the document wrote one.
    public var tag: String?
    /// For scalars: the byte offset in the file of each UTF-8 byte of ``Scalar/value``,
    /// plus one entry for the end, so that positions inside a value (an expression's
    /// tokens) map back to the file through escapes, quotes and folded lines.
    /// Empty for sequences and mappings.
    public var valueOffsets: [Int]

    public init(content: Content, span: SourceSpan, tag: String? = nil, valueOffsets: [Int] = []) {
        self.content = content
        self.span = span
        self.tag = tag
        self.valueOffsets = valueOffsets
    }
}

extension YAMLNode {
    public var scalar: Scalar? {
        if case .scalar(let scalar) = content { return scalar }
        return nil
    }

    public var sequence: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    public var mapping: [Pair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// True for `null`, `~`, an empty plain scalar and the like.
    public var isNull: Bool { scalar?.resolution == .null }

    /// The value for a scalar key, if this is a mapping that has it.
    public subscript(key: String) -> YAMLNode? {
        guard case .mapping(let pairs) = content else { return nil }
        return pairs.first { $0.key.scalar?.value == key }?.value
    }

    /// The file span of the UTF-8 bytes `range` of this scalar's value.
    ///
    /// Falls back to the node's span when the value has no offset table.
    public func valueSpan(_ range: Range<Int>) -> SourceSpan {
        guard !valueOffsets.isEmpty else { return span }
        let last = valueOffsets.count - 1
        let start = valueOffsets[max(0, min(range.lowerBound, last))]
        guard range.upperBound > range.lowerBound else { return SourceSpan(file: span.file, start: start, length: 0) }
        // The end of a range is just past its last byte: find where that byte was written and step over it.
        let lastByte = valueOffsets[max(0, min(range.upperBound, last) - 1)]
        return SourceSpan(file: span.file, start: start, end: max(start, lastByte + sourceLength(at: lastByte)))
    }

    /// How many source bytes wrote the value byte located at `offset`: more than one for an escape.
    private func sourceLength(at offset: Int) -> Int {
        let bytes = span.file.bytes
        guard offset < bytes.count, let style = scalar?.style else { return 1 }
        switch (style, bytes[offset]) {
        case (.singleQuoted, UInt8(ascii: "'")):
            return 2
        case (.doubleQuoted, UInt8(ascii: "\\")) where offset + 1 < bytes.count:
            switch bytes[offset + 1] {
            case UInt8(ascii: "x"): return 4
            case UInt8(ascii: "u"): return 6
            case UInt8(ascii: "U"): return 10
            default: return 2
            }
        default:
            return 1
        }
    }

    /// A short English/Chinese name of the node's kind, for "expected a mapping, found a sequence".
    public var kindName: (en: String, zh: String) {
        switch content {
        case .scalar: isNull ? ("null", "空值") : ("scalar", "标量")
        case .sequence: ("sequence", "列表")
        case .mapping: ("mapping", "映射")
        }
    }
}

/// The bounds of §9 that protect the loader from hostile documents.
public struct YAMLLimits: Sendable, Hashable {
    /// The largest document (the whole file) in bytes.
    public var maxDocumentBytes: Int
    /// The deepest nesting of sequences and mappings.
    public var maxDepth: Int
    /// The most nodes that aliases may add in total by being expanded.
    public var maxAliasExpansion: Int
    /// The longest scalar value in bytes.
    public var maxScalarBytes: Int

    public init(maxDocumentBytes: Int = 8 << 20, maxDepth: Int = 64, maxAliasExpansion: Int = 10_000, maxScalarBytes: Int = 64 << 10) {
        self.maxDocumentBytes = maxDocumentBytes
        self.maxDepth = maxDepth
        self.maxAliasExpansion = maxAliasExpansion
        self.maxScalarBytes = maxScalarBytes
    }

    public static let `default` = YAMLLimits()
}
