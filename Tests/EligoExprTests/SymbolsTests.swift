import EligoExpr
import Testing

@Suite("Symbols")
struct SymbolsTests {
    /// Enough ASCII entries to grow the byte table several times, plus texts only the dictionary finds.
    @Test func everyEntryIsFoundByItsTextAndNothingElseIs() {
        var symbols = Symbols()
        let ascii = (0..<500).map { "value-\($0)" } + ["", "a", "zuoquan"]
        // Found by their bytes (NFC as they stand), except the decomposed one, kept by its NFC bytes.
        let other = ["左权", "lüliang", "Cafe\u{301}", "Jos\u{E9}", "光伏", "Ørsted"]
        var codes: [String: Int32] = [:]
        for text in ascii + other { codes[text] = symbols.intern(text) }
        #expect(Set(codes.values).count == codes.count)
        for (text, code) in codes {
            #expect(symbols.code(of: text) == code, "\(text)")
            #expect(symbols.intern(text) == code, "interning again gives the same code")
            #expect(symbols.strings[Int(code)] == text)
        }
        // Equal under `==` (canonical equivalence) means the same code.
        #expect(symbols.code(of: "Caf\u{E9}") == codes["Cafe\u{301}"])
        #expect(symbols.code(of: "Jose\u{301}") == codes["Jos\u{E9}"])
        #expect(symbols.code(of: "lu\u{308}liang") == codes["lüliang"])
        for missing in ["value-500", "value-", "Value-1", "左", "zuoquan ", "Jos", "José ", "Jose", "光伏 ", "Cafe"] {
            #expect(symbols.code(of: missing) == nil, "\(missing)")
        }
    }
}
