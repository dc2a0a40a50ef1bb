public import EligoDiagnostics
public import EligoEngine
import EligoExpr

/// One line about a product: its name, provider, how many rules, the amount formula.
public enum ProductSummary {
    public static func line(_ product: Product, language: Language) -> String {
        var parts = [product.name.text(language)]
        if let provider = product.provider { parts.append(provider.text(language)) }
        let rules = product.eligibility.count
        parts.append(language == .zh ? "\(rules) 条资格规则" : "\(rules) eligibility rule\(rules == 1 ? "" : "s")")
        if let score = product.score { parts.append(language == .zh ? "评分通过线 \(score.pass)" : "pass mark \(score.pass)") }
        if let amount = product.amount { parts.append((language == .zh ? "金额 = " : "amount = ") + amount.expression.expr.printed) }
        if let until = product.effectiveUntil { parts.append(language == .zh ? "有效至 \(until)" : "until \(until)") }
        return parts.joined(separator: language == .zh ? ";" : "; ")
    }
}

/// Left-aligned columns that respect the width of Chinese characters.
public enum TextTable {
    /// - Parameter rightAligned: columns whose cells line up on the right (amounts).
    public static func render(headers: [String], rows: [[String]], rightAligned: Set<Int> = []) -> String {
        var widths = headers.map { DisplayWidth.of($0) }
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], DisplayWidth.of(cell)) }
        }
        func line(_ cells: [String]) -> String {
            var out = ""
            for (index, cell) in cells.enumerated() {
                if index == cells.count - 1 {
                    out += cell
                } else if rightAligned.contains(index) {
                    out += String(repeating: " ", count: max(0, widths[index] - DisplayWidth.of(cell))) + cell + "  "
                } else {
                    out += DisplayWidth.padded(cell, to: widths[index]) + "  "
                }
            }
            return out.trimmingTrailingSpaces() + "\n"
        }
        return line(headers) + line(widths.map { String(repeating: "-", count: $0) }) + rows.map(line).joined()
    }
}
