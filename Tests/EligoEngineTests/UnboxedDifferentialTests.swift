import EligoDecimal
import EligoDiagnostics
@testable import EligoEngine
import EligoExpr
import Foundation
import Testing

/// The unboxed path against the reference evaluator, decision by decision, on
/// generated populations and the project's policies: every field of every
/// decision must agree, whichever path made it.
@Suite("Unboxed evaluation agrees with the reference")
struct UnboxedDifferentialTests {
    static let policies: PolicySet = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let (policies, diagnostics) = PolicyLoader.load(directory: root.appendingPathComponent("Policies").path)
        guard let policies else { fatalError(DiagnosticFormatter(language: .en).format(diagnostics.sorted)) }
        return policies
    }()

    static func records(count: Int, seed: UInt64, missing: Double, bad: Double) throws -> [ApplicantRecord] {
        let generator = PopulationGenerator(
            catalog: policies.catalog, options: .init(count: count, seed: seed, format: .csv, missing: missing, bad: bad))
        return try GeneratorTests.parse(generator.bytes(), .csv, policies.catalog)
    }

    /// Everything a decision says, as text, so two decisions compare in one line and a
    /// difference shows where it is.
    static func describe(_ decision: Decision) -> String {
        var parts = [decision.productID, decision.outcome.rawValue]
        if let score = decision.score { parts.append("score \(score.low)..\(score.high) pass \(score.pass) refer \(score.refer.map { "\($0)" } ?? "-")") }
        parts.append("awards " + decision.awards.map { "\($0.name)=\($0.value)\($0.isMoney ? "¥" : "")" }.joined(separator: ","))
        parts.append("reasons " + decision.reasons.map { "\($0.code): \($0.text.en) / \($0.text.zh)" }.joined(separator: "; "))
        parts.append("missing " + decision.missing.joined(separator: ","))
        parts.append("messages " + decision.messages.map(\.en).joined(separator: "; "))
        parts.append("documents " + decision.documents.joined(separator: ","))
        parts.append("record \(decision.recordNumber) \(decision.recordLine.map(String.init) ?? "-") \(decision.applicantID ?? "-")")
        return parts.joined(separator: " | ")
    }

    struct Population: Sendable, CustomStringConvertible {
        var seed: UInt64
        var missing: Double
        var asOf: String
        var description: String { "seed \(seed), \(Int(missing * 100)) % missing, as of \(asOf)" }
    }

    static let populations: [Population] = [
        Population(seed: 1, missing: 0, asOf: "2026-11-22"),
        Population(seed: 2, missing: 0.05, asOf: "2026-11-22"),
        Population(seed: 3, missing: 0.3, asOf: "2025-06-30"),
        Population(seed: 4, missing: 0.8, asOf: "2024-01-01"),
        Population(seed: 5, missing: 0.02, asOf: "2031-01-01"),
    ]

    @Test(arguments: populations)
    func sameDecisions(_ population: Population) throws {
        let records = try Self.records(count: 800, seed: population.seed, missing: population.missing, bad: 0.02)
        try Self.compare(records, policies: Self.policies, asOf: population.asOf)
    }

    /// Scorecards with fractional points are scored in decimals, not in machine
    /// integers: the library with its points changed (`30` → `30.25`, every fourth
    /// bin `30.5`, so scales mix) must still decide alike on both paths.
    @Test func fractionalPoints() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("eligo-points-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.copyItem(at: root.appendingPathComponent("Policies"), to: directory)
        var changed = 0
        for case let path as String in FileManager.default.enumerator(atPath: directory.path)! where path.hasSuffix(".yaml") {
            let url = directory.appendingPathComponent(path)
            var text = try String(contentsOf: url, encoding: .utf8)
            let pattern = try Regex("points: ([0-9]+)")
            text = text.replacing(pattern) { match in
                changed += 1
                let points = Int(match.output[1].substring!)!
                return changed % 4 == 0 ? "points: \(points).5" : "points: \(points).25"
            }
            try text.write(to: url, atomically: false, encoding: .utf8)
        }
        #expect(changed > 50)
        let (loaded, diagnostics) = PolicyLoader.load(directory: directory.path)
        let policies = try #require(loaded, "\(DiagnosticFormatter(language: .en).format(diagnostics.sorted))")
        #expect(UnboxedPolicies(policies).products.allSatisfy { $0.wholePoints == nil || $0.bins.isEmpty })
        let records = try Self.records(count: 600, seed: 21, missing: 0.1, bad: 0.01)
        try Self.compare(records, policies: policies, asOf: "2026-11-22")
    }

    /// A list of money is money item by item (§2, §4): the unboxed path decides such a product
    /// itself and rounds the items as the reference does.
    @Test(arguments: [
        ("{id: A, m: 1.005, lm: [1.005, 2, -0.005]}", "tranches=[1.01, 2, -0.01]¥", "pair=[1.01, 2]¥"),
        ("{id: A, m: 0.994, lm: []}", "tranches=[]¥", "pair=[0.99, 2]¥"),
        ("{id: A, m: 3, lm: [0.125]}", "tranches=[0.13]¥", "pair=[3, 2]¥"),
    ])
    func listOfMoneyAwards(_ applicant: String, _ tranches: String, _ pair: String) throws {
        let fixture = try PolicyFixture(
            catalog: "fields:\n  id: {type: string, required: true}\n  m: {type: money}\n  lm: {type: list, of: money}\n",
            products: ["p/t.yaml": """
                id: tranches
                version: "1"
                name: T
                kind: grant
                effective: {from: 2025-01-01}
                award:
                  amount: m
                  tranches: lm
                  pair: "[m, 2]"
                """])
        let record = fixture.record(applicant)
        let product = try #require(fixture.policies.products.first)
        let asOf = try #require(Day(iso: "2025-06-01"))
        let unboxed = Evaluator(policies: fixture.policies)
        var frame = unboxed.makeFrame(for: record, asOf: asOf)
        let compiled = try #require(unboxed.compiledProduct(at: 0))
        var fast = Decision(blankFor: record, product, asOf: asOf)
        guard case .decided = compiled.decide(product, in: frame.cells, awards: &frame.awardCells, missing: &frame.missingSlots, into: &fast) else {
            Issue.record("the unboxed path handed the product back")
            return
        }
        guard case .decided(let slow) = Evaluator(policies: fixture.policies, unboxed: false).evaluate(record, against: product, asOf: asOf) else {
            Issue.record("not decided")
            return
        }
        #expect(Self.describe(fast) == Self.describe(slow))
        #expect(Self.describe(fast).contains(tranches + ","), "\(Self.describe(fast))")
        #expect(Self.describe(fast).contains(pair + " |"), "\(Self.describe(fast))")
    }

    /// A row declined on its rules is decided without its other awards, but its amount still
    /// gives `no-award` when it rounds to 0 or below (§6, §10): decided in a group, each row
    /// must get what it gets alone, and what the reference gives.
    @Test func declinedRowsJudgeTheRoundedAmount() throws {
        let fixture = try PolicyFixture(
            catalog: "fields:\n  id: {type: string, required: true}\n  m: {type: money}\n  ok: {type: bool}\n",
            products: ["p/t.yaml": """
                id: rounded
                version: "1"
                name: R
                kind: grant
                effective: {from: 2025-01-01}
                eligibility:
                  - {id: ok, rule: ok, reason: {zh: 不行, en: Not ok}}
                award:
                  amount: m
                  half: m / 2
                """])
        let cases: [(applicant: String, reasons: [String])] = [
            ("{id: A, m: 0.004, ok: false}", ["ok", "no-award"]),
            ("{id: B, m: 0.005, ok: false}", ["ok"]),
            ("{id: C, m: -0.004, ok: false}", ["ok", "no-award"]),
            ("{id: D, m: 0, ok: false}", ["ok", "no-award"]),
            ("{id: E, m: 1, ok: false}", ["ok"]),
            ("{id: F, ok: false}", ["ok"]),
            ("{id: G, m: 0.004, ok: true}", ["no-award"]),
        ]
        let decided = try OneGroup(fixture, applicants: cases.map(\.applicant), asOf: "2025-06-01")
        let (records, product, asOf, evaluator, reference, group) =
            (decided.records, decided.product, decided.asOf, decided.evaluator, decided.reference, decided.group)
        var single = evaluator.makeFrame(asOf: asOf)
        for (row, record) in records.enumerated() {
            evaluator.load(record, into: &single)
            let grouped = evaluator.rowEvaluation(group, row: row, record: record, product: 0, asOf: asOf)
            let alone = evaluator.evaluateForRow(record, against: product, asOf: asOf, frame: &single)
            #expect(Self.describe(grouped, missing: []) == Self.describe(alone, missing: []), "\(cases[row].applicant)")
            guard case .decided(let decision) = reference.evaluate(record, against: product, asOf: asOf) else {
                Issue.record("not decided: \(cases[row].applicant)")
                continue
            }
            #expect(decision.outcome == .decline && decision.reasons.map(\.code) == cases[row].reasons, "\(cases[row].applicant)")
            // Decided by the group itself, not handed to the record alone.
            guard group.kind(row: row, product: 0) == .decided, case .verdict(let verdict) = grouped else {
                Issue.record("not decided by the group: \(cases[row].applicant)")
                continue
            }
            #expect(verdict.noAward == cases[row].reasons.contains("no-award"), "\(cases[row].applicant)")
        }
    }

    /// A row whose `let`, rule or award meets an error (division by zero) leaves the group and
    /// is decided alone, which reports the error; the rows around it stay in the group and
    /// are decided as before. Each stage drops its own rows, so each case errs at one stage.
    @Test func rowsThatMeetAnErrorAreDecidedAlone() throws {
        let fixture = try PolicyFixture(
            catalog: "fields:\n  id: {type: string, required: true}\n  a: {type: number}\n  b: {type: number}\n  c: {type: number}\n  d: {type: number}\n  ok: {type: bool}\n",
            products: ["p/e.yaml": """
                id: errors
                version: "1"
                name: E
                kind: grant
                effective: {from: 2025-01-01}
                let:
                  per: 100 / a
                  spare: 1 / d
                eligibility:
                  - {id: ok, rule: ok, reason: {zh: 不行, en: Not ok}}
                  - {id: per, rule: per >= 0, reason: {zh: 负, en: Negative}}
                  - {id: share, rule: 10 / b < 50, reason: {zh: 多, en: Too much}}
                award:
                  amount: 1000 / c
                """])
        let cases: [(applicant: String, outcome: Outcome)] = [
            ("{id: A, a: 1, b: 1, c: 1, ok: true}", .approve),
            ("{id: B, a: 0, b: 1, c: 1, ok: true}", .error),
            ("{id: C, a: 1, b: 1, c: 1, ok: false}", .decline),
            ("{id: D, a: 1, b: 0, c: 1, ok: true}", .error),
            ("{id: E, a: 1, b: 1, c: 2, ok: true}", .approve),
            ("{id: F, a: 1, b: 1, c: 0, ok: true}", .error),
            ("{id: G, a: 0, b: 1, c: 1, ok: false}", .error),
            ("{id: H, b: 1, c: 1, ok: true}", .incomplete),
            ("{id: I, a: 4, b: 1, c: 1, ok: false}", .decline),
            ("{id: J, a: 1, b: 1, c: 1, d: 0, ok: true}", .error),  // a `let` no rule reads errs too
            ("{id: K, a: 1, b: 1, c: 0, ok: false}", .error),  // an error before a decline
        ]
        let decided = try OneGroup(fixture, applicants: cases.map(\.applicant), asOf: "2025-06-01")
        let (records, product, asOf, evaluator, reference, group) =
            (decided.records, decided.product, decided.asOf, decided.evaluator, decided.reference, decided.group)
        var single = evaluator.makeFrame(asOf: asOf)
        for (row, record) in records.enumerated() {
            let applicant = cases[row].applicant
            guard case .decided(let decision) = reference.evaluate(record, against: product, asOf: asOf) else {
                Issue.record("not decided: \(applicant)")
                continue
            }
            #expect(decision.outcome == cases[row].outcome, "\(applicant)")
            evaluator.load(record, into: &single)
            let grouped = evaluator.rowEvaluation(group, row: row, record: record, product: 0, asOf: asOf)
            let alone = evaluator.evaluateForRow(record, against: product, asOf: asOf, frame: &single)
            #expect(Self.describe(grouped, missing: group.frames[row].missingSlots) == Self.describe(alone, missing: single.missingSlots), "\(applicant)")
            // The rows that err are the group's to hand over; it decides every other one itself.
            #expect((group.kind(row: row, product: 0) == .single) == (cases[row].outcome == .error), "\(applicant)")
            if case .evaluated(.decided(let decided)) = grouped {
                #expect(decided.outcome == cases[row].outcome, "\(applicant)")
            } else if case .verdict(let verdict) = grouped {
                #expect(verdict.outcome == cases[row].outcome, "\(applicant)")
            }
        }
    }

    /// The applicants of a one-product fixture decided together in one group, with the
    /// evaluators the tests compare that group against.
    struct OneGroup {
        let records: [ApplicantRecord]
        let product: Product
        let asOf: Day
        let evaluator: Evaluator
        let reference: Evaluator
        let group: RecordGroup

        init(_ fixture: PolicyFixture, applicants: [String], asOf: String) throws {
            records = applicants.map { fixture.record($0) }
            product = try #require(fixture.policies.products.first)
            self.asOf = try #require(Day(iso: asOf))
            evaluator = Evaluator(policies: fixture.policies)
            reference = Evaluator(policies: fixture.policies, unboxed: false)
            group = evaluator.makeGroup(asOf: self.asOf, capacity: records.count)
            for (row, record) in records.enumerated() { evaluator.load(record, into: group, row: row) }
            let records = records
            evaluator.decide(group, count: records.count) { records[$0].isValid }
        }
    }

    static func compare(_ records: [ApplicantRecord], policies: PolicySet, asOf: String) throws {
        let asOf = try #require(Day(iso: asOf))
        let unboxed = Evaluator(policies: policies)
        let reference = Evaluator(policies: policies, unboxed: false)
        var frame = unboxed.makeFrame(asOf: asOf)
        var compared = 0
        for record in records {
            // One frame reused across records, as the batch does.
            unboxed.load(record, into: &frame)
            var referenceFrame = reference.makeFrame(for: record, asOf: asOf)
            for product in policies.products {
                let fast = unboxed.evaluate(record, against: product, asOf: asOf, frame: &frame)
                let slow = reference.evaluate(record, against: product, asOf: asOf, frame: &referenceFrame)
                switch (fast, slow) {
                case (.inactive, .inactive), (.notApplicable, .notApplicable):
                    continue
                case (.decided(let a), .decided(let b)):
                    compared += 1
                    #expect(Self.describe(a) == Self.describe(b))
                default:
                    Issue.record("record \(record.number), \(product.id): \(fast) vs \(slow)")
                }
            }
        }
        #expect(compared > 0)
    }

    /// Records decided a group at a time get exactly what each gets decided alone, for
    /// every product: groups of 7 rows, so that the last group of a population is partial
    /// and rows of one group fall out at different stages.
    @Test(arguments: populations)
    func groupsDecideAsRecordsAlone(_ population: Population) throws {
        let records = try Self.records(count: 500, seed: population.seed, missing: population.missing, bad: 0.02)
        let asOf = try #require(Day(iso: population.asOf))
        let evaluator = Evaluator(policies: Self.policies)
        let group = evaluator.makeGroup(asOf: asOf, capacity: 7)
        var single = evaluator.makeFrame(asOf: asOf)
        var decided = 0
        var incomplete = 0
        for start in stride(from: 0, to: records.count, by: group.capacity) {
            let members = Array(records[start..<min(start + group.capacity, records.count)])
            for (row, record) in members.enumerated() { evaluator.load(record, into: group, row: row) }
            evaluator.decide(group, count: members.count) { members[$0].isValid }
            for (row, record) in members.enumerated() {
                evaluator.load(record, into: &single)
                for productIndex in Self.policies.products.indices {
                    let grouped = evaluator.rowEvaluation(group, row: row, record: record, product: productIndex, asOf: asOf)
                    let alone = evaluator.evaluateForRow(record, against: Self.policies.products[productIndex], asOf: asOf, frame: &single)
                    #expect(
                        Self.describe(grouped, missing: group.frames[row].missingSlots) == Self.describe(alone, missing: single.missingSlots),
                        "record \(record.number), \(Self.policies.products[productIndex].id)")
                    switch (group.result(row: row, product: productIndex), alone) {
                    case (.decided(let verdict), _):
                        decided += 1
                        if verdict.outcome == .incomplete { incomplete += 1 }
                    case (.single, .verdict):
                        Issue.record("record \(record.number), \(Self.policies.products[productIndex].id): left to the record alone")
                    default: break
                    }
                }
            }
        }
        // The group decides every verdict itself, incomplete ones with their missing fields.
        #expect(decided > 0)
        #expect(population.missing == 0 || incomplete > 0)
    }

    static func describe(_ evaluation: RowEvaluation, missing: [Int32]) -> String {
        switch evaluation {
        case .verdict(let verdict):
            var text = "\(verdict.outcome) \(verdict.scoreLow)..\(verdict.scoreHigh) failed \(String(verdict.failedRules, radix: 2))"
            text += " below \(verdict.belowScore) no-award \(verdict.noAward) amount \(verdict.amount.map { "\($0)" } ?? "-")"
            return verdict.outcome == .incomplete ? text + " missing \(missing)" : text
        case .evaluated(.decided(let decision)): return describe(decision)
        case .evaluated(.notApplicable): return "not applicable"
        case .evaluated(.inactive): return "inactive"
        }
    }

    /// A record saved from a frame and restored later, after others were loaded (texts no
    /// policy mentions and lists included), decides exactly as when it was loaded.
    @Test func restoredFramesDecideAsLoaded() throws {
        let records = try Self.records(count: 300, seed: 11, missing: 0.1, bad: 0)
        let asOf = try #require(Day(iso: "2026-11-22"))
        let evaluator = Evaluator(policies: Self.policies)
        var frame = evaluator.makeFrame(asOf: asOf)
        var loaded: [[String]] = []
        var snapshots: [CellFrame.Snapshot] = []
        func decisions(_ record: ApplicantRecord) -> [String] {
            Self.policies.products.map { product in
                if case .decided(let decision) = evaluator.evaluate(record, against: product, asOf: asOf, frame: &frame) {
                    return Self.describe(decision)
                }
                return "-"
            }
        }
        for record in records {
            evaluator.load(record, into: &frame)
            snapshots.append(frame.snapshot())
            loaded.append(decisions(record))
        }
        for index in records.indices.reversed() {
            frame.restore(snapshots[index])
            #expect(decisions(records[index]) == loaded[index], "record \(records[index].number)")
        }
        #expect(loaded.joined().contains { $0 != "-" })
    }

    /// The unboxed path decides most records itself (else the agreement above proves little).
    @Test func decidesMostByItself() throws {
        let records = try Self.records(count: 400, seed: 9, missing: 0.05, bad: 0)
        let asOf = try #require(Day(iso: "2026-11-22"))
        let unboxed = UnboxedPolicies(Self.policies)
        let evaluator = Evaluator(policies: Self.policies)
        var counts: [String: Int] = [:]
        for record in records {
            var frame = evaluator.makeFrame(for: record, asOf: asOf)
            for product in Self.policies.products where product.isEffective(on: asOf) {
                var decision = Decision(blankFor: record, product, asOf: asOf)
                switch unboxed.compiled(product)!.decide(
                    product, in: frame.cells, awards: &frame.awardCells, missing: &frame.missingSlots, into: &decision) {
                case .decided: counts["decided", default: 0] += 1
                case .notApplicable: counts["notApplicable", default: 0] += 1
                case .fallback: counts["fallback", default: 0] += 1
                }
            }
        }
        let decided = counts["decided", default: 0] + counts["notApplicable", default: 0]
        let total = counts.values.reduce(0, +)
        #expect(decided * 10 >= total * 9, "\(counts)")
    }
}

