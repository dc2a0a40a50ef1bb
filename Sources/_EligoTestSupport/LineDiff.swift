/// A unified-style line diff, for failure messages that show what changed
/// rather than two walls of text.
public enum LineDiff {
    /// The differences between `expected` and `actual`, as `-`/`+` lines with
    /// `context` unchanged lines around each change and `@@` hunk headers; empty
    /// when the texts are equal.
    ///
    /// A difference in the final newline alone, which a line diff cannot show,
    /// is spelled out.
    public static func unified(expected: String, actual: String, context: Int = 3) -> String {
        guard expected != actual else { return "" }
        let old = lines(expected)
        let new = lines(actual)
        if old == new {
            return expected.hasSuffix("\n") ? "\\ the actual text has no newline at its end\n" : "\\ the expected text has no newline at its end\n"
        }
        let edits = script(old, new)
        var out = ""
        var index = 0
        while index < edits.count {
            // Find the next change, then grow a hunk until `2 * context` unchanged lines separate it from the one after.
            guard let first = edits[index...].firstIndex(where: { $0.kind != .same }) else { break }
            let start = max(index, first - context)
            var end = first
            var lastChange = first
            while end < edits.count {
                if edits[end].kind != .same { lastChange = end }
                if end - lastChange > 2 * context { break }
                end += 1
            }
            let stop = min(edits.count, lastChange + context + 1)
            let hunk = edits[start..<stop]
            let oldStart = hunk.first?.oldLine ?? 0
            let newStart = hunk.first?.newLine ?? 0
            let oldCount = hunk.count { $0.kind != .insert }
            let newCount = hunk.count { $0.kind != .delete }
            out += "@@ -\(oldStart + 1),\(oldCount) +\(newStart + 1),\(newCount) @@\n"
            for edit in hunk {
                switch edit.kind {
                case .same: out += " " + edit.text + "\n"
                case .delete: out += "-" + edit.text + "\n"
                case .insert: out += "+" + edit.text + "\n"
                }
            }
            index = stop
        }
        return out
    }

    struct Edit {
        enum Kind { case same, delete, insert }
        var kind: Kind
        var text: String
        /// 0-based line numbers where the edit sits in each text.
        var oldLine: Int
        var newLine: Int
    }

    static func lines(_ text: String) -> [String] {
        var result = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if text.hasSuffix("\n") { result.removeLast() }
        return result
    }

    /// The shortest edit script by longest common subsequence; quadratic, which
    /// is fine for golden files of a few hundred lines. Past that, the common
    /// prefix and suffix are kept and the middle is shown as replaced.
    static func script(_ old: [String], _ new: [String]) -> [Edit] {
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix, old[old.count - 1 - suffix] == new[new.count - 1 - suffix] {
            suffix += 1
        }
        let a = Array(old[prefix..<(old.count - suffix)])
        let b = Array(new[prefix..<(new.count - suffix)])
        var edits = (0..<prefix).map { Edit(kind: .same, text: old[$0], oldLine: $0, newLine: $0) }
        var i = 0
        var j = 0
        if a.count * b.count <= 4_000_000 {
            // lengths[i][j]: the longest common subsequence of a[i...] and b[j...].
            let width = b.count + 1
            var lengths = [Int](repeating: 0, count: (a.count + 1) * width)
            for x in stride(from: a.count - 1, through: 0, by: -1) {
                for y in stride(from: b.count - 1, through: 0, by: -1) {
                    lengths[x * width + y] = a[x] == b[y] ? lengths[(x + 1) * width + y + 1] + 1 : max(lengths[(x + 1) * width + y], lengths[x * width + y + 1])
                }
            }
            while i < a.count, j < b.count {
                if a[i] == b[j] {
                    edits.append(Edit(kind: .same, text: a[i], oldLine: prefix + i, newLine: prefix + j))
                    i += 1
                    j += 1
                } else if lengths[(i + 1) * width + j] >= lengths[i * width + j + 1] {
                    edits.append(Edit(kind: .delete, text: a[i], oldLine: prefix + i, newLine: prefix + j))
                    i += 1
                } else {
                    edits.append(Edit(kind: .insert, text: b[j], oldLine: prefix + i, newLine: prefix + j))
                    j += 1
                }
            }
        }
        while i < a.count {
            edits.append(Edit(kind: .delete, text: a[i], oldLine: prefix + i, newLine: prefix + j))
            i += 1
        }
        while j < b.count {
            edits.append(Edit(kind: .insert, text: b[j], oldLine: prefix + i, newLine: prefix + j))
            j += 1
        }
        for k in 0..<suffix {
            edits.append(Edit(kind: .same, text: old[old.count - suffix + k], oldLine: old.count - suffix + k, newLine: new.count - suffix + k))
        }
        return edits
    }
}
