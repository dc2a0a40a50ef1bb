// Parsing decimal literals exactly, or not at all.
//
// Grammar: `[+-]? digits ("." digits)? ([eE] [+-]? digits)?`, ASCII only, nothing around it.
// - `.5` and `1.` are rejected: the policy language writes numbers with digits on both sides of
//   the point, and a record field that looks different is more likely a data error than a number.
// - `_` separators and `%` belong to the policy lexer, which strips or applies them first.
// - A literal whose value cannot be held exactly is rejected (`nil`), never rounded: more than 34
//   significant digits, a magnitude of 10^34 or more, or a nonzero digit past 42 decimal places.
//   Leading zeros and trailing fractional zeros are not significant (`0.50` is 0.5; `1.0…0` with
//   any number of zeros is 1), and `-0` is zero.

extension ExactDecimal: LosslessStringConvertible {
    /// Parses a decimal literal exactly; see the grammar in this file's header.
    ///
    /// - Parameter text: The literal, with no surrounding spaces.
    public init?(_ text: some StringProtocol) {
        let parsed = text.utf8.withContiguousStorageIfAvailable { Self.parse(utf8: $0) }
        if let parsed {
            guard let parsed else { return nil }
            self = parsed
        } else {
            var copy = String(text)
            guard let value = copy.withUTF8({ Self.parse(utf8: $0) }) else { return nil }
            self = value
        }
    }

    /// Parses a decimal literal from UTF-8 bytes, as ``init(_:)`` does, without building a `String`.
    ///
    /// Meant for record readers that hold a CSV cell or JSON number as a byte slice.
    ///
    /// - Parameter bytes: The literal's bytes, with no surrounding spaces.
    /// - Returns: The exact value, or `nil` for anything malformed or not exactly representable.
    public static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) -> ExactDecimal? {
        let count = bytes.count
        var index = 0
        guard count > 0 else { return nil }

        var negative = false
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
            negative = bytes[0] == UInt8(ascii: "-")
            index = 1
        }

        // The digits from the first to the last nonzero one, with zeros after the last nonzero
        // digit held back in `pendingZeros` until a nonzero digit shows they are inside the number.
        var digits = DigitAccumulator()
        var fractionDigits = 0

        let integerStart = index
        while index < count, let digit = decimalDigit(bytes[index]) {
            guard digits.append(digit) else { return nil }
            index += 1
        }
        guard index > integerStart else { return nil }

        if index < count && bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < count, let digit = decimalDigit(bytes[index]) {
                guard digits.append(digit) else { return nil }
                index += 1
            }
            guard index > fractionStart else { return nil }
            fractionDigits = index - fractionStart
        }

        var exponent = 0
        if index < count && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
            index += 1
            var exponentNegative = false
            if index < count && (bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+")) {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            let exponentStart = index
            while index < count, let digit = decimalDigit(bytes[index]) {
                // Saturate: any exponent this large is out of range unless the digits are zero.
                if exponent < 1_000_000 { exponent = exponent * 10 + Int(digit) }
                index += 1
            }
            guard index > exponentStart else { return nil }
            if exponentNegative { exponent = -exponent }
        }
        guard index == count else { return nil }

        if digits.count == 0 { return .zero }
        // value = significant digits × 10^power
        let power = digits.pendingZeros - fractionDigits + exponent
        var magnitude = digits.value
        var scale = 0
        if power >= 0 {
            guard digits.count + power <= greatestMagnitudeExponent else { return nil }
            magnitude *= pow10u128(power)
        } else {
            guard -power <= 42 else { return nil }
            scale = -power
        }
        let signed = Int128(magnitude)
        return ExactDecimal(unchecked: negative ? 0 &- signed : signed, scale: scale)
    }

    private static func decimalDigit(_ byte: UInt8) -> UInt8? {
        let digit = byte &- UInt8(ascii: "0")
        return digit < 10 ? digit : nil
    }
}

/// Collects a literal's significant digits, refusing more than the precision.
private struct DigitAccumulator {
    /// The digits from the first nonzero one to the last nonzero one seen so far.
    var value: UInt128 = 0
    /// How many digits `value` has.
    var count = 0
    /// Zeros seen since the last nonzero digit (and after at least one nonzero digit).
    var pendingZeros = 0

    /// Adds the next digit of the literal.
    ///
    /// - Returns: `false` when the literal has more significant digits than the precision.
    mutating func append(_ digit: UInt8) -> Bool {
        if digit == 0 {
            if count > 0 { pendingZeros += 1 }
            return true
        }
        let newCount = count + pendingZeros + 1
        guard newCount <= ExactDecimal.precision else { return false }
        if pendingZeros == 0 {
            value = value &* 10 &+ UInt128(digit)
        } else {
            value = value &* pow10u128(pendingZeros + 1) &+ UInt128(digit)
        }
        count = newCount
        pendingZeros = 0
        return true
    }
}
