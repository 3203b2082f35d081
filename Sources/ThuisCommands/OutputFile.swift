import Foundation
import ThuisReports

/// One file of a result folder: its name and its contents, made at once or in chunks of rows
/// that are formatted on every core while they are written (``ChunkedRows``).
public struct OutputFile: Sendable {
    public enum Contents: Sendable {
        case bytes([UInt8])
        case rows(ChunkedRows)
        /// A file of Thuis's own already on disk (a fetched page staged as it arrived).
        case file(String)
    }

    public var name: String
    public var contents: Contents

    public init(_ name: String, _ contents: Contents) {
        self.name = name
        self.contents = contents
    }

    public init(_ name: String, bytes: [UInt8]) {
        self.init(name, .bytes(bytes))
    }

    /// The whole contents in memory (for checks that compare files, and small files).
    public var bytes: [UInt8] {
        switch contents {
        case .bytes(let bytes): return bytes
        case .rows(let rows): return rows.joined
        case .file(let path): return (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))) ?? []
        }
    }
}
