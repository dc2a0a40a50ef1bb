/// A run of text with a little structure: plain words, code (names and printed
/// expressions), and strong text. Enough to write the same explanation as
/// terminal text and as Markdown without escaping by hand.
struct Inline: Sendable, ExpressibleByStringInterpolation {
    enum Run: Sendable {
        case text(String)
        case code(String)
        /// Code from a message that already quotes it in backticks: kept in terminal text too.
        case quotedCode(String)
        case strong(String)
    }

    var runs: [Run] = []

    init() {}

    init(_ text: String) {
        if !text.isEmpty { runs = [.text(text)] }
    }

    init(stringLiteral value: String) { self.init(value) }

    init(stringInterpolation: Interpolation) { runs = stringInterpolation.runs }

    static func code(_ text: String) -> Inline {
        var inline = Inline()
        inline.runs = [.code(text)]
        return inline
    }

    /// A message whose `backticked` parts are code, as the engine writes expressions in messages.
    static func message(_ text: String) -> Inline {
        var inline = Inline()
        for (index, part) in text.split(separator: "`", omittingEmptySubsequences: false).enumerated() where !part.isEmpty {
            inline.runs.append(index % 2 == 1 ? .quotedCode(String(part)) : .text(String(part)))
        }
        // An odd number of backticks leaves the last part as code; treat it as text instead.
        if text.filter({ $0 == "`" }).count % 2 == 1, case .quotedCode(let last)? = inline.runs.last {
            inline.runs[inline.runs.count - 1] = .text("`" + last)
        }
        return inline
    }

    static func strong(_ text: String) -> Inline {
        var inline = Inline()
        inline.runs = [.strong(text)]
        return inline
    }

    var isEmpty: Bool { runs.isEmpty }

    static func + (lhs: Inline, rhs: Inline) -> Inline {
        var result = lhs
        for run in rhs.runs { append(run, to: &result.runs) }
        return result
    }

    /// Appends a run; "x = " then "≈0.9252" (a rounded value, see `ValueWords.number`) reads
    /// "x ≈ 0.9252", wherever the equals sign was written.
    fileprivate static func append(_ run: Run, to runs: inout [Run]) {
        if case .text(let next) = run, next.hasPrefix("≈"), case .text(let last)? = runs.last, last.hasSuffix(" = ") {
            runs[runs.count - 1] = .text(String(last.dropLast(2)) + "≈ ")
            if next.count > 1 { runs.append(.text(String(next.dropFirst()))) }
            return
        }
        runs.append(run)
    }

    static func += (lhs: inout Inline, rhs: Inline) { lhs = lhs + rhs }

    /// Joins parts with a separator; `last` replaces the final one ("a, b and c").
    static func join(_ parts: [Inline], _ separator: String, last: String? = nil) -> Inline {
        var result = Inline()
        for (index, part) in parts.enumerated() {
            if index > 0 { result += Inline(index == parts.count - 1 ? (last ?? separator) : separator) }
            result += part
        }
        return result
    }

    struct Interpolation: StringInterpolationProtocol {
        var runs: [Run] = []

        init(literalCapacity: Int, interpolationCount: Int) {}

        mutating func appendLiteral(_ literal: String) {
            if !literal.isEmpty { runs.append(.text(literal)) }
        }

        mutating func appendInterpolation(_ text: String) {
            if !text.isEmpty { Inline.append(.text(text), to: &runs) }
        }

        mutating func appendInterpolation(_ count: some BinaryInteger) {
            runs.append(.text(String(count)))
        }

        mutating func appendInterpolation(_ inline: Inline) {
            for run in inline.runs { Inline.append(run, to: &runs) }
        }
    }

    /// Terminal text: code as written, strong text bold only with colour.
    func text(colour: Bool) -> String {
        var out = ""
        for run in runs {
            switch run {
            case .text(let text), .code(let text): out += text
            case .quotedCode(let text): out += "`" + text + "`"
            case .strong(let text): out += colour ? "\u{1B}[1m" + text + "\u{1B}[0m" : text
            }
        }
        return out
    }

