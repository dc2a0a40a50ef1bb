public import EligoDiagnostics

/// Loads YAML files into located node trees.
///
/// The one entry point the policy loader needs: every problem comes back as a
/// diagnostic, never as a thrown error, so `eligo validate` can report a broken
/// file next to the others.
public enum YAMLLoader {
    /// All documents of a file that could be composed, and every problem found.
    ///
    /// The whole file is held to ``YAMLLimits/maxDocumentBytes`` and refused before
    /// libyaml sees it; a syntax error ends the stream but keeps the documents
    /// before it. An empty file has no documents.
    ///
    /// - Parameters:
    ///   - file: The file to read.
    ///   - limits: The bounds of spec §9.
    ///   - maxDocuments: Stop after this many documents (a caller that wants one document
    ///     needs to see a second to refuse it, not the thousands a hostile file may hold).
    /// - Returns: The composed documents (a document broken by an error is left out) and the problems.
    public static func load(
        _ file: SourceFile, limits: YAMLLimits = .default, maxDocuments: Int = .max
    ) -> (documents: [YAMLNode], diagnostics: Diagnostics) {
        var diagnostics = Diagnostics()
        if file.bytes.count > limits.maxDocumentBytes {
            diagnostics.add(documentTooLarge(path: file.path, size: file.bytes.count, limits: limits))
            return ([], diagnostics)
        }
        var documents: [YAMLNode] = []
        var seen = 0
        for document in YAMLDocuments(file, limits: limits) {
            diagnostics.append(contentsOf: document.diagnostics)
            if let root = document.root { documents.append(root) }
            seen += 1
            if seen >= maxDocuments { break }
        }
        return (documents, diagnostics)
    }
}

extension YAMLLoader {
    /// The error for a file over ``YAMLLimits/maxDocumentBytes``, for a reader that refused it before reading it all.
    public static func documentTooLarge(path: String, size: Int?, limits: YAMLLimits) -> Diagnostic {
        Diagnostic(
            .error, .yamlDocumentTooLarge(size: size, limit: limits.maxDocumentBytes), at: nil, path: path,
            help: .raiseLimit(.yamlBytes))
    }
}

/// One document of a stream, with the problems found in it.
public struct YAMLDocument: Sendable {
    /// 0-based position in the stream.
    public var index: Int
    /// The document's tree; `nil` when a syntax error or a limit stopped its composition.
    public var root: YAMLNode?
    /// The problems of this document only.
    public var diagnostics: [Diagnostic]
    /// From the document's first byte (or its `---`) to its end.
    public var span: SourceSpan
    /// A syntax error broke this document and ended the stream: libyaml cannot resynchronise,
    /// so no document follows, though the file may hold more (see ``YAMLDocuments/init(_:limits:from:to:)``).
    public var endedStream = false

    public init(index: Int, root: YAMLNode?, diagnostics: [Diagnostic], span: SourceSpan) {
        self.index = index
        self.root = root
        self.diagnostics = diagnostics
        self.span = span
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// The documents of a file, composed one at a time as they are iterated.
///
/// For record files with thousands of `---`-separated applicants: only one
/// document's tree is alive at a time. Each document, not the file, is held
/// to ``YAMLLimits/maxDocumentBytes``. Iterating twice parses twice.
public struct YAMLDocuments: Sequence, Sendable {
    public let file: SourceFile
    public let limits: YAMLLimits
    public let start: Int
    public let end: Int

    /// - Parameters:
    ///   - start: The byte offset of a line's start to read from, as if the file began there.
    ///   - end: Where to stop reading, as if the file ended there (a line's start).
    ///
    ///   Positions stay those of the whole file. A reader of record streams reads one document
    ///   at a time this way after a document that ``YAMLDocument/endedStream``.
    public init(_ file: SourceFile, limits: YAMLLimits = .default, from start: Int = 0, to end: Int? = nil) {
        self.file = file
        self.limits = limits
        self.start = Swift.max(0, Swift.min(start, file.bytes.count))
        self.end = Swift.max(self.start, Swift.min(end ?? file.bytes.count, file.bytes.count))
    }

    public func makeIterator() -> Iterator {
        Iterator(file: file, limits: limits, from: start, to: end)
    }

    /// A reference type so that `for … in` can drive the non-copyable libyaml owner inside.
    public final class Iterator: IteratorProtocol {
        private var composer: Composer

        init(file: SourceFile, limits: YAMLLimits, from start: Int, to end: Int) {
            composer = Composer(file: file, limits: limits, from: start, to: end)
        }

        /// The next document, or `nil` after the last one (or after a syntax error's document).
        public func next() -> YAMLDocument? {
            composer.nextDocument()
        }
    }
}
