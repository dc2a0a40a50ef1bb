import EligoDecimal
public import EligoDiagnostics
public import EligoEngine
import EligoExpr

/// A decision explained for a loan officer to read to the applicant: each rule
/// with the values it read, the score factor by factor, the amount's computation,
/// what is missing and what would change the outcome.
///
/// Built from the decision's trace (evaluate with `explain: true`); without one,
/// only the outcome, reasons, messages, missing fields and documents are shown.
/// The same decision always gives the same text.
public struct Explanation: Sendable {
    public let decision: Decision
    public let product: Product
    public let catalog: FieldCatalog
    public let language: Language
    /// The most score factors named under "what would change the outcome".
    public let maxFactors: Int

    /// - Parameters:
    ///   - decision: what to explain, with its trace.
    ///   - product: the product that made it.
    ///   - catalog: for field labels and units.
    ///   - language: Chinese or English.
    ///   - maxFactors: how many of the factors that lost the most points to name.
    public init(decision: Decision, product: Product, catalog: FieldCatalog, language: Language, maxFactors: Int = 4) {
        self.decision = decision
        self.product = product
        self.catalog = catalog
        self.language = language
        self.maxFactors = maxFactors
    }

    /// Terminal text; with `colour`, the outcome is bold.
    public func text(colour: Bool = false) -> String {
        tidy(document().text(colour: colour))
    }

    /// CommonMark, starting with a level-3 heading (the product).
    public func markdown() -> String {
        tidy(document().markdown)
    }

    private func tidy(_ text: String) -> String {
        language == .zh ? ChineseSpacing.tidy(text) : text
    }

    func document() -> ExplanationDocument {
        var builder = ExplanationBuilder(self)
        return builder.build()
    }
}
