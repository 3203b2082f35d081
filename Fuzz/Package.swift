// swift-tools-version:6.0
// libFuzzer targets for Thuis's readers of outside input, in their own package so the main
// build never links libFuzzer. Build and run (see Fuzz/README.md):
//   swift build -c release --package-path Fuzz --scratch-path Fuzz/.build-fuzz --product FuzzCSV \
//       -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
import PackageDescription

let package = Package(
    name: "ThuisFuzz",
    dependencies: [.package(name: "Thuis", path: "..")],
    targets: [
        .executableTarget(name: "FuzzCSV", dependencies: [.product(name: "ThuisCommands", package: "Thuis")], path: "FuzzCSV"),
    ],
    swiftLanguageModes: [.v6]
)
