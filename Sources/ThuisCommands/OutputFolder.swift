import Foundation
import ThuisCore

/// A run's output folder: written all or nothing, and never over files Thuis did not write.
///
/// Every folder Thuis writes holds `manifest.sha256`: Thuis's own first line (``manifestMark``, a
/// comment `sha256sum -c` skips), then one `SHA256  name` line per file in the form `sha256sum -c`
/// checks. An existing folder is replaced only when it is empty or holds exactly the files its
/// manifest lists, unchanged, under that first line (a list a user made with `sha256sum` is not
/// Thuis's); anything else is refused with the names of the files Thuis did not write. A
/// symbolic link is refused as an output folder, never replaced by a real one. A result is first staged in `.NAME.staging-PID` beside the
/// target (each file streamed under a temporary name and flushed, then the manifest, then the
/// files renamed), then swapped in by two renames
/// (`Documentation/nightly-runs.md` describes how the ledger's commit fits in between).
public enum OutputFolder {
    /// The file every Thuis output folder holds.
    public static let manifestName = "manifest.sha256"
    /// The first line of every manifest Thuis writes.
    public static let manifestMark = "# thuis: a folder Thuis wrote; sha256sum -c manifest.sha256 checks its files"

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// A complete result staged beside its target, not yet in place.
    public struct Staged: Sendable, Equatable {
        /// The output folder, absolute.
        public var target: String
        /// The staging folder beside it, absolute.
        public var staging: String
        /// SHA-256 of the manifest: names the result (its files and their contents).
        public var manifestDigest: String
        /// The target's entries as staging found them replaceable (empty, or a result checked
        /// file by file), so that delivering in the same run need not hash them again.
        var replaceable: [EntryState]?

        public init(target: String, staging: String, manifestDigest: String) {
            self.target = target
            self.staging = staging
            self.manifestDigest = manifestDigest
        }
    }

    /// What `stat` says of a folder entry; equal states mean the entry was not written since
    /// (a write changes the change time, which no user can set back).
    struct EntryState: Equatable, Sendable {
        var name: String
        var inode: UInt64
        var size: Int64
        var modified: Int
        var modifiedNanoseconds: Int
        var changed: Int
        var changedNanoseconds: Int
    }

    /// What a folder held when looked at ahead of staging, and its entries' states then. Judging
    /// a national result means hashing its 1.9 GB; a run looks while it allocates, on the core the
    /// mechanism leaves idle. Staging takes the verdict only if no entry changed since (the check
    /// that also lets ``deliver(_:)`` skip a second look), and looks again otherwise.
    public struct Survey: Sendable {
        let entries: [EntryState]?
        let contents: Contents

        /// Looks at the folder at `path`.
        public init(_ path: String) {
            let target = URL(fileURLWithPath: path).standardizedFileURL
            entries = OutputFolder.entryStates(target)
            contents = OutputFolder.inspect(target)
        }

        /// The verdict, when it still holds for a folder whose entries are now `now`.
        func contents(now: [EntryState]?) -> Contents? {
            // A folder that could not be listed (missing, a file, unreadable) is judged afresh.
            guard let entries, entries == now else { return nil }
            return contents
        }
    }

    /// What a folder holds, judged by its manifest.
    enum Contents: Equatable, Sendable {
        case missing
        case empty
        /// Exactly the files of its manifest, unchanged; the manifest's digest.
        case result(String)
        /// Files Thuis did not write (or changed), by name; or not a folder at all.
        case foreign([String])
    }

    /// Refuses an empty path before any work is done: `--out ""` would name the current folder.
    public static func requirePath(_ path: String, option: String = "--out") throws {
        guard !path.isEmpty else { throw CommandFailure.usage("\(option) needs a path") }
    }

    /// Refuses an output folder (`option`) that is, holds or lies inside one of the run's
    /// `inputs`: replacing it would destroy what the run reads (a fetched batch is a Thuis folder
    /// with a manifest, and would otherwise count as a result to replace). Paths are compared
    /// after resolving links, as far as they exist.
    public static func requireApart(_ path: String, option: String, from inputs: [String]) throws {
        let out = resolved(path)
        for input in inputs where !input.isEmpty {
            let other = resolved(input)
            let clash = out == other ? "is" : other.hasPrefix(out + "/") ? "holds" : out.hasPrefix(other + "/") ? "lies inside" : nil
            if let clash {
                throw CommandFailure(.usage, "\(option) \(path) \(clash) an input of this run (\(input)); Thuis writes its results apart from what it reads: give another folder")
            }
        }
    }

