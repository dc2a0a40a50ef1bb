import EligoAudit
import EligoEngine
import Testing

@Suite struct TextTableTests {
    @Test func columnsLineUpUnderChineseText() {
        let table = TextTable.render(headers: ["产品", "kind"], rows: [["光伏贷", "loan"], ["hydrogen", "loan"]])
        #expect(table == """
            产品      kind
            --------  ----
            光伏贷    loan
            hydrogen  loan

            """)
    }

    @Test(arguments: ["two\nlines", "two\r\nlines", "two\rlines"])
    func aLineBreakInACellStaysOnItsRow(_ cell: String) {
        let table = TextTable.render(headers: ["reason", "n"], rows: [[cell, "1"]])
        #expect(table == """
            reason     n
            ---------  -
            two lines  1

            """)
    }

    @Test func outcomesHaveNamesInBothLanguages() {
        for outcome in Outcome.allCases {
            #expect(OutcomeText.name(outcome, .en) == outcome.rawValue)
            #expect(OutcomeText.name(outcome, .zh) != outcome.rawValue)
        }
    }

    @Test func jsonWriterKeepsKeyOrderAndEscapes() {
        var json = JSONWriter(pretty: false)
        json.object { json in
            json.string("b", "say \"hi\"")
            json.int("a", 1)
            json.array("list") { json in
                json.bool(nil, true)
                json.null(nil)
            }
        }
        #expect(json.text == #"{"b":"say \"hi\"","a":1,"list":[true,null]}"#)
    }
}
