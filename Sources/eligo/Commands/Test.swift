import ArgumentParser
import EligoDiagnostics
import EligoEngine

/// `eligo test [PATH…]`: runs the products' examples and reports coverage.
struct Test: OptionChecked {
    static let configuration = CommandConfiguration(
        abstract: localized("Run the tests written in product files.", zh: "运行产品文件中写的测试用例。"),
        discussion: localized(
            "A product file runs its own tests only, checked against the nearest fields.yaml above it (as eligo validate does). "
                + "Exit status: 0 all passed, 1 a test failed or the policies do not validate (or coverage is incomplete with --coverage), 2 usage error.",
            zh: "指定产品文件时只运行它自己的测试，并按其上方最近的 fields.yaml 检查（与 eligo validate 相同）。"
                + "退出状态：0 全部通过，1 有测试失败或政策未通过校验（使用 --coverage 时覆盖不完整也算），2 用法错误。"))

    @Argument(help: .text("Policy directories, catalogs or product files (default: --policies).", zh: "政策目录、字段目录文件或产品文件（默认：--policies）。"))
    var paths: [String] = []

    @OptionGroup var policyOptions: PolicyOptions
    @OptionGroup var limitOptions: LimitOptions

    @Flag(name: .long, help: .text("List eligibility rules never seen false and bins never matched; incomplete coverage fails.", zh: "列出从未判为不满足的资格规则和从未命中的评分档；覆盖不完整即为失败。"))
    var coverage = false

    func run() throws {
        let language = policyOptions.language
        var failed = 0
        var passed = 0
        var gaps: [PolicyTestRunner.Coverage.Gap] = []
        var rules = 0
        var bins = 0
        let targets = paths.isEmpty ? [policyOptions.policies] : paths
        try PolicyCommand.requireExisting(targets, language: language)
        // Read as `eligo validate` reads them: a product file is tested against its nearest catalog.
        for source in PolicyLoader.sources(for: targets, defaultDirectory: policyOptions.policies) {
            guard let policies = PolicyCommand.load(source, options: policyOptions, limits: limitOptions) else { throw ExitCode(1) }
            let (results, coverage) = PolicyTestRunner(policies: policies).run()
            for result in results {
                let title = "\(result.product.id): \(result.test.name)"
                if result.passed {
                    passed += 1
                    Terminal.write((language == .zh ? "通过 " : "PASS ") + title + "\n")
                    continue
                }
                failed += 1
                let at = result.test.span.location
                Terminal.write((language == .zh ? "失败 " : "FAIL ") + "\(title) (\(result.product.file.path):\(at.line):\(at.column))\n")
                // The date evaluated on, which a test without `as_of` does not show (effective.from).
                Terminal.write((language == .zh ? "  评估日期：" : "  as of: ") + "\(result.test.asOf)\n")
                for mismatch in result.mismatches {
                    let (expected, actual) = (mismatch.expected.text(language), mismatch.actual.text(language))
                    Terminal.write(language == .zh
                        ? "  \(mismatch.what)：预期 \(expected)，实际 \(actual)\n"
                        : "  \(mismatch.what): expected \(expected), got \(actual)\n")
                }
                if let trace = result.decision?.trace {
                    Terminal.write((language == .zh ? "  评估过程：\n" : "  trace:\n") + TraceText.render(trace, language: language))
                }
                for message in result.decision?.messages ?? [] {
                    Terminal.write((language == .zh ? "  信息：" : "  message: ") + message.text(language) + "\n")
                }
            }
            gaps += coverage.rulesNeverFalse + coverage.binsNeverMatched
            rules += coverage.ruleCount
            bins += coverage.binCount
        }
        if coverage {
            let covered = rules + bins - gaps.count
            Terminal.write(language == .zh
                ? "覆盖率：\(covered)/\(rules + bins) 个规则与分档\n"
                : "coverage: \(covered) of \(rules + bins) rules and bins\n")
            for gap in gaps {
                let at = gap.span.location
                let what = switch gap.item {
                case .rule: language == .zh ? "从未为假" : "never seen false"
                case .bin: language == .zh ? "从未命中" : "never matched"
                }
                Terminal.write("  \(gap.span.file.path):\(at.line):\(at.column): \(gap.product) \(gap.item.text(language)) \(what)\n")
            }
        }
        Terminal.write(language == .zh ? "\(passed) 个通过，\(failed) 个失败\n" : "\(passed) passed, \(failed) failed\n")
        if coverage, !gaps.isEmpty {
            // The status is 1 with every test passing: say why where a CI log shows it.
            let count = gaps.count
            Terminal.writeError(language == .zh
                ? "eligo: --coverage：\(count) 个规则或分档未被测试覆盖\n"
                : "eligo: --coverage: \(count) rule\(count == 1 ? "" : "s") or bin\(count == 1 ? "" : "s") not covered by the tests\n")
        }
        if failed > 0 || (coverage && !gaps.isEmpty) { throw ExitCode(1) }
    }
}
