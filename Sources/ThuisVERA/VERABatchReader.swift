#if canImport(Glibc)
import Glibc
#endif
import ThuisCore

/// Reads a batch given as VERA JSON: a folder with `batch.json` and the pages of the list
/// endpoints (`eenheden-*.json`, `publicaties-*.json`, `relaties-*.json`, `reacties-*.json`,
/// `aanbiedingen-*.json`), into the same market the XML reader makes.
public enum VERABatchReader {
    /// How strictly to read.
    public typealias Options = ReadOptions

    /// The resources a batch's pages hold, in the order they are read.
    public static let resources = ["eenheden", "publicaties", "relaties", "kandidaten", "reacties", "aanbiedingen"]
    /// The batch's header: the peildatum and region, which VERA's resources do not carry.
    public static let headerName = "batch.json"
    /// Files a batch folder may hold besides its pages (the manifest of a fetched batch).
    static let companions: Set<String> = ["manifest.sha256"]

    /// The resource a page file belongs to (`relaties-00002.json` -> `relaties`), or nil.
    public static func resource(ofPage name: String) -> String? {
        guard name.hasSuffix(".json") else { return nil }
        let stem = name.dropLast(5)
        return resources.first { stem == $0 || stem.hasPrefix($0 + "-") }
    }

    /// The files of the batch in `directory` in reading order (header first, then each
    /// resource's pages by name), and the names that are no part of a batch.
    public static func files(in directory: String) throws(BatchFolderError) -> (files: [String], others: [String]) {
        guard let dir = opendir(directory) else {
            throw errno == ENOTDIR ? .notAFolder : .cannotOpen(String(cString: strerror(errno)))
        }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        names.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        let kinds = names.map { resource(ofPage: $0) }
        var files = [base + headerName]
        for resource in resources {
            files += zip(names, kinds).filter { $0.1 == resource }.map { base + $0.0 }
        }
        let others = zip(names, kinds).filter { $0.0 != headerName && $0.1 == nil && !companions.contains($0.0) }.map(\.0)
        return (files, others)
    }

    /// The Relatie id a URI names: its last path segment, percent-decoded (`…/relaties/H%2F1`
    /// names `H/1`); nil when the escapes are broken.
    public static func relatieID(fromURI uri: UnsafeRawBufferPointer) -> [UInt8]? { VERASession.lastPathSegment(uri) }

    /// Why a batch folder cannot be listed.
    public enum BatchFolderError: Error, Sendable {
        case notAFolder
        case cannotOpen(String)
    }

    /// Reads the batch in each folder into one market (several folders merge, as several export files do).
    public static func read(_ directories: [String], options: Options = Options()) -> IngestResult {
        var builder = MarketBuilder(skipInvalid: options.skipInvalid, errorLimit: options.errorLimit)
        var encodings: [String: String] = [:]
        for directory in directories {
            let listing: (files: [String], others: [String])
            do {
                listing = try files(in: directory)
            } catch {
                builder.beginFile(directory)
                let why: String
                switch error {
                case .notAFolder: why = "is not a folder; --vera takes the folder of a VERA batch (batch.json and the pages)"
                case .cannotOpen(let reason): why = "cannot open: \(reason)"
                }
                builder.report(.error(.fileNotFound, why, at: SourceLocation(file: directory, line: 0, column: 0)))
                continue
            }
            for other in listing.others {
                builder.beginFile(directory)
                builder.report(.warning(.unknownFile, "\(other) is no part of a VERA batch (batch.json, \(resources.map { "\($0)-*.json" }.joined(separator: ", "))); ignored",
                                        at: SourceLocation(file: directory, line: 0, column: 0)))
            }
            let session = VERASession(builder: builder)
            builder = MarketBuilder(skipInvalid: options.skipInvalid, errorLimit: options.errorLimit)
            for path in listing.files { encodings[path] = "UTF-8" }
            session.builder.beginFile(listing.files[0])
            readHeader(listing.files[0], session)
            if !session.builder.shouldStop { readPages(Array(listing.files.dropFirst()), session, progress: options.progress) }
            session.completePendingHouseholds()
            builder = session.builder
            if builder.shouldStop { break }
        }
        var result = builder.finish()
        result.encodings = encodings
        return result
    }

    private static func report(_ ending: JSONPageReader.Ending, _ path: String, _ session: VERASession) {
        switch ending {
        case .cannotOpen(let why, let missing):
            session.report(.error(missing ? .fileNotFound : .readFailed, "cannot open: \(why)", at: SourceLocation(file: path, line: 0, column: 0)))
        case .failure(let f):
            session.report(.error(f.code, f.message, at: SourceLocation(file: path, line: f.line, column: f.column)))
        }
    }

    /// The decoder of a resource's items.
    private static func decoder(_ resource: String) -> (VERASession) -> Void {
        switch resource {
        case "eenheden": return { $0.eenheid() }
        case "publicaties": return { $0.publicatie() }
        case "relaties": return { $0.relatie() }
        case "reacties": return { $0.reactie() }
        case "kandidaten": return { $0.kandidaat() }
        default: return { $0.aanbieding() }
        }
    }

