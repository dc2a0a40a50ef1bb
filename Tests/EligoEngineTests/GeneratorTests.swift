import EligoDecimal
import EligoDiagnostics
import EligoEngine
import EligoExpr
import Foundation
import Testing

@Suite("Population generator")
struct GeneratorTests {
    typealias F = InputFixture

    /// The project's own catalog, found from this file's place in the repository.
    static let projectCatalog: FieldCatalog = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let (policies, diagnostics) = PolicyLoader.load(directory: root.appendingPathComponent("Policies").path)
        guard let policies else { fatalError(DiagnosticFormatter(language: .en).format(diagnostics.sorted)) }
        return policies.catalog
    }()

    static let catalogs: [(String, FieldCatalog)] = [("project", projectCatalog), ("fixture", F.catalog)]

    static func generator(_ catalog: FieldCatalog, count: Int, seed: UInt64 = 1, format: InputFormat, missing: Double = 0.05, bad: Double = 0)
        -> PopulationGenerator
    {
        PopulationGenerator(catalog: catalog, options: .init(count: count, seed: seed, format: format, missing: missing, bad: bad))
    }

    static func parse(_ bytes: [UInt8], _ format: InputFormat, _ catalog: FieldCatalog) throws -> [ApplicantRecord] {
        let (chunks, header) = try F.chunks(bytes, format)
        let parser = RecordParser(format: format, catalog: catalog, header: header, path: "generated")
        return chunks.flatMap { chunk in chunk.records.indices.map { parser.parse(chunk, $0) } }
    }

    @Test(arguments: InputFormat.allCases)
    func sameSeedSameBytesOtherSeedOtherBytes(format: InputFormat) {
        let a = Self.generator(Self.projectCatalog, count: 300, seed: 42, format: format, bad: 0.1).bytes()
        let b = Self.generator(Self.projectCatalog, count: 300, seed: 42, format: format, bad: 0.1).bytes()
        let c = Self.generator(Self.projectCatalog, count: 300, seed: 43, format: format, bad: 0.1).bytes()
        #expect(a == b)
        #expect(a != c)
        #expect(a.count > 300 * 100)
    }

    @Test func knownBytes() {
        // A change here changes every population generated so far: do it on purpose.
        let text = String(decoding: Self.generator(F.catalog, count: 2, seed: 7, format: .csv).bytes(), as: UTF8.self)
        #expect(text.hasPrefix("id,applicant_type,county,credit_score,annual_income,pv_capacity_kw,birth_date,blacklisted,crops,plots,note\nA000000001,"))
        #expect(text == Self.snapshot, "\(text)")
    }

    static let snapshot = """
        id,applicant_type,county,credit_score,annual_income,pv_capacity_kw,birth_date,blacklisted,crops,plots,note
        A000000001,household,lüliang,756,38116.90,102,1988-05-04,false,大棚;养殖场,70;3,nursery 养殖场
        A000000002,household,changzhi-lucheng,672,70437,68,1964-12-07,false,millet Pingyao;大棚;加工厂 corn,16,大棚 millet

        """

    @Test(arguments: InputFormat.allCases)
    func aRecordDoesNotDependOnThePopulationSize(format: InputFormat) {
        let small = Self.generator(Self.projectCatalog, count: 50, format: format).bytes()
        let large = Self.generator(Self.projectCatalog, count: 80, format: format).bytes()
        #expect(Array(large.prefix(small.count)) == small)
    }

    @Test(arguments: catalogs.map(\.0), InputFormat.allCases)
    func goodRecordsAreValidAndBadOnesInvalid(catalogName: String, format: InputFormat) throws {
        let catalog = Self.catalogs.first { $0.0 == catalogName }!.1
        let count = format == .yaml ? 400 : 2000
        let generator = Self.generator(catalog, count: count, seed: 9, format: format, missing: 0.1, bad: 0.1)
        let records = try Self.parse(generator.bytes(), format, catalog)
        #expect(records.count == count)
        var seen = Set<PopulationGenerator.Corruption>()
        for (index, record) in records.enumerated() {
            let corruption = generator.corruption(of: index)
            if let corruption {
                seen.insert(corruption)
                #expect(!record.isValid, "record \(index) should be invalid (\(corruption))")
            } else {
                #expect(record.isValid, "record \(index): \(record.problems.map(\.message.en))")
                #expect(record.id == PopulationGenerator.id(of: index))
            }
            #expect(record.number == index + 1)
        }
        let badShare = Double(records.filter { !$0.isValid }.count) / Double(count)
        #expect(abs(badShare - 0.1) < 0.03, "bad share \(badShare)")
        #expect(seen.count >= 3, "\(seen)")
        if format == .csv { #expect(generator.corruption(of: count - 1) == .unterminatedQuote) }
    }

    @Test(arguments: [0.0, 0.05, 0.3])
    func missingShareIsRespected(share: Double) throws {
        let catalog = Self.projectCatalog
        let count = 1000
        let records = try Self.parse(Self.generator(catalog, count: count, format: .csv, missing: share).bytes(), .csv, catalog)
        #expect(records.allSatisfy { $0.isValid })
        let optional = catalog.fields.filter { !$0.required && $0.name != "id" }
        var missing = 0
        for record in records {
            for field in optional where record.values[Int(field.slot)].isUnknown { missing += 1 }
        }
        let observed = Double(missing) / Double(count * optional.count)
        #expect(abs(observed - share) < 0.01, "missing share \(observed)")
    }

    @Test func distributionsHaveTheirShape() throws {
        let catalog = Self.projectCatalog
        let records = try Self.parse(Self.generator(catalog, count: 4000, format: .jsonl, missing: 0).bytes(), .jsonl, catalog)
        func values(_ name: String) -> [Value] { records.map { $0.values[Int(catalog[name]!.slot)] } }
        let scores = values("credit_score").compactMap { value -> Double? in
            if case .number(let number) = value { return Double(number.description) }
            return nil
        }
        let mean = scores.reduce(0, +) / Double(scores.count)
        #expect(abs(mean - 680) < 10)
        #expect(scores.filter { (550...800).contains($0) }.count > scores.count * 9 / 10)
        let types = values("applicant_type")
        let households = types.filter { $0 == .string("household") }.count
        #expect(abs(Double(households) / Double(types.count) - 0.55) < 0.04)
        #expect(Set(values("county")).count > 20)
        let flags = values("dishonest_judgment_debtor").filter { $0 == .bool(true) }.count
        #expect(flags < records.count / 10)
        // Incomes are skewed: the mean is above the median.
        let incomes = values("annual_income").compactMap { value -> Double? in
            if case .number(let number) = value { return Double(number.description) }
            return nil
        }.sorted()
        #expect(incomes.reduce(0, +) / Double(incomes.count) > incomes[incomes.count / 2])
    }

    @Test func writesToADescriptor() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("eligo-generated-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let generator = Self.generator(Self.projectCatalog, count: 3000, format: .csv)
        try generator.write(to: descriptor)
        close(descriptor)
        #expect(try Data(contentsOf: url) == Data(generator.bytes()))
    }
}
