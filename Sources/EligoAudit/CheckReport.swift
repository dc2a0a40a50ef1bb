public import EligoDiagnostics
public import EligoEngine
public import EligoExpr

/// What `eligo check` found for a set of applicants, in every output format.
public struct CheckReport: Sendable {
    public enum Skip: Sendable {
        case inactive, notApplicable
    }

    public struct Section: Sendable {
        public var file: String
        public var record: ApplicantRecord
        public var decisions: [Decision]
        /// Products asked for with `--product` that were not evaluated, and why.
        public var skipped: [(product: String, why: Skip)]

        public init(file: String, record: ApplicantRecord, decisions: [Decision], skipped: [(product: String, why: Skip)]) {
            self.file = file
            self.record = record
            self.decisions = decisions
            self.skipped = skipped
        }

        /// One applicant against `products`: a decision for each product in effect and
        /// applicable; those not evaluated (§6 step 1) listed as skipped when `listSkipped`
        /// (a product asked for by name is shown even then).
        ///
        /// - Parameter frame: made by `evaluator` and reused across applicants; loaded here.
        public init(
            file: String, record: ApplicantRecord, products: [Product], evaluator: Evaluator, asOf: Day, explain: Bool,
            listSkipped: Bool, frame: inout RecordFrame
        ) {
            self.init(file: file, record: record, decisions: [], skipped: [])
            evaluator.load(record, into: &frame)
            for product in products {
                switch evaluator.evaluate(record, against: product, asOf: asOf, explain: explain, frame: &frame) {
                case .decided(let decision): decisions.append(decision)
                case .inactive: if listSkipped { skipped.append((product.id, .inactive)) }
                case .notApplicable: if listSkipped { skipped.append((product.id, .notApplicable)) }
                }
            }
        }
    }

    public var policies: PolicySet
    public var asOf: Day
    public var sections: [Section]
    public var language: Language
    /// Files that hold more than one record: their titles add the record's number.
    public var filesWithSeveralRecords: Set<String>

    /// - Parameter filesWithSeveralRecords: Given when `sections` is part of a longer report
    ///   written piece by piece; counted from `sections` when `nil`.
    public init(policies: PolicySet, asOf: Day, sections: [Section], language: Language, filesWithSeveralRecords: Set<String>? = nil) {
        self.policies = policies
        self.asOf = asOf
        self.sections = sections
        self.language = language
        if let filesWithSeveralRecords {
            self.filesWithSeveralRecords = filesWithSeveralRecords
        } else {
            var counts: [String: Int] = [:]
            for section in sections { counts[section.file, default: 0] += 1 }
            self.filesWithSeveralRecords = Set(counts.filter { $0.value > 1 }.keys)
        }
    }

    private func title(_ section: Section) -> String {
        let (who, place) = applicant(section)
        return language == .zh ? "申请人 \(who)（\(place)），评估日期 \(asOf)" : "Applicant \(who) (\(place)), as of \(asOf)"
    }

    /// The applicant's id and where its record is, as titles name them.
    private func applicant(_ section: Section) -> (who: String, place: String) {
        let who = section.record.id ?? (language == .zh ? "（无编号）" : "(no id)")
        let place = filesWithSeveralRecords.contains(section.file) ? "\(section.file) #\(section.record.number)" : section.file
        return (who, place)
    }

    /// One message per product asked for that was not evaluated (§6 step 1), for formats
    /// whose output holds decisions only (JSON): it has no decision record, so the reason
    /// goes where messages go.
    public func skippedMessages() -> [Message] {
        sections.flatMap { section in
            let (who, place) = applicant(section)
            return section.skipped.map { skipped in
                switch skipped.why {
                case .inactive:
                    Message(
                        id: "check.skipped-inactive",
                        en: "no decision for applicant \(who) (\(place)) on \(skipped.product): it is not in effect on \(asOf)",
                        zh: "申请人 \(who)（\(place)）在 \(skipped.product) 上没有决定：评估日期 \(asOf) 不在有效期内")
                case .notApplicable:
                    Message(
                        id: "check.skipped-not-applicable",
                        en: "no decision for applicant \(who) (\(place)) on \(skipped.product): it does not apply to this applicant (applies_to is false)",
                        zh: "申请人 \(who)（\(place)）在 \(skipped.product) 上没有决定：该产品不适用于该申请人（applies_to 为假）")
                }
            }
        }
    }

