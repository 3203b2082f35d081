// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Thuis",
    products: [
        .executable(name: "thuis", targets: ["thuis"]),
        .library(name: "ThuisCore", targets: ["ThuisCore"]),
        .library(name: "ThuisXML", targets: ["ThuisXML"]),
        .library(name: "ThuisVERA", targets: ["ThuisVERA"]),
        .library(name: "ThuisPolicyFile", targets: ["ThuisPolicyFile"]),
        .library(name: "ThuisResearch", targets: ["ThuisResearch"]),
        .library(name: "ThuisReports", targets: ["ThuisReports"]),
        .library(name: "ThuisGenerator", targets: ["ThuisGenerator"]),
        .library(name: "ThuisLedger", targets: ["ThuisLedger"]),
        .library(name: "ThuisCommands", targets: ["ThuisCommands"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // C modules: system libraries with a tiny shim header each.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .systemLibrary(name: "CMalloc"),
        // The pure-Swift core: model, diagnostics; no file formats.
        .target(name: "ThuisCore"),
        // Adapters: the VERA-shaped XML export.
        .target(name: "ThuisXML", dependencies: ["ThuisCore", "CLibXML2", "CZlib"]),
        // Adapter: VERA JSON (the sector's OpenAPI standard): batches in, results out.
        .target(name: "ThuisVERA", dependencies: ["ThuisCore"]),
        // Adapter: policy files (TOML) into the core's Policy.
        .target(name: "ThuisPolicyFile", dependencies: ["ThuisCore"]),
        // Research on top of the core: groups, comparisons, the simulated year.
        .target(name: "ThuisResearch", dependencies: ["ThuisCore"]),
        // Adapter: CSV, JSON and HTML reports of allocations and research.
        .target(name: "ThuisReports", dependencies: ["ThuisCore", "ThuisResearch"]),
        // Adapter: the ledger of batches and offers (SQLite through GRDB).
        .target(name: "ThuisLedger", dependencies: ["ThuisCore", .product(name: "GRDB", package: "GRDB.swift")]),
        // Synthetic exports of a given size and shape, for benchmarks and research.
        .target(name: "ThuisGenerator", dependencies: ["ThuisCore"]),
        // What each command does, callable from tests; the executable only parses arguments.
        .target(name: "ThuisCommands", dependencies: ["ThuisCore", "ThuisXML", "ThuisVERA", "ThuisPolicyFile", "ThuisResearch", "ThuisReports",
                                                      "ThuisGenerator", "ThuisLedger", "CMalloc", .product(name: "Crypto", package: "swift-crypto")]),
        .executableTarget(
            name: "thuis",
            dependencies: [
                "ThuisCommands",
                "ThuisCore",
                "ThuisGenerator",
                "ThuisReports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Shared test helpers: where the fixtures are, running the built `thuis`.
        .target(name: "ThuisTestSupport", dependencies: ["ThuisCore", "ThuisVERA"], path: "Tests/ThuisTestSupport"),
        .testTarget(name: "ThuisCoreTests", dependencies: ["ThuisCore", "ThuisTestSupport"]),
        .testTarget(name: "ThuisVERATests",
                    dependencies: ["ThuisCore", "ThuisVERA", "ThuisCommands", "ThuisGenerator", "ThuisTestSupport"]),
        .testTarget(name: "ThuisXMLTests", dependencies: ["ThuisXML", "ThuisCommands", "ThuisTestSupport"]),
        .testTarget(name: "ThuisLedgerTests",
                    dependencies: ["ThuisCore", "ThuisLedger", "ThuisReports", "ThuisCommands", "ThuisGenerator", "ThuisTestSupport",
                                   .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "ThuisMonitorTests",
                    dependencies: ["ThuisCore", "ThuisLedger", "ThuisReports", "ThuisCommands", "ThuisGenerator", "ThuisTestSupport"]),
        .testTarget(name: "ThuisCommandsTests",
                    dependencies: ["ThuisCore", "ThuisLedger", "ThuisReports", "ThuisCommands", "ThuisTestSupport"]),
        .testTarget(name: "ThuisResearchTests",
                    dependencies: ["ThuisCore", "ThuisXML", "ThuisPolicyFile", "ThuisResearch", "ThuisReports", "ThuisCommands", "ThuisTestSupport"]),
        .testTarget(name: "ThuisAllocationTests",
                    dependencies: ["ThuisCore", "ThuisXML", "ThuisPolicyFile", "ThuisReports", "ThuisCommands", "ThuisGenerator", "ThuisTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
