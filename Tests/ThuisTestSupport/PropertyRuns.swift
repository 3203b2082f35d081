import Foundation

/// How many cases the slow property and claim tests run: every one in the release step of
/// `.ci/run` (`THUIS_FULL_PROPERTIES=1`), an evenly spread sample in a newcomer's `swift test`,
/// so the debug run stays short and the full coverage still runs on every change.
public enum PropertyRuns {
    /// Whether this run makes every case.
    public static let full = ProcessInfo.processInfo.environment["THUIS_FULL_PROPERTIES"] == "1"

    /// Whether this is a debug build (test hooks such as `THUIS_PAUSE_AT` exist only there).
    public static var debugBuild: Bool {
        #if DEBUG
        return true
        #else
        return false
        #endif
    }

    /// `all` in a full run; otherwise `count` of them, spread evenly from the first.
    public static func sample<T>(_ all: [T], _ count: Int) -> [T] {
        guard !full, count < all.count else { return all }
        return (0..<count).map { all[$0 * all.count / count] }
    }
}
