/// The applicant id of a YAML document that cannot be read as a whole (a syntax error, bytes
/// that are not UTF-8), taken from its `id:` line, so that its invalid decision still names
/// the applicant a back office has to follow up, as a broken CSV row keeps its id cell.
///
/// Only the plainest form counts: a line that starts with `id:` in the first column (a key of
/// the top-level mapping), then a plain scalar, or a single- or double-quoted one without
/// escapes, and an optional comment. Anything else gives nil: a guess is worse than no id.
enum BrokenDocumentID {
    static func scan(_ bytes: ArraySlice<UInt8>) -> String? {
        var lineStart = bytes.startIndex
        while lineStart < bytes.endIndex {
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.endIndex
            var line = bytes[lineStart..<lineEnd]
            if line.last == 0x0D { line = line.dropLast() }
            if line.starts(with: Array("id:".utf8)) { return value(line.dropFirst(3)) }
            lineStart = lineEnd + 1
        }
        return nil
    }

    private static func value(_ rest: ArraySlice<UInt8>) -> String? {
        guard let first = rest.first, first == 0x20 || first == 0x09 else { return nil }
        var text = rest.drop { $0 == 0x20 || $0 == 0x09 }
        guard let opening = text.first else { return nil }
        let raw: ArraySlice<UInt8>
        if opening == 0x22 || opening == 0x27 {
            // "…" or '…' with nothing to unescape, then only a comment may follow.
            text = text.dropFirst()
            guard let close = text.firstIndex(of: opening) else { return nil }
            raw = text[..<close]
            let after = text[text.index(after: close)...].drop { $0 == 0x20 || $0 == 0x09 }
            guard after.isEmpty || after.first == 0x23, !raw.contains(0x5C) else { return nil }
        } else {
            // A plain scalar: up to a comment (` #`), trailing blanks dropped; no flow or node syntax.
            guard !Array("[{&*!|>%@`#".utf8).contains(opening) else { return nil }
            var end = text.endIndex
            var index = text.startIndex
            while index < text.endIndex {
                if text[index] == 0x23, index > text.startIndex, text[index - 1] == 0x20 || text[index - 1] == 0x09 {
                    end = index
                    break
                }
                index += 1
            }
            while end > text.startIndex, text[end - 1] == 0x20 || text[end - 1] == 0x09 { end -= 1 }
            raw = text[..<end]
            // `id: a: b` is no plain scalar (a colon and a blank start a mapping value).
            guard raw.last != 0x3A, !zip(raw, raw.dropFirst()).contains(where: { $0 == 0x3A && ($1 == 0x20 || $1 == 0x09) }) else { return nil }
        }
        guard !raw.isEmpty, let id = String(validating: raw, as: UTF8.self) else { return nil }
        return id
    }
}
