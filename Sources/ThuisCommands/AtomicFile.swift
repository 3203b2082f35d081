import Foundation

/// Writes a file so that readers see either the whole new content or nothing new: the bytes
/// go to a temporary name in the same folder, are flushed, and are renamed into place.
public enum AtomicFile {
    public struct Failure: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "cannot write \(path): \(reason)" }
    }

    /// Writes `contents` to `path` atomically.
    public static func write(_ contents: String, to path: String) throws {
        try write(bytes: Array(contents.utf8), to: path)
    }

    /// Writes `bytes` to `path` atomically.
    public static func write(bytes: [UInt8], to path: String) throws {
        let temporary = try writeTemporary(.bytes(bytes), for: path).temporary
        try publish(temporary, as: path)
    }

    /// The name `path`'s contents have while they are written: `.NAME.tmp-PID` beside it.
    static func temporaryName(for path: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        return (directory.isEmpty ? "." : directory) + "/.\((path as NSString).lastPathComponent).tmp-\(getpid())"
    }

    /// Writes `contents` under the temporary name for `path`, streamed and flushed to disk;
    /// returns that name and the contents' SHA-256. Nothing is at `path` until ``publish``.
    static func writeTemporary(_ contents: OutputFile.Contents, for path: String) throws -> (temporary: String, sha256: String, lines: Int) {
        let temporary = temporaryName(for: path)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
        do {
            let (digest, lines) = try StreamedFile.write(contents, to: fd)
            guard fsync(fd) == 0 else { throw StreamedFile.Failure(reason: String(cString: strerror(errno))) }
            close(fd)
            return (temporary, Fingerprint.hex(digest), lines)
        } catch {
            close(fd)
            unlink(temporary)
            throw Failure(path: path, reason: (error as? StreamedFile.Failure)?.reason ?? "\(error)")
        }
    }

    /// Renames a written temporary file into place.
    static func publish(_ temporary: String, as path: String) throws {
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw Failure(path: path, reason: reason)
        }
    }
}
