/// Renders diagnostics for people: a `file:line:column: severity: message`
/// header, the source line, a caret under the column, then help and notes.
///
/// Detection never formats; this is the only place that decides how a problem
/// looks. Colour is a decoration applied here and only when asked for, so golden
/// files stay plain.
public struct DiagnosticFormatter: Sendable {
    public var language: Language
    public var colour: Bool

    public init(language: Language, colour: Bool = false) {
        self.language = language
        self.colour = colour
    }

    /// One diagnostic, its snippet, help and notes; ends with a newline.
    public func format(_ diagnostic: Diagnostic) -> String {
        var out = header(path: diagnostic.path, location: diagnostic.location, severity: diagnostic.severity, message: diagnostic.message)
        if let span = diagnostic.span { out += snippet(span) }
        if let help = diagnostic.help {
            out += "  " + paint(language == .zh ? "提示：" : "help:", .cyan) + (language == .zh ? "" : " ") + help.text(language) + "\n"
        }
        for note in diagnostic.notes {
            out += header(path: note.span?.file.path ?? diagnostic.path, location: note.span?.location, severity: .note, message: note.message)
            if let span = note.span { out += snippet(span) }
        }
        return out
    }

    /// All diagnostics in order, followed by a count line when there are any.
    public func format(_ diagnostics: [Diagnostic]) -> String {
        var out = ""
        for diagnostic in diagnostics { out += format(diagnostic) }
        return out
    }

    /// "2 errors, 1 warning" in the chosen language.
    public func summary(errors: Int, warnings: Int) -> String {
        switch language {
        case .en:
            let e = errors == 1 ? "1 error" : "\(errors) errors"
            let w = warnings == 1 ? "1 warning" : "\(warnings) warnings"
            return "\(e), \(w)"
        case .zh:
            return "\(errors) 个错误，\(warnings) 个警告"
        }
    }

    private func header(path: String, location: SourceLocation?, severity: Severity, message: Message) -> String {
        let place = location.map { "\(path):\($0.line):\($0.column)" } ?? path
        let colourOfSeverity: Colour = switch severity {
        case .error: .red
        case .warning: .yellow
        case .note: .blue
        }
        return paint(place + ":", .bold) + " " + paint(severity.rawValue + ":", colourOfSeverity) + " " + message.text(language) + "\n"
    }

    /// Source lines longer than this many code points are shown as a window around the caret.
    static let widestSnippet = 200
    /// How much of a long line the window keeps before the caret.
    static let contextBeforeCaret = 60

    /// The offending line and a caret under the span's first column, with `~`
    /// under the rest of the span on that line.
    ///
    /// A long line (a generated expression, a 70,000-character text) is cut to
    /// a window of ``widestSnippet`` code points around the caret, with `...`
    /// where text was left out, so one problem never prints a screenful.
    private func snippet(_ span: SourceSpan) -> String {
        let start = span.location
        let file = span.file
        // libyaml reports problems at end of input on a line that does not exist.
        let line = min(start.line, max(1, file.lineCount))
        let scalars = Array(file.lineText(line).unicodeScalars)
        // 0-based; past the end of a line (or on the phantom line) the caret sits after its last character.
        let caret = line == start.line ? max(0, min(start.column - 1, scalars.count)) : scalars.count
        var length = 1
        if line == start.line {
            let end = span.endLocation
            if end.line == start.line, end.column > start.column { length = end.column - start.column }
        }
        var lower = 0
        var upper = scalars.count
        if scalars.count > Self.widestSnippet {
            lower = max(0, min(caret - Self.contextBeforeCaret, scalars.count - Self.widestSnippet))
            upper = lower + Self.widestSnippet
        }
        let elided = "..."
        var text = lower > 0 ? elided : ""
        text.unicodeScalars.append(contentsOf: scalars[lower..<upper])
        if upper < scalars.count { text += elided }

        var marker = lower > 0 ? String(repeating: " ", count: elided.count) : ""
        for scalar in scalars[lower..<caret] {
            marker += scalar == "\t" ? "\t" : String(repeating: " ", count: DisplayWidth.of(scalar))
        }
        var underline = "^"
        for (index, scalar) in scalars[caret..<min(caret + length, upper)].enumerated() {
            if index > 0 { underline += String(repeating: "~", count: DisplayWidth.of(scalar)) } else if DisplayWidth.of(scalar) == 2 { underline += "^" }
        }
        let gutter = String(line)
        let pad = String(repeating: " ", count: gutter.count)
        return " \(pad) |\n \(gutter) | \(text)\n \(pad) | \(marker)" + paint(underline, .green) + "\n"
    }

    private enum Colour: String {
        case red = "\u{1B}[1;31m"
        case yellow = "\u{1B}[1;33m"
        case blue = "\u{1B}[1;34m"
        case cyan = "\u{1B}[1;36m"
        case green = "\u{1B}[1;32m"
        case bold = "\u{1B}[1m"
    }

    private func paint(_ text: String, _ colour: Colour) -> String {
        self.colour ? colour.rawValue + text + "\u{1B}[0m" : text
    }
}

/// How many terminal cells a code point takes, so carets line up under Chinese text.
public enum DisplayWidth {
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            2
        default:
            1
        }
    }
}

extension DisplayWidth {
    /// Terminal cells a string takes.
    public static func of(_ text: String) -> Int {
        // ASCII, most cells of a table, is one cell a byte.
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.utf8.count }
        return text.unicodeScalars.reduce(0) { $0 + of($1) }
    }

    /// The text padded with spaces to `width` cells (never truncated).
    public static func padded(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - of(text)))
    }
}
