import EligoDecimal
public import EligoDiagnostics
public import EligoEngine
import EligoExpr

/// The compact view of `eligo check`: one row per product in effect, with the
/// outcome, score against pass, amount and the main reason.
public enum DecisionTable {
    public static func render(_ decisions: [Decision], policies: PolicySet, language: Language) -> String {
        let headers = language == .zh
            ? ["产品", "结果", "评分/通过线", "金额", "主要原因"]
            : ["product", "outcome", "score/pass", "amount", "main reason"]
        var rows: [[String]] = []
        for decision in decisions {
            let product = policies.products.first { $0.id == decision.productID }
            rows.append([
                product.map { $0.name.text(language) } ?? decision.productID,
                OutcomeText.name(decision.outcome, language),
                decision.score.map { ScoreText.interval($0.low, $0.high) + "/" + $0.pass.description } ?? "—",
                decision.amount.map { $0.formattedGrouped(places: 2) } ?? "—",
                mainReason(decision, language),
            ])
        }
        return TextTable.render(headers: headers, rows: rows, rightAligned: [3])
    }

    /// The one reason that best says why: the first decline reason, the missing
    /// fields, the first problem, or how far a referral is from passing.
    static func mainReason(_ decision: Decision, _ language: Language) -> String {
        switch decision.outcome {
        case .decline:
            guard let first = decision.reasons.first else { return "" }
            let more = decision.reasons.count > 1 ? (language == .zh ? "（另有 \(decision.reasons.count - 1) 项）" : " (+\(decision.reasons.count - 1) more)") : ""
            return first.code + ": " + first.text.text(language) + more
        case .incomplete:
            let fields = decision.missing.joined(separator: ", ")
            return language == .zh ? "待补充：\(fields)" : "missing: \(fields)"
        case .invalid, .error:
            guard let first = decision.messages.first else { return "" }
            let more = decision.messages.count > 1 ? (language == .zh ? "（另有 \(decision.messages.count - 1) 项）" : " (+\(decision.messages.count - 1) more)") : ""
            return first.text(language) + more
        case .refer:
            guard let score = decision.score, let short = try? score.pass.subtracting(score.low),
                  let least = try? score.pass.subtracting(score.high)
            else { return "" }
            // An interval score (§5) is short by a range.
            let gap = least == short ? "\(short)" : "\(least)–\(short)"
            return language == .zh ? "距通过线还差 \(gap) 分" : "\(gap) point\(gap == "1" ? "" : "s") short of the pass mark"
        case .approve, .waitlist:
            return ""
        }
    }
}

/// How outcomes are named for people.
public enum OutcomeText {
    public static func name(_ outcome: Outcome, _ language: Language) -> String {
        guard language == .zh else { return outcome.rawValue }
        switch outcome {
        case .approve: return "批准"
        case .refer: return "转人工"
        case .incomplete: return "待补充"
        case .decline: return "拒绝"
        case .error: return "出错"
        case .invalid: return "无效"
        case .waitlist: return "候补"
        }
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
