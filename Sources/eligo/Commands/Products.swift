import ArgumentParser
import EligoDiagnostics
import EligoAudit
import EligoEngine
import EligoExpr

/// `eligo products`: what is on offer on a date.
struct Products: OptionChecked {
    static let configuration = CommandConfiguration(
        abstract: "List the products in effect on --as-of, with kind, version and a one-line summary.",
        discussion: "列出评估日期有效的产品。")

    @OptionGroup var policyOptions: PolicyOptions
    @OptionGroup var limitOptions: LimitOptions

    @Option(name: .long, help: "The date, YYYY-MM-DD (default: today).")
    var asOf: String?

    @Flag(name: .long, help: "Also list products not in effect on that date, with a column that says which are.")
    var all = false

    func optionProblem() -> Message? {
        if let asOf, Day(iso: asOf) == nil { return .optionNotADate("--as-of", asOf) }
        return nil
    }

    func run() throws {
        let language = policyOptions.language
        let day = asOf.flatMap { Day(iso: $0) } ?? Today.day
        guard let policies = try PolicyCommand.load(policyOptions.policies, options: policyOptions, limits: limitOptions) else { throw ExitCode(1) }
        var rows: [[String]] = []
        for product in policies.products where all || product.isEffective(on: day) {
            // With --all, a column says which products are in effect on the date.
            let status = all ? [ProductSummary.status(product, on: day).text(language)] : []
            rows.append([product.id, product.kind.rawValue, product.version] + status + [ProductSummary.line(product, language: language)])
        }
        let status = all ? [language == .zh ? "\(day) 状态" : "on \(day)"] : []
        let headers = language == .zh ? ["产品", "类型", "版本"] + status + ["概要"] : ["product", "kind", "version"] + status + ["summary"]
        Terminal.write(TextTable.render(headers: headers, rows: rows))
    }
}
