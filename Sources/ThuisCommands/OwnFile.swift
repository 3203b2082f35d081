import Foundation
import ThuisGenerator
import ThuisReports

/// A file Thuis writes outside an output folder (`--html`, `--rejects`, `generate --out`), and
/// how Thuis knows that an existing file at its path is one it wrote before, so that it replaces
/// nothing else: not a user's own file, not an input of the same run.
enum OwnFile {
    /// An HTML page: its head names Thuis as the generator (``PageMark``).
    case page
    /// A rejects file: its first line is exactly ``RejectsFile/columns``.
    case rejects
    /// A generated export: it starts with the comment the generator writes.
    case generatedExport

    /// Whether `head` (the file's first bytes) is one of this kind that Thuis wrote.
    func isOurs(_ head: Data) -> Bool {
        let text = String(decoding: head, as: UTF8.self)
        switch self {
        case .page: return text.contains(PageMark.prefix)
        case .rejects: return text.hasPrefix(CSVText.line(RejectsFile.columns))
        case .generatedExport: return text.contains(ExportGenerator.mark.description)
        }
    }

    /// Refuses `path` (given as `option`) unless writing there replaces nothing but a file of this
    /// kind that Thuis wrote: it must be new, or a regular file (not a link, a folder or a FIFO)
    /// that is no input of this run and carries Thuis's mark; and it may not lie in a folder
    /// Thuis wrote, which would then hold a file its manifest does not list.
    func requireReplaceable(_ path: String, option: String, inputs: [String]) throws {
        try OutputFolder.requirePath(path, option: option)
        func refuse(_ why: String) -> CommandFailure {
            CommandFailure(.cannotCreateOutput, "\(option) \(path) \(why); it is left as it is: give another path")
        }
        let folder = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent()
        if let manifest = FileManager.default.contents(atPath: folder.appendingPathComponent(OutputFolder.manifestName).path),
           manifest.starts(with: Data(OutputFolder.manifestMark.utf8)) {
            throw refuse("lies inside \(folder.path), a folder Thuis wrote (its manifest.sha256 lists what it holds)")
        }
        var status = stat()
        guard lstat(path, &status) == 0 else { return }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw refuse(status.st_mode & S_IFMT == S_IFLNK ? "is a symbolic link" : "exists and is not a regular file")
        }
        for input in inputs {
            var other = stat()
            if stat(input, &other) == 0, other.st_dev == status.st_dev, other.st_ino == status.st_ino {
                throw refuse("is an input of this run (\(input))")
            }
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw refuse("exists and cannot be read") }
        defer { try? handle.close() }
        let head: Data
        do { head = try handle.read(upToCount: 1024) ?? Data() } catch { throw refuse("exists and cannot be read (\(error))") }
        guard isOurs(head) else { throw refuse("exists and is not a file Thuis wrote") }
    }
}
