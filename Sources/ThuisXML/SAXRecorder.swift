import CLibXML2
import ThuisCore
#if canImport(Glibc)
import Glibc
#endif

/// Drives libxml2's SAX2 push parser over one file on the calling thread and records its events
/// in batches, which a ``SAXSession`` replays on a second thread: parsing and building the market
/// share the two cores.
final class SAXRecorder {
    let session: SAXSession
    let path: String
    @exclusivity(unchecked) var ctxt: xmlParserCtxtPtr?
    @exclusivity(unchecked) var batch: EventBatch
    let queue = BatchQueue<EventBatch>()
    /// Open elements, as the parser sees them (for locating errors at the end of input).
    @exclusivity(unchecked) var depth = 0
    @exclusivity(unchecked) var terminating = false
    /// Told the share of the file read after each chunk.
    var progress: (@Sendable (Double) -> Void)?
    /// Set once libxml2 reported a fatal error or a DOCTYPE was refused.
    @exclusivity(unchecked) var stopped = false
    /// Set when the recorder parses one part of a file (see ``PartedRead``).
    let part: PartRecording?

    init(session: SAXSession, part: PartRecording? = nil) {
        self.session = session
        self.path = session.path
        self.part = part
        batch = part?.spares.take() ?? EventBatch()
    }

    func at(_ line: Int, _ column: Int) -> SourceLocation { SourceLocation(file: path, line: line, column: column) }

