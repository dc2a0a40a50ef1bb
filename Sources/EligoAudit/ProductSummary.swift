public import EligoDiagnostics
public import EligoEngine
public import EligoExpr

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
        return parts.joined(separator: language == .zh ? "；" : "; ")
    }

    /// A product's kind for people: the policy's own word in English, a Chinese one in Chinese.
    public static func kind(_ kind: ProductKind, language: Language) -> String {
        guard language == .zh else { return kind.rawValue }
        return switch kind {
        case .loan: "贷款"
        case .grant: "补助"
        case .subsidy: "补贴"
        case .insurance: "保险"
        }
    }

    /// Whether the product is in effect on `day`, and if not, since or until when (for `eligo products --all`).
    public static func status(_ product: Product, on day: Day) -> Message {
        if day < product.effectiveFrom {
            let from = product.effectiveFrom
            return Message(id: "products.not-yet", en: "not yet in effect (from \(from))", zh: "尚未生效（\(from) 起）")
        }
        if let until = product.effectiveUntil, day > until {
            return Message(id: "products.ended", en: "no longer in effect (until \(until))", zh: "已失效（有效至 \(until)）")
        }
        return Message(id: "products.in-effect", en: "in effect", zh: "有效")
    }
}

/// Left-aligned columns that respect the width of Chinese characters.
public enum TextTable {
    /// - Parameter rightAligned: columns whose cells line up on the right (amounts).
    public static func render(headers: [String], rows rawRows: [[String]], rightAligned: Set<Int> = []) -> String {
        // A line break inside a cell (a reason text written over two lines) would break the row.
        let rows = rawRows.map { $0.map(\.onOneLine) }
        // Each cell's width once; lines built as bytes, padding appended in place: `eligo check`
        // renders a table per applicant, and strings of spaces made per cell were a quarter of its time.
        let rowWidths = rows.map { $0.map { DisplayWidth.of($0) } }
        let headerWidths = headers.map { DisplayWidth.of($0) }
        var widths = headerWidths
        for row in rowWidths {
            for (index, width) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], width) }
        }
        var out: [UInt8] = []
        func line(_ cells: [String], _ cellWidths: [Int]) {
            let start = out.count
            for (index, cell) in cells.enumerated() {
                let padding = max(0, (index < widths.count ? widths[index] : 0) - cellWidths[index])
                if index == cells.count - 1, !rightAligned.contains(index) {
                    out.append(contentsOf: cell.utf8)
                } else if rightAligned.contains(index) {
                    out.append(contentsOf: repeatElement(0x20, count: padding))
                    out.append(contentsOf: cell.utf8)
                    out.append(contentsOf: [0x20, 0x20])
                } else {
                    out.append(contentsOf: cell.utf8)
                    out.append(contentsOf: repeatElement(0x20, count: padding + 2))
                }
            }
            while out.count > start, out.last == 0x20 { out.removeLast() }
            out.append(0x0A)
        }
        line(headers, headerWidths)
        line(widths.map { String(repeating: "-", count: $0) }, widths)
        for (row, cellWidths) in zip(rows, rowWidths) { line(row, cellWidths) }
        return String(decoding: out, as: UTF8.self)
    }
}

extension String {
    /// The text with each line break (CR, LF or CRLF) made one space, for a table cell.
    var onOneLine: String {
        guard utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) else { return self }
        return replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
    }
}
