import EligoDiagnostics
import EligoYAML

// Fuzz target `yaml`: any bytes through `YAMLLoader.load`, with the default
// limits and with tight ones (so that the depth, alias and scalar limits are
// reached by small inputs), then every node's spans and value offsets and the
// JSON view of each document. Positions must stay inside the file: a span past
// its end is how a caret formatter crashes later.

/// Limits small enough for a fuzzer's short inputs to hit every one of them.
let tightLimits = YAMLLimits(maxDocumentBytes: 4096, maxDepth: 8, maxAliasExpansion: 64, maxScalarBytes: 256)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let file = FuzzSupport.file(data, size, path: "input.yaml")
    for limits in [YAMLLimits.default, tightLimits] {
        let (documents, diagnostics) = YAMLLoader.load(file, limits: limits)
        FuzzSupport.render(diagnostics.sorted)
        for document in documents {
            walk(document, in: file)
            _ = document.jsonText()
        }
    }
    // The document-at-a-time path that record files use.
    for document in YAMLDocuments(file, limits: tightLimits) {
        checkSpan(document.span, in: file)
        if let root = document.root { walk(root, in: file) }
    }
    return 0
}

func checkSpan(_ span: SourceSpan, in file: SourceFile) {
    precondition(span.file === file, "a span in another file")
    precondition(0 <= span.start && span.start <= span.end && span.end <= file.bytes.count, "span \(span.start)..<\(span.end) outside the file (\(file.bytes.count) bytes)")
    _ = span.location
    _ = span.endLocation
    _ = span.text
}

func walk(_ node: YAMLNode, in file: SourceFile) {
    checkSpan(node.span, in: file)
    switch node.content {
    case .scalar(let scalar):
        let count = scalar.value.utf8.count
        if !node.valueOffsets.isEmpty {
            precondition(node.valueOffsets.count == count + 1, "\(node.valueOffsets.count) offsets for a \(count)-byte value")
            for (index, offset) in node.valueOffsets.enumerated() {
                precondition(0 <= offset && offset <= file.bytes.count, "value offset \(offset) outside the file")
                if index > 0 { precondition(offset >= node.valueOffsets[index - 1], "value offsets go backwards") }
            }
        }
        // The ranges an expression's tokens and whole-expression errors use.
        for range in [0..<count, 0..<0, count..<count, 0..<min(1, count), (count / 2)..<count] {
            checkSpan(node.valueSpan(range), in: file)
        }
    case .sequence(let items):
        for item in items { walk(item, in: file) }
    case .mapping(let pairs):
        for pair in pairs {
            walk(pair.key, in: file)
            walk(pair.value, in: file)
        }
    }
}