    /// Parses the whole file; returns when the session has replayed every event.
    func parse(_ file: ChunkedFile) {
        session.builder.beginFile(path)
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: ChunkedFile.chunkSize, alignment: 16)
        defer { chunk.deallocate() }
        var started = false
        var handler = SAXRecorder.handler()
        let me = Unmanaged.passUnretained(self).toOpaque()
        do {
            var n = try file.read(into: chunk)
            if n == 0 {
                session.report(.error(.malformedXML, "the file is empty; an export holds a <Woonruimteverdeling> document", at: at(1, 1)))
                return
            }
            var gaps = MarkupGap()
            if let offset = gaps.scan(UnsafeRawBufferPointer(rebasing: chunk[0..<n])) {
                return session.report(tooLong(line: 1 + newlines(chunk, before: offset)))
            }
            // The first bytes let libxml2 detect the encoding; the declaration then refines it.
            let head = min(n, 4)
            ctxt = path.withCString { name in
                xmlCreatePushParserCtxt(&handler, me, chunk.baseAddress?.assumingMemoryBound(to: CChar.self),
                                        Int32(head), name)
            }
            guard let ctxt else {
                session.report(.error(.readFailed, "libxml2 could not start a parser", at: at(0, 0)))
                return
            }
            // NONET only: no entity substitution, no DTD loading or validation, no XInclude,
            // and never XML_PARSE_HUGE (on 2.9.x it turns off the entity-amplification guard).
            xmlCtxtUseOptions(ctxt, Int32(XML_PARSE_NONET.rawValue))
            thuis_silence_generic_errors()
            session.internNames(ctxt)
            session.stopRequests = queue
            let session = self.session
            queue.start { batch in session.replay(&batch) }
            started = true
            defer {
                // The replay reads names from the parser's dictionary: free the parser after it.
                flush()
                queue.close()
                xmlFreeParserCtxt(ctxt)
                self.ctxt = nil
            }
            var offset = head
            let size = Double(max(file.size, 1))
            while !stopped && !queue.stopRequested {
                progress?(min(1, Double(file.bytesRead) / size))
                if n > offset {
                    let base = chunk.baseAddress!.advanced(by: offset).assumingMemoryBound(to: CChar.self)
                    noteFailure(xmlParseChunk(ctxt, base, Int32(n - offset), 0))
                }
                if stopped || queue.stopRequested { break }
                n = try file.read(into: chunk)
                offset = 0
                if let at = gaps.scan(UnsafeRawBufferPointer(rebasing: chunk[0..<n])) {
                    // libxml2 stands at the start of what it has not finished (or the chunk's start).
                    record(tooLong(line: Int(thuis_parser_line(ctxt)) + newlines(chunk, before: at)))
                    stop()
                    break
                }
                if n == 0 {
                    terminating = true
                    noteFailure(xmlParseChunk(ctxt, nil, 0, 1))
                    break
                }
            }
        } catch let failure as ChunkedFile.Failure {
            switch failure {
            case .cannotOpen(let why): session.report(.error(.fileNotFound, "cannot open: \(why)", at: at(0, 0)))
            case .readFailed(let why): session.report(.error(.readFailed, "cannot read: \(why)", at: at(0, 0)))
            case .badGzip(let why): session.report(.error(.badCompression, "bad gzip data: \(why)", at: at(0, 0)))
            }
        } catch {
            session.report(.error(.readFailed, "cannot read: \(error)", at: at(0, 0)))
        }
        session.declaredEncoding = declaredEncoding
        if started && !session.fatal && !session.builder.shouldStop && !session.sawRoot && !stopped {
            session.report(.error(.malformedXML, "the file holds no XML document", at: at(1, 1)))
        }
    }

    /// Hands the batch to the session (or to the part's list).
    func flush() {
        guard !batch.isEmpty else { return }
        if let part {
            // The tail's events are checked and dropped at the end, so they stay in one batch.
            guard !part.inTail else { return }
            part.batches.append(batch)
            batch = part.spares.take()
            return
        }
        batch = queue.submit(batch) ?? EventBatch()
        batch.removeAll()
    }

    /// Records a problem for the session to report in order; a part that finds one is not
    /// used, and the file is read again with one parser, which reports it where it is.
    func record(_ diagnostic: Diagnostic) {
        if let part {
            part.irregular = true
            return
        }
        batch.events.append(EventBatch.Event(kind: .diagnostic, first: Int32(batch.diagnostics.count)))
        batch.diagnostics.append(diagnostic)
    }

    // MARK: Recording

    /// The SAX2 handler: only what Thuis needs; every entity hook stays unset, so no entity is
    /// ever resolved beyond the five predefined ones.
    static func handler() -> xmlSAXHandler {
        var h = xmlSAXHandler()
        h.initialized = thuis_sax2_magic()
        // The recorder outlives the parser: call it without retaining it per callback.
        h.startElementNs = { ctx, localname, prefix, uri, _, _, count, _, attributes in
            Unmanaged<SAXRecorder>.fromOpaque(ctx!)._withUnsafeGuaranteedRef {
                if $0.depth == 0 && (uri != nil || prefix != nil) { return $0.refuseNamespacedRoot(localname, prefix, uri) }
                $0.recordStart(localname, Int(count), attributes)
            }
        }
        h.endElementNs = { ctx, _, _, _ in
            Unmanaged<SAXRecorder>.fromOpaque(ctx!)._withUnsafeGuaranteedRef { $0.recordEnd() }
        }
        h.characters = { ctx, bytes, length in
            Unmanaged<SAXRecorder>.fromOpaque(ctx!)._withUnsafeGuaranteedRef { $0.recordText(bytes, Int(length)) }
        }
        h.cdataBlock = h.characters
        h.internalSubset = { ctx, _, _, _ in
            Unmanaged<SAXRecorder>.fromOpaque(ctx!)._withUnsafeGuaranteedRef { $0.recordDoctype() }
        }
        h.startDocument = { ctx in
            Unmanaged<SAXRecorder>.fromOpaque(ctx!)._withUnsafeGuaranteedRef { $0.recordEncoding() }
        }
        h.serror = { ctx, error in
            guard let ctx, let error else { return }
            Unmanaged<SAXRecorder>.fromOpaque(ctx)._withUnsafeGuaranteedRef { $0.recordError(error.pointee) }
        }
        return h
    }

    func recordStart(_ name: UnsafePointer<xmlChar>?, _ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        depth += 1
        if let part, part.opened(name, depth: depth) { return }
        let (line, column) = tagPosition(from: count > 0 ? attributes?[3] : nil)
        let selfClosing = ctxt?.pointee.input?.pointee.cur?.pointee == UInt8(ascii: "/")
        var event = EventBatch.Event(kind: .start, selfClosing: selfClosing, name: name, line: line, column: column,
                                     first: Int32(batch.attributes.count), count: Int32(count))
        if let attributes {
            for i in 0..<count {
                let a = attributes + i * 5
                let start = a[3]!, end = a[4]!
                // The same limit as for element text: a 200 KB id would be copied into every output.
                if end - start > SAXSession.maxFieldLength {
                    let name = a[0].map { String(cString: $0) } ?? "?"
                    record(.error(.valueTooLong, "attribute \(name) is longer than \(SAXSession.maxFieldLength) bytes",
                                  at: SourceLocation(file: path, line: Int(line), column: Int(column))))
                    return stop()
                }
                let first = batch.bytes.count
                appendAttributeValue(UnsafeBufferPointer(start: start, count: end - start))
                batch.attributes.append(EventBatch.Attribute(name: a[0], prefix: a[1], start: Int32(first),
                                                             length: Int32(batch.bytes.count - first)))
            }
        }
        if count == 0 { event.first = 0 }
        batch.events.append(event)
        if batch.isFull { flush() }
    }

    /// Appends an attribute's value as the document means it. Without entity replacement
    /// (which Thuis leaves off), libxml2 decodes every reference in an attribute except those
    /// that give `&`: `&amp;`, `&#38;` and `&#x26;` come as the text `&#38;`, to be decoded by the
    /// tree builder, which a SAX reader does not use. A literal `&` cannot occur in a well-formed
    /// value, so each `&` here starts that escape.
    @inline(__always)
    private func appendAttributeValue(_ value: UnsafeBufferPointer<UInt8>) {
        guard let base = value.baseAddress, memchr(base, Int32(UInt8(ascii: "&")), value.count) != nil else {
            batch.bytes.append(contentsOf: value)
            return
        }
        var i = 0
        while i < value.count {
            let c = value[i]
            batch.bytes.append(c)
            if c == UInt8(ascii: "&"), i + 4 < value.count, value[i + 1] == UInt8(ascii: "#"), value[i + 2] == UInt8(ascii: "3"),
               value[i + 3] == UInt8(ascii: "8"), value[i + 4] == UInt8(ascii: ";") {
                i += 5
            } else {
                i += 1
            }
        }
    }

    func recordEnd() {
        depth -= 1
        if let part, part.inTail { part.tailLine = Int(thuis_parser_line(ctxt)) }
        batch.events.append(EventBatch.Event(kind: .end))
        if batch.isFull { flush() }
    }

    func recordText(_ bytes: UnsafePointer<xmlChar>?, _ length: Int) {
        guard let bytes else { return }
        let line = ctxt.map { thuis_parser_line($0) } ?? 0, column = ctxt.map { thuis_parser_column($0) } ?? 0
        batch.events.append(EventBatch.Event(kind: .text, line: line, column: column,
                                             first: Int32(batch.bytes.count), count: Int32(length)))
        batch.bytes.append(contentsOf: UnsafeBufferPointer(start: bytes, count: length))
        if batch.isFull { flush() }
    }

    /// A root element in a namespace (`xmlns="urn:x"`, `v:Woonruimteverdeling`) is not a Thuis
    /// export, whatever its local name: the format has no namespace.
    func refuseNamespacedRoot(_ name: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?) {
        let (line, column) = tagPosition()
        let shown = (prefix.map { String(cString: $0) + ":" } ?? "") + (name.map { String(cString: $0) } ?? "?")
        let namespace = uri.map { " in namespace \(String(cString: $0))" } ?? ""
        record(.error(.wrongRoot, "the root element is <\(shown)>\(namespace); a Thuis export starts with <Woonruimteverdeling versie=\"1.0\"> in no namespace",
                      at: SourceLocation(file: path, line: Int(line), column: Int(column))))
        stop()
    }

    /// libxml2 returned an error that reached no structured-error callback (an encoder error in
    /// the declared encoding goes only to its generic error function): report it, located, so a
    /// batch is never refused without a reason.
    func noteFailure(_ code: Int32) {
        guard code != 0, !stopped else { return }
        let line = ctxt.map { thuis_parser_line($0) } ?? 0, column = ctxt.map { thuis_parser_column($0) } ?? 0
        let encoding = [XML_ERR_INVALID_ENCODING, XML_I18N_CONV_FAILED, XML_ERR_UNSUPPORTED_ENCODING, XML_ERR_INVALID_CHAR]
            .contains { Int32($0.rawValue) == code }
        record(.error(encoding ? .invalidEncoding : .malformedXML,
                      encoding ? "bytes that are not valid in the declared encoding\(declaredEncoding.map { " \($0)" } ?? "")"
                               : "libxml2 stopped reading here (its error \(code))",
                      at: SourceLocation(file: path, line: Int(line), column: Int(column))))
        stop()
    }

    /// More than ``MarkupGap/limit`` bytes without markup, from `line` on.
    func tooLong(line: Int) -> Diagnostic {
        .error(.valueTooLong, "more than \(MarkupGap.limit / 1024) KiB without markup from here: a value or start tag longer than 64 KiB (or with thousands of attributes) is refused",
               at: at(line, 1))
    }

    func newlines(_ chunk: UnsafeMutableRawBufferPointer, before offset: Int) -> Int {
        chunk[0..<offset].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    /// A DOCTYPE stops the parser at once, before any declaration in it is read.
    func recordDoctype() {
        let (line, column) = tagPosition()
        if let part { part.irregular = true } else { batch.events.append(EventBatch.Event(kind: .doctype, line: line, column: column)) }
        stop()
    }

    func recordEncoding() {
        if let ctxt, let encoding = thuis_parser_encoding(ctxt) { declaredEncoding = String(cString: encoding) }
    }

    /// The encoding the document declared, if any.
    var declaredEncoding: String?

    func recordError(_ error: xmlError) {
        if stopped { return }
        guard let diagnostic = LibXMLDiagnostic.make(error, file: path, terminating: terminating, openElements: depth) else { return }
        record(diagnostic)
        if diagnostic.severity == .error || part != nil { stop() }
    }

    private func stop() {
        stopped = true
        if let ctxt { xmlStopParser(ctxt) }
    }

    /// Where the current element's start tag begins: libxml2 reports the position after the
    /// tag, so look back to its `<` (a start tag holds no other `<`), from a pointer inside the
    /// tag when one is known (an attribute value in the input buffer).
    func tagPosition(from hint: UnsafePointer<xmlChar>? = nil) -> (line: Int32, column: Int32) {
        guard let ctxt, let input = ctxt.pointee.input else { return (0, 0) }
        var line = input.pointee.line, column = input.pointee.col
        guard let cur = input.pointee.cur, let base = input.pointee.base, cur > base else { return (Int32(line), Int32(column)) }
        let from = hint.flatMap { $0 > base && $0 <= cur ? $0 : nil } ?? cur
        guard let p = thuis_last_byte(base, Int32(UInt8(ascii: "<")), from - base) else { return (Int32(line), Int32(column)) }
        if Int(column) > cur - p {
            // The column at the tag's end exceeds the tag's length: no line break inside it.
            column -= Int32(cur - p)
        } else {
            // A start tag over several lines: count back to the line of its `<`.
            var newlines: Int32 = 0
            var q = p
            while q < cur { if q.pointee == 0x0A { newlines += 1 }; q += 1 }
            line -= newlines
            let lineStart = thuis_last_byte(base, 0x0A, p - base).map { $0 + 1 } ?? base
            column = Int32(p - lineStart) + 1
        }
        return (Int32(line), max(1, column))
    }
}
