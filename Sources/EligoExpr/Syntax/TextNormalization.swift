import Foundation

/// NFC normalisation (§10: strings compare, and `len` counts, in NFC), cheap for the
/// text Chinese records hold: Foundation's normalisation cost ~15 % of reading a CSV
/// and ~8 µs per `len` of a Chinese string.
public enum TextNormalization {
    /// The NFC form of `text`, asking Foundation only for text that could change.
    public static func nfc(_ text: String) -> String {
        // ASCII is NFC, and so is text that `isNFCAsIs` accepts.
        if isNFCAsIs(text.utf8) { return text }
        return text.precomposedStringWithCanonicalMapping
    }

    /// Whether text is NFC without asking Foundation, because every scalar in it is one that
    /// nothing composes with and that no normalization changes (combining class 0, NFC quick
    /// check "yes", no Hangul jamo): below U+0300, CJK punctuation and kana without the
    /// combining sound marks, CJK ideographs, general punctuation U+2010–U+2027, fullwidth
    /// forms. Chinese text is all of that; anything else goes through Foundation.
    public static func isNFCAsIs(_ utf8: String.UTF8View) -> Bool {
        // Over the string's own bytes where it has them (a native string always does): the
        // view's iterator cost about 30 instructions a byte, a buffer's a few.
        utf8.withContiguousStorageIfAvailable { isNFCAsIs(bytes: $0) } ?? isNFCAsIs(bytes: utf8)
    }

    static func isNFCAsIs(bytes utf8: some Sequence<UInt8>) -> Bool {
        var iterator = utf8.makeIterator()
        while let lead = iterator.next() {
            if lead < 0x80 { continue }
            if lead < 0xE0 {
                // Two bytes: U+0080–U+07FF; below U+0300 is 0xC2...0xCB.
                guard lead <= 0xCB, iterator.next() != nil else { return false }
                continue
            }
            guard lead < 0xF0, let second = iterator.next(), let third = iterator.next() else { return false }
            let scalar = (UInt32(lead & 0x0F) << 12) | (UInt32(second & 0x3F) << 6) | UInt32(third & 0x3F)
            switch scalar {
            case 0x2010..<0x2028, 0x3000..<0x302A, 0x3030..<0x3099, 0x309B..<0x3100, 0x3400..<0x4DC0, 0x4E00..<0xA000, 0xFF00..<0xFF60:
                continue
            default:
                return false
            }
        }
        return true
    }
}
