import ArgumentParser
import EligoDiagnostics
import EligoAudit
import EligoEngine
import EligoExpr

/// `eligo products`: what is on offer on a date.
struct Products: OptionChecked {
    static let configuration = CommandConfiguration(
        abstract: localized(
            "List the products in effect on --as-of, with kind, version and a one-line summary.", zh: "列出 --as-of 当日有效的产品，以及类型、版本和一行摘要。"))

    @OptionGroup var policyOptions: PolicyOptions
    @OptionGroup var limitOptions: LimitOptions

    @Option(name: .long, help: .text("The date, YYYY-MM-DD (default: today).", zh: "日期，格式 YYYY-MM-DD（默认：今天）。"))
    var asOf: String?

    @Flag(name: .long, help: .text("Also list products not in effect on that date, with a column that says which are.", zh: "同时列出该日期不在有效期内的产品，并用一列注明哪些有效。"))
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
            rows.append([product.id, ProductSummary.kind(product.kind, language: language), product.version] + status + [ProductSummary.line(product, language: language)])
        }
        if rows.isEmpty, !all, !policies.products.isEmpty {
            Terminal.writeError(language == .zh
                ? "eligo: \(day) 没有有效的产品；--all 列出全部产品\n"
                : "eligo: no product is in effect on \(day); --all lists every product\n")
        }
        let status = all ? [language == .zh ? "\(day) 状态" : "on \(day)"] : []
        let headers = language == .zh ? ["产品", "类型", "版本"] + status + ["概要"] : ["product", "kind", "version"] + status + ["summary"]
        Terminal.write(TextTable.render(headers: headers, rows: rows))
    }
}
