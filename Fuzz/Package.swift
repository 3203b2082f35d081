// swift-tools-version:6.0
// libFuzzer targets for Thuis's readers of outside input, in their own package so the main
// build never links libFuzzer. Build and run (see Fuzz/README.md):
//   Fuzz/run.sh SECONDS
import PackageDescription

let package = Package(
    name: "ThuisFuzz",
    dependencies: [.package(name: "Thuis", path: "..")],
    targets: [
        .executableTarget(name: "FuzzCSV", dependencies: [.product(name: "ThuisCommands", package: "Thuis"),
                                                          .product(name: "ThuisReports", package: "Thuis")], path: "FuzzCSV"),
        .executableTarget(name: "FuzzExport", dependencies: [.product(name: "ThuisXML", package: "Thuis"),
                                                             .product(name: "ThuisCore", package: "Thuis")], path: "FuzzExport"),
        .executableTarget(name: "FuzzPolicy", dependencies: [.product(name: "ThuisPolicyFile", package: "Thuis"),
                                                             .product(name: "ThuisCore", package: "Thuis")], path: "FuzzPolicy"),
    ],
    swiftLanguageModes: [.v6]
)