    /// The absolute path with the links of its existing part resolved.
    static func resolved(_ path: String) -> String {
        var existing = URL(fileURLWithPath: path).standardizedFileURL.path
        var rest: [String] = []
        while existing != "/", realpath(existing, nil) == nil {
            rest.insert((existing as NSString).lastPathComponent, at: 0)
            existing = (existing as NSString).deletingLastPathComponent
        }
        guard let real = realpath(existing, nil) else { return existing }
        defer { free(real) }
        return ([String(cString: real)] + rest).joined(separator: "/").replacingOccurrences(of: "//", with: "/")
    }

    /// Replaces `path` with a folder holding exactly `files` (name, contents) and their manifest.
    public static func commit(_ files: [(String, [UInt8])], to path: String) throws {
        try commit(files.map { OutputFile($0.0, bytes: $0.1) }, to: path)
    }

    /// Replaces `path` with a folder holding exactly `files` and their manifest (``stage(_:for:surveyed:)``).
    public static func commit(_ files: [OutputFile], to path: String, surveyed: Survey? = nil) throws {
        try deliver(stage(files, for: path, surveyed: surveyed))
    }

    /// Writes `files` and their manifest to a staging folder beside `path`, after checking that
    /// `path` may be replaced (by the `surveyed` verdict if no entry changed since); nothing at
    /// `path` changes yet.
    public static func stage(_ files: [OutputFile], for path: String, surveyed: Survey? = nil) throws -> Staged {
        let target = URL(fileURLWithPath: path).standardizedFileURL
        let parent = target.deletingLastPathComponent(), name = target.lastPathComponent
        recover(name, in: parent)
        var link = stat()
        if lstat(target.path, &link) == 0, link.st_mode & S_IFMT == S_IFLNK {
            throw Failure(description: "\(path) is a symbolic link; Thuis does not replace a link by a folder (nor write through one): give the folder itself or a new path")
        }
        let before = entryStates(target)
        let found = surveyed?.contents(now: before) ?? inspect(target)
        if case .foreign(let names) = found {
            let unmarked = inspect(target, requiringMark: false) != found
                ? "; its manifest.sha256 lacks Thuis's first line (a list made with sha256sum, or a result of Thuis 0.5 or earlier: move it aside)" : ""
            throw Failure(description: "\(path) holds files Thuis did not write (\(names.prefix(10).joined(separator: ", "))\(names.count > 10 ? ", ..." : ""))\(unmarked); choose an empty or new folder")
        }
        // Kept only when nothing changed while the files were hashed.
        let replaceable = found == .missing || before != entryStates(target) ? nil : before
        let staging = parent.appendingPathComponent(".\(name).staging-\(getpid())")
        if FileManager.default.fileExists(atPath: staging.path) {
            guard isOurs(staging, pid: getpid()) else { throw Failure(description: "\(staging.path) is in the way and is not Thuis's") }
            try? FileManager.default.removeItem(at: staging)
        }
        let manifestBytes: [UInt8]
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
            // Each file is streamed under its temporary name (which marks it as Thuis's in a
            // staging folder cut short), hashed on the way; then the manifest; then the names.
            var written: [(name: String, temporary: String, sha256: String, lines: Int)] = []
            for file in files {
                let path = staging.appendingPathComponent(file.name).path
                let (temporary, sha256, lines) = try AtomicFile.writeTemporary(file.contents, for: path)
                written.append((file.name, temporary, sha256, lines))
            }
            manifestBytes = manifest(written.map { ($0.name, $0.sha256, $0.lines) })
            try AtomicFile.write(bytes: manifestBytes, to: staging.appendingPathComponent(manifestName).path)
            for file in written {
                try AtomicFile.publish(file.temporary, as: staging.appendingPathComponent(file.name).path)
            }
            try syncFolder(staging)
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw Failure(description: "cannot write \(path): \(error)")
        }
        var staged = Staged(target: target.path, staging: staging.path, manifestDigest: digest(manifestBytes))
        staged.replaceable = replaceable
        return staged
    }

    /// Puts a staged result in place: the earlier result (if any) is moved aside, the staged
    /// folder renamed to the target, the earlier result removed.
    public static func deliver(_ staged: Staged) throws {
        let target = URL(fileURLWithPath: staged.target), parent = target.deletingLastPathComponent()
        // Unchanged since staging checked it: the same verdict without hashing it again.
        let unchanged = staged.replaceable.map { $0 == entryStates(target) } ?? false
        switch unchanged ? .empty : inspect(target) {
        case .foreign(let names):
            throw Failure(description: "\(staged.target) holds files Thuis did not write (\(names.prefix(10).joined(separator: ", ")))")
        case .missing:
            guard rename(staged.staging, staged.target) == 0 else {
                throw Failure(description: "cannot create \(staged.target): \(String(cString: strerror(errno)))")
            }
        case .empty, .result:
            let old = parent.appendingPathComponent(".\(target.lastPathComponent).old-\(getpid())")
            guard rename(staged.target, old.path) == 0 else {
                throw Failure(description: "cannot replace \(staged.target): \(String(cString: strerror(errno)))")
            }
            PausePoint.swapOutputs.reach()
            guard rename(staged.staging, staged.target) == 0 else {
                let reason = String(cString: strerror(errno))
                _ = rename(old.path, staged.target)
                throw Failure(description: "cannot replace \(staged.target): \(reason)")
            }
            removeAside(old)
        }
        try? syncFolder(parent)
        // What a killed run left beside the target goes now that the target holds a result.
        recover(target.lastPathComponent, in: parent)
    }

    /// Cleans up what killed runs left beside the folder at `path` (``recover(_:in:)``).
    public static func tidy(_ path: String) {
        let target = URL(fileURLWithPath: path).standardizedFileURL
        recover(target.lastPathComponent, in: target.deletingLastPathComponent())
    }

    /// Removes a staged result that will not be delivered.
    public static func discard(_ staged: Staged) {
        try? FileManager.default.removeItem(atPath: staged.staging)
    }

    /// The states of a folder's entries by name; nil when it is not a readable folder.
    static func entryStates(_ url: URL) -> [EntryState]? {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { return nil }
        var states: [EntryState] = []
        for name in entries.sorted() {
            var info = stat()
            guard lstat(url.appendingPathComponent(name).path, &info) == 0 else { return nil }
            states.append(EntryState(name: name, inode: UInt64(info.st_ino), size: Int64(info.st_size),
                                     modified: info.st_mtim.tv_sec, modifiedNanoseconds: info.st_mtim.tv_nsec,
                                     changed: info.st_ctim.tv_sec, changedNanoseconds: info.st_ctim.tv_nsec))
        }
        return states
    }

    /// Whether the folder at `path` holds the result with this manifest digest.
    public static func holds(_ path: String, manifestDigest: String) -> Bool {
        inspect(URL(fileURLWithPath: path)) == .result(manifestDigest)
    }

    /// The manifest of `files`: `SHA256  name` per line, sorted by name, then the line counts.
    static func manifest(_ files: [(String, [UInt8])]) -> [UInt8] {
        manifest(files.map { ($0.0, digest($0.1), LineCount.newlines($0.1)) })
    }

    /// The manifest of files by name, SHA-256 and line count: after the hashes, a comment
    /// `# lines N  name` per file (which `sha256sum -c` skips), so `thuis verify` can tell a row
    /// deleted or added from the count the run wrote, even where the hashes were remade.
    static func manifest(_ files: [(name: String, sha256: String, lines: Int)]) -> [UInt8] {
        let sorted = files.sorted { $0.name < $1.name }
        return Array((manifestMark + "\n" + sorted.map { "\($0.sha256)  \($0.name)\n" }.joined()
            + sorted.map { "\(linesMark)\($0.lines)  \($0.name)\n" }.joined()).utf8)
    }

    /// The start of a manifest's line-count comment.
    static let linesMark = "# lines "

    /// A manifest's line counts by name (empty for a manifest an earlier Thuis wrote).
    public static func lineCounts(_ manifest: Data) -> [String: Int] {
        var counts: [String: Int] = [:]
        for line in String(decoding: manifest, as: UTF8.self).split(separator: "\n") where line.hasPrefix(linesMark) {
            let parts = line.dropFirst(linesMark.count).split(separator: " ", maxSplits: 1)
            guard parts.count == 2, let n = Int(parts[0]), parts[1].hasPrefix(" ") else { continue }
            counts[String(parts[1].dropFirst())] = n
        }
        return counts
    }

    static func digest(_ bytes: [UInt8]) -> String { Fingerprint.sha256(bytes) }

    /// What `url` holds: a Thuis result only when its entries are exactly its manifest's files,
    /// each file's SHA-256 is the manifest's, and (unless `requiringMark` is false, for checking
    /// a folder an earlier Thuis wrote) the manifest starts with ``manifestMark``. A symbolic
    /// link is never a result.
    static func inspect(_ url: URL, requiringMark: Bool = true) -> Contents {
        let fm = FileManager.default
        var link = stat()
        if lstat(url.path, &link) == 0, link.st_mode & S_IFMT == S_IFLNK { return .foreign([url.lastPathComponent]) }
        var isFolder: ObjCBool = false
        guard fm.fileExists(atPath: url.path, isDirectory: &isFolder) else { return .missing }
        guard isFolder.boolValue else { return .foreign([url.lastPathComponent]) }
        guard let entries = try? fm.contentsOfDirectory(atPath: url.path) else { return .foreign([url.lastPathComponent]) }
        if entries.isEmpty { return .empty }
        guard let manifest = fm.contents(atPath: url.appendingPathComponent(manifestName).path),
              let listed = parse(manifest),
              !requiringMark || manifest.starts(with: Data((manifestMark + "\n").utf8)) else {
            return .foreign(entries.filter { $0 != manifestName }.sorted())
        }
        var foreign = entries.filter { $0 != manifestName && listed[$0] == nil }
        for (name, expected) in listed {
            // Streamed: a national candidates.csv is a gigabyte.
            if (try? Fingerprint.sha256(files: [url.appendingPathComponent(name).path])) != expected { foreign.append(name) }
        }
        return foreign.isEmpty ? .result(digest([UInt8](manifest))) : .foreign(foreign.sorted())
    }

    /// A manifest's names and digests; nil when it is not one.
    static func parse(_ data: Data) -> [String: String]? {
        var listed: [String: String] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].count == 64, parts[1].hasPrefix(" ") else { return nil }
            let name = String(parts[1].dropFirst())
            guard !name.isEmpty, !name.contains("/"), name != "..", name != "." else { return nil }
            listed[name] = String(parts[0])
        }
        return listed
    }

    /// Whether a staging folder holds nothing but what Thuis writes there: its manifest, the
    /// files the manifest lists, and files under the temporary names of the run that made it
    /// (`.NAME.tmp-PID`, written before the manifest).
    static func isOurs(_ staging: URL, pid: Int32) -> Bool {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: staging.path) else { return false }
        let listed = FileManager.default.contents(atPath: staging.appendingPathComponent(manifestName).path).flatMap(parse) ?? [:]
        let names = Set(listed.keys).union([manifestName])
        return entries.allSatisfy { entry in
            names.contains(entry) || (entry.hasPrefix(".") && entry.hasSuffix(".tmp-\(pid)"))
        }
    }

    /// Removes an earlier result moved aside, its manifest last: a run killed halfway leaves a
    /// folder whose every entry its manifest still names, which ``recover(_:in:)`` knows as ours.
    static func removeAside(_ old: URL) {
        let fm = FileManager.default
        for entry in (try? fm.contentsOfDirectory(atPath: old.path)) ?? [] where entry != manifestName {
            try? fm.removeItem(at: old.appendingPathComponent(entry))
        }
        try? fm.removeItem(at: old)
    }

    /// Cleans up after a run that died while writing: an earlier result it had moved aside comes
    /// back when nothing replaced it, or goes when the target holds a result again (also when the