    private func skippedLine(_ skipped: (product: String, why: Skip)) -> String {
        switch (skipped.why, language) {
        case (.inactive, .zh): "\(skipped.product)：评估日期不在有效期内"
        case (.inactive, .en): "\(skipped.product): not in effect on \(asOf)"
        case (.notApplicable, .zh): "\(skipped.product)：不适用于该申请人（applies_to 为假）"
        case (.notApplicable, .en): "\(skipped.product): does not apply to this applicant (applies_to is false)"
        }
    }

    public func text(explain: Bool, colour: Bool = false) -> String {
        var out = ""
        for (index, section) in sections.enumerated() {
            if index > 0 { out += "\n" }
            out += title(section) + "\n\n"
            if section.decisions.isEmpty, section.skipped.isEmpty {
                out += (language == .zh ? "没有适用的产品。\n" : "No product applies.\n")
            }
            if !section.decisions.isEmpty {
                out += DecisionTable.render(section.decisions, policies: policies, language: language)
            }
            for skipped in section.skipped { out += skippedLine(skipped) + "\n" }
            if explain {
                for decision in section.decisions {
                    guard let product = policies.products.first(where: { $0.id == decision.productID }) else { continue }
                    out += "\n" + Explanation(decision: decision, product: product, catalog: policies.catalog, language: language).text(colour: colour)
                }
            }
        }
        return out
    }

    public func markdown(explain: Bool) -> String {
        var out = ""
        for section in sections {
            out += "## " + title(section) + "\n\n"
            if section.decisions.isEmpty, section.skipped.isEmpty {
                out += (language == .zh ? "没有适用的产品。\n\n" : "No product applies.\n\n")
            }
            let headers = language == .zh ? ["产品", "结果", "评分/通过线", "金额", "主要原因"] : ["Product", "Outcome", "Score/pass", "Amount", "Main reason"]
            if !section.decisions.isEmpty {
                out += "| " + headers.joined(separator: " | ") + " |\n|" + String(repeating: " --- |", count: headers.count) + "\n"
            }
            for decision in section.decisions {
                let name = policies.products.first { $0.id == decision.productID }?.name.text(language) ?? decision.productID
                let cells = [
                    name, OutcomeText.name(decision.outcome, language),
                    decision.score.map { ScoreText.interval($0.low, $0.high) + "/" + $0.pass.description } ?? "—",
                    decision.amount.map { $0.formattedGrouped(places: 2) } ?? "—",
                    DecisionTable.mainReason(decision, language),
                ]
                out += "| " + cells.map { $0.markdownCell() }.joined(separator: " | ") + " |\n"
            }
            for skipped in section.skipped { out += "\n" + skippedLine(skipped) + "\n" }
            out += "\n"
            if explain {
                for decision in section.decisions {
                    guard let product = policies.products.first(where: { $0.id == decision.productID }) else { continue }
                    out += Explanation(decision: decision, product: product, catalog: policies.catalog, language: language).markdown() + "\n"
                }
            }
        }
        return out
    }

    /// Every decision, in order, as a JSON array of decision records.
    public func json() -> String {
        DecisionJSON.render(sections.flatMap(\.decisions), language: language)
    }
}

extension String {
    /// The text as one cell of a Markdown table: punctuation and pipes escaped, line breaks made
    /// spaces, as in the rest of the report (a reason's `*one*` is not made emphasis).
    func markdownCell() -> String {
        Inline.escaped(self)
    }
}