@Suite("Batch bookkeeping")
struct BatchBookkeepingTests {
    @Test(arguments: [
        0, 7, 9, 10, 99, 100, 101, 1009, 1099, 12345, 99999, 100_000, 1_000_000, 9_876_543, 10_000_001, -1, -45, -100, -1009,
        Int.max, Int.min,
    ])
    func wholeNumbersAreWrittenAsDigits(_ value: Int) {
        var buffer = OutputBuffer()
        buffer.append(value)
        #expect(String(decoding: buffer.bytes, as: UTF8.self) == String(value))
        #expect(Self.row { $0.append(value) } == String(value))
    }

    /// Record and line numbers are written two digits at a time: every pair, at every place.
    @Test func everyNumberBelowTwentyThousandIsWrittenAsDigits() {
        for value in 0..<20_000 where Self.row({ $0.append(value) }) != String(value) {
            Issue.record("\(value) written as \(Self.row { $0.append(value) })")
        }
    }

    /// A record's verdict rows wait in the scratch, each starting with the record's columns,
    /// and reach the output together, in order, once; growing keeps what was written.
    @Test func rowsOfARecordGoOutTogether() {
        var scratch = RowScratch()
        scratch.startRecord(maxCount: 64) { $0.append("in,1,2,A1,") }
        var first = scratch.row(tailCount: 16)
        first.append("p,decline\n")
        scratch.finish(first)
        var second = scratch.row(tailCount: 10_000)
        second.append([UInt8](repeating: 0x71, count: 5000))
        second.append(byte: 0x0A)
        scratch.finish(second)
        var out = OutputBuffer()
        out.append("header\n")
        scratch.flush(to: &out)
        scratch.flush(to: &out)
        #expect(String(decoding: out.bytes, as: UTF8.self) == "header\nin,1,2,A1,p,decline\nin,1,2,A1,\(String(repeating: "q", count: 5000))\n")
        // The next record starts afresh.
        scratch.startRecord(maxCount: 64) { $0.append("in,2,3,A2,") }
        var third = scratch.row(tailCount: 16)
        third.append("p,approve\n")
        scratch.finish(third)
        out.removeAll()
        scratch.flush(to: &out)
        #expect(String(decoding: out.bytes, as: UTF8.self) == "in,2,3,A2,p,approve\n")
    }

