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
        let put = { (bytes: [UInt8], newlines: Int) throws in
            hash.update(data: bytes)
            lines += newlines
            try writeAll(bytes, to: fd)
        }
        switch contents {
        case .bytes(let bytes): try put(bytes, LineCount.newlines(bytes))
        case .rows(let rows): try inOrder(rows, put)   // lines counted where the chunks are made
        case .file(let path): try copy(path) { try put($0, LineCount.newlines($0)) }
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

    /// Hands the chunks of `rows` to `body` in order, with their line counts, formatting and
    /// counting them on every core (the writing thread also hashes: it is the one to spare).
    static func inOrder(_ rows: ChunkedRows, _ body: ([UInt8], Int) throws -> Void) throws {
        let threads = min(rows.count, max(1, ProcessInfo.processInfo.activeProcessorCount))
        if threads <= 1 {
            for i in 0..<rows.count {
                let chunk = rows.chunk(i)
                try body(chunk, LineCount.newlines(chunk))
            }
            return
        }
        let pipeline = Pipeline(count: rows.count)
        let group = DispatchGroup()
        for _ in 0..<threads {
            DispatchQueue.global(qos: .userInitiated).async(group: group) {
                while let i = pipeline.claim() {
                    let chunk = rows.chunk(i)
                    pipeline.deliver(i, (chunk, LineCount.newlines(chunk)))
                }
            }
        }
        defer {
            pipeline.cancel()
            group.wait()
        }
        for i in 0..<rows.count {
            let (bytes, lines) = pipeline.take(i)
            try body(bytes, lines)
        }
    }

    /// The hand-over between the formatting threads and the writer. Threading: every mutable
    /// property is touched only with `condition` locked.
    private final class Pipeline: @unchecked Sendable {
        private let condition = NSCondition()
        private let count: Int
        private var next = 0
        private var taken = 0
        private var cancelled = false
        private var made: [Int: (bytes: [UInt8], lines: Int)] = [:]

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

        func deliver(_ i: Int, _ chunk: (bytes: [UInt8], lines: Int)) {
            condition.lock()
            made[i] = chunk
            condition.broadcast()
            condition.unlock()
        }

        /// Chunk `i` and its line count, once made.
        func take(_ i: Int) -> (bytes: [UInt8], lines: Int) {
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
