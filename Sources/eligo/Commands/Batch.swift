import ArgumentParser
import EligoAudit
import EligoDiagnostics
import EligoEngine
import EligoExpr
import Foundation

/// `eligo batch INPUT…`: scores whole populations.
struct Batch: OptionChecked {
    static let configuration = CommandConfiguration(
        abstract: localized("Score populations from CSV, JSONL or YAML files (or - for stdin).", zh: "批量评估 CSV、JSONL 或 YAML 文件（或标准输入 -）中的申请人。"),
        discussion: localized(
            """
            Every record yields its decisions in input order; a bad record becomes an `invalid` decision and the run goes on. \
            Exit status: 0 every record got its decisions (invalid ones included), 1 the policies do not validate or a decision has \
            an outcome given to --fail-on, 2 usage error, unreadable input or unwritable output.
            """,
            zh: """
                逐条读取申请记录,按输入顺序输出每个申请人在每个有效产品上的决定;有问题的记录得到 invalid 决定,运行继续。\
                退出状态:0 每条记录都得到了决定(包括 invalid),1 政策未通过校验或有决定的结果属于 --fail-on,\
                2 用法错误、输入无法读取或输出无法写入。
                """))

    @Argument(help: .text("Input files: .csv, .jsonl or .yaml (another name: the first line tells); - reads standard input.", zh: "输入文件：.csv、.jsonl 或 .yaml（其他文件名按第一行判断）；- 表示读取标准输入。"))
    var inputs: [String]

    @OptionGroup var policyOptions: PolicyOptions
    @OptionGroup var limitOptions: LimitOptions
    @OptionGroup var failOnOptions: FailOnOptions

    @Option(name: .long, help: .text("The evaluation date, YYYY-MM-DD (default: today).", zh: "评估日期，格式 YYYY-MM-DD（默认：今天）。"))
    var asOf: String?

    @Option(name: .long, help: .text("Write decisions to this file (written to a hidden temporary file beside it, then renamed); default standard output.", zh: "把决定写入此文件（先写入同目录下的隐藏临时文件，再改名）；默认写到标准输出。"))
    var out: String?

    @Option(name: .long, help: .text("Output format: csv or jsonl.", zh: "输出格式：csv 或 jsonl。"))
    var format: OutputFormat = .csv

    @Option(name: .long, help: .text("Format of inputs whose name does not tell (- for standard input among them): csv, jsonl or yaml; without it, their first line that is not blank tells.", zh: "文件名看不出格式的输入（包括表示标准输入的 -）的格式：csv、jsonl 或 yaml；不指定时按第一个非空行判断。"))
    var inputFormat: InputFormatOption?

    @Option(name: .long, help: .text("Threads that evaluate (default: all cores); reading and writing overlap with them on the main thread.", zh: "评估线程数（默认：全部核心）；读取和写出在主线程上与之并行。"))
    var jobs: Int?

    @Flag(name: .long, help: .text("Apply product budgets: rank approved decisions and waitlist those the budget cannot fund.", zh: "应用产品预算：对批准的决定排序，预算不足以资助的列入候补。"))
    var allocate = false

    @Option(name: .long, help: .text("Write a JSON summary (counts per product and outcome, amounts, budgets, top reasons, score histogram).", zh: "写出 JSON 汇总（按产品和结果的计数、金额、预算、主要原因、评分分布）。"))
    var summary: String?

    @Flag(name: .long, help: .text("Add the full trace of every decision (a JSON column in CSV).", zh: "附上每个决定的完整评估过程（CSV 中为一列 JSON）。"))
    var explain = false

    @Option(name: .long, help: .text("Records per unit of work.", zh: "每个工作单元的记录数。"))
    var chunkSize: Int = 2048

