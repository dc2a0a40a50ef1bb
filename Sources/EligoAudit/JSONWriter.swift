import EligoDiagnostics

/// Writes JSON with keys in the order given, so the same decision always gives
/// the same bytes (Foundation's encoder does not promise an order).
public struct JSONWriter: Sendable {
    public private(set) var text = ""
    private var needsComma: [Bool] = [false]
    private let pretty: Bool

    public init(pretty: Bool = true) { self.pretty = pretty }

    private mutating func separate() {
        if needsComma[needsComma.count - 1] { text += "," }
        needsComma[needsComma.count - 1] = true
        if pretty, needsComma.count > 1 { text += "\n" + String(repeating: "  ", count: needsComma.count - 1) }
    }

    private mutating func open(_ bracket: String) {
        text += bracket
        needsComma.append(false)
    }

    private mutating func close(_ bracket: String) {
        let hadItems = needsComma.removeLast()
        if pretty, hadItems { text += "\n" + String(repeating: "  ", count: needsComma.count - 1) }
        text += bracket
    }

    private mutating func key(_ name: String) {
        separate()
        text += Self.quote(name) + (pretty ? ": " : ":")
    }

    public mutating func object(_ name: String? = nil, _ body: (inout JSONWriter) -> Void) {
        if let name { key(name) } else { separate() }
        open("{")
        body(&self)
        close("}")
    }

    public mutating func array(_ name: String? = nil, _ body: (inout JSONWriter) -> Void) {
        if let name { key(name) } else { separate() }
        open("[")
        body(&self)
        close("]")
    }

    public mutating func string(_ name: String?, _ value: String?) {
        if let name { key(name) } else { separate() }
        text += value.map(Self.quote) ?? "null"
    }

    public mutating func bool(_ name: String?, _ value: Bool) {
        if let name { key(name) } else { separate() }
        text += value ? "true" : "false"
    }

    public mutating func int(_ name: String?, _ value: Int?) {
        if let name { key(name) } else { separate() }
        text += value.map(String.init) ?? "null"
    }

    public mutating func null(_ name: String?) {
        if let name { key(name) } else { separate() }
        text += "null"
    }

    public static func quote(_ text: String) -> String { JSONString.quote(text) }
}
