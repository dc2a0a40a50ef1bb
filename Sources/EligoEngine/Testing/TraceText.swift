import EligoDecimal
import EligoExpr

/// A compact, plain rendering of a trace: every let, rule, bin and award with
/// its result and the inputs it read. Used under failed policy tests, where the
/// author needs the raw facts, not prose.
public enum TraceText {
    public static func render(_ trace: Trace, indent: String = "    ") -> String {
        var lines: [String] = []
        func entry(_ label: String, _ entry: Trace.Entry) {
            var line = "\(indent)\(label) \(entry.name): \(entry.expression.expr.printed) → \(ValueText.plain(entry.result))"
            let inputs = entry.inputs.map { "\($0.name)=\(ValueText.plain($0.value))" }
            if !inputs.isEmpty { line += "  (" + inputs.joined(separator: ", ") + ")" }
            lines.append(line)
        }
        if let appliesTo = trace.appliesTo { entry("applies_to", appliesTo) }
        for item in trace.lets { entry("let", item) }
        for item in trace.rules { entry("rule", item) }
        for factor in trace.factors {
            lines.append("\(indent)factor \(factor.id): \(ScoreText.interval(factor.low, factor.high)) of \(factor.maximum)")
            for bin in factor.bins {
                let condition = bin.when.map { $0.expression.expr.printed } ?? "default"
                var line = "\(indent)  bin \(bin.index + 1) (\(bin.points) points): \(condition) → \(bin.result.map(ValueText.plain) ?? "not reached")"
                let inputs = bin.when?.inputs.map { "\($0.name)=\(ValueText.plain($0.value))" } ?? []
                if !inputs.isEmpty { line += "  (" + inputs.joined(separator: ", ") + ")" }
                lines.append(line)
            }
        }
        for item in trace.awards { entry("award", item) }
        return lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")
    }
}
