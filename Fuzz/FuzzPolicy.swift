import EligoDiagnostics
@testable import EligoEngine
import EligoExpr
import EligoYAML

// Fuzz target `policy`: the input is a product file, decoded and validated
// against the sample library's real catalog the way `eligo validate` does it.
// A product that validates is then run the way `eligo test` and `eligo check`
// run it: its own tests, and the sample applicants on several dates, with the
// explanation of every decision. An input shaped like a catalog (a top-level
// `fields` key) is also decoded as one, and the sample products against it.

/// The sample products' trees, to decode against a fuzzed catalog.
let sampleProducts: [(YAMLNode, SourceFile)] = FuzzSupport.policies.products.compactMap { product in
    YAMLLoader.load(product.file).documents.first.map { ($0, product.file) }
}

@_cdecl("LLVMFuzzerInitialize")
public func fuzzPolicyInitialize(_ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    FuzzSupport.prepare {
        _ = FuzzSupport.applicants
        _ = FuzzSupport.days
        _ = sampleProducts
    }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPolicy(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let file = FuzzSupport.file(data, size, path: "Policies/fuzz/product.yaml")
    let (documents, yamlProblems) = YAMLLoader.load(file)
    FuzzSupport.render(yamlProblems.sorted)
    guard documents.count == 1, !yamlProblems.hasErrors, let root = documents.first else { return 0 }

    if root["fields"] != nil {
        let (catalog, problems) = CatalogDecoder.decode(root, file: file)
        FuzzSupport.render(problems.sorted)
        if !problems.hasErrors {
            for (productRoot, productFile) in sampleProducts {
                FuzzSupport.render(ProductDecoder.decode(productRoot, file: productFile, catalog: catalog, limits: .default).1.sorted)
            }
        }
    }

    let catalog = FuzzSupport.catalog
    let (product, problems) = ProductDecoder.decode(root, file: file, catalog: catalog, limits: .default)
    FuzzSupport.render(problems.sorted)
    guard let product else { return 0 }
    let policies = PolicySet(catalog: catalog, products: [product])
    let (results, _) = PolicyTestRunner(policies: policies).run()
    for result in results {
        if let trace = result.decision?.trace { _ = TraceText.render(trace) }
    }
    for (index, day) in (FuzzSupport.days + [product.effectiveFrom]).enumerated() {
        FuzzSupport.report(FuzzSupport.applicants, against: policies, on: day, variant: index)
    }
    return 0
}
