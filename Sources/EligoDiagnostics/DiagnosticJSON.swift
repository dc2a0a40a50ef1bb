/// Renders diagnostics as a JSON array for tools (`eligo validate --format json`).
///
/// Hand-written rather than through Foundation so the module stays free of it and
/// the key order is fixed, which keeps the output byte-identical across runs.
public enum DiagnosticJSON {
    public static func render(_ diagnostics: [Diagnostic], language: Language) -> String {
        var out = "[\n"
        for (index, diagnostic) in diagnostics.enumerated() {
            out += "  " + object(diagnostic, language: language)
            out += index + 1 < diagnostics.count ? ",\n" : "\n"
        }
        out += "]\n"
        return out
    }

    static func object(_ diagnostic: Diagnostic, language: Language) -> String {
        var fields: [(String, String)] = [
            ("file", quote(diagnostic.path)),
        ]
        if let span = diagnostic.span {
            let start = span.location
            let end = span.endLocation
            fields += [
                ("line", String(start.line)), ("column", String(start.column)),
                ("end_line", String(end.line)), ("end_column", String(end.column)),
            ]
        }
        fields += [
            ("severity", quote(diagnostic.severity.rawValue)),
            ("id", quote(diagnostic.message.id)),
            ("message", quote(diagnostic.message.text(language))),
        ]
        if let help = diagnostic.help { fields.append(("help", quote(help.text(language)))) }
        if !diagnostic.notes.isEmpty {
            let notes = diagnostic.notes.map { note -> String in
                var parts = [("message", quote(note.message.text(language)))]
                if let span = note.span {
                    let at = span.location
                    parts = [("file", quote(span.file.path)), ("line", String(at.line)), ("column", String(at.column))] + parts
                }
                return "{" + parts.map { "\(quote($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
            }
            fields.append(("notes", "[" + notes.joined(separator: ", ") + "]"))
        }
        return "{" + fields.map { "\(quote($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
    }

    public static func quote(_ text: String) -> String { JSONString.quote(text) }
}
