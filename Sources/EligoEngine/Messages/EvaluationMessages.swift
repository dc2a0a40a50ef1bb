import EligoDiagnostics

/// Messages of evaluation: errors that make an outcome `error`, and the texts of reserved reason codes.
extension Message {
    static func evalError(product: String, place: String, placeZh: String, kind: EvalErrorText, expression: String) -> Message {
        Message(
            id: "eval.\(kind.id)",
            en: "product \(product), \(place): \(kind.en) in `\(expression)`",
            zh: "产品 \(product)，\(placeZh)：`\(expression)` 中\(kind.zh)")
    }

    /// An expression that read a `let` whose own evaluation failed: the let is named, and the
    /// part of it that failed, not the reading expression (which may divide by nothing).
    static func evalErrorThroughLet(product: String, place: String, placeZh: String, kind: EvalErrorText, name: String, expression: String) -> Message {
        Message(
            id: "eval.\(kind.id)",
            en: "product \(product), \(place): reads `\(name)`, which failed: \(kind.en) in `\(expression)`",
            zh: "产品 \(product)，\(placeZh)：读取的 `\(name)` 无法计算：`\(expression)` 中\(kind.zh)")
    }
}

/// What went wrong during an evaluation, in words.
struct EvalErrorText {
    let id: String
    let en: String
    let zh: String
}

enum ReservedReason {
    static func scoreBelowRefer(high: String, refer: String) -> LocalizedText {
        LocalizedText(zh: "评分最高 \(high) 分，低于转人工分数线 \(refer) 分", en: "The score of at most \(high) is below the referral line of \(refer)")
    }

    static func scoreBelowPass(high: String, pass: String) -> LocalizedText {
        LocalizedText(zh: "评分最高 \(high) 分，低于通过分数线 \(pass) 分", en: "The score of at most \(high) is below the pass mark of \(pass)")
    }

    static func noAward(amount: String) -> LocalizedText {
        LocalizedText(zh: "计算所得金额为 \(amount)，不大于 0", en: "The computed amount is \(amount), which is not above 0")
    }
}
