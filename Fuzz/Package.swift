// swift-tools-version:6.0
// libFuzzer targets for Thuis's readers of outside input, in their own package so the main
// build never links libFuzzer. Build and run (see Fuzz/README.md):
//   Fuzz/run.sh SECONDS
import PackageDescription

let package = Package(
    name: "ThuisFuzz",
    dependencies: [.package(name: "Thuis", path: "..")],
    targets: [
        .target(name: "FuzzSupport", path: "FuzzSupport"),
        .executableTarget(name: "FuzzCSV", dependencies: ["FuzzSupport", .product(name: "ThuisCommands", package: "Thuis"), .product(name: "ThuisCore", package: "Thuis"),
                                                          .product(name: "ThuisReports", package: "Thuis")], path: "FuzzCSV"),
        .executableTarget(name: "FuzzExport", dependencies: ["FuzzSupport", .product(name: "ThuisXML", package: "Thuis"),
                                                             .product(name: "ThuisCore", package: "Thuis")], path: "FuzzExport"),
        .executableTarget(name: "FuzzResult", dependencies: ["FuzzSupport", .product(name: "ThuisReports", package: "Thuis"),
                                                             .product(name: "ThuisCore", package: "Thuis")], path: "FuzzResult"),
        .executableTarget(name: "FuzzVERA", dependencies: ["FuzzSupport", .product(name: "ThuisVERA", package: "Thuis"),
                                                           .product(name: "ThuisCore", package: "Thuis")], path: "FuzzVERA"),
        .executableTarget(name: "FuzzIdTable", dependencies: ["FuzzSupport", .product(name: "ThuisCore", package: "Thuis")], path: "FuzzIdTable"),
        .executableTarget(name: "FuzzPolicy", dependencies: ["FuzzSupport", .product(name: "ThuisPolicyFile", package: "Thuis"),
                                                             .product(name: "ThuisCore", package: "Thuis")], path: "FuzzPolicy"),
    ],
    swiftLanguageModes: [.v6]
)
