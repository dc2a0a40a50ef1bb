import EligoDiagnostics
import Testing

/// Offsets inside, line and code-point columns outside (§10 positions).
@Suite struct SourceFileTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var offset: Int
        var line: Int
        var column: Int
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "start of file", bytes: Array("abc".utf8), offset: 0, line: 1, column: 1),
        Case(name: "second line", bytes: Array("ab\ncd".utf8), offset: 4, line: 2, column: 2),
        Case(name: "CRLF ends a line once", bytes: Array("ab\r\ncd".utf8), offset: 4, line: 2, column: 1),
        Case(name: "lone CR ends a line", bytes: Array("ab\rcd".utf8), offset: 3, line: 2, column: 1),
        Case(name: "a BOM does not count", bytes: [0xEF, 0xBB, 0xBF] + Array("ab".utf8), offset: 4, line: 1, column: 2),
        Case(name: "Chinese counts one column per character", bytes: Array("名称: x".utf8), offset: 8, line: 1, column: 5),
        Case(name: "a tab counts 1", bytes: Array("\tx".utf8), offset: 1, line: 1, column: 2),
        Case(name: "an emoji is one code point", bytes: Array("😀: d".utf8), offset: 6, line: 1, column: 4),
        Case(name: "past the end clamps", bytes: Array("ab".utf8), offset: 99, line: 1, column: 3),
    ]

    @Test(arguments: cases)
    func location(_ example: Case) {
        let file = SourceFile(path: "f.yaml", bytes: example.bytes)
        #expect(file.location(of: example.offset) == SourceLocation(line: example.line, column: example.column))
    }

    @Test(arguments: cases.filter { $0.offset <= $0.bytes.count })
    func offsetRoundTrip(_ example: Case) {
        let file = SourceFile(path: "f.yaml", bytes: example.bytes)
        let location = file.location(of: example.offset)
        #expect(file.location(of: file.offset(line: location.line, column: location.column)) == location)
    }

    @Test func lineTextDropsTerminatorsAndTheBOM() {
        let file = SourceFile(path: "f", bytes: [0xEF, 0xBB, 0xBF] + Array("one\r\ntwo\n".utf8))
        #expect(file.lineText(1) == "one")
        #expect(file.lineText(2) == "two")
        #expect(file.lineCount == 2)
    }
}

@Suite struct FormatterTests {
    static let file = SourceFile(path: "p/loan.yaml", text: "name: {zh: 测试, en: Test, fr: x}\nrule: age >= 18\n")

    @Test func headerSnippetCaretAndHelp() {
        let span = SourceSpan(file: Self.file, start: 29, length: 2)
        let diagnostic = Diagnostic.error(
            Message(id: "t.unknown", en: "unknown key 'fr'", zh: "未知键“fr”"), at: span,
            help: Message(id: "t.help", en: "did you mean 'en'?", zh: "是否想写“en”?"))
        let text = DiagnosticFormatter(language: .en).format(diagnostic)
        // The caret sits under `fr`: the two Chinese characters before it take two cells each.
        #expect(text == """
            p/loan.yaml:1:26: error: unknown key 'fr'
               |
             1 | name: {zh: 测试, en: Test, fr: x}
               |                            ^~
              help: did you mean 'en'?

            """)
        #expect(DiagnosticFormatter(language: .zh).format(diagnostic).hasPrefix("p/loan.yaml:1:26: error: 未知键“fr”\n"))
    }

    @Test func notesAndFileLevelProblems() {
        let first = SourceSpan(file: Self.file, start: 36, length: 4)
        var diagnostic = Diagnostic(.error, Message(id: "t.x", en: "broken", zh: "坏了"), at: nil, path: "p/other.yaml")
        diagnostic.notes = [.init(message: Message(id: "t.n", en: "first here", zh: "首次在此"), span: first)]
        let text = DiagnosticFormatter(language: .en).format(diagnostic)
        #expect(text.hasPrefix("p/other.yaml: error: broken\np/loan.yaml:2:1: note: first here\n"))
    }

    @Test func colourOnlyWhenAsked() {
        let diagnostic = Diagnostic.warning(Message(id: "t.w", en: "careful", zh: "小心"), at: SourceSpan(file: Self.file, start: 0, length: 4))
        #expect(!DiagnosticFormatter(language: .en).format(diagnostic).contains("\u{1B}["))
        #expect(DiagnosticFormatter(language: .en, colour: true).format(diagnostic).contains("\u{1B}["))
    }

    @Test func jsonIsStableAndEscaped() {
        let diagnostic = Diagnostic.error(Message(id: "t.q", en: "say \"hi\"\n", zh: "说"), at: SourceSpan(file: Self.file, start: 36, length: 4))
        #expect(DiagnosticJSON.render([diagnostic], language: .en) == """
            [
              {"file": "p/loan.yaml", "line": 2, "column": 1, "end_line": 2, "end_column": 5, "severity": "error", "id": "t.q", "message": "say \\"hi\\"\\n"}
            ]

            """)
    }

    @Test func suggestionsFindTyposOnly() {
        #expect(Spelling.suggestion(for: "credit_scor", among: ["credit_score", "age"]) == "credit_score")
        #expect(Spelling.suggestion(for: "aeg", among: ["credit_score", "age"]) == "age")
        #expect(Spelling.suggestion(for: "income", among: ["credit_score", "age"]) == nil)
    }
}
