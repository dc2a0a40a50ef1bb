import EligoDecimal
import EligoExpr

/// The products of a policy set compiled once more, for decisions without an
/// explanation: every expression of a product in one ``UnboxedProgram``, and the
/// texts of every policy and enum in one ``Symbols``.
///
/// The ``Run`` over ``Program`` stays the reference and the only path that
/// explains; this one decides approve, refer, decline and incomplete on its own and
/// hands anything else (errors, what the unboxed program leaves out) back to it.
final class UnboxedPolicies: Sendable {
    let symbols: Symbols
    /// The catalog slots that some expression reads: the only ones worth loading.
    let fieldSlots: [Int32]
    let products: [UnboxedProduct]

    init(_ policies: PolicySet) {
        var symbols = Symbols()
        for field in policies.catalog.fields {
            if case .enumeration(let values) = field.type { values.forEach { symbols.intern($0) } }
            if case .list(.enumeration(let values)) = field.type { values.forEach { symbols.intern($0) } }
        }
        var read = Set<Int32>()
        var products: [UnboxedProduct] = []
        let fields = FieldNames(policies.catalog)
        for product in policies.products {
            products.append(UnboxedProduct(product, fields: fields, symbols: &symbols))
            product.eachExpression { expression in
                for symbol in expression.checked.symbols.values where symbol.kind == .field { read.insert(symbol.slot) }
            }
        }
        self.symbols = symbols
        self.fieldSlots = read.sorted()
        self.products = products
    }

    /// The compiled form of one of the set's products.
    @inline(__always)
    func compiled(_ product: Product) -> UnboxedProduct? {
        for candidate in products where candidate.product === product { return candidate }
        return nil
    }
}

/// One product's expressions as entries into its ``UnboxedProgram``.
final class UnboxedProduct: Sendable {
    struct Let: Sendable {
        let slot: Int32
        let entry: UnboxedProgram.Entry
    }

    struct Bin: Sendable {
        let entry: UnboxedProgram.Entry?
        let points: ExactDecimal
    }

    let product: Product
    let program: UnboxedProgram
    let appliesTo: UnboxedProgram.Entry?
    let lets: [Let]
    let rules: [UnboxedProgram.Entry]
    /// Bins of all factors in order; `factorEnds[i]` is one past factor i's last bin.
    let bins: [Bin]
    let factorEnds: [Int]
    /// Every bin's points as an integer, when all are whole and small enough that no
    /// sum of them can overflow; nil sends scoring through ``ExactDecimal``.
    let wholePoints: [Int]?
    /// Every bin's points, in ``bins`` order.
    let points: [ExactDecimal]
    let awards: [UnboxedProgram.Entry]
    let amountIndex: Int?
    /// The catalog's field names by slot, and each one's place in name order: an
    /// incomplete verdict lists its missing fields by slot, sorted by name.
    let fieldNames: [String]
    let fieldRanks: [Int32]

    init(_ product: Product, fields: FieldNames, symbols: inout Symbols) {
        self.product = product
        fieldNames = fields.names
        fieldRanks = fields.ranks
        var builder = UnboxedProgram.Builder()
        func compile(_ expression: CompiledExpression) -> UnboxedProgram.Entry {
            builder.compile(expression.checked, symbols: &symbols)
        }
        appliesTo = product.appliesTo.map(compile)
        lets = product.lets.map { Let(slot: $0.slot, entry: compile($0.expression)) }
        rules = product.eligibility.map { compile($0.condition) }
        var bins: [Bin] = []
        var ends: [Int] = []
        for factor in product.score?.factors ?? [] {
            for bin in factor.bins { bins.append(Bin(entry: bin.when.map(compile), points: bin.points)) }
            ends.append(bins.count)
        }
        self.bins = bins
        factorEnds = ends
        let whole = bins.compactMap { $0.points.int64Value.flatMap { abs($0) < 1 << 40 ? Int($0) : nil } }
        points = bins.map(\.points)
        wholePoints = whole.count == bins.count && bins.count < 1 << 20 ? whole : nil
        awards = product.award.map { compile($0.expression) }
        amountIndex = product.award.firstIndex { $0.name == "amount" }
        program = builder.build()
    }
}

/// The catalog's field names by slot, with each one's rank in the order `missing` lists
/// them (by Unicode scalars, as `Run.decide` sorts).
struct FieldNames {
    let names: [String]
    let ranks: [Int32]

    init(_ catalog: FieldCatalog) {
        var names = [String](repeating: "", count: catalog.fields.map { Int($0.slot) + 1 }.max() ?? 0)
        for field in catalog.fields { names[Int(field.slot)] = field.name }
        let order = names.indices.sorted { names[$0].unicodeScalars.lexicographicallyPrecedes(names[$1].unicodeScalars) }
        var ranks = [Int32](repeating: 0, count: names.count)
        for (rank, slot) in order.enumerated() { ranks[slot] = Int32(rank) }
        self.names = names
        self.ranks = ranks
    }
}

extension Product {
    /// Every compiled expression of the product.
    func eachExpression(_ body: (CompiledExpression) -> Void) {
        appliesTo.map(body)
        lets.forEach { body($0.expression) }
        eligibility.forEach { body($0.condition) }
        for factor in score?.factors ?? [] { factor.bins.forEach { $0.when.map(body) } }
        award.forEach { body($0.expression) }
    }
}
