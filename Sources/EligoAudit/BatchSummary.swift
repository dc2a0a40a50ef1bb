import EligoDecimal
public import EligoDiagnostics
public import EligoEngine
public import EligoExpr

/// The summary of a batch run: as JSON for `--summary FILE`, as text for stderr.
public struct BatchSummary: Sendable {
    public var report: BatchReport
    public var policies: PolicySet
    public var asOf: Day
    public var allocated: Bool

    public init(report: BatchReport, policies: PolicySet, asOf: Day, allocated: Bool) {
        self.report = report
        self.policies = policies
        self.asOf = asOf
        self.allocated = allocated
    }

    public static let schemaVersion = "eligo.batch-summary/1"

    public func json() -> String {
        let statistics = report.statistics
        var json = JSONWriter()
        json.object { json in
            json.string("schema", Self.schemaVersion)
            json.string("as_of", asOf.description)
            json.object("records") { json in
                json.int("read", statistics.recordsRead)
                json.int("invalid", statistics.invalidRecords)
                json.array("inputs") { json in
                    for input in statistics.inputs {
                        json.object { json in
                            json.string("path", input.path)
                            json.int("records", input.records)
                        }
                    }
                }
            }
            json.int("decisions", statistics.decisionsWritten)
            json.bool("reconciles", statistics.reconciles)
            json.array("products") { json in
                for (index, product) in policies.products.enumerated() {
                    let counts = statistics.products[index]
                    json.object { json in
                        json.string("id", product.id)
                        json.string("version", product.version)
                        json.int("decisions", counts.decisions)
                        json.int("not_applicable", counts.notApplicable)
                        json.int("inactive", counts.inactive)
                        json.object("outcomes") { json in
                            for outcome in Outcome.allCases { json.int(outcome.rawValue, counts.count(outcome)) }
                        }
                        json.object("amount") { json in
                            json.string("total", counts.amountTotal.formatted(places: 2))
                            json.string("mean", counts.amountMean?.formatted(places: 2))
                        }
                        if let use = budgetUse(product) {
                            json.object("budget") { json in
                                json.string("pool", use.budget.pool?.formatted(places: 2))
                                json.string("used", use.used.formatted(places: 2))
                                json.string("left", use.left?.formatted(places: 2))
                                json.int("slots", use.budget.slots)
                                json.int("slots_used", use.slotsUsed)
                            }
                        }
                        json.array("top_decline_reasons") { json in
                            for reason in counts.topReasons() {
                                json.object { json in
                                    json.string("code", reason.code)
                                    json.int("count", reason.count)
                                }
                            }
                        }
                        json.array("score_histogram") { json in
                            for (bin, count) in histogram(product, counts) {
                                json.object { json in
                                    json.string("from", bin.lowerBound.description)
                                    json.string("to", bin.upperBound.description)
                                    json.int("count", count)
                                }
                            }
                        }
                    }
                }
            }
        }
        return json.text + "\n"
    }

    /// What an allocated run used of a product's budget; nil without `--allocate` or a budget.
    private func budgetUse(_ product: Product) -> (budget: Budget, used: ExactDecimal, left: ExactDecimal?, slotsUsed: Int)? {
        guard allocated, let budget = product.budget else { return nil }
        let result = report.allocations[product.id]
        let used = result?.poolUsed ?? .zero
        return (budget, used, budget.pool.flatMap { try? $0.subtracting(used) }, result?.slotsUsed ?? 0)
    }

    /// The counts in the bins they were counted in (``HistogramBins``), which start below 0
    /// when the product's factors can give negative points.
    private func histogram(_ product: Product, _ counts: ProductStatistics) -> [(Range<ExactDecimal>, Int)] {
        guard let bins = HistogramBins(product.score), !counts.histogram.isEmpty else { return [] }
        return Array(zip(bins.ranges, counts.histogram))
    }

