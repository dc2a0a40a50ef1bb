/// A space where Chinese meets a Latin letter or digit ("枚举 county 与整数", "需要 1 个参数"), as
/// the hand-written Chinese messages have it.
///
/// Message templates insert names and type descriptions that are Latin in one place and
/// Chinese in another ("需要\(expected)" gives "需要整数" or "需要true 或 false"), so
/// the template cannot write the space itself. Quoted text (“…”, '…', `…`) is left as
/// written: it is a value or a name, which a space would change. Only for messages whose
/// inserted values are names and types, never file paths or record values outside quotes.
public enum ChineseLatinSpacing {
    public static func spaced(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var closing: Unicode.Scalar?
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            if let close = closing {
                if scalar == close { closing = nil }
            } else if let close = Self.closing(of: scalar) {
                closing = close
            } else if let before = previous, isHan(before) && isLatin(scalar) || isLatin(before) && isHan(scalar) {
                out.append(" ")
            }
            out.append(scalar)
            previous = scalar
        }
        return String(out)
    }

    private static func closing(of scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar {
        case "“": "”"
        case "'": "'"
        case "`": "`"
        default: nil
        }
    }

    private static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF: true
        default: false
        }
    }

    private static func isLatin(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))
    }
}
