import ArgumentParser
import EligoDiagnostics
import EligoEngine
import Foundation

/// `eligo generate`: synthetic applicants for load tests and benchmarks (not in `--help`).
struct Generate: OptionChecked {
    static let configuration = CommandConfiguration(
        abstract: "Write synthetic applicants for load tests: CSV, JSONL or a YAML stream.",
        discussion: "生成用于压力测试的模拟申请人数据。The same --seed gives the same bytes on every machine; every field of the catalog is filled from its type, bounds and values.",
        shouldDisplay: false)

    @OptionGroup var policyOptions: PolicyOptions
    @OptionGroup var limitOptions: LimitOptions

    @Option(name: .long, help: "How many applicants.")
    var count: Int

    @Option(name: .long, help: "The random seed.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Output format: csv, jsonl or yaml.")
    var format: Format = .csv

    @Option(name: .long, help: "Share of optional values left missing, 0 to 1.")
    var missing: Double = 0.05

    @Option(name: .long, help: "Share of records broken on purpose, 0 to 1 (with any, a CSV ends in an open quote).")
    var bad: Double = 0

    @Option(name: .long, help: "Write here instead of stdout (replaced only when complete).")
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
