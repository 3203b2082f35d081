import Crypto
import Foundation
import ThuisReports

/// Writes a file's contents to an open descriptor as they are made, and hashes them on the way.
///
/// Chunked rows are formatted on `ProcessInfo.activeProcessorCount` threads and written in
/// order by the calling thread; at most ``window`` chunks are made and not yet written, so
/// memory does not grow with the file.
enum StreamedFile {
    /// Chunks formatted ahead of the writer, at most.
    static let window = 8

    struct Failure: Error {
        var reason: String
    }

    /// Writes `contents` to `fd`; returns their SHA-256 and how many lines they hold.
    static func write(_ contents: OutputFile.Contents, to fd: Int32) throws -> (sha256: SHA256.Digest, lines: Int) {
        var hash = SHA256()
        var lines = 0
        let put = { (bytes: [UInt8]) throws in
            hash.update(data: bytes)
            lines += LineCount.newlines(bytes)
            try writeAll(bytes, to: fd)
        }
        switch contents {
        case .bytes(let bytes): try put(bytes)
        case .rows(let rows): try inOrder(rows, put)
        case .file(let path): try copy(path, put)
        }
        return (hash.finalize(), lines)
    }

    /// Hands the bytes of the file at `path` to `body`, a megabyte at a time.
    static func copy(_ path: String, _ body: ([UInt8]) throws -> Void) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw Failure(reason: "cannot read \(path)") }
        defer { try? handle.close() }
        while true {
            let chunk: Data?
            do { chunk = try handle.read(upToCount: 1 << 20) } catch { throw Failure(reason: "cannot read \(path): \(error)") }
            guard let chunk, !chunk.isEmpty else { return }
            try body([UInt8](chunk))
        }
    }

    /// Hands the chunks of `rows` to `body` in order, formatting them on every core.
    static func inOrder(_ rows: ChunkedRows, _ body: ([UInt8]) throws -> Void) throws {
        let threads = min(rows.count, max(1, ProcessInfo.processInfo.activeProcessorCount))
        if threads <= 1 {
            for i in 0..<rows.count { try body(rows.chunk(i)) }
            return
        }
        let pipeline = Pipeline(count: rows.count)
        let group = DispatchGroup()
        for _ in 0..<threads {
            DispatchQueue.global(qos: .userInitiated).async(group: group) {
                while let i = pipeline.claim() { pipeline.deliver(i, rows.chunk(i)) }
            }
        }
        defer {
            pipeline.cancel()
            group.wait()
        }
        for i in 0..<rows.count { try body(pipeline.take(i)) }
    }

    /// The hand-over between the formatting threads and the writer. Threading: every mutable
    /// property is touched only with `condition` locked.
    private final class Pipeline: @unchecked Sendable {
        private let condition = NSCondition()
        private let count: Int
        private var next = 0
        private var taken = 0
        private var cancelled = false
        private var made: [Int: [UInt8]] = [:]

        init(count: Int) { self.count = count }

        /// The next chunk to format, waiting while the writer is ``window`` chunks behind; nil at the end.
        func claim() -> Int? {
            condition.lock()
            defer { condition.unlock() }
            while next < count && next - taken >= StreamedFile.window && !cancelled { condition.wait() }
            guard next < count && !cancelled else { return nil }
            next += 1
            return next - 1
        }

        func deliver(_ i: Int, _ bytes: [UInt8]) {
            condition.lock()
            made[i] = bytes
            condition.broadcast()
            condition.unlock()
        }

        /// Chunk `i`, once made.
        func take(_ i: Int) -> [UInt8] {
            condition.lock()
            defer { condition.unlock() }
            while made[i] == nil { condition.wait() }
            taken += 1
            condition.broadcast()
            return made.removeValue(forKey: i)!
        }

        func cancel() {
            condition.lock()
            cancelled = true
            condition.broadcast()
            condition.unlock()
        }
    }

    private static func writeAll(_ bytes: [UInt8], to fd: Int32) throws {
        try bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw Failure(reason: String(cString: strerror(errno)))
                }
                offset += n
            }
        }
    }
}
