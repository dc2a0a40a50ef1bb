import ArgumentParser
import EligoAudit
import EligoDiagnostics
import EligoEngine
import EligoExpr
import Foundation

/// `eligo check FILE…`: every active, applicable product for each applicant.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check applicants against every product in effect.",
        discussion: "检查申请人符合哪些产品。Exit status: 0 every applicant got its decisions (invalid ones included), 1 the policies do not validate, 2 usage error or unreadable file.")

    @Argument(help: "Applicant files (YAML with one or more documents, or JSON).")
    var files: [String]

    @OptionGroup var policyOptions: PolicyOptions
    @OptionGroup var limitOptions: LimitOptions

    @Option(name: .long, help: "The evaluation date, YYYY-MM-DD (default: today).")
    var asOf: String?

    @Option(name: .long, help: "Only this product (shown even when not in effect or not applicable).")
    var product: String?

    @Option(name: .long, help: "Output format: text, json or markdown.")
    var format: OutputFormat = .text

    @Flag(name: .long, help: "The full explanation of every decision.")
    var explain = false

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json, markdown
    }

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one applicant file") }
        if let asOf, Day(iso: asOf) == nil { throw ValidationError("--as-of must be a real date as YYYY-MM-DD, not '\(asOf)'") }
    }

    func run() throws {
        let language = policyOptions.language
        let day = asOf.flatMap { Day(iso: $0) } ?? Today.day
        guard let policies = try PolicyCommand.load(policyOptions.policies, options: policyOptions, limits: limitOptions) else { throw ExitCode(1) }
        if let product, !policies.products.contains(where: { $0.id == product }) {
            Terminal.writeError(language == .zh ? "eligo: 没有产品 \(product)\n" : "eligo: no product '\(product)'\n")
            throw ExitCode(2)
        }
        let evaluator = Evaluator(policies: policies)
        var sections: [CheckReport.Section] = []
        for file in files {
            let records: [ApplicantRecord]
            do {
                records = try ApplicantFileLoader.load(file, catalog: policies.catalog, limits: limitOptions.policyLimits)
            } catch .unreadable(let path, let reason) {
                Terminal.writeError(language == .zh ? "eligo: 无法读取 \(path):\(reason)\n" : "eligo: cannot read \(path): \(reason)\n")
                throw ExitCode(2)
            }
            for record in records {
                var section = CheckReport.Section(file: file, record: record, decisions: [], skipped: [])
                for candidate in policies.products where product == nil || candidate.id == product {
                    switch evaluator.evaluate(record, against: candidate, asOf: day, explain: true) {
                    case .decided(let decision): section.decisions.append(decision)
                    // Products not in effect or out of scope are shown only when asked for by name (§6 step 1).
                    case .inactive: if product != nil { section.skipped.append((candidate.id, .inactive)) }
                    case .notApplicable: if product != nil { section.skipped.append((candidate.id, .notApplicable)) }
                    }
                }
                sections.append(section)
            }
        }
        let report = CheckReport(policies: policies, asOf: day, sections: sections, language: language)
        switch format {
        case .json: Terminal.write(report.json())
        case .markdown: Terminal.write(report.markdown(explain: explain))
        case .text: Terminal.write(report.text(explain: explain, colour: Terminal.wantsColour(forStdout: true)))
        }
    }
}

/// Today's date in the local time zone, for the default `--as-of`.
enum Today {
    static var day: Day {
        let components = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return Day(year: components.year ?? 1970, month: components.month ?? 1, day: components.day ?? 1) ?? Day(daysSinceEpoch: 0)
    }
}
