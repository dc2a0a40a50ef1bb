import EligoDecimal
public import EligoDiagnostics
public import EligoEngine
import EligoExpr

/// The decision record as JSON, shape `eligo.decision/1` (see
/// `Schemas/decision.schema.json`): the same inputs always give the same bytes.
///
/// Decimals are strings (money with 2 places) so no consumer ever parses an
/// amount into binary floating point; unknown is `null`.
public enum DecisionJSON {
    public static let schemaVersion = "eligo.decision/1"

    /// One decision as a JSON object.
    public static func write(_ decision: Decision, language: Language, input: String? = nil, to json: inout JSONWriter) {
        json.object { json in
            json.string("schema", schemaVersion)
            if let input { json.string("input", input) }
            json.string("applicant", decision.applicantID)
            json.int("record", decision.recordNumber)
            if let line = decision.recordLine { json.int("line", line) }
            json.object("product") { json in
                json.string("id", decision.productID)
                json.string("version", decision.productVersion)
                json.string("digest", "sha256:" + decision.policyDigest)
            }
            json.string("as_of", decision.asOf.description)
            json.string("outcome", decision.outcome.rawValue)
            if let score = decision.score {
                json.object("score") { json in
                    json.string("low", score.low.description)
                    json.string("high", score.high.description)
                    json.string("pass", score.pass.description)
                    json.string("refer", score.refer?.description)
                }
            } else {
                json.null("score")
            }
            json.object("awards") { json in
                for award in decision.awards { value(award.name, award.value, money: award.isMoney, &json) }
            }
            json.array("reasons") { json in
                for reason in decision.reasons {
                    json.object { json in
                        json.string("code", reason.code)
                        json.string("message", reason.text.text(language))
                    }
                }
            }
            json.array("messages") { json in
                for message in decision.messages {
                    json.object { json in
                        json.string("id", message.id)
                        json.string("message", message.text(language))
                    }
                }
            }
            json.array("missing") { json in for field in decision.missing { json.string(nil, field) } }
            json.array("documents") { json in for document in decision.documents { json.string(nil, document) } }
            if let trace = decision.trace { write(trace, &json) }
        }
    }

    /// Many decisions as one JSON array.
    public static func render(_ decisions: [Decision], language: Language) -> String {
        var json = JSONWriter()
        json.array { json in
            for decision in decisions { write(decision, language: language, to: &json) }
        }
        return json.text + "\n"
    }

    /// One decision as an element of the array that ``render(_:language:)`` writes, for
    /// writing a long array piece by piece with the same bytes: `"["`, then the elements
    /// joined by `","`, then `"\n]\n"` (or `"[]\n"` for no decision at all).
    public static func renderElement(_ decision: Decision, language: Language) -> String {
        let whole = render([decision], language: language)  // "[\n  {…}\n]\n"
        return String(whole.dropFirst().dropLast(3))
    }

    static func value(_ name: String?, _ value: Value, money: Bool = false, _ json: inout JSONWriter) {
        switch value {
        case .unknown: json.null(name)
        case .bool(let flag): json.bool(name, flag)
        case .number(let number): json.string(name, money ? number.formatted(places: 2) : number.description)
        case .string(let text): json.string(name, text)
        case .date(let day): json.string(name, day.description)
        case .list(let items): json.array(name) { json in for item in items { Self.value(nil, item, money: money, &json) } }
        case .error: json.object(name) { json in json.bool("error", true) }
        }
    }

    private static func entry(_ entry: Trace.Entry, key: String, as member: String? = nil, _ json: inout JSONWriter) {
        json.object(member) { json in
            json.string(key, entry.name)
            json.string("expression", entry.expression.expr.printed)
            value("result", entry.result, &json)
            json.object("inputs") { json in
                for input in entry.inputs { value(input.name, input.value, &json) }
            }
        }
    }

    static func write(_ trace: Trace, _ json: inout JSONWriter) {
        json.object("trace") { json in
            if let appliesTo = trace.appliesTo {
                entry(appliesTo, key: "name", as: "applies_to", &json)
            }
            json.array("lets") { json in for item in trace.lets { entry(item, key: "name", &json) } }
            json.array("rules") { json in for item in trace.rules { entry(item, key: "id", &json) } }
            json.array("factors") { json in
                for factor in trace.factors {
                    json.object { json in
                        json.string("id", factor.id)
                        json.string("low", factor.low.description)
                        json.string("high", factor.high.description)
                        json.string("max", factor.maximum.description)
                        json.array("bins") { json in
                            for bin in factor.bins {
                                json.object { json in
                                    json.int("bin", bin.index + 1)
                                    json.string("points", bin.points.description)
                                    json.string("when", bin.when?.expression.expr.printed)
                                    if let result = bin.result { value("result", result, &json) } else { json.null("result") }
                                    json.object("inputs") { json in
                                        for input in bin.when?.inputs ?? [] { value(input.name, input.value, &json) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            json.array("awards") { json in for item in trace.awards { entry(item, key: "name", &json) } }
        }
    }
}
