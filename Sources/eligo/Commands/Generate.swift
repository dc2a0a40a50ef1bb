import ArgumentParser
import EligoDiagnostics
import EligoEngine
import Foundation

/// `eligo generate`: synthetic applicants for load tests and benchmarks (not in `--help`).
struct Generate: OptionChecked {
    static let configuration = CommandConfiguration(
        abstract: localized("Write synthetic applicants for load tests: CSV, JSONL or a YAML stream.", zh: "生成用于压力测试的模拟申请人：CSV、JSONL 或 YAML 流。"),
        discussion: localized(
            "The same --seed gives the same bytes on every machine; every field of the catalog is filled from its type, bounds and values.",
            zh: "相同的 --seed 在任何机器上都生成相同的字节；字段目录中的每个字段都按其类型、上下限和取值生成。"),
        shouldDisplay: false)

    @OptionGroup var policyOptions: PolicyOptions
    @OptionGroup var limitOptions: LimitOptions

    @Option(name: .long, help: .text("How many applicants.", zh: "申请人数量。"))
    var count: Int

    @Option(name: .long, help: .text("The random seed.", zh: "随机种子。"))
    var seed: UInt64 = 1

    @Option(name: .long, help: .text("Output format: csv, jsonl or yaml.", zh: "输出格式：csv、jsonl 或 yaml。"))
    var format: Format = .csv

    @Option(name: .long, help: .text("Share of optional values left missing, 0 to 1.", zh: "可选字段留空的比例，0 到 1。"))
    var missing: Double = 0.05

    @Option(name: .long, help: .text("Share of records broken on purpose, 0 to 1 (with any, a CSV ends in an open quote).", zh: "故意损坏的记录比例，0 到 1（不为 0 时，CSV 以未闭合的引号结尾）。"))
    var bad: Double = 0

    @Option(name: .long, help: .text("Write here instead of stdout (replaced only when complete).", zh: "写到此文件而不是标准输出（完整写完后才替换）。"))
    var out: String?

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, jsonl, yaml

        var input: InputFormat {
            switch self {
            case .csv: .csv
            case .jsonl: .jsonl
            case .yaml: .yaml
            }
        }
    }

    func optionProblem() -> Message? {
        if count < 0 { return .optionNegative("--count") }
        if !(0...1).contains(missing) { return .optionNotAShare("--missing") }
        if !(0...1).contains(bad) { return .optionNotAShare("--bad") }
        return nil
    }

    func run() throws {
        let language = policyOptions.language
        Interruption.install { signal in
            Message.batchInterrupted(Interruption.name(signal), outputRemoved: out != nil && out != "-").text(language)
        }
        guard let policies = try PolicyCommand.load(policyOptions.policies, options: policyOptions, limits: limitOptions) else { throw ExitCode(1) }
        let generator = PopulationGenerator(
            catalog: policies.catalog, options: .init(count: count, seed: seed, format: format.input, missing: missing, bad: bad))
        do {
            // Nothing partial is left at --out: written beside it, then renamed (see OutputFile).
            try OutputFile.write(to: out, language: language) { output in
                try generator.write(to: output.descriptor, path: output.path)
            }
        } catch let failure as BatchFailure {
            Terminal.writeError("eligo: " + failure.message.text(language) + "\n")
            throw ExitCode(2)
        } catch let error as InputError {
            let message = error.message.text(language)
            Terminal.writeError("eligo: \(message)\n")
            throw ExitCode(2)
        }
    }
}
