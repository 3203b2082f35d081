import Foundation
import ThuisCore
import ThuisVERA
import ThuisXML

/// Where a batch is read from: export files (XML), or VERA batch folders (`--vera DIR`). A
/// folder among the paths is a VERA batch; a batch is one or the other.
public enum BatchSource {
    /// Whether `path` is a folder (a VERA batch).
    public static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// The files `path` stands for: itself, or a VERA folder's batch files in reading order.
    static func files(_ path: String) throws -> [String] {
        guard isFolder(path) else { return [path] }
        do {
            return try VERABatchReader.files(in: path).files
        } catch {
            throw CommandFailure(.readFailed, "cannot read for the fingerprint: \(path) cannot be listed")
        }
    }

    /// Reads the batch: VERA folders with the VERA reader, files with the XML reader.
    public static func read(_ paths: [String], skipInvalid: Bool = false, errorLimit: Int = 100,
                            progress: (@Sendable (Double) -> Void)? = nil) -> IngestResult {
        let folders = paths.filter(isFolder)
        if !folders.isEmpty {
            let files = paths.filter { !isFolder($0) }
            guard files.isEmpty else {
                let message = "a batch is read from export files or from VERA folders, not both: \(files[0]) and \(folders[0])"
                return .failed([.error(.usage, message, at: nil)])
            }
            var options = VERABatchReader.Options(skipInvalid: skipInvalid, errorLimit: errorLimit)
            options.progress = progress
            return VERABatchReader.read(folders, options: options)
        }
        var options = ExportReader.Options(skipInvalid: skipInvalid, errorLimit: errorLimit)
        options.progress = progress
        return ExportReader.read(paths, options: options)
    }
}
