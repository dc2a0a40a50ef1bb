import EligoAudit
import EligoDiagnostics
import EligoEngine
import EligoExpr
import EligoYAML
import Foundation
#if canImport(Glibc)
import Glibc
#endif

// Shared by every fuzz target: compiled into each of them by `scripts/fuzz`.

/// What the targets read once: the sample library and its catalog.
///
/// The policy directory is `ELIGO_FUZZ_POLICIES`, else `Policies` in the working
/// directory (`scripts/fuzz` runs from the repository's top).
enum FuzzSupport {
    static let policyDirectory = ProcessInfo.processInfo.environment["ELIGO_FUZZ_POLICIES"] ?? "Policies"

    /// The sample library, loaded the way the CLI loads it; a fuzzer without it has nothing to do.
    static let policies: PolicySet = {
        let (loaded, diagnostics) = PolicyLoader.load(directory: policyDirectory)
        guard let loaded else {
            fatalError("fuzz: cannot load \(policyDirectory):\n" + DiagnosticFormatter(language: .en).format(diagnostics.sorted))
        }
        return loaded
    }()

    static var catalog: FieldCatalog { policies.catalog }

    /// The sample applicants (`ELIGO_FUZZ_APPLICANTS`, else `Applicants`), for fuzzed policies to decide.
    static let applicants: [ApplicantRecord] = {
        let directory = ProcessInfo.processInfo.environment["ELIGO_FUZZ_APPLICANTS"] ?? "Applicants"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.sorted().filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") }.flatMap { name in
            (try? ApplicantFileLoader.load(directory + "/" + name, catalog: catalog)) ?? []
        }
    }()

    /// Evaluation dates: one before most products start, one inside them, one after some end.
    static let days = ["2024-01-01", "2025-03-01", "2026-11-22", "2031-12-31"].compactMap { Day(iso: $0) }

    /// Every decision of `records` against `policies` on `day`, explained in every
    /// format `eligo check` writes.
    ///
    /// Text and Markdown lay out the same explanation, so one is rendered in each
    /// language, swapped with `variant` (callers pass the date's index) to cover both.
    static func report(_ records: [ApplicantRecord], against policies: PolicySet, on day: Day, variant: Int) {
        let evaluator = Evaluator(policies: policies)
        var frame = evaluator.makeFrame(asOf: day)
        let sections = records.map { record in
            CheckReport.Section(
                file: "input", record: record, products: policies.products, evaluator: evaluator, asOf: day, explain: true,
                listSkipped: true, frame: &frame)
        }
        let (textLanguage, markdownLanguage) = variant.isMultiple(of: 2) ? (Language.en, Language.zh) : (.zh, .en)
        let text = CheckReport(policies: policies, asOf: day, sections: sections, language: textLanguage)
        _ = text.text(explain: true)
        _ = text.json()
        _ = CheckReport(policies: policies, asOf: day, sections: sections, language: markdownLanguage).markdown(explain: true)
    }

    /// Runs a target's one-time set-up with LeakSanitizer looking away.
    ///
    /// What the set-up builds lives for the whole run, but LeakSanitizer cannot
    /// always see that it is still reachable: Swift keeps the tag of a multi-payload
    /// enum in a pointer's spare bits (the boxes of `Expr`'s indirect cases, say), and
    /// a tagged pointer does not look like one to a conservative scan. Objects
    /// allocated while it is disabled are never reported; everything an input
    /// allocates still is.
    static func prepare(_ body: () -> Void) {
        typealias Toggle = @convention(c) () -> Void
        let disable = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "__lsan_disable").map { unsafeBitCast($0, to: Toggle.self) }
        let enable = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "__lsan_enable").map { unsafeBitCast($0, to: Toggle.self) }
        disable?()
        body()
        enable?()
    }

    /// Renders problems every way the CLI can, so that a bad position or range
    /// crashes here rather than in front of a user.
    static func render(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        for language in [Language.en, .zh] {
            _ = DiagnosticFormatter(language: language, colour: language == .zh).format(diagnostics)
        }
        _ = DiagnosticJSON.render(diagnostics, language: .en)
    }

    /// The fuzzer's input as a source file.
    static func file(_ data: UnsafePointer<UInt8>?, _ size: Int, path: String) -> SourceFile {
        let bytes = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
        return SourceFile(path: path, bytes: bytes)
    }
}
