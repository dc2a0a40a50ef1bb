import ArgumentParser
import EligoAudit
import EligoDiagnostics
import EligoEngine
import EligoExpr
import Foundation

/// `eligo check FILE…`: every active, applicable product for each applicant.
struct Check: OptionChecked {
    static let configuration = CommandConfiguration(
        abstract: localized("Check applicants against every product in effect.", zh: "检查申请人符合哪些有效产品。"),
        discussion: localized(
            "Exit status: 0 every applicant got its decisions (invalid ones included), 1 the policies do not validate or a decision has an outcome given to --fail-on, 2 usage error or unreadable file.",
            zh: "退出状态：0 每个申请人都得到了决定（包括 invalid），1 政策未通过校验或有决定的结果属于 --fail-on，2 用法错误或文件无法读取。"))

    @Argument(help: .text("Applicant files: YAML with one or more documents, JSON, CSV or JSONL (by extension, else by the first line).", zh: "申请人文件：含一个或多个文档的 YAML、JSON、CSV 或 JSONL（按扩展名判断，否则按第一行）。"))
    var files: [String]

    @OptionGroup var policyOptions: PolicyOptions
    @OptionGroup var limitOptions: LimitOptions
    @OptionGroup var failOnOptions: FailOnOptions

    @Option(name: .long, help: .text("The evaluation date, YYYY-MM-DD (default: today).", zh: "评估日期，格式 YYYY-MM-DD（默认：今天）。"))
    var asOf: String?

    @Option(name: .long, help: .text("Only this product (shown even when not in effect or not applicable; with --format json, on stderr); repeat it for several.", zh: "只看此产品（即使不在有效期内或不适用也会显示；--format json 时说明写到标准错误）；可重复以查看多个产品。"))
    var product: [String] = []

    @Option(name: .long, help: .text("Output format: text, json or markdown.", zh: "输出格式：text、json 或 markdown。"))
    var format: OutputFormat = .text

    @Flag(name: .long, help: .text("The full explanation of every decision.", zh: "每个决定的完整解释。"))
    var explain = false

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json, markdown
    }

    func optionProblem() -> Message? {
        if let asOf, Day(iso: asOf) == nil { return .optionNotADate("--as-of", asOf) }
        return nil
    }

    func run() throws {
        let language = policyOptions.language
        let day = asOf.flatMap { Day(iso: $0) } ?? Today.day
        guard let policies = try PolicyCommand.load(policyOptions.policies, options: policyOptions, limits: limitOptions) else { throw ExitCode(1) }
        // Each product named, not just the last one given.
        if let unknown = product.first(where: { id in !policies.products.contains { $0.id == id } }) {
            Terminal.writeError(language == .zh ? "eligo: 没有产品 \(unknown)\n" : "eligo: no product '\(unknown)'\n")
            throw ExitCode(2)
        }
        let evaluator = Evaluator(policies: policies)
        // Every file is checked before anything is printed, so that a bad argument gives no partial report.
        for file in files {
            do {
                try ApplicantFileLoader.preflight(file, limits: limitOptions.policyLimits)
            } catch {
                Terminal.writeError("eligo: " + error.message.text(language) + "\n")
                throw ExitCode(2)
            }
        }
        // Written applicant by applicant: memory holds one file's records and one applicant's
        // decisions, however many applicants there are.
        // Decision JSON always carries the trace (§6); a table or markdown shows it only with --explain.
        let traced = explain || format == .json
        // One frame for every applicant: its storage is reused record after record.
        var frame = evaluator.makeFrame(asOf: day)
        let candidates = policies.products.filter { product.isEmpty || product.contains($0.id) }
        var output = CheckOutput(format: format, explain: explain, colour: Terminal.wantsColour(forStdout: true))
        var outcomes = [Outcome: Int]()
        for file in files {
            var records: ApplicantFileLoader.Records.Iterator
            do {
                records = try ApplicantFileLoader.records(file, catalog: policies.catalog, limits: limitOptions.policyLimits).makeIterator()
            } catch {
                Terminal.writeError("eligo: " + error.message.text(language) + "\n")
                throw ExitCode(2)
            }
            // One record ahead: a title names the record's number when its file holds more than one.
            var ahead = Array([records.next(), records.next()].compactMap { $0 })
            let several: Set<String> = ahead.count > 1 ? [file] : []
            if ahead.isEmpty { Terminal.writeError("eligo: " + Message.checkNoApplicant(file).text(language) + "\n") }
            while !ahead.isEmpty {
                let record = ahead.removeFirst()
                if let more = records.next() { ahead.append(more) }
                // Products not in effect or out of scope are shown only when asked for by name (§6 step 1).
                let section = CheckReport.Section(
                    file: file, record: record, products: candidates,
                    evaluator: evaluator, asOf: day, explain: traced, listSkipped: !product.isEmpty, frame: &frame)
                for decision in section.decisions { outcomes[decision.outcome, default: 0] += 1 }
                output.write(CheckReport(policies: policies, asOf: day, sections: [section], language: language, filesWithSeveralRecords: several))
            }
        }
        output.finish()
        try failOnOptions.check({ outcomes[$0] ?? 0 }, language: language)
    }
}

/// The report of `eligo check`, written one applicant at a time with the same bytes
/// as ``CheckReport`` gives for all of them at once.
struct CheckOutput {
    let format: Check.OutputFormat
    let explain: Bool
    let colour: Bool
    private var sections = 0

    init(format: Check.OutputFormat, explain: Bool, colour: Bool) {
        self.format = format
        self.explain = explain
        self.colour = colour
    }

    mutating func write(_ report: CheckReport) {
        switch format {
        case .text:
            Terminal.write((sections > 0 ? "\n" : "") + report.text(explain: explain, colour: colour))
        case .markdown:
            Terminal.write(report.markdown(explain: explain))
        case .json:
            // A product asked for by name but not evaluated has no decision record to show;
            // stderr says so, as the other formats do in their report.
            for message in report.skippedMessages() { Terminal.writeError("eligo: " + message.text(report.language) + "\n") }
            for decision in report.sections.flatMap(\.decisions) {
                Terminal.write((sections > 0 ? "," : "[") + DecisionJSON.renderElement(decision, language: report.language))
                sections += 1
            }
            return
        }
        sections += 1
    }

    func finish() {
        if format == .json { Terminal.write(sections > 0 ? "\n]\n" : "[]\n") }
    }
}

extension Message {
    static func checkNoApplicant(_ path: String) -> Message {
        Message(
            id: "check.no-applicant", en: "warning: \(path) holds no applicant (it is empty, or holds only empty documents or a CSV header)",
            zh: "警告：\(path) 中没有申请人（文件为空，或只有空文档或 CSV 表头）")
    }
}

/// Today's date in the local time zone, for the default `--as-of`.
enum Today {
    static var day: Day {
        let components = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return Day(year: components.year ?? 1970, month: components.month ?? 1, day: components.day ?? 1) ?? Day(daysSinceEpoch: 0)
    }
}
