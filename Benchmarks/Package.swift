// swift-tools-version:6.1
// Benchmarks live in their own package so the main build stays light:
//   swift package --package-path Benchmarks benchmark
import PackageDescription

let package = Package(
    name: "ThuisBenchmarks",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "thuis-matching-comparison", targets: ["MatchingComparison"]),
    ],
    dependencies: [
        .package(name: "Thuis", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.36.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "MatchingComparison",
            dependencies: [
                .product(name: "ThuisCore", package: "Thuis"),
                .product(name: "ThuisXML", package: "Thuis"),
                .product(name: "ThuisPolicyFile", package: "Thuis"),
            ],
            path: "MatchingComparison"
        ),
        .executableTarget(
            name: "ThuisBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "ThuisCore", package: "Thuis"),
                .product(name: "ThuisXML", package: "Thuis"),
                .product(name: "ThuisPolicyFile", package: "Thuis"),
                .product(name: "ThuisReports", package: "Thuis"),
                .product(name: "ThuisGenerator", package: "Thuis"),
                .product(name: "ThuisCommands", package: "Thuis"),
            ],
            path: "ThuisBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
