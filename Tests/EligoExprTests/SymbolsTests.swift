import EligoExpr
import Testing

@Suite("Symbols")
struct SymbolsTests {
    /// Enough ASCII entries to grow the byte table several times, plus texts only the dictionary finds.
    @Test func everyEntryIsFoundByItsTextAndNothingElseIs() {
        var symbols = Symbols()
        let ascii = (0..<500).map { "value-\($0)" } + ["", "a", "zuoquan"]
        let other = ["左权", "lüliang", "Cafe\u{301}"]
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
        for missing in ["value-500", "value-", "Value-1", "左", "zuoquan "] {
            #expect(symbols.code(of: missing) == nil, "\(missing)")
        }
    }
}
