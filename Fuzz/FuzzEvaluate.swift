import EligoDiagnostics
import EligoEngine
import EligoExpr
import EligoYAML

// Fuzz target `evaluate`: the input is an applicant file. Read as `eligo check`
// reads it (YAML documents, JSON being YAML), and each line as a JSONL record as
// `eligo batch` reads it, then every record is decided against the sample
// library on several dates and every decision is explained, in both languages and
// in the text, Markdown and JSON reports.

@_cdecl("LLVMFuzzerInitialize")
public func fuzzEvaluateInitialize(_ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    FuzzSupport.prepare {
        _ = FuzzSupport.policies
        _ = jsonlParser
        _ = FuzzSupport.days
    }
    return 0
}

let jsonlParser = RecordParser(format: .jsonl, catalog: FuzzSupport.catalog, header: nil, path: "input.jsonl")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEvaluate(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let file = FuzzSupport.file(data, size, path: "input.yaml")
    let policies = FuzzSupport.policies
    var records = yamlRecords(file, catalog: policies.catalog)
    if file.bytes.first == UInt8(ascii: "{") {
        var number = 0
        for line in file.bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            number += 1
            records.append(jsonlParser.parse(record: Array(line), number: number, line: number))
        }
    }
    guard !records.isEmpty else { return 0 }
    for (index, day) in FuzzSupport.days.enumerated() {
        FuzzSupport.report(records, against: policies, on: day, variant: index)
    }
    return 0
}

/// The records of an applicant file, as `ApplicantFileLoader` makes them from its bytes.
func yamlRecords(_ file: SourceFile, catalog: FieldCatalog) -> [ApplicantRecord] {
    let decoder = RecordDecoder(catalog: catalog)
    var records: [ApplicantRecord] = []
    var number = 0
    for document in YAMLDocuments(file) {
        number += 1
        if let root = document.root, !document.hasErrors {
            let (record, problems) = decoder.decode(root, number: number)
            FuzzSupport.render(problems)
            records.append(record)
        } else if document.hasErrors {
            let problems = document.diagnostics.filter { $0.severity == .error }
            FuzzSupport.render(problems)
            records.append(ApplicantRecord(
                id: nil, values: [], number: number, line: problems.first?.location?.line ?? document.span.location.line, problems: problems))
        }
    }
    return records
}
