extension YAMLNode.Resolution {
    /// What a plain (unquoted) scalar means under the YAML 1.2 core schema, narrowed by spec §10.
    ///
    /// YAML 1.1 loaders turn `yes`, `off` or `2025-01-01` into booleans and dates,
    /// which surprises policy authors; here only the core schema's exact forms
    /// resolve, and everything else stays the string it looks like.
    public init(plainScalar text: String) {
        // Every null and bool spelling has at most five bytes; skip the comparisons for longer text.
        switch text.utf8.count <= 5 ? text : "-" {
        case "", "~", "null", "Null", "NULL":
            self = .null
        case "true", "True", "TRUE":
            self = .bool(true)
        case "false", "False", "FALSE":
            self = .bool(false)
        default:
            // Every number starts with a digit, a sign or a dot; most strings are settled here.
            guard let first = text.utf8.first, CoreSchema.isDigit(first) || CoreSchema.isSign(first) || first == UInt8(ascii: ".") else {
                self = .string
                return
            }
            let bytes = Array(text.utf8)
            if CoreSchema.isInt(bytes) {
                self = .int
            } else if CoreSchema.isFloat(bytes) {
                self = .float
            } else {
                self = .string
            }
        }
    }
}

/// The core schema's regular expressions, matched by hand over UTF-8 bytes.
enum CoreSchema {
    /// `[-+]?[0-9]+`, `0o[0-7]+` or `0x[0-9a-fA-F]+`.
    static func isInt(_ text: [UInt8]) -> Bool {
        if text.count > 2, text[0] == UInt8(ascii: "0") {
            if text[1] == UInt8(ascii: "o") { return text.dropFirst(2).allSatisfy(isOctalDigit) }
            if text[1] == UInt8(ascii: "x") { return text.dropFirst(2).allSatisfy(isHexDigit) }
        }
        let digits = text.first.map(isSign) == true ? text.dropFirst() : text[...]
        return !digits.isEmpty && digits.allSatisfy(isDigit)
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, `[-+]?\.(inf|Inf|INF)` or `\.(nan|NaN|NAN)`.
    static func isFloat(_ text: [UInt8]) -> Bool {
        switch text {
        case Array(".nan".utf8), Array(".NaN".utf8), Array(".NAN".utf8): return true
        default: break
        }
        var index = 0
        if index < text.count, isSign(text[index]) { index += 1 }
        switch Array(text[index...]) {
        case Array(".inf".utf8), Array(".Inf".utf8), Array(".INF".utf8): return true
        default: break
        }
        let integerStart = index
        while index < text.count, isDigit(text[index]) { index += 1 }
        let integerDigits = index - integerStart
        var fractionDigits = 0
        if index < text.count, text[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < text.count, isDigit(text[index]) { index += 1 }
            fractionDigits = index - fractionStart
        }
        // `.5` needs fraction digits; `5.` does not.
        guard integerDigits > 0 || fractionDigits > 0 else { return false }
        if index < text.count, text[index] == UInt8(ascii: "e") || text[index] == UInt8(ascii: "E") {
            index += 1
            if index < text.count, isSign(text[index]) { index += 1 }
            let exponentStart = index
            while index < text.count, isDigit(text[index]) { index += 1 }
            guard index > exponentStart else { return false }
        }
        return index == text.count
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    static func isOctalDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "7") }
    static func isSign(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "F"))
    }
}
