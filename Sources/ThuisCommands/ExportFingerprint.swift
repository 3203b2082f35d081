import Foundation
import ThuisCore

/// SHA-256 of the exact bytes a run read: the export files in the order given, and the policy.
enum ExportFingerprint {
    static func sha256(of paths: [String]) throws -> String {
        var hash = SHA256()
        for path in paths {
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw CommandFailure(.readFailed, "cannot read for the fingerprint: \(path) cannot be opened")
            }
            defer { try? handle.close() }
            do {
                while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                    chunk.withUnsafeBytes { hash.update($0) }
                }
            } catch {
                throw CommandFailure(.readFailed, "cannot read for the fingerprint: \(error)")
            }
        }
        return hash.hexDigest
    }
}
