// swift-tools-version:6.0
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let propertyBased: Target.Dependency = .product(name: "PropertyBased", package: "swift-property-based")

let package = Package(
    name: "Eligo",
    products: [
        .executable(name: "eligo", targets: ["eligo"]),
        .library(name: "EligoEngine", targets: ["EligoEngine"]),
        .library(name: "EligoDecimal", targets: ["EligoDecimal"]),
        .library(name: "EligoExpr", targets: ["EligoExpr"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        // Property-based tests: generators, seeds and shrinking; used by test code only.
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // libyaml, found through pkg-config; Debian's libyaml-dev provides it.
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        // Source files, positions and the one problem model every phase reports through.
        .target(name: "EligoDiagnostics", swiftSettings: strict),
        // Exact decimal arithmetic for amounts, scores and thresholds.
        .target(name: "EligoDecimal", swiftSettings: strict),
        // libyaml's event API composed into a located node tree (YAML 1.2 core schema).
        .target(name: "EligoYAML", dependencies: ["CYAML", "EligoDiagnostics"], swiftSettings: strict),
        // The expression language: lexer, parser, checker, compiled evaluator.
        .target(name: "EligoExpr", dependencies: ["EligoDiagnostics", "EligoDecimal"], swiftSettings: strict),
        // Catalog and product model, loading, validation and evaluation.
        .target(
            name: "EligoEngine",
            dependencies: [
                "EligoDiagnostics", "EligoDecimal", "EligoYAML", "EligoExpr",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        // Decisions turned into explanations and documents: text, Markdown, JSON.
        .target(
            name: "EligoAudit",
            dependencies: ["EligoEngine", "EligoExpr", "EligoDecimal", "EligoDiagnostics"],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "eligo",
            dependencies: [
                "EligoAudit", "EligoEngine", "EligoExpr", "EligoYAML", "EligoDiagnostics", "EligoDecimal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        // Runs the built `eligo` and compares its output with golden files; for tests only, not a product.
        .target(name: "_EligoTestSupport"),
        // The seeded `checkProperty` every property test runs through (fixed seeds by default); for tests only.
        .target(name: "_EligoPropertySupport", dependencies: [propertyBased]),
        .testTarget(name: "EligoDiagnosticsTests", dependencies: ["EligoDiagnostics"]),
        .testTarget(name: "EligoDecimalTests", dependencies: ["EligoDecimal", "_EligoPropertySupport", propertyBased]),
        .testTarget(name: "EligoYAMLTests", dependencies: ["EligoYAML", "_EligoTestSupport"]),
        .testTarget(name: "EligoExprTests", dependencies: ["EligoExpr", "_EligoTestSupport", "_EligoPropertySupport", propertyBased]),
        .testTarget(
            name: "EligoEngineTests",
            dependencies: [
                "EligoEngine", "EligoAudit", "EligoYAML", "EligoExpr", "EligoDiagnostics", "EligoDecimal", "_EligoTestSupport",
                "_EligoPropertySupport", propertyBased,
            ]),
        .testTarget(
            name: "EligoAuditTests", dependencies: ["EligoAudit", "EligoEngine", "EligoExpr", "EligoDecimal", "EligoDiagnostics", "_EligoTestSupport"],
            exclude: ["Fixtures", "Snapshots"]),
        .testTarget(name: "CLITests", dependencies: ["eligo", "_EligoTestSupport", "_EligoPropertySupport", propertyBased]),
    ]
)
