import EligoDiagnostics
@testable import EligoEngine
import EligoExpr
import Foundation
import Testing

/// CSV records typed straight into an evaluator's frame against the same records
/// typed into values and loaded: same id, number, line and problems, and the same
/// value in every slot an expression reads.
@Suite("CSV typed into cells")
struct CellTypingTests {
    typealias F = InputFixture

    /// The input fixtures' catalog (lists, a non-ASCII enum value, every type) with one
    /// product that reads every field.
    static let fixturePolicies: PolicySet = {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("eligo-cells-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try! F.catalogText.write(to: directory.appendingPathComponent("fields.yaml"), atomically: false, encoding: .utf8)
        let product = """
            id: reads-everything
            version: "1"
            name: {zh: 全部字段, en: Reads every field}
            kind: loan
            provider: {zh: 测试, en: Test}
            effective: {from: 2020-01-01}
            applies_to: applicant_type in ["household", "individual"] or county == "lüliang"
            eligibility:
              - {id: score, rule: credit_score >= 600 and annual_income > 1000 and pv_capacity_kw < 500}
              - {id: age, rule: age(birth_date) >= 18 and not blacklisted}
              - {id: crops, rule: '"大棚" in crops or len(plots) > 1 or 3 in plots'}
              - {id: named, rule: present(id) and len(note) < 40}
            award:
              amount: 1000
            """
        try! product.write(to: directory.appendingPathComponent("reads-everything.yaml"), atomically: false, encoding: .utf8)
        let (loaded, diagnostics) = PolicyLoader.load(directory: directory.path)
        guard let loaded else { fatalError(DiagnosticFormatter(language: .en).format(diagnostics.sorted)) }
        return loaded
    }()

    /// Compares the two ways on every record of `bytes`; returns how many were valid.
    @discardableResult
    static func compare(_ bytes: [UInt8], policies: PolicySet, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Int {
        let (chunks, header) = try F.chunks(bytes, .csv, maxRecords: 37)
        let parser = RecordParser(format: .csv, catalog: policies.catalog, header: header, path: "input")
        let asOf = Day(iso: "2026-11-22")!
        let evaluator = Evaluator(policies: policies)
        let plan = try #require(evaluator.cellPlan(for: parser, alsoReading: []), sourceLocation: sourceLocation)
        var loaded = evaluator.makeFrame(asOf: asOf)
        let typed = evaluator.makeFrame(asOf: asOf)
        var valid = 0
        for chunk in chunks {
            for index in chunk.records.indices {
                let expected = parser.parse(chunk, index)
                evaluator.load(expected, into: &loaded)
                let actual = parser.parse(chunk, index, into: typed.cells, plan: plan)
                let what = "record \(expected.number)"
                // A record the splitter already found broken is never typed at all.
                #expect(actual.typedIntoFrame == (chunk.records[index].problem == nil), "\(what)", sourceLocation: sourceLocation)
                #expect(actual.id == expected.id, "\(what)", sourceLocation: sourceLocation)
                #expect(actual.number == expected.number && actual.line == expected.line, "\(what)", sourceLocation: sourceLocation)
                #expect(actual.problems.map { $0.message.en } == expected.problems.map { $0.message.en }, "\(what)", sourceLocation: sourceLocation)
                guard expected.isValid else { continue }
                valid += 1
                for slot in plan.slots {
                    let want = loaded.cells.value(loaded.cells[slot])
                    let got = typed.cells.value(typed.cells[slot])
                    #expect(got == want, "\(what), slot \(slot)", sourceLocation: sourceLocation)
                    #expect(evaluator.value(ofSlot: slot, actual, in: typed) == expected.values[Int(slot)], "\(what), slot \(slot)")
                }
            }
        }
        return valid
    }

    @Test(arguments: [(1 as UInt64, 0.0), (2, 0.1), (3, 0.5)])
    func generatedPopulations(_ seed: UInt64, _ missing: Double) throws {
        let library = UnboxedDifferentialTests.policies
        let input = PopulationGenerator(
            catalog: library.catalog, options: .init(count: 400, seed: seed, format: .csv, missing: missing, bad: 0.2)
        ).bytes()
        #expect(try Self.compare(input, policies: library) > 100)
        let fixture = PopulationGenerator(
            catalog: Self.fixturePolicies.catalog, options: .init(count: 400, seed: seed, format: .csv, missing: missing, bad: 0.2)
        ).bytes()
        #expect(try Self.compare(fixture, policies: Self.fixturePolicies) > 100)
    }

    static let handMadeRows = [
            "id,applicant_type,county,credit_score,annual_income,pv_capacity_kw,birth_date,blacklisted,crops,plots,note",
            "A1,household,zuoquan,700,5000.50,12.5,1990-01-02,false,大棚;果园,1;2;3,plain",
            "\"A2\",\"individual\",\"lüliang\",\"650\",\"1200\",0,2000-02-29,TRUE,\"大棚\",7,\"a, \"\"quoted\"\" note\"",
            "A3,household,lu\u{0308}liang,650,1200,0,2000-02-29,True,,,",
            // A non-ASCII enum value in the catalog's own bytes, unquoted: found by its bytes.
            "A9,individual,lüliang,650,1200,0,2000-02-29,false,,,",
            "\"A\"\"4\",\"house\"\"hold\",zuoquan,650,1200,0,2000-02-29,false,,,",
            "A5,farmer,zuoquan,299,-1,0,2031-01-01,maybe,;,x,",
            "A6,household,zuoquan,700",
            "A7,household,zuoquan,700,1,1,1990-01-01,false,,,,extra",
            "A8,,,,,,,,,,",
            ",household,yuci,900,1,1,1990-01-01,FALSE,x,1,",
            // Values typed straight into cells: at the bounds, just past them, an int written 700.0.
            "B1,household,zuoquan,300,0,100000,1900-01-01,false,,,",
            "B2,household,zuoquan,900,0.00,100000.0,2030-12-31,true,,,",
            "B3,household,zuoquan,901,0,0,1990-01-01,false,,,",
            "B4,household,zuoquan,700,-0.01,100000.01,1899-12-31,false,,,",
            "B5,household,zuoquan,700.0,+12.50,-0,2031-01-01,false,,,",
            "B6,household,zuoquan,+700,12.345,0.5,1990-02-30,fals,,,",
            // Plain cells, then something that sends the row back to the cell-by-cell reader:
            // a quoted cell late in the row, a quoted comma inside a number.
            "C1,household,zuoquan,700,5000.50,12.5,1990-01-02,false,大棚,1,\"late, quoted\"",
            "C2,household,zuoquan,\"7,00\",5000.50,12.5,1990-01-02,false,,,",
            // Literals that the one-pass reader gives up on, each typed or reported as before.
            "C3,household,zuoquan,700,12.,.5,1990-01-02,truex,,,",
            "C4,household,zuoquan,700,1e3,12.5,1990-01-021,false,,,",
            "C5,household,zuoquan,7000000000000000000000,5000,12.5,1990-01-02,TRUE,,,",
            "C6,household,zuoquan,700,5000,12.5,1990-01-02,false,,,note,",
        ]

    @Test("quoted and doubled cells, lists, non-ASCII and non-NFC text, bad values, short and long rows")
    func handMadeCells() throws {
        let valid = try Self.compare(Array((Self.handMadeRows.joined(separator: "\r\n") + "\r\n").utf8), policies: Self.fixturePolicies)
        // A1, A2, A3 (its county in another normal form), A9, A8 (nothing but its id), B1, B2 and C1.
        #expect(valid == 8)
    }

    /// The rows that the one-pass reader types itself: no quote, the header's number of
    /// cells, an id. Bad values do not send a row back; the others go to `typeCSVRow`.
    @Test("rows typed in one pass, and rows sent back to the cell-by-cell reader")
    func onePassRows() throws {
        let (chunks, header) = try F.chunks(Array((Self.handMadeRows.joined(separator: "\n") + "\n").utf8), .csv)
        let parser = RecordParser(format: .csv, catalog: Self.fixturePolicies.catalog, header: header, path: "input")
        let evaluator = Evaluator(policies: Self.fixturePolicies)
        let plan = try #require(evaluator.cellPlan(for: parser, alsoReading: []))
        let steps = try #require(plan.columnSteps)
        let frame = evaluator.makeFrame(asOf: Day(iso: "2026-11-22")!).cells
        var taken: [String] = []
        for chunk in chunks {
            for slice in chunk.records {
                let row = chunk.bytes.withUnsafeBufferPointer { UnsafeBufferPointer(rebasing: $0[slice.range]) }
                var sink = FrameCells(frame: frame, plan: plan)
                if parser.core.typePlainCSVRow(row, slice, steps: steps, into: &sink) != nil {
                    taken.append(String(decoding: row.prefix(2), as: UTF8.self))
                }
            }
        }
        #expect(taken == ["A1", "A3", "A9", "A5", "A8", "B1", "B2", "B3", "B4", "B5", "B6", "C3", "C4", "C5"])
    }

    /// Unknown and repeated columns make every record invalid; their cells are skipped
    /// by both readers, and the problems and ids are the same.
    @Test func headerWithUnknownAndRepeatedColumns() throws {
        let rows = [
            "id,applicant_type,bogus,county,county,credit_score",
            "A1,household,x,zuoquan,yuci,700",
            "A2,household,,zuoquan,,notanumber",
            "A3,household,\"q, q\",zuoquan,yuci,700",
        ]
        let bytes = Array((rows.joined(separator: "\n") + "\n").utf8)
        let valid = try Self.compare(bytes, policies: Self.fixturePolicies)
        #expect(valid == 0)
        // The one-pass reader has steps for this header: the ignored columns are its own.
        let (_, header) = try F.chunks(bytes, .csv)
        let parser = RecordParser(format: .csv, catalog: Self.fixturePolicies.catalog, header: header, path: "input")
        let plan = try #require(Evaluator(policies: Self.fixturePolicies).cellPlan(for: parser, alsoReading: []))
        let steps = try #require(plan.columnSteps)
        #expect(steps.steps.map(\.action) == [.value, .enumeration, .ignore, .enumeration, .ignore, .decimal])
    }

    /// A header without a required column: every record lacks it, which only the
    /// cell-by-cell reader reports, so there are no steps.
    @Test func noStepsWithoutTheIdColumn() throws {
        let (_, header) = try F.chunks(Array("applicant_type,county\nhousehold,zuoquan\n".utf8), .csv)
        let parser = RecordParser(format: .csv, catalog: Self.fixturePolicies.catalog, header: header, path: "input")
        let plan = try #require(Evaluator(policies: Self.fixturePolicies).cellPlan(for: parser, alsoReading: []))
        #expect(plan.columnSteps == nil)
    }

    /// Enum values and keys are matched a word at a time, the last word overlapping the one
    /// before: every length agrees with itself and tells a change at any place, at either end.
    @Test(arguments: Array(0...40) + [63, 64, 100])
    func bytesAreComparedWhole(_ count: Int) {
        let bytes = (0..<count + 2).map { UInt8(truncatingIfNeeded: 97 + $0 % 26) }
        var other = bytes
        bytes.withUnsafeBufferPointer { a in
            other.withUnsafeBufferPointer { b in
                #expect(sameBytes(a.baseAddress! + 1, b.baseAddress! + 1, count))
            }
        }
        for place in 0..<count {
            other = bytes
            other[place + 1] ^= 0x20
            bytes.withUnsafeBufferPointer { a in
                other.withUnsafeBufferPointer { b in
                    #expect(!sameBytes(a.baseAddress! + 1, b.baseAddress! + 1, count), "length \(count), byte \(place)")
                }
            }
        }
        // A difference just outside the range is not looked at.
        other = bytes
        other[0] ^= 0x20
        other[count + 1] ^= 0x20
        bytes.withUnsafeBufferPointer { a in
            other.withUnsafeBufferPointer { b in
                #expect(sameBytes(a.baseAddress! + 1, b.baseAddress! + 1, count))
            }
        }
    }
}
