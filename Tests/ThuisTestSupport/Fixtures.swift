import Foundation

/// Paths of the repository's fixtures, found from this file's location.
public enum Fixtures {
    /// The repository's root folder.
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A path under `Fixtures/`.
    public static func path(_ relative: String) -> String {
        root.appendingPathComponent("Fixtures").appendingPathComponent(relative).path
    }

    /// The bundled demo region.
    public static var demoRegion: String { path("exports/demo-region.xml") }

    /// A fresh temporary folder, removed by the caller.
    public static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("thuis-test-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
