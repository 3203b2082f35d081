import CLibXML2
import Foundation
import ThuisCore

/// Reads a batch from one or more VERA-shaped XML export files (plain or gzip-compressed).
public enum ExportReader {
    /// How strictly to read.
    public typealias Options = ReadOptions

    /// Reads the files of one batch into a market; several files merge into one market.
    public static func read(_ paths: [String], options: Options = Options()) -> IngestResult {
        initialize()
        var builder = MarketBuilder(skipInvalid: options.skipInvalid, errorLimit: options.errorLimit)
        var encodings: [String: String] = [:]
        var parted: [String: Int] = [:]
        for (index, path) in paths.enumerated() {
            // Only the first file is read in parts: reading again with one parser after an
            // irregular part needs the builder as it was before the file, which is then empty.
            if index == 0, let session = readInParts(path, options: options) {
                builder = session.builder
                encodings[path] = session.declaredEncoding ?? "UTF-8"
                parted[path] = session.parts
                if builder.shouldStop { break }
                continue
            }
            let session = SAXSession(builder: builder, path: path)
            builder = MarketBuilder(skipInvalid: options.skipInvalid, errorLimit: options.errorLimit)
            do {
                let file = try ChunkedFile(path: path)
                // A reaction takes about 80 bytes of export; compressed files, about 8.
                let size = file.size
                session.builder.reserveReactions(min(size / (file.isCompressed ? 8 : 80), 200_000_000))
                let recorder = SAXRecorder(session: session)
                recorder.progress = options.progress
                recorder.parse(file)
            } catch ChunkedFile.Failure.cannotOpen(let why) {
                session.builder.beginFile(path)
                session.report(.error(.fileNotFound, "cannot open: \(why)", at: SourceLocation(file: path, line: 0, column: 0)))
            } catch {
                session.builder.beginFile(path)
                session.report(.error(.readFailed, "cannot read: \(error)", at: SourceLocation(file: path, line: 0, column: 0)))
            }
            builder = session.builder
            encodings[path] = session.declaredEncoding ?? "UTF-8"
            if builder.shouldStop { break }
        }
        var result = builder.finish()
        result.encodings = encodings
        result.parts = parted
        return result
    }

    /// Reads `path` in parts on both cores (see ``PartedRead``); nil when the file is not read
    /// so: it is small or compressed, cannot be cut, or a part was irregular.
    private static func readInParts(_ path: String, options: Options) -> SAXSession? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        let size = Int(info.st_size)
        let partBytes = options.partBytes ?? (ProcessInfo.processInfo.activeProcessorCount >= 3 ? 4 << 20 : 0)
        guard let plan = PartPlan(fd: fd, size: size, partBytes: partBytes) else { return nil }
        let session = SAXSession(builder: MarketBuilder(skipInvalid: options.skipInvalid, errorLimit: options.errorLimit), path: path)
        session.builder.reserveReactions(min(size / 80, 200_000_000))
        // A part that ends with nothing open is irregular, so the root was read.
        guard PartedRead(plan: plan, fd: fd, size: size, session: session, progress: options.progress).run() == .read else { return nil }
        session.parts = plan.count
        return session
    }

    /// Reads a batch given as an in-memory document (for tests and tools).
    public static func read(document: String, name: String = "export.xml", options: Options = Options()) -> IngestResult {
        let directory = "/tmp/thuis-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        mkdir(directory, 0o700)
        let path = "\(directory)/\(name)"
        defer { unlink(path); rmdir(directory) }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var text = document
        text.withUTF8 { _ = write(fd, $0.baseAddress, $0.count) }
        close(fd)
        var result = read([path], options: options)
        // Report the caller's name, not the temporary path.
        result.diagnostics = result.diagnostics.map { d in
            var d = d
            if d.location?.file == path { d.location?.file = name }
            return d
        }
        return result
    }

    /// libxml2 is initialised once per process; never cleaned up in library code.
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    private static func initialize() { _ = initialized }
}

#if canImport(Glibc)
import Glibc
#endif
