/// Spacing in Chinese text: a space between Chinese and Latin letters or digits
/// ("信用评分 612"), none between two Chinese characters ("元的").
///
/// Templates put a space around every value they insert; this removes the ones
/// that end up between two Chinese characters or full-width punctuation marks, so
/// a label, a unit and a template word join as written Chinese does.
enum ChineseSpacing {
    static func tidy(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            if scalar == " ", index > 0, index + 1 < scalars.count, isWide(scalars[index - 1]), isWide(scalars[index + 1]) {
                continue
            }
            out.append(scalar)
        }
        return String(out)
    }

    /// Chinese characters and full-width punctuation (`，：；（）、。`).
    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2E80...0x2FDF, 0x3000...0x303F, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0xFF00...0xFF60: true
        default: false
        }
    }
}
