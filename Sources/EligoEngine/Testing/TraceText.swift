import EligoDecimal
public import EligoDiagnostics
import EligoExpr

/// A compact, plain rendering of a trace: every let, rule, bin and award with
/// its result and the inputs it read. Used under failed policy tests, where the
/// author needs the raw facts, not prose; expressions and values stay as written,
/// the words around them follow the report's language.
public enum TraceText {
    public static func render(_ trace: Trace, indent: String = "    ", language: Language = .en) -> String {
        let zh = language == .zh
        var lines: [String] = []
        func entry(_ label: String, _ entry: Trace.Entry) {
            // `applies_to` is its own name: written once.
            let name = label == entry.name ? label : "\(label) \(entry.name)"
            var line = "\(indent)\(name): \(entry.expression.expr.printed) → \(ValueText.plain(entry.result))"
            let inputs = entry.inputs.map { "\($0.name)=\(ValueText.plain($0.value))" }
            if !inputs.isEmpty { line += "  (" + inputs.joined(separator: ", ") + ")" }
            lines.append(line)
        }
        if let appliesTo = trace.appliesTo { entry("applies_to", appliesTo) }
        for item in trace.lets { entry(zh ? "中间值" : "let", item) }
        for item in trace.rules { entry(zh ? "准入条件" : "rule", item) }
        for factor in trace.factors {
            let points = ScoreText.interval(factor.low, factor.high)
            lines.append(zh
                ? "\(indent)评分项 \(factor.id): \(points) 分，满分 \(factor.maximum) 分"
                : "\(indent)factor \(factor.id): \(points) of \(factor.maximum)")
            for bin in factor.bins {
                let condition = bin.when.map { $0.expression.expr.printed } ?? (zh ? "默认" : "default")
                let result = bin.result.map(ValueText.plain) ?? (zh ? "未评估" : "not reached")
                var line = zh
                    ? "\(indent)  分档 \(bin.index + 1)（\(bin.points) 分）：\(condition) → \(result)"
                    : "\(indent)  bin \(bin.index + 1) (\(bin.points) points): \(condition) → \(result)"
                let inputs = bin.when?.inputs.map { "\($0.name)=\(ValueText.plain($0.value))" } ?? []
                if !inputs.isEmpty { line += "  (" + inputs.joined(separator: ", ") + ")" }
                lines.append(line)
            }
        }
        for item in trace.awards { entry(zh ? "授予项" : "award", item) }
        return lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")
    }
}
