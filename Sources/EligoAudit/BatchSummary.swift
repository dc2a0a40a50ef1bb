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
                        if allocated, let budget = product.budget {
                            let result = report.allocations[product.id]
                            json.object("budget") { json in
                                json.string("pool", budget.pool?.formatted(places: 2))
                                json.string("used", (result?.poolUsed ?? .zero).formatted(places: 2))
                                json.string("left", budget.pool.flatMap { try? $0.subtracting(result?.poolUsed ?? .zero) }?.formatted(places: 2))
                                json.int("slots", budget.slots)
                                json.int("slots_used", result?.slotsUsed ?? 0)
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

    /// The counts in the bins they were counted in (``HistogramBins``), which start below 0
    /// when the product's factors can give negative points.
    private func histogram(_ product: Product, _ counts: ProductStatistics) -> [(Range<ExactDecimal>, Int)] {
        guard let bins = HistogramBins(product.score), !counts.histogram.isEmpty else { return [] }
        return Array(zip(bins.ranges, counts.histogram))
    }

    /// The human summary for stderr: records, then a line per product.
    public func text(language: Language) -> String {
        let statistics = report.statistics
        var out = language == .zh
            ? "读取记录 \(statistics.recordsRead) 条(无效 \(statistics.invalidRecords) 条),写出决定 \(statistics.decisionsWritten) 条\n"
            : "\(statistics.recordsRead) records read (\(statistics.invalidRecords) invalid), \(statistics.decisionsWritten) decisions written\n"
        var rows: [[String]] = []
        for (index, product) in policies.products.enumerated() {
            let counts = statistics.products[index]
            var cells = [product.id, String(counts.decisions)]
            for outcome in [Outcome.approve, .refer, .incomplete, .decline, .waitlist, .invalid, .error] {
                cells.append(String(counts.count(outcome)))
            }
            cells.append(counts.amountTotal.formattedGrouped(places: 2))
            cells.append(counts.topReasons(1).first.map { "\($0.code) (\($0.count))" } ?? "")
            rows.append(cells)
        }
        let headers = language == .zh
            ? ["产品", "决定", "批准", "转人工", "待补充", "拒绝", "候补", "无效", "出错", "批准金额", "首要拒绝原因"]
            : ["product", "decisions", "approve", "refer", "incomplete", "decline", "waitlist", "invalid", "error", "approved amount", "top decline reason"]
        out += TextTable.render(headers: headers, rows: rows)
        if !statistics.reconciles {
            out += language == .zh ? "警告:各产品的计数与读取的记录数不一致\n" : "warning: the counts do not add up to the records read\n"
        }
        return out
    }
}
