import CZlib
import ThuisCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file read in fixed-size chunks, inflated on the fly when it is gzip-compressed (by its
/// magic bytes, whatever its name), so memory stays bounded whatever the file size.
final class ChunkedFile {
    enum Failure: Error, CustomStringConvertible {
        case cannotOpen(String)
        case readFailed(String)
        case badGzip(String)

        /// The system's reason, as messages quote it.
        var description: String {
            switch self {
            case .cannotOpen(let why), .readFailed(let why), .badGzip(let why): return why
            }
        }
    }

    static let chunkSize = 1 << 18

    private let fd: Int32
    private var raw: UnsafeMutableRawBufferPointer
    private var stream = z_stream()
    private var gzip = false
    private var streamOpen = false
    private var pending = 0
    private var finished = false
    /// Bytes of the file read so far (compressed size for gzip).
    private(set) var bytesRead = 0

    init(path: String) throws {
        fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw Failure.cannotOpen(String(cString: strerror(errno))) }
        raw = .allocate(byteCount: ChunkedFile.chunkSize, alignment: 16)
        pending = try fill(from: 0)
        gzip = pending >= 2 && raw[0] == 0x1f && raw[1] == 0x8b
        if gzip { try startInflate() }
    }

    deinit {
        if streamOpen { inflateEnd(&stream) }
        raw.deallocate()
        close(fd)
    }

    /// The file's size on disk in bytes (0 when unknown, e.g. a pipe).
    var size: Int {
        var info = stat()
        return fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG ? Int(info.st_size) : 0
    }

    /// Whether the file is gzip-compressed.
    var isCompressed: Bool { gzip }

    /// Fills `buffer` with the next bytes of the (decompressed) content; 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if !gzip {
            if pending > 0 {
                let n = min(pending, buffer.count)
                buffer.baseAddress!.copyMemory(from: raw.baseAddress!, byteCount: n)
                if n < pending { memmove(raw.baseAddress!, raw.baseAddress! + n, pending - n) }
                pending -= n
                return n
            }
            return try readRaw(into: buffer)
        }
        var produced = 0
        while produced == 0 && !finished {
            if stream.avail_in == 0 {
                let n = try fill(from: 0)
                if n == 0 {
                    if streamOpen { throw Failure.badGzip("the compressed data ends too early") }
                    finished = true
                    break
                }
                if !streamOpen { try startInflate(available: n) } else {
                    stream.next_in = raw.baseAddress!.assumingMemoryBound(to: Bytef.self)
                    stream.avail_in = uInt(n)
                }
            }
            stream.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.avail_out = uInt(buffer.count)
            let status = inflate(&stream, Z_NO_FLUSH)
            produced = buffer.count - Int(stream.avail_out)
            switch status {
            case Z_OK, Z_BUF_ERROR: break
            case Z_STREAM_END:
                // Another gzip member may follow (concatenated files).
                inflateEnd(&stream)
                streamOpen = false
                if stream.avail_in > 0 {
                    let leftover = Int(stream.avail_in)
                    memmove(raw.baseAddress!, stream.next_in, leftover)
                    try startInflate(available: leftover)
                }
            default:
                let message = stream.msg.map { String(cString: $0) } ?? "code \(status)"
                throw Failure.badGzip(message)
            }
        }
        return produced
    }

    private func startInflate(available: Int? = nil) throws {
        stream = z_stream()
        stream.next_in = raw.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.avail_in = uInt(available ?? pending)
        pending = 0
        guard thuis_inflate_init_gzip(&stream) == Z_OK else { throw Failure.badGzip("cannot start zlib") }
        streamOpen = true
    }

    private func fill(from offset: Int) throws -> Int {
        try readRaw(into: UnsafeMutableRawBufferPointer(rebasing: raw[offset...]))
    }

    private func readRaw(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if n >= 0 {
                bytesRead += n
                return n
            }
            if errno == EINTR { continue }
            throw Failure.readFailed(String(cString: strerror(errno)))
        }
    }
}
