import CLibXML2
#if canImport(Glibc)
import Glibc
#endif

extension SAXRecorder {
    /// Parses `range` of the file open as `fd`, inside the open elements `context` (empty for
    /// the first part, which starts at the file's start), with names looked up first in
    /// `shared`. Reads in the same 256 KiB blocks of the file as ``parse(_:)``, so that
    /// ``MarkupGap`` measures the same stretches; the part before a cut also measures the
    /// stretch around it, up to the `<` after it.
    func parsePart(fd: Int32, range: Range<Int>, fileSize: Int, isLast: Bool, context: [String], shared: xmlDictPtr,
                   abandoned: () -> Bool) -> ParsedPart {
        var outcome = parse(fd: fd, range: range, fileSize: fileSize, isLast: isLast, context: context,
                            shared: shared, abandoned: abandoned)
        if let ctxt {
            // The names the events point to live in the parser's dictionary: keep it.
            outcome.dictionary = ctxt.pointee.dict
            xmlDictReference(ctxt.pointee.dict)
            xmlFreeParserCtxt(ctxt)
            self.ctxt = nil
        }
        return outcome
    }

    private func parse(fd: Int32, range: Range<Int>, fileSize: Int, isLast: Bool, context: [String], shared: xmlDictPtr,
                       abandoned: () -> Bool) -> ParsedPart {
        guard let part else { return ParsedPart(irregular: true) }
        let irregular = ParsedPart(irregular: true)
        let blockSize = ChunkedFile.chunkSize
        let block = UnsafeMutableRawBufferPointer.allocate(byteCount: blockSize, alignment: 16)
        defer { block.deallocate() }
        var handler = SAXRecorder.handler()
        let me = Unmanaged.passUnretained(self).toOpaque()
        let opening = Array((context.map { "<\($0)>" }.joined() + "\n").utf8)
        var gaps = MarkupGap()
        var started = false
        var start = range.lowerBound / blockSize * blockSize
        let scanEnd = isLast ? range.upperBound : min(fileSize, range.upperBound + PartPlan.reach)
        while start < scanEnd && !stopped && !part.irregular && !abandoned() {
            var n = 0
            while n < blockSize && start + n < fileSize {
                let got = pread(fd, block.baseAddress! + n, blockSize - n, start + n)
                if got < 0 && errno == EINTR { continue }
                if got <= 0 { break }
                n += got
            }
            guard n > 0 else { return irregular }
            if gaps.scan(UnsafeRawBufferPointer(rebasing: block[0..<n])) != nil { return irregular }
            let from = max(range.lowerBound, start) - start, to = min(range.upperBound, start + n) - start
            if from < to {
                var bytes = UnsafeRawBufferPointer(rebasing: block[from..<to])
                if !started {
                    started = true
                    let began = context.isEmpty
                        ? begin(bytes, handler: &handler, me: me, shared: shared)
                        : opening.withUnsafeBytes { begin($0, handler: &handler, me: me, shared: shared) }
                    guard began else { return irregular }
                    if context.isEmpty {
                        bytes = UnsafeRawBufferPointer(rebasing: bytes[min(4, bytes.count)...])
                    } else {
                        opening.withUnsafeBytes { feed(UnsafeRawBufferPointer(rebasing: $0[4...])) }
                    }
                }
                feed(bytes)
            }
            start += n
        }
        guard started, !part.irregular, !stopped, !abandoned(), let ctxt else { return irregular }
        var outcome = ParsedPart()
        outcome.declaredEncoding = declaredEncoding
        if isLast {
            terminating = true
            noteFailure(xmlParseChunk(ctxt, nil, 0, 1))
        } else {
            // libxml2 has parsed up to the part's last `>`: only the root and a section may be open.
            let open = depth
            guard let root = part.outer.0, open == 1 || (open == 2 && part.outer.1 != nil) else { return irregular }
            var names = [String(cString: root)]
            if open == 2, let section = part.outer.1 { names.append(String(cString: section)) }
            let lastBefore = batch.events.last ?? part.batches.last?.events.last
            let tailStart = batch.events.count
            part.inTail = true
            let closing = names.reversed().map { "</\($0)>" }.joined()
            closing.utf8CString.withUnsafeBufferPointer { noteFailure(xmlParseChunk(ctxt, $0.baseAddress, Int32($0.count - 1), 1)) }
            let ends = batch.events.suffix(open)
            guard depth == 0, ends.count == open, ends.allSatisfy({ $0.kind == .end }),
                  heldBackTextIsBlank(batch.events[tailStart..<(batch.events.count - open)], after: lastBefore) else { return irregular }
            batch.events.removeLast(open)
            part.inTail = false
            outcome.context = names
            outcome.lines = part.tailLine - (context.isEmpty ? 1 : 2)
        }
        guard !part.irregular, !stopped else { return irregular }
        flush()
        outcome.batches = part.batches
        part.batches = []
        return outcome
    }

    /// Starts the parser on the first bytes (libxml2 detects the encoding from four of them).
    private func begin(_ bytes: UnsafeRawBufferPointer, handler: inout xmlSAXHandler, me: UnsafeMutableRawPointer,
                       shared: xmlDictPtr) -> Bool {
        let head = min(bytes.count, 4)
        ctxt = path.withCString { name in
            xmlCreatePushParserCtxt(&handler, me, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(head), name)
        }
        guard let ctxt, thuis_use_shared_dict(ctxt, shared) == 0 else { return false }
        xmlCtxtUseOptions(ctxt, Int32(XML_PARSE_NONET.rawValue))
        thuis_silence_generic_errors()
        return true
    }

    /// Whether the text libxml2 held back at the part's end (it delivers text only once it sees
    /// the `<` after it, so the closing tags of the tail bring it out) is white space only, and not
    /// the end of a longer text: text that runs up to a cut is reported by one parser as one text,
    /// where it starts, so a part that ends in it is read again by one parser. A `>` inside text
    /// can look like the end of a tag to ``PartPlan``.
    private func heldBackTextIsBlank(_ events: ArraySlice<EventBatch.Event>, after lastBefore: EventBatch.Event?) -> Bool {
        guard !events.isEmpty else { return true }
        if lastBefore?.kind == .text { return false }
        return events.allSatisfy { event in
            event.kind == .text && batch.bytes[Int(event.first)..<Int(event.first + event.count)].allSatisfy {
                $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D
            }
        }
    }

    private func feed(_ bytes: UnsafeRawBufferPointer) {
        guard let ctxt, !bytes.isEmpty, !stopped else { return }
        noteFailure(xmlParseChunk(ctxt, bytes.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(bytes.count), 0))
    }
}
