import EligoDiagnostics
import EligoDecimal
import Foundation

/// Turns an expression's UTF-8 bytes into tokens.
///
/// Works on bytes (no `Character` iteration) and records problems instead of
/// stopping, so one pass reports every bad character; the parser decides what
/// to do with the tokens it gets.
struct Lexer {
    private let bytes: [UInt8]
    private var index = 0
    private(set) var diagnostics: [(Message, Range<Int>)] = []

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    static func tokenize(_ bytes: [UInt8]) -> (tokens: [Token], problems: [(Message, Range<Int>)]) {
        var lexer = Lexer(bytes)
        var tokens: [Token] = []
        while true {
            let token = lexer.next()
            tokens.append(token)
            if case .endOfInput = token.kind { break }
        }
        return (tokens, lexer.diagnostics)
    }

    private func peek(_ offset: Int = 0) -> UInt8? {
        let position = index + offset
        return position < bytes.count ? bytes[position] : nil
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private static func isIdentStart(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == 0x5F
    }
    private static func isIdentContinue(_ byte: UInt8) -> Bool { isIdentStart(byte) || isDigit(byte) }

    /// The next token; unexpected characters are recorded and stepped over.
    mutating func next() -> Token {
        while true {
            if let token = scan() { return token }
        }
    }

    /// One token, or nil after stepping over characters that start none.
    private mutating func scan() -> Token? {
        while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
        let start = index
        guard let byte = peek() else { return Token(kind: .endOfInput, range: start..<start) }
        if Self.isDigit(byte) { return number() }
        if Self.isIdentStart(byte) { return identifier() }
        if byte == 0x22 || byte == 0x27 { return string(quote: byte) }
        index += 1
        func make(_ punct: Token.Punct) -> Token { Token(kind: .punct(punct), range: start..<index) }
        func followedBy(_ next: UInt8) -> Bool {
            if peek() == next { index += 1; return true }
            return false
        }
        switch byte {
        case 0x28: return make(.lparen)
        case 0x29: return make(.rparen)
        case 0x5B: return make(.lbracket)
        case 0x5D: return make(.rbracket)
        case 0x2C: return make(.comma)
        case 0x2B: return make(.plus)
        case 0x2D: return make(.minus)
        case 0x2A: return make(.star)
        case 0x2F: return make(.slash)
        case 0x3C: return followedBy(0x3D) ? make(.le) : make(.lt)
        case 0x3E: return followedBy(0x3D) ? make(.ge) : make(.gt)
        case 0x3D:
            if followedBy(0x3D) { return make(.eq) }
            diagnostics.append((.exprUseOperator("=", instead: "=="), start..<index))
            return make(.eq)
        case 0x21:
            if followedBy(0x3D) { return make(.ne) }
            diagnostics.append((.exprUseOperator("!", instead: "not"), start..<index))
            return Token(kind: .keyword(.not), range: start..<index)
        case 0x26:
            _ = followedBy(0x26)
            diagnostics.append((.exprUseOperator(String(decoding: bytes[start..<index], as: UTF8.self), instead: "and"), start..<index))
            return Token(kind: .keyword(.and), range: start..<index)
        case 0x7C:
            _ = followedBy(0x7C)
            diagnostics.append((.exprUseOperator(String(decoding: bytes[start..<index], as: UTF8.self), instead: "or"), start..<index))
            return Token(kind: .keyword(.or), range: start..<index)
        case 0x2E:
            // `.5`: a fraction without its leading zero is one malformed number,
            // not a dot followed by a number (which would give two confusing errors).
            if let after = peek(), Self.isDigit(after) {
                while let next = peek(), next == 0x2E || Self.isIdentContinue(next) { index += 1 }
                if peek() == 0x25 { index += 1 }
                diagnostics.append((.exprMalformedNumber(String(decoding: bytes[start..<index], as: UTF8.self)), start..<index))
                return Token(kind: .number(.zero, isPercent: false), range: start..<index)
            }
            return make(.dot)
        default:
            // Step over the whole run of characters that cannot start a token (whole UTF-8
            // sequences, so the message shows them): a name typed in Chinese is one problem,
            // not one per character.
            index = start
            while let next = peek(), Self.isUnexpected(next) {
                index += 1
                while let continuation = peek(), continuation & 0xC0 == 0x80 { index += 1 }
            }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            diagnostics.append((.exprUnexpectedCharacter(text), start..<index))
            return nil
        }
    }

    /// A byte that starts no token: not whitespace, a digit, a letter, a quote or an operator.
    private static func isUnexpected(_ byte: UInt8) -> Bool {
        if isDigit(byte) || isIdentStart(byte) { return false }
        switch byte {
        case 0x20, 0x09, 0x0A, 0x0D, 0x22, 0x27, 0x28, 0x29, 0x5B, 0x5D, 0x2C, 0x2E, 0x2B, 0x2D, 0x2A, 0x2F,
             0x3C, 0x3E, 0x3D, 0x21, 0x26, 0x7C:
            return false
        default:
            return true
        }
    }

    private mutating func identifier() -> Token {
        let start = index
        while let byte = peek(), Self.isIdentContinue(byte) { index += 1 }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if let keyword = Token.Keyword(rawValue: text) {
            return Token(kind: .keyword(keyword), range: start..<index)
        }
        return Token(kind: .identifier(text), range: start..<index)
    }

    /// `digits ("_" digits)* ["." digits] ["%"]`; a percent divides by 100 exactly.
    private mutating func number() -> Token {
        let start = index
        var digits: [UInt8] = []
        var malformed = false
        func digitRun() {
            while let byte = peek() {
                if Self.isDigit(byte) {
                    digits.append(byte)
                    index += 1
                } else if byte == 0x5F {
                    // An underscore must sit between two digits.
                    if !(peek(1).map(Self.isDigit) ?? false) || !(index > start && Self.isDigit(bytes[index - 1])) { malformed = true }
                    index += 1
                } else {
                    break
                }
            }
        }
        digitRun()
        var scale = 0
        if peek() == 0x2E {
            if let after = peek(1), Self.isDigit(after) {
                index += 1
                let before = digits.count
                digitRun()
                scale = digits.count - before
            } else {
                // `1.` and `1.x` are never meaningful.
                index += 1
                malformed = true
            }
        }
        // A second fractional part or letters glued to the number: `1.2.3`, `12abc`.
        while let byte = peek(), byte == 0x2E || Self.isIdentContinue(byte) {
            malformed = true
            index += 1
        }
        var isPercent = false
        if peek() == 0x25 {
            isPercent = true
            index += 1
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if malformed {
            diagnostics.append((.exprMalformedNumber(text), start..<index))
            return Token(kind: .number(.zero, isPercent: false), range: start..<index)
        }
        // The digits with the point `scale` places from the right, two places more for a percentage
        // (70% is 0.70), read in one step: the value is exact, or the literal is too long to hold.
        let places = scale + (isPercent ? 2 : 0)
        guard let value = ExactDecimal(String(decoding: digits, as: UTF8.self) + "e-\(places)") else {
            diagnostics.append((.exprNumberTooLong(text, Self.brokenBound(digits, places: places), percent: isPercent), start..<index))
            return Token(kind: .number(.zero, isPercent: false), range: start..<index)
        }
        return Token(kind: .number(value, isPercent: isPercent), range: start..<index)
    }

    /// Which bound a literal that cannot be held exactly breaks: `digits` without separators,
    /// the last `places` of them after the point (which may lie left of the first digit).
    static func brokenBound(_ digits: [UInt8], places: Int) -> Message.NumberBound {
        var first = 0
        while first < digits.count, digits[first] == 0x30 { first += 1 }
        let point = digits.count - places
        // Digits before the point, leading zeros not counted: more than 34 is 10^34 or more.
        if point - first > ExactDecimal.greatestMagnitudeExponent { return .magnitude }
        var last = digits.count
        while last > max(first, point), digits[last - 1] == 0x30 { last -= 1 }
        // Places up to the last nonzero digit (trailing zeros are not significant).
        if last - point > ExactDecimal.maxScale { return .places }
        return .digits
    }

    private mutating func string(quote: UInt8) -> Token {
        let start = index
        index += 1
        var value: [UInt8] = []
        while true {
            guard let byte = peek() else {
                diagnostics.append((.exprUnterminatedString, start..<index))
                break
            }
            index += 1
            if byte == quote { break }
            if byte == 0x5C {
                guard let escaped = peek() else { continue }
                let escapeStart = index - 1
                index += 1
                switch escaped {
                case 0x22, 0x27, 0x5C: value.append(escaped)
                case 0x6E: value.append(0x0A)
                case 0x74: value.append(0x09)
                default:
                    while let next = peek(), next & 0xC0 == 0x80 { index += 1 }
                    let text = String(decoding: bytes[(escapeStart + 1)..<index], as: UTF8.self)
                    diagnostics.append((.exprBadEscape(text), escapeStart..<index))
                }
                continue
            }
            value.append(byte)
        }
        return Token(kind: .string(Self.normalized(String(decoding: value, as: UTF8.self))), range: start..<index)
    }

    /// Strings compare after NFC normalisation (§10); literals are normalised once, here.
    static func normalized(_ text: String) -> String { TextNormalization.nfc(text) }
}