    /// RFC 4180 fields, one writer for the output, a verdict row and the generator: quoted
    /// only for a comma, a quote or a line break, a quote inside written twice.
    @Test(arguments: [
        ("", ""), ("A1", "A1"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("two\nlines", "\"two\nlines\""),
        ("cr\rhere", "\"cr\rhere\""), ("申请-1", "申请-1"), ("\"\"", "\"\"\"\"\"\""),
    ])
    func csvFieldsAreQuotedOnlyWhereNeeded(_ text: String, _ field: String) {
        var buffer = OutputBuffer()
        buffer.appendCSVField(text)
        #expect(String(decoding: buffer.bytes, as: UTF8.self) == field)
        #expect(Self.row { $0.appendCSVField(text) } == field)
    }

    /// Every length a row's piece can be copied at, each width's edges included: the bytes
    /// arrive in order, and nothing before or after the piece is touched.
    @Test(arguments: Array(0...40) + [63, 64, 100])
    func piecesAreCopiedWhole(_ count: Int) {
        let source = (0..<count).map { UInt8(truncatingIfNeeded: 0x41 + $0 % 26) }
        var target = [UInt8](repeating: 0x2E, count: count + 64)
        source.withUnsafeBufferPointer { source in
            target.withUnsafeMutableBufferPointer { target in
                RowBytes.copy(count, from: source.baseAddress ?? UnsafePointer(bitPattern: 1)!, to: target.baseAddress! + 32)
            }
        }
        #expect(Array(target[..<32]) == [UInt8](repeating: 0x2E, count: 32))
        #expect(Array(target[32..<(32 + count)]) == source)
        #expect(Array(target[(32 + count)...]) == [UInt8](repeating: 0x2E, count: 32))
        // And through a row, after a first piece, as the writer appends them.
        let text = String(decoding: source, as: UTF8.self)
        #expect(Self.row { row in
            row.append("x,")
            source.withUnsafeBufferPointer { row.append($0) }
            row.append(byte: 0x2C)
        } == "x,\(text),")
    }

    /// What a verdict row's writer puts in a buffer of 100 bytes.
    static func row(_ write: (inout RowBytes) -> Void) -> String {
        var scratch = RowScratch()
        var row = scratch.row(tailCount: 100)
        write(&row)
        return String(decoding: row.written, as: UTF8.self)
    }

    @Test(arguments: [
        "0", "0.00", "-0.0", "55", "55.0", "55.50", "-3", "-3.000", "0.125", "0.005", "-0.004", "2.675", "1200", "9223372036854775807",
        "9223372036854775808", "-9223372036854775809", "99999999999999999999.5", "1e-30", "123456789012345678901234567890.99",
    ])
    func decimalsAreWrittenAsTheirText(_ text: String) throws {
        let value = try #require(ExactDecimal(text))
        var plain = OutputBuffer()
        plain.append(value)
        #expect(String(decoding: plain.bytes, as: UTF8.self) == value.description)
        var money = OutputBuffer()
        money.appendMoney(value)
        #expect(String(decoding: money.bytes, as: UTF8.self) == value.formatted(places: 2))
        #expect(Self.row { $0.append(value) } == value.description)
        #expect(Self.row { $0.appendMoney(value) } == value.formatted(places: 2))
    }

    @Test func outcomeIndexIsItsPlaceInAllCases() {
        for (place, outcome) in Outcome.allCases.enumerated() { #expect(outcome.index == place) }
    }

    @Test func reasonsAreCountedByCode() {
        var statistics = ProductStatistics()
        for codes in [["a", "b"], ["b"], [String("score-below-pass")], ["a"]] {
            let decision = Decision(
                applicantID: nil, recordNumber: 1, recordLine: nil, productID: "p", productVersion: "1", policyDigest: "", asOf: Day(daysSinceEpoch: 0),
                outcome: .decline, score: nil, awards: [], reasons: codes.map { Reason(code: $0, text: LocalizedText(zh: $0, en: $0)) },
                messages: [], missing: [], documents: [], trace: nil)
            statistics.add(decision, histogram: nil)
        }
        var other = ProductStatistics()
        other.merge(statistics)
        other.merge(statistics)
        #expect(other.declineReasons == ["a": 4, "b": 4, "score-below-pass": 2])
        #expect(other.topReasons(2).map(\.code) == ["a", "b"])
    }
}
