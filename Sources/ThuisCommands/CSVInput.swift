import Foundation
import ThuisCore
import ThuisReports

/// A CSV file a user gives a command (answers, lettings before Thuis, a stock or programme
/// file), read whole and checked before any byte is parsed.
enum CSVInput {
    /// The file's bytes. A missing file is `FILE_NOT_FOUND` (66); a FIFO, a device or a folder
    /// is refused rather than waited on, and an unreadable file is `READ_FAILED` (74); a file
    /// beyond ``CSVReader/maximumBytes`` is `VALUE_TOO_LONG`.
    static func read(_ path: String) throws -> [UInt8] {
        [UInt8](try map(path))
    }

    /// The file mapped into memory rather than read: its pages are the file's, not a copy, so a
    /// large file costs no memory of its own (record-outcomes streams its rows from it).
    static func map(_ path: String) throws -> Data {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw CommandFailure(.fileNotFound, "cannot open: \(String(cString: strerror(errno)))", at: SourceLocation(file: path, line: 0, column: 0))
        }
        guard status.st_mode & S_IFMT == S_IFREG,
              let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: status.st_size > 0 ? .alwaysMapped : []) else {
            throw CommandFailure(.readFailed, status.st_mode & S_IFMT == S_IFREG ? "cannot read" : "not a regular file", at: SourceLocation(file: path, line: 0, column: 0))
        }
        guard data.count <= CSVReader.maximumBytes else {
            throw CommandFailure(.valueTooLong, "the file is larger than \(CSVReader.maximumBytes >> 20) MiB", at: SourceLocation(file: path, line: 0, column: 0))
        }
        return data
    }
}
