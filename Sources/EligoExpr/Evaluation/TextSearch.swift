#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Substring tests over code points of the NFC forms (§10: strings compare in NFC, `len`
/// counts code points), so that `in`, `contains`, `starts_with` and `ends_with` agree with
/// each other and with `len`.
///
/// Swift's `String` searches by extended grapheme clusters, which made `"x" in "x\u{301}"`
/// false while `"\u{301}" in "x\u{301}"` was true, and `"\r" in "\r\n"` true while
/// `starts_with("\r\n", "\r")` was false. UTF-8 is self-synchronising, so a search over the
/// bytes of the NFC forms finds exactly the runs of code points. The search is
/// Knuth–Morris–Pratt, linear however long the haystack and needle (64 KiB each, §9):
/// a naive search over `aaa…a` for `aa…ab` would take seconds.
enum TextSearch {
    static func contains(_ haystack: String, _ needle: String) -> Bool {
        withBytes(haystack, needle) { text, part in
            if part.isEmpty { return true }
            if part.count > text.count { return false }
            return firstOffset(of: part, in: text) != nil
        }
    }

    /// Where `part` (not empty) first starts in `text`, by Knuth–Morris–Pratt.
    static func firstOffset(of part: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>) -> Int? {
        if part.count == 1 {
            guard let found = memchr(text.baseAddress!, Int32(part[0]), text.count) else { return nil }
            return UnsafeRawPointer(found) - UnsafeRawPointer(text.baseAddress!)
        }
        // failure[i]: the length of the longest proper prefix of part[...i] that is also its suffix.
        var failure = [Int](repeating: 0, count: part.count)
        var length = 0
        for index in 1..<part.count {
            while length > 0, part[index] != part[length] { length = failure[length - 1] }
            if part[index] == part[length] { length += 1 }
            failure[index] = length
        }
        var matched = 0
        for index in 0..<text.count {
            while matched > 0, text[index] != part[matched] { matched = failure[matched - 1] }
            if text[index] == part[matched] { matched += 1 }
            if matched == part.count { return index - matched + 1 }
        }
        return nil
    }

    static func hasPrefix(_ text: String, _ prefix: String) -> Bool {
        withBytes(text, prefix) { text, part in
            part.count <= text.count && (part.isEmpty || memcmp(text.baseAddress!, part.baseAddress!, part.count) == 0)
        }
    }

    static func hasSuffix(_ text: String, _ suffix: String) -> Bool {
        withBytes(text, suffix) { text, part in
            part.count <= text.count && (part.isEmpty || memcmp(text.baseAddress! + (text.count - part.count), part.baseAddress!, part.count) == 0)
        }
    }

    private static func withBytes(_ a: String, _ b: String, _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        var (a, b) = (TextNormalization.nfc(a), TextNormalization.nfc(b))
        return a.withUTF8 { first in b.withUTF8 { second in body(first, second) } }
    }
}