    /// Reads the pages on two threads: this one reads and scans the files (the JSON syntax),
    /// the other decodes the items into the market, in the order of the files and items.
    private static func readPages(_ paths: [String], _ session: VERASession, progress: (@Sendable (Double) -> Void)?) {
        let queue = BatchQueue<PageBatch>()
        queue.start { batch in
            decode(batch, session)
            if session.builder.shouldStop { queue.requestStop() }
            batch.removeAll()
        }
        var batcher = PageBatcher(queue: queue)
        for (k, path) in paths.enumerated() {
            if queue.stopRequested { break }
            let resource = resource(ofPage: String(path.split(separator: "/").last!))!
            batcher.batch.events.append(.file(path: path, resource: resource))
            do {
                // Progress over all the pages, not per page (a fetched batch has thousands).
                let overall = progress.map { report in { (share: Double) in report((Double(k) + share) / Double(paths.count)) } }
                try JSONPageReader.read(path: path, progress: overall, into: &batcher)
            } catch {
                batcher.batch.events.append(.failure(error))
            }
        }
        batcher.handOver()
        queue.close()
    }

    /// Decodes a batch's items into the session's builder. The decoder and the file carry over
    /// from one batch to the next: a file's items may come in several.
    private static func decode(_ batch: PageBatch, _ session: VERASession) {
        batch.tape.nodes.withUnsafeBufferPointer { nodes in
            batch.bytes.withUnsafeBytes { bytes in
                batch.tape.scratch.withUnsafeBytes { scratch in
                    for event in batch.events {
                        switch event {
                        case .file(let path, let resource):
                            // Households whose members come as Relaties of their own are complete
                            // once the Relaties are read, before anything refers to them.
                            if resource != "relaties" && !session.pendingHouseholds.isEmpty { session.completePendingHouseholds() }
                            session.builder.beginFile(path)
                            session.decode = decoder(resource)
                            session.path = path
                        case .item(let root):
                            session.item = JSONItem(nodes: nodes, input: bytes, scratch: scratch, root: root)
                            session.recordProblem = nil
                            session.decode(session)
                            session.item = nil
                        case .failure(let ending):
                            report(ending, session.path, session)
                        }
                        if session.builder.shouldStop { return }
                    }
                }
            }
        }
    }

    /// `batch.json`: `{"versie": "1.0", "peildatum": "YYYY-MM-DD", "regio": "..."}`.
    private static func readHeader(_ path: String, _ session: VERASession) {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            let code: DiagnosticCode = errno == ENOENT ? .fileNotFound : .readFailed
            let why = errno == ENOENT ? "a VERA batch folder needs batch.json (its peildatum and regio)" : "cannot open: \(String(cString: strerror(errno)))"
            session.report(.error(code, why, at: SourceLocation(file: path, line: 0, column: 0)))
            return
        }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            session.report(.error(.readFailed, "cannot read: batch.json is not a regular file", at: SourceLocation(file: path, line: 0, column: 0)))
            return
        }
        let limit = 1 << 16
        var bytes = [UInt8](repeating: 0, count: limit + 1)
        var count = 0
        while count < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + count, $0.count - count) }
            if n <= 0 { break }
            count += n
        }
        guard count <= limit else {
            session.report(.error(.valueTooLong, "batch.json is larger than \(limit) bytes", at: SourceLocation(file: path, line: 1, column: 1)))
            return
        }
        var tape = JSONTape()
        bytes.withUnsafeBytes { raw in
            let input = UnsafeRawBufferPointer(rebasing: raw[0..<count])
            var scanner = JSONScanner(input, position: 0, line: 1, lineStart: 0)
            do throws(JSONFailure) {
                try scanner.value(into: &tape)
                if scanner.peek() != nil { throw scanner.failure(.malformedJSON, "text after the end of the object") }
            } catch {
                session.report(.error(error.needsMore ? .truncated : error.code, error.needsMore ? "the file ends inside the object" : error.message,
                                      at: SourceLocation(file: path, line: error.line, column: error.column)))
                return
            }
            tape.nodes.withUnsafeBufferPointer { nodes in
                tape.scratch.withUnsafeBytes { scratch in
                    session.item = JSONItem(nodes: nodes, input: input, scratch: scratch, root: 0)
                    defer { session.item = nil }
                    guard session.item.kind(0) == .object else {
                        session.problem(.wrongRoot, "batch.json is an object: {\"versie\": \"1.0\", \"peildatum\": \"YYYY-MM-DD\", \"regio\": \"...\"}", at: 0)
                        return
                    }
                    let version = session.string(0, ["versie"], required: true, "batch.json").map { String(decoding: $0, as: UTF8.self) }
                    if let version, version != "1.0" && version != "1" {
                        session.problem(.wrongVersion, "batch.json has version \(version); this Thuis reads version 1.0 of the VERA batch",
                                        at: session.item.member(0, "versie")!.value)
                        return
                    }
                    let day = session.date(0, ["peildatum"], required: true, "batch.json")
                    let region = session.identifier(0, ["regio"], required: true, "batch.json").map { String(decoding: $0, as: UTF8.self) }
                    if let version, let day, let region {
                        session.builder.setBatch(BatchInfo(version: version, referenceDate: day, region: region), at: session.at(0))
                    }
                }
            }
        }
    }
}
