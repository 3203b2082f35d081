import Foundation

/// Writes a run's output files so the folder holds either the complete new result or what it
/// held before: files go to a staging folder beside it, and the folders are swapped by rename.
public enum OutputFolder {
    /// The file every Thuis output folder holds; a folder without it is not replaced.
    public static let marker = "summary.json"

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Refuses an empty path before any work is done: `--out ""` would name the current folder.
    public static func requirePath(_ path: String, option: String = "--out") throws {
        guard !path.isEmpty else { throw CommandFailure.usage("\(option) needs a path") }
    }

    /// Cleans up after a run that died while writing: its staging folder goes; an earlier
    /// result it had moved aside comes back when nothing replaced it.
    static func recover(_ name: String, in parent: URL) {
        let fm = FileManager.default
        guard let siblings = try? fm.contentsOfDirectory(atPath: parent.path) else { return }
        for sibling in siblings.sorted() {
            for kind in ["staging", "old"] {
                let prefix = ".\(name).\(kind)-"
                guard sibling.hasPrefix(prefix), let pid = Int32(sibling.dropFirst(prefix.count)),
                      pid != getpid(), kill(pid, 0) != 0 else { continue }
                let url = parent.appendingPathComponent(sibling)
                let target = parent.appendingPathComponent(name)
                if kind == "old" && !fm.fileExists(atPath: target.path) {
                    _ = rename(url.path, target.path)
                } else {
                    try? fm.removeItem(at: url)
                }
            }
        }
    }

    /// Replaces `path` with a folder holding exactly `files` (name, contents).
    public static func commit(_ files: [(String, [UInt8])], to path: String) throws {
        let fm = FileManager.default
        let target = URL(fileURLWithPath: path).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        let name = target.lastPathComponent
        recover(name, in: parent)
        var isDirectory: ObjCBool = false
        let exists = fm.fileExists(atPath: target.path, isDirectory: &isDirectory)
        if exists {
            guard isDirectory.boolValue else { throw Failure(description: "\(path) exists and is not a folder") }
            let contents = (try? fm.contentsOfDirectory(atPath: target.path)) ?? []
            guard contents.isEmpty || contents.contains(marker) else {
                throw Failure(description: "\(path) holds files that are not a Thuis result; choose an empty or new folder")
            }
        }
        guard fm.isWritableFile(atPath: parent.path) else {
            throw Failure(description: "cannot write in \(parent.path)")
        }
        let pid = getpid()
        let staging = parent.appendingPathComponent(".\(name).staging-\(pid)")
        try? fm.removeItem(at: staging)
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: false)
            for (file, contents) in files {
                try AtomicFile.write(bytes: contents, to: staging.appendingPathComponent(file).path)
            }
            if exists {
                let old = parent.appendingPathComponent(".\(name).old-\(pid)")
                try? fm.removeItem(at: old)
                guard rename(target.path, old.path) == 0 else { throw Failure(description: "cannot replace \(path): \(String(cString: strerror(errno)))") }
                PausePoint.swapOutputs.reach()
                guard rename(staging.path, target.path) == 0 else {
                    let reason = String(cString: strerror(errno))
                    _ = rename(old.path, target.path)
                    throw Failure(description: "cannot replace \(path): \(reason)")
                }
                try? fm.removeItem(at: old)
            } else {
                guard rename(staging.path, target.path) == 0 else { throw Failure(description: "cannot create \(path): \(String(cString: strerror(errno)))") }
            }
        } catch let failure as Failure {
            try? fm.removeItem(at: staging)
            throw failure
        } catch {
            try? fm.removeItem(at: staging)
            throw Failure(description: "\(error)")
        }
    }
}
