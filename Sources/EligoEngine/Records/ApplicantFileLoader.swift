public import EligoDiagnostics
import EligoYAML

/// Reads applicant files for `eligo check`: YAML with one or more `---`
/// documents, or JSON (a JSON object is a YAML document too).
///
/// A document that cannot be parsed still yields a record, an invalid one, so
/// that every applicant gets its decisions (§10: "also when the record cannot be
/// parsed at all").
public enum ApplicantFileLoader {
    public enum Failure: Error, Sendable {
        case unreadable(path: String, reason: String)
    }

    public static func load(_ path: String, catalog: FieldCatalog, limits: PolicyLimits = PolicyLimits()) throws(Failure) -> [ApplicantRecord] {
        let bytes: [UInt8]
        switch FileSystem.read(path) {
        case .success(let read): bytes = read
        case .failure(.failed(let reason)): throw .unreadable(path: path, reason: reason)
        }
        let file = SourceFile(path: path, bytes: bytes)
        let decoder = RecordDecoder(catalog: catalog)
        var records: [ApplicantRecord] = []
        var number = 0
        for document in YAMLDocuments(file, limits: limits.yaml) {
            number += 1
            if let root = document.root, !document.hasErrors {
                records.append(decoder.decode(root, number: number).0)
            } else if document.hasErrors {
                let problems = document.diagnostics.filter { $0.severity == .error }
                records.append(ApplicantRecord(
                    id: nil, values: [], number: number, line: problems.first?.location?.line ?? document.span.location.line, problems: problems))
            }
        }
        return records
    }
}