    /// The human summary for stderr: the records, a table of every product's counts (its
    /// decisions by outcome, and the records it did not apply to or was not in effect for, so
    /// that each row adds up to the records read) and amounts (and budgets, when allocated), then for each product that decided anything its
    /// ten most frequent decline reasons and the shape of its score histogram. The exact bins
    /// are in the JSON; a person reading a terminal wants the shape at a glance.
    public func text(language: Language) -> String {
        let zh = language == .zh
        let statistics = report.statistics
        var out = zh
            ? "读取记录 \(statistics.recordsRead) 条（无效 \(statistics.invalidRecords) 条），写出决定 \(statistics.decisionsWritten) 条\n"
            : "\(Self.counted(statistics.recordsRead, "record")) read (\(statistics.invalidRecords) invalid), \(Self.counted(statistics.decisionsWritten, "decision")) written\n"
        let budgets = allocated && policies.products.contains { $0.budget != nil }
        var rows: [[String]] = []
        for (index, product) in policies.products.enumerated() {
            let counts = statistics.products[index]
            var cells = [product.id, Self.grouped(counts.decisions)]
            for outcome in [Outcome.approve, .refer, .incomplete, .decline, .waitlist, .invalid, .error] {
                cells.append(Self.grouped(counts.count(outcome)))
            }
            // With the decisions, these add up to the records read, row by row (cli.md).
            cells.append(Self.grouped(counts.notApplicable))
            cells.append(Self.grouped(counts.inactive))
            cells.append(counts.amountTotal.formattedGrouped(places: 2))
            cells.append(counts.amountMean?.formattedGrouped(places: 2) ?? "—")
            if budgets {
                if let use = budgetUse(product) {
                    cells.append(use.used.formattedGrouped(places: 2))
                    cells.append(use.left?.formattedGrouped(places: 2) ?? "—")
                    cells.append(use.budget.slots.map { "\(Self.grouped(use.slotsUsed))/\(Self.grouped($0))" } ?? Self.grouped(use.slotsUsed))
                } else {
                    cells += ["—", "—", "—"]
                }
            }
            rows.append(cells)
        }
        var headers = zh
            ? ["产品", "决定", "批准", "转人工", "待补充", "拒绝", "候补", "无效", "出错", "不适用", "不在有效期", "批准金额合计", "平均金额"]
            : [
                "product", "decisions", "approve", "refer", "incomplete", "decline", "waitlist", "invalid", "error", "not applicable", "not in effect",
                "approved amount", "mean amount",
            ]
        if budgets { headers += zh ? ["预算已用", "预算剩余", "名额已用"] : ["budget used", "budget left", "slots used"] }
        out += TextTable.render(headers: headers, rows: rows, rightAligned: Set(1..<headers.count))
        if !statistics.reconciles {
            out += zh ? "警告：各产品的计数与读取的记录数不一致\n" : "warning: the counts do not add up to the records read\n"
        }
        for (index, product) in policies.products.enumerated() where statistics.products[index].decisions > 0 {
            let counts = statistics.products[index]
            var lines: [String] = []
            let reasons = counts.topReasons()
            if !reasons.isEmpty {
                let list = reasons.map { "\($0.code) \(Self.grouped($0.count))" }.joined(separator: zh ? ";" : "; ")
                lines.append((zh ? "  拒绝原因（前 \(reasons.count) 位）：" : "  decline reasons (top \(reasons.count)): ") + list)
            }
            if let shape = histogramLine(product, counts, zh: zh) { lines.append(shape) }
            guard !lines.isEmpty else { continue }
            out += "\n" + product.id + "\n" + lines.map { $0 + "\n" }.joined()
        }
        return out
    }

    /// One line: the histogram as a bar of eighths per bin, with its range and its tallest bin.
    private func histogramLine(_ product: Product, _ counts: ProductStatistics, zh: Bool) -> String? {
        let bins = histogram(product, counts)
        guard let width = HistogramBins(product.score)?.width, let first = bins.first, let last = bins.last, let tallest = bins.max(by: { $0.1 < $1.1 }), tallest.1 > 0 else { return nil }
        let bars = bins.map { _, count in Self.bar(count, of: tallest.1) }.joined()
        let range = "\(first.0.lowerBound)–\(last.0.upperBound)"
        let peak = "\(tallest.0.lowerBound)–\(tallest.0.upperBound)"
        return zh
            ? "  得分（低端）\(range)，每档 \(width) 分：\(bars)  最多一档 \(peak):\(Self.grouped(tallest.1))"
            : "  scores (low ends) \(range) in bins of \(width): \(bars)  tallest \(peak): \(Self.grouped(tallest.1))"
    }

    /// A bin's height in eighths of the tallest: `·` for none, `▁` for at least one, `█` for the tallest.
    static func bar(_ count: Int, of tallest: Int) -> String {
        guard count > 0 else { return "·" }
        let eighths = (count * 8 + tallest - 1) / tallest
        return String(["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"][min(max(eighths, 1), 8) - 1])
    }

    /// A count with thousands separators, as amounts are shown.
    /// `1 record`, `2 records`.
    static func counted(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    static func grouped(_ count: Int) -> String {
        ExactDecimal(count).formattedGrouped(places: 0)
    }
}
