import EligoDiagnostics
import EligoEngine
import EligoExpr
import EligoYAML
import Glibc

// Fuzz target `records`: the input is a batch input file, read as CSV, as JSONL
// and as YAML the way `eligo batch` reads it: cut into chunks by
// `RecordSplitter` (from a pipe, as stdin would be), then typed by `RecordParser`
// against the sample catalog. Twice: with the default limits and with tight ones
// that short inputs reach (line, string and document sizes, YAML depth and aliases).

let tightInput = InputLimits(
    maxLineBytes: 300, maxStringBytes: 40,
    yaml: YAMLLimits(maxDocumentBytes: 600, maxDepth: 6, maxAliasExpansion: 32, maxScalarBytes: 64))

@_cdecl("LLVMFuzzerInitialize")
public func fuzzRecordsInitialize(_ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    FuzzSupport.prepare { _ = FuzzSupport.catalog }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRecords(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
    for format in InputFormat.allCases {
        for limits in [InputLimits(), tightInput] {
            read(bytes, format: format, limits: limits)
        }
    }
    return 0
}

/// Splits and types `bytes` as one input of `format`; every record must come out, numbered in order.
func read(_ bytes: [UInt8], format: InputFormat, limits: InputLimits) {
    let catalog = FuzzSupport.catalog
    // The scripts keep inputs under the pipe's 64 KiB buffer, so one write never blocks.
    var ends: [Int32] = [-1, -1]
    precondition(pipe(&ends) == 0, "pipe: \(errno)")
    defer { close(ends[0]) }
    let written = bytes.withUnsafeBytes { write(ends[1], $0.baseAddress, $0.count) }
    close(ends[1])
    precondition(written == bytes.count, "short write to the pipe (\(written) of \(bytes.count)); lower -max_len")

    let splitter: RecordSplitter
    do {
        splitter = try RecordSplitter(fileDescriptor: ends[0], format: format, path: "input", limits: limits)
    } catch {
        preconditionFailure("a pipe cannot be read: \(error.message.en)")
    }
    var parser: RecordParser?
    var last = 0
    while true {
        let chunk: RecordChunk?
        do {
            chunk = try splitter.nextChunk(maxRecords: 3, maxBytes: 256)
        } catch {
            // A CSV header that cannot be cut ends the input with a message, never a crash.
            _ = error.message.en
            return
        }
        guard let chunk else { break }
        if parser == nil {
            parser = RecordParser(format: format, catalog: catalog, header: splitter.header, path: "input", limits: limits)
            FuzzSupport.render(parser?.headerProblems ?? [])
        }
        guard let parser else { break }
        for index in chunk.records.indices {
            let slice = chunk.records[index]
            precondition(slice.number == last + 1, "record \(slice.number) after \(last)")
            precondition(slice.range.lowerBound >= 0 && slice.range.upperBound <= chunk.bytes.count, "a record outside its chunk")
            precondition(slice.line >= 1, "record on line \(slice.line)")
            last = slice.number
            let record = parser.parse(chunk, index)
            precondition(record.number == slice.number, "record \(record.number) typed from slice \(slice.number)")
            FuzzSupport.render(record.problems)
            _ = record.values.map(\.description)
        }
    }
}
