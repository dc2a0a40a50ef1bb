// swift-tools-version:6.1
import PackageDescription

// Kept apart from the root package so that the engine's own build and tests never
// resolve or compile the benchmark harness and its malloc interposer.
let package = Package(
    name: "EligoBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Eligo", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "DecimalRepresentation",
            dependencies: [
                .product(name: "EligoDecimal", package: "Eligo"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/DecimalRepresentation",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Evaluation",
            dependencies: [
                .product(name: "EligoEngine", package: "Eligo"),
                .product(name: "EligoExpr", package: "Eligo"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Evaluation",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Batch",
            dependencies: [
                .product(name: "EligoEngine", package: "Eligo"),
                .product(name: "EligoExpr", package: "Eligo"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Batch",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "RecordInput",
            dependencies: [
                .product(name: "EligoEngine", package: "Eligo"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/RecordInput",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
