import EligoDecimal
public import EligoDiagnostics
public import EligoEngine
import EligoExpr

/// A decision explained for a loan officer to read to the applicant: each rule
/// with the values it read, the score factor by factor, the amount's computation,
/// what is missing and what would change the outcome.
public struct Explanation: Sendable {
    public let decision: Decision
    public let product: Product
    public let catalog: FieldCatalog
    public let language: Language

    public init(decision: Decision, product: Product, catalog: FieldCatalog, language: Language) {
        self.decision = decision
        self.product = product
        self.catalog = catalog
        self.language = language
    }

    public func text() -> String {
        var out = "\(product.name.text(language)) (\(product.id) \(product.version)): \(OutcomeText.name(decision.outcome, language))\n"
        for reason in decision.reasons { out += "  - \(reason.code): \(reason.text.text(language))\n" }
        for message in decision.messages { out += "  - \(message.text(language))\n" }
        if !decision.missing.isEmpty { out += "  missing: \(decision.missing.joined(separator: ", "))\n" }
        if let trace = decision.trace { out += TraceText.render(trace, indent: "  ") }
        return out
    }

    public func markdown() -> String {
        "### " + product.name.text(language) + "\n\n```\n" + text() + "```\n"
    }
}