/// run died while removing it, as long as its manifest names all that is left); its staging
    /// folder goes when it holds nothing but Thuis's files. Anything else is left alone.
    static func recover(_ name: String, in parent: URL) {
        let fm = FileManager.default
        guard let siblings = try? fm.contentsOfDirectory(atPath: parent.path) else { return }
        let target = parent.appendingPathComponent(name)
        for sibling in siblings.sorted() {
            for kind in ["old", "staging"] {
                let prefix = ".\(name).\(kind)-"
                guard sibling.hasPrefix(prefix), let pid = Int32(sibling.dropFirst(prefix.count)),
                      pid != getpid(), kill(pid, 0) != 0 else { continue }
                let url = parent.appendingPathComponent(sibling)
                if kind == "old" {
                    if case .result = inspect(url) {
                        if inspect(target) == .missing { _ = rename(url.path, target.path) } else { try? fm.removeItem(at: url) }
                    } else if inspect(target) != .missing && isOurs(url, pid: pid) {
                        // Half removed by a run killed while it cleared the earlier result away.
                        removeAside(url)
                    }
                } else if isOurs(url, pid: pid) {
                    try? fm.removeItem(at: url)
                }
            }
        }
    }

    /// Flushes a folder's entries (new names, renames) to disk.
    static func syncFolder(_ url: URL) throws {
        let fd = open(url.path, O_RDONLY | O_DIRECTORY)
        guard fd >= 0 else { throw Failure(description: "cannot open \(url.path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw Failure(description: "cannot flush \(url.path): \(String(cString: strerror(errno)))") }
    }
}