    @Option(name: .long, help: .text("Longest CSV or JSONL record, in bytes (a longer one is an invalid record).", zh: "CSV 或 JSONL 单条记录的最大字节数（更长的记录判为无效）。"))
    var maxLineBytes: Int = 1 << 20

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case csv, jsonl
    }

    enum InputFormatOption: String, ExpressibleByArgument, CaseIterable {
        case csv, jsonl, yaml
    }

    func optionProblem() -> Message? {
        if let asOf, Day(iso: asOf) == nil { return .optionNotADate("--as-of", asOf) }
        if let jobs, jobs < 1 { return .optionBelowOne("--jobs") }
        if chunkSize < 1 { return .optionBelowOne("--chunk-size") }
        if maxLineBytes < 1 { return .optionBelowOne("--max-line-bytes") }
        if inputs.filter({ $0 == "-" }).count > 1 { return .batchStandardInputTwice }
        return nil
    }

    func run() throws {
        let language = policyOptions.language
        // A target that cannot be written at all (a directory) is refused before any work.
        let outMode: OutputFile.Mode
        let summaryMode: OutputFile.Mode
        do {
            outMode = try OutputFile.mode(for: out)
            summaryMode = try OutputFile.mode(for: summary)
        } catch let failure as BatchFailure {
            Terminal.writeError("eligo: " + failure.message.text(language) + "\n")
            throw ExitCode(2)
        }
        // Both are written beside their target and renamed at the end: one file cannot be both.
        if case .replace(let outTarget) = outMode, case .replace(let summaryTarget) = summaryMode,
            OutputFile.location(of: outTarget) == OutputFile.location(of: summaryTarget)
        {
            Terminal.writeError("eligo: " + Message.batchSummaryIsOut(summary ?? summaryTarget).text(language) + "\n")
            throw ExitCode(2)
        }
        let replacesOut: Bool = switch outMode {
        case .replace: true
        case .standardOutput, .inPlace: false
        }
        Interruption.install { signal in
            Message.batchInterrupted(Interruption.name(signal), outputRemoved: replacesOut).text(language)
        }
        // Past a file size limit (`ulimit -f`), writing fails with EFBIG and a clear message instead of killing the process.
        Foundation.signal(SIGXFSZ, SIG_IGN)
        let day = asOf.flatMap { Day(iso: $0) } ?? Today.day
        guard let policies = try PolicyCommand.load(policyOptions.policies, options: policyOptions, limits: limitOptions) else { throw ExitCode(1) }

        var opened: [BatchInput] = []
        var watch = InputWatch()
        defer { for input in opened where input.fileDescriptor != 0 { close(input.fileDescriptor) } }
        for path in inputs {
            // The name first: --input-format is for inputs whose name does not tell (its help says
            // so), so `- data.csv --input-format jsonl` still reads data.csv as CSV.
            let named = InputFormat.guess(path: path) ?? inputFormat.flatMap { InputFormat(rawValue: $0.rawValue) }
            let descriptor: Int32
            let expectedBytes: Int?
            if path == "-" {
                (descriptor, expectedBytes) = (0, nil)
            } else {
                descriptor = open(path, O_RDONLY)
                guard descriptor >= 0 else {
                    let reason = String(cString: strerror(errno))
                    Terminal.writeError(language == .zh ? "eligo: 无法读取 \(path)：\(SystemErrorText.chinese(reason))\n" : "eligo: cannot read \(path): \(reason)\n")
                    throw ExitCode(2)
                }
                expectedBytes = watch.watch(path, descriptor: descriptor)
            }
            if let named {
                opened.append(BatchInput(path: path, fileDescriptor: descriptor, format: named, expectedBytes: expectedBytes))
                continue
            }
            // Neither --input-format nor the name tells: the input's first line that is not blank does.
            do {
                let (format, prefix) = try InputFormat.sniff(fileDescriptor: descriptor, path: path)
                opened.append(BatchInput(path: path, fileDescriptor: descriptor, format: format, expectedBytes: expectedBytes, prefix: prefix))
            } catch {
                if descriptor != 0 { close(descriptor) }
                Terminal.writeError("eligo: " + error.message.text(language) + "\n")
                throw ExitCode(2)
            }
        }

        let options = BatchOptions(
            asOf: day, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, format: format == .csv ? .csv : .jsonl,
            explain: explain, allocate: allocate, language: language, chunkSize: chunkSize,
            limits: InputLimits(maxLineBytes: maxLineBytes, maxStringBytes: limitOptions.maxStringBytes, yaml: limitOptions.policyLimits.yaml))
        let writer = DecisionRowWriter(format: options.format, explain: explain, language: language) { decision, input in
            var json = JSONWriter(pretty: false)
            DecisionJSON.write(decision, language: language, input: input, to: &json)
            return json.text
        }
        // Each worker thread loads its own copy of the policies (see BatchRunner).
        let directory = policyOptions.policies
        let limits = limitOptions.policyLimits
        let runner = BatchRunner(policies: policies, options: options, writer: writer) {
            // A copy read from files edited since `policies` was loaded would score with other rules:
            // the worker then shares `policies` instead, so every record meets the same policies.
            guard let copy = PolicyLoader.load(directory: directory, limits: limits).0,
                copy.catalog.file.bytes == policies.catalog.file.bytes,
                copy.products.map(\.digest) == policies.products.map(\.digest)
            else { return policies }
            return copy
        }
        let sizes = inputs.map { path in path == "-" ? nil : (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil }
        let totalBytes = sizes.contains { $0 == nil } ? nil : sizes.reduce(0) { $0 + ($1 ?? 0) }
        let progress = Progress(enabled: Terminal.stderrIsTerminal, language: language, totalBytes: totalBytes)

        // The decisions and the summary are each written to a temporary file beside their
        // target; both are complete before either is renamed, and --out is renamed last, so a
        // run that fails, the summary included, leaves --out as it was (cli.md).
        let output: OutputFile.Pending
        let summaryOutput: OutputFile.Pending?
        do {
            output = try OutputFile.open(out, language: language)
            summaryOutput = try summary.map { try OutputFile.open($0, language: language) }
        } catch let failure as BatchFailure {
            Terminal.writeError("eligo: " + failure.message.text(language) + "\n")
            throw ExitCode(2)
        }
        defer {
            output.discard()
            summaryOutput?.discard()
        }

        let report: BatchReport
        let changes: [Message]
        let watched = watch
        do {
            let spool = allocate ? try OutputFile.Spool() : nil
            report = try runner.run(
                inputs: opened,
                write: { bytes in try (spool?.write(bytes) ?? output.sink.write(bytes)) },
                progress: { progress.update(records: $0, bytes: $1) })
            // Looked at before the output is renamed into place, which may be over an input.
            changes = watched.changes()
            if let spool { try spool.copy(into: output.sink, replacing: report.rewrites) }
            try output.finish()
        } catch let failure as BatchFailure {
            progress.finish()
            Terminal.writeError("eligo: " + failure.message.text(language) + "\n")
            throw ExitCode(2)
        } catch let error as InputError {
            progress.finish()
            Terminal.writeError("eligo: " + error.message.text(language) + "\n")
            throw ExitCode(2)
        }
        progress.finish()

        let summaryReport = BatchSummary(report: report, policies: policies, asOf: day, allocated: allocate)
        do {
            if let summaryOutput {
                try summaryOutput.sink.write(Array(summaryReport.json().utf8))
                try summaryOutput.finish()
                try summaryOutput.commit()
            }
            try output.commit()
        } catch let failure as BatchFailure {
            Terminal.writeError("eligo: " + failure.message.text(language) + "\n")
            throw ExitCode(2)
        }
        for change in changes { Terminal.writeError("eligo: " + change.text(language) + "\n") }
        Terminal.writeError(summaryReport.text(language: language))
        let products = report.statistics.products
        try failOnOptions.check({ outcome in products.reduce(0) { $0 + $1.count(outcome) } }, language: language)
    }
}

extension Message {
    static func batchSummaryIsOut(_ path: String) -> Message {
        Message(
            id: "batch.summary-is-out", en: "--summary and --out name the same file (\(path)); give the summary another name",
            zh: "--summary 与 --out 指向同一个文件（\(path)）；请为汇总换一个文件名")
    }

    static let batchStandardInputTwice = Message(
        id: "batch.stdin-twice", en: "standard input (-) can be read only once", zh: "标准输入（-）只能读取一次")
}
