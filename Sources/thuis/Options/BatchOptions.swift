import ArgumentParser
import Foundation

/// Where a batch comes from: its export files, or a VERA batch folder.
struct ExportOptions: ParsableArguments {
    @Option(help: "Export file of the batch (repeat for several files).")
    var export: [String] = []

    @Option(help: "Folder of a VERA batch: batch.json and the JSON pages of the list endpoints (repeat for several).")
    var vera: [String] = []

    /// The files and folders the batch is read from.
    var paths: [String] { export + vera }

    func validate() throws {
        if export.isEmpty && vera.isEmpty { throw ValidationError("give at least one --export FILE or --vera DIR") }
        if !export.isEmpty && !vera.isEmpty { throw ValidationError("a batch comes from --export files or from --vera folders, not both") }
        for folder in vera {
            var isFolder: ObjCBool = false
            // A missing folder is reported by the reader (FILE_NOT_FOUND, exit 66).
            if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) && !isFolder.boolValue {
                throw ValidationError("--vera takes the folder of a VERA batch (batch.json and the pages); \(folder) is a file (an XML export goes with --export)")
            }
        }
    }
}
