public import EligoDiagnostics
import EligoYAML
import Foundation

/// Reads applicant files for `eligo check`: YAML with one or more `---`
/// documents, or JSON (a JSON object is a YAML document too).
///
/// A document that cannot be parsed still yields a record, an invalid one, so
/// that every applicant gets its decisions (§10: "also when the record cannot be
/// parsed at all").
///
/// A document with nothing in it (a bare `---`, only comments) is no applicant and
/// takes no record number, as in a batch YAML stream: numbers and titles then agree
/// between `check` and `batch`, and a stream of empty documents costs nothing to report.
/// An explicit `~` or `null` is something written, so it stays an invalid record.
///
/// The whole file is held to the YAML document limit (§9), as a policy file is:
/// it is read into memory at once, with every record it holds.
public enum ApplicantFileLoader {
    public enum Failure: Error, Sendable {
        case unreadable(path: String, reason: String)
        /// The whole file is over ``EligoYAML/YAMLLimits/maxDocumentBytes``: `eligo check` holds
        /// every applicant of a file at once, so a population belongs to `eligo batch`, which streams.
        case tooLarge(path: String, size: Int?, limit: Int)

        /// What to tell people, in both languages.
        public var message: Message {
            switch self {
            case .unreadable(let path, let reason):
                Message(id: "input.unreadable", en: "cannot read \(path): \(reason)", zh: "无法读取 \(path):\(reason)")
            case .tooLarge(let path, let size, let limit):
                Message(
                    id: "input.file-too-large",
                    en: "cannot read \(path): it is \(size.map { "\($0) bytes" } ?? "larger than the limit"), over the limit of \(limit) bytes "
                        + "for an applicant file (\(LimitFlag.yamlBytes.rawValue) raises it); eligo batch reads populations of any size",
                    zh: "无法读取 \(path):文件\(size.map { "有 \($0) 字节," } ?? "")超过了申请人文件 \(limit) 字节的上限"
                        + "(可用 \(LimitFlag.yamlBytes.rawValue) 提高);任意规模的申请人群体请用 eligo batch 处理")
            }
        }
    }

    /// Refuses a file that cannot be opened or is over the limit, without reading it.
    public static func preflight(_ path: String, limits: PolicyLimits = PolicyLimits()) throws(Failure) {
        if FileSystem.isDirectory(path) { throw .unreadable(path: path, reason: "is a directory") }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var status = stat()
        if fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, Int(status.st_size) > limits.yaml.maxDocumentBytes {
            throw .tooLarge(path: path, size: Int(status.st_size), limit: limits.yaml.maxDocumentBytes)
        }
    }

    public static func load(_ path: String, catalog: FieldCatalog, limits: PolicyLimits = PolicyLimits()) throws(Failure) -> [ApplicantRecord] {
        Array(try records(path, catalog: catalog, limits: limits))
    }

    /// The records of a file, decoded one at a time as they are iterated, so that a file of
    /// many small documents never has all its records in memory at once.
    public static func records(_ path: String, catalog: FieldCatalog, limits: PolicyLimits = PolicyLimits()) throws(Failure) -> Records {
        let bytes: [UInt8]
        switch FileSystem.read(path, limit: limits.yaml.maxDocumentBytes) {
        case .success(let read): bytes = read
        case .failure(.failed(let reason)): throw .unreadable(path: path, reason: reason)
        case .failure(.tooLarge(let size)): throw .tooLarge(path: path, size: size, limit: limits.yaml.maxDocumentBytes)
        }
        return Records(file: SourceFile(path: path, bytes: bytes), decoder: RecordDecoder(catalog: catalog), limits: limits.yaml)
    }

    /// The records of one file, in order.
    public struct Records: Sequence {
        let file: SourceFile
        let decoder: RecordDecoder
        let limits: YAMLLimits

        public func makeIterator() -> Iterator {
            Iterator(documents: YAMLDocuments(file, limits: limits).makeIterator(), decoder: decoder)
        }

        public struct Iterator: IteratorProtocol {
            let documents: YAMLDocuments.Iterator
            let decoder: RecordDecoder
            var number = 0

            public mutating func next() -> ApplicantRecord? {
                while let document = documents.next() {
                    if let root = document.root, !document.hasErrors, Self.isEmpty(root) { continue }
                    number += 1
                    if let root = document.root, !document.hasErrors {
                        return decoder.decode(root, number: number).0
                    } else if document.hasErrors {
                        let problems = document.diagnostics.filter { $0.severity == .error }
                        return ApplicantRecord(
                            id: nil, values: [], number: number, line: problems.first?.location?.line ?? document.span.location.line,
                            problems: problems)
                    }
                }
                return nil
            }

            /// What libyaml composes for a document with no content: an empty, untagged plain scalar.
            static func isEmpty(_ root: YAMLNode) -> Bool {
                guard root.tag == nil, let scalar = root.scalar else { return false }
                return scalar.style == .plain && scalar.value.isEmpty
            }
        }
    }
}