    /// CommonMark: code in backticks, strong in `**`, Markdown's punctuation escaped in plain text.
    var markdown: String {
        var out = ""
        for run in runs {
            switch run {
            case .text(let text): out += Self.escaped(text)
            case .code(let text), .quotedCode(let text): out += Self.codeSpan(text.onOneLine)
            case .strong(let text): out += "**" + Self.escaped(text) + "**"
            }
        }
        return out
    }

    /// Markdown's punctuation escaped, and line breaks made spaces: a reason written over two
    /// lines would otherwise end its list item or table row.
    static func escaped(_ text: String) -> String {
        var out = ""
        for character in text.onOneLine {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|": out += "\\" + String(character)
            default: out.append(character)
            }
        }
        return out
    }

    private static func codeSpan(_ text: String) -> String {
        // A fence longer than any run of backticks inside; padded when the text touches one.
        var longest = 0
        var current = 0
        for character in text {
            current = character == "`" ? current + 1 : 0
            longest = max(longest, current)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let padding = text.hasPrefix("`") || text.hasSuffix("`") ? " " : ""
        return fence + padding + text + padding + fence
    }
}

/// One line of a section, with the lines that explain it below.
struct Item: Sendable {
    enum Mark: Sendable {
        case bullet
        case met
        case notMet
        case unknown
        case error
        case notChecked
        case number(Int)

        var symbol: String {
            switch self {
            case .bullet: "-"
            case .met: "✓"
            case .notMet: "✗"
            case .unknown: "?"
            case .error: "!"
            case .notChecked: "·"
            case .number(let value): "\(value)."
            }
        }
    }

    var mark: Mark
    var text: Inline
    var children: [Item]

    init(_ mark: Mark = .bullet, _ text: Inline, children: [Item] = []) {
        self.mark = mark
        self.text = text
        self.children = children
    }
}

/// A titled part of an explanation: a few sentences, then a list.
struct Section: Sendable {
    var title: Inline
    var paragraphs: [Inline] = []
    var items: [Item] = []
}

/// An explanation before it is written out: the same facts for the terminal and for Markdown.
struct ExplanationDocument: Sendable {
    /// Product name, id and version.
    var title: Inline
    /// Provider, applicant and date.
    var subtitle: Inline
    /// "Outcome: …", strong.
    var outcome: Inline
    /// One sentence after the outcome.
    var summary: Inline
    var sections: [Section]

    func text(colour: Bool) -> String {
        var out = title.text(colour: colour) + "\n"
        if !subtitle.isEmpty { out += subtitle.text(colour: colour) + "\n" }
        out += outcome.text(colour: colour) + "\n"
        if !summary.isEmpty { out += summary.text(colour: colour) + "\n" }
        for section in sections {
            out += "\n" + section.title.text(colour: colour) + "\n"
            for paragraph in section.paragraphs { out += "  " + paragraph.text(colour: colour) + "\n" }
            for item in section.items { write(item, level: 0, into: &out, colour: colour) }
        }
        return out
    }

    private func write(_ item: Item, level: Int, into out: inout String, colour: Bool) {
        out += String(repeating: "  ", count: level * 2 + 1) + item.mark.symbol + " " + item.text.text(colour: colour) + "\n"
        for child in item.children { write(child, level: level + 1, into: &out, colour: colour) }
    }

    var markdown: String {
        var out = "### " + title.markdown + "\n\n"
        if !subtitle.isEmpty { out += subtitle.markdown + "\n\n" }
        out += outcome.markdown + "\n"
        if !summary.isEmpty { out += "\n" + summary.markdown + "\n" }
        for section in sections {
            out += "\n#### " + section.title.markdown + "\n"
            for paragraph in section.paragraphs { out += "\n" + paragraph.markdown + "\n" }
            if !section.items.isEmpty { out += "\n" }
            for item in section.items { writeMarkdown(item, level: 0, into: &out) }
        }
        return out
    }

    private func writeMarkdown(_ item: Item, level: Int, into out: inout String) {
        let indent = String(repeating: "    ", count: level)
        switch item.mark {
        case .number(let value): out += indent + "\(value). " + item.text.markdown + "\n"
        case .bullet: out += indent + "- " + item.text.markdown + "\n"
        default: out += indent + "- " + item.mark.symbol + " " + item.text.markdown + "\n"
        }
        for child in item.children { writeMarkdown(child, level: level + 1, into: &out) }
    }
}
