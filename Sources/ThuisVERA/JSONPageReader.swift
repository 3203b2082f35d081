#if canImport(Glibc)
import Glibc
#endif
import ThuisCore

/// Reads a page file, the body of a VERA list endpoint (a JSON array of objects), one item at a
/// time: the file is read in chunks of 1 MiB and the reader holds no more than the chunk and the
/// current item, so a page of any size is read in bounded memory (what the sink keeps of the
/// items read is the sink's to bound).
struct JSONPageReader {
    /// What reading a file ended with.
    enum Ending: Error {
        /// A problem that stops the file (syntax, bounds, a failed read), located.
        case failure(JSONFailure)
        /// The file cannot be opened: why, and whether it does not exist.
        case cannotOpen(String, missing: Bool)
    }

    private static let chunk = 1 << 20

    /// Scans each item into `sink`: its nodes onto the sink's tape, its bytes onto the sink's
    /// bytes (the nodes' offsets point there), then tells the sink the item's root; `progress`
    /// gets the share of the file read. Stops at the first problem that breaks the file, or when
    /// the sink says so.
    static func read<Sink: ItemSink>(path: String, progress: ((Double) -> Void)? = nil, into sink: inout Sink) throws(Ending) {
        // Non-blocking, so that a FIFO named like a page is refused by the check below instead of
        // waiting for a writer; reads of a regular file are not affected.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw .cannotOpen(String(cString: strerror(errno)), missing: errno == ENOENT) }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw .cannotOpen(String(cString: strerror(errno)), missing: false) }
        guard status.st_mode & S_IFMT == S_IFREG else { throw .cannotOpen("not a regular file", missing: false) }
        let size = Int(status.st_size)

        // Small pages (a fetched batch has many of 100 items) get a buffer of their size.
        var buffer = [UInt8](repeating: 0, count: max(1, min(chunk, size + 1)))
        var filled = 0, consumed = 0, atEnd = false
        var line = 1, lineStart = 0, position = 0

        /// Moves the unread bytes to the front and reads more; false at the end of the file.
        func refill(keeping from: Int) throws(Ending) -> Bool {
            if atEnd { return false }
            let kept = filled - from
            if from > 0 {
                buffer.withUnsafeMutableBytes { b in
                    if kept > 0 { memmove(b.baseAddress!, b.baseAddress! + from, kept) }
                }
                consumed += from
                lineStart -= from
                position -= from
                filled = kept
            }
            if filled == buffer.count { buffer.append(contentsOf: repeatElement(0, count: buffer.count)) }
            let n = buffer.withUnsafeMutableBytes { b in Glibc.read(fd, b.baseAddress! + filled, b.count - filled) }
            if n < 0 {
                throw .failure(JSONFailure(code: .readFailed, message: "cannot read: \(String(cString: strerror(errno)))", line: 0, column: 0))
            }
            if n == 0 { atEnd = true; return false }
            filled += n
            // The file is read as large as it was when opened: once that much is in, the end is
            // reached without another call (a fetched batch is thousands of small pages).
            if consumed + filled >= size { atEnd = true }
            progress?(min(1, Double(consumed + filled) / Double(max(1, size))))
            return true
        }

        /// Parses the item at `position` into the tape and returns where it starts; an item cut by
        /// the end of the buffer is parsed again from its start once more bytes are in.
        func parseItem() throws(Ending) -> Int {
            let (nodes, scratch) = (sink.tape.nodes.count, sink.tape.scratch.count)
            while true {
                sink.tape.nodes.removeSubrange(nodes...)
                sink.tape.scratch.removeSubrange(scratch...)
                let attempt: Result<JSONScanner, JSONFailure> = buffer.withUnsafeBytes { b in
                    var scanner = JSONScanner(UnsafeRawBufferPointer(rebasing: b[0..<filled]), position: position, line: line, lineStart: lineStart)
                    scanner.shift = sink.bytes.count - position
                    do throws(JSONFailure) {
                        try scanner.value(into: &sink.tape)
                        return .success(scanner)
                    } catch {
                        return .failure(error)
                    }
                }
                let tooLarge = JSONFailure(code: .valueTooLong, message: "an item of more than \(JSONLimits.recordBytes >> 20) MiB",
                                           line: line, column: position - lineStart + 1)
                switch attempt {
                case .success(let scanner):
                    if scanner.position - position > JSONLimits.recordBytes { throw .failure(tooLarge) }
                    let start = position
                    position = scanner.position
                    line = scanner.line
                    lineStart = scanner.lineStart
                    return start
                case .failure(var failure) where failure.needsMore:
                    if filled - position > JSONLimits.recordBytes { throw .failure(tooLarge) }
                    if try !refill(keeping: position) {
                        failure.needsMore = false
                        failure.message = "the file ends inside an item (is it cut short?)"
                        throw .failure(failure)
                    }
                case .failure(let failure):
                    throw .failure(failure)
                }
            }
        }

        /// The next byte that is not whitespace, or nil at the end of the file.
        func next() throws(Ending) -> UInt8? {
            while true {
                let c: UInt8? = buffer.withUnsafeBytes { b in
                    var scanner = JSONScanner(UnsafeRawBufferPointer(rebasing: b[0..<filled]), position: position, line: line, lineStart: lineStart)
                    let c = scanner.peek()
                    position = scanner.position
                    line = scanner.line
                    lineStart = scanner.lineStart
                    return c
                }
                if let c { return c }
                if try !refill(keeping: position) { return nil }
            }
        }

        func fail(_ code: DiagnosticCode, _ message: String) -> Ending {
            .failure(JSONFailure(code: code, message: message, line: line, column: position - lineStart + 1))
        }

        _ = try refill(keeping: 0)
        // A byte order mark is allowed before UTF-8 JSON; UTF-16 and UTF-32 are not JSON for exchange.
        if filled >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF {
            position = 3
            lineStart = 3
        } else if filled >= 2 && (buffer[0] == 0xFE || buffer[0] == 0xFF || buffer[0] == 0 || buffer[1] == 0) {
            throw fail(.invalidEncoding, "the file is not UTF-8 (UTF-16 or UTF-32?); VERA JSON is UTF-8")
        }
        guard let open = try next() else { throw fail(.malformedJSON, "the file is empty; a page is a JSON array, [] when it has no items") }
        guard open == UInt8(ascii: "[") else {
            throw fail(.wrongRoot, "a page is a JSON array of VERA objects (the body of a list endpoint)")
        }
        position += 1
        var first = true
        while true {
            guard let c = try next() else { throw fail(.truncated, "the file ends inside the page (is it cut short?)") }
            if c == UInt8(ascii: "]") && first {
                position += 1
                break
            }
            if !first {
                guard c == UInt8(ascii: ",") || c == UInt8(ascii: "]") else { throw fail(.malformedJSON, "expected ',' or ']' between items") }
                position += 1
                if c == UInt8(ascii: "]") { break }
            }
            first = false
            guard try next() != nil else { throw fail(.truncated, "the file ends inside the page (is it cut short?)") }
            let root = Int32(sink.tape.nodes.count)
            let start = try parseItem()
            buffer.withUnsafeBytes { b in sink.bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: b[start..<position])) }
            if !sink.itemRead(root: root) { return }
        }
        if try next() != nil { throw fail(.malformedJSON, "text after the end of the page") }
    }
}

/// Where ``JSONPageReader`` puts the items it reads.
protocol ItemSink {
    /// The nodes of the items read (a new item's are appended).
    var tape: JSONTape { get set }
    /// The items' bytes (a new item's are appended; its nodes' offsets point here).
    var bytes: [UInt8] { get set }
    /// An item was read, its root at this node; false stops the reading.
    mutating func itemRead(root: Int32) -> Bool
}
