import EligoDiagnostics
extension YAMLNode {
    /// The tree as compact JSON, keys in document order.
    ///
    /// For checking policy files against a JSON Schema: a scalar becomes the JSON
    /// value its resolution says (`.int`/`.float` numbers, `true`/`false`, `null`,
    /// strings). A number keeps its text where JSON allows it and is rewritten in
    /// JSON's syntax where that loses nothing (`+1` → `1`, `0x1F` → `31`, `.5` → `0.5`);
    /// `.inf`, `.nan` and hexadecimals beyond 64 bits stay strings. Keys are strings.
    public func jsonText() -> String {
        var out = ""
        writeJSON(to: &out)
        return out
    }

    private func writeJSON(to out: inout String) {
        switch content {
        case .scalar(let scalar):
            switch scalar.resolution {
            case .null: out += "null"
            case .bool(let value): out += value ? "true" : "false"
            case .int: out += JSONNumber.integer(scalar.value) ?? JSONNumber.quoted(scalar.value)
            case .float: out += JSONNumber.float(scalar.value) ?? JSONNumber.quoted(scalar.value)
            case .string: out += JSONNumber.quoted(scalar.value)
            }
        case .sequence(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                item.writeJSON(to: &out)
            }
            out += "]"
        case .mapping(let pairs):
            out += "{"
            for (index, pair) in pairs.enumerated() {
                if index > 0 { out += "," }
                out += JSONNumber.quoted(pair.key.scalar?.value ?? "")
                out += ":"
                pair.value.writeJSON(to: &out)
            }
            out += "}"
        }
    }
}

/// Spelling YAML scalars the way JSON wants them.
enum JSONNumber {
    /// A core-schema integer in JSON syntax, or `nil` when it does not fit.
    static func integer(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        if bytes.count > 2, bytes[0] == UInt8(ascii: "0"), bytes[1] == UInt8(ascii: "x") || bytes[1] == UInt8(ascii: "o") {
            return UInt64(String(decoding: bytes[2...], as: UTF8.self), radix: bytes[1] == UInt8(ascii: "x") ? 16 : 8).map(String.init)
        }
        var index = 0
        var sign = ""
        if index < bytes.count, CoreSchema.isSign(bytes[index]) {
            if bytes[index] == UInt8(ascii: "-") { sign = "-" }
            index += 1
        }
        return sign + digitsWithoutLeadingZeros(bytes[index...])
    }

    /// A core-schema float in JSON syntax, or `nil` for `.inf` and `.nan`.
    static func float(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        guard !bytes.contains(where: { $0 == UInt8(ascii: "i") || $0 == UInt8(ascii: "I") || $0 == UInt8(ascii: "n") || $0 == UInt8(ascii: "N") }) else {
            return nil
        }
        var index = 0
        var out = ""
        if index < bytes.count, CoreSchema.isSign(bytes[index]) {
            if bytes[index] == UInt8(ascii: "-") { out += "-" }
            index += 1
        }
        let integerStart = index
        while index < bytes.count, CoreSchema.isDigit(bytes[index]) { index += 1 }
        out += digitsWithoutLeadingZeros(bytes[integerStart..<index])
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < bytes.count, CoreSchema.isDigit(bytes[index]) { index += 1 }
            // `5.` is `5` in JSON; `.5` got its `0` above.
            if index > fractionStart { out += "." + String(decoding: bytes[fractionStart..<index], as: UTF8.self) }
        }
        out += String(decoding: bytes[index...], as: UTF8.self)
        return out
    }

    private static func digitsWithoutLeadingZeros(_ digits: ArraySlice<UInt8>) -> String {
        let trimmed = digits.drop { $0 == UInt8(ascii: "0") }
        return trimmed.isEmpty ? "0" : String(decoding: trimmed, as: UTF8.self)
    }

    static func quoted(_ text: String) -> String { JSONString.quote(text) }
}
