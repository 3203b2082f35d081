import Foundation

/// A new folder of Thuis's own under the system's temporary folder, made by `mkdtemp`: its name
/// is unique and it is created atomically with mode 0700, so two runs (or a parallel test, or
/// another user) never share one, and removing it removes nothing of anyone else's.
enum TemporaryFolder {
    /// Makes the folder; `purpose` names it in the path and in an error.
    static func make(_ purpose: String) throws -> URL {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("thuis-\(purpose)-XXXXXX").path
        var template = Array(base.utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw CommandFailure(.cannotCreateOutput, "cannot make a temporary folder for \(purpose) in \(FileManager.default.temporaryDirectory.path): \(String(cString: strerror(errno)))")
        }
        return URL(fileURLWithPath: String(cString: made), isDirectory: true)
    }
}
