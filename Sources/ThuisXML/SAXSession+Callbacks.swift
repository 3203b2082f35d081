import CLibXML2
import ThuisCore

extension SAXSession {
    /// Replays a batch of recorded events, in order, and empties it.
    func replay(_ batch: inout EventBatch) {
        var pointers: [UnsafePointer<xmlChar>?] = []
        batch.bytes.withUnsafeBufferPointer { bytes in
            let base = bytes.baseAddress
            touchAdverts(batch, base)
            for event in batch.events {
                if fatal { break }
                eventLine = event.line == 0 ? 0 : event.line &+ lineOffset
                eventColumn = event.column
                switch event.kind {
                case .start:
                    eventSelfClosing = event.selfClosing
                    let count = Int(event.count)
                    pointers.removeAll(keepingCapacity: true)
                    for i in 0..<count {
                        let a = batch.attributes[Int(event.first) + i]
                        let value = base! + Int(a.start)
                        // One append per pointer: an array literal here would be allocated per attribute.
                        pointers.append(a.name)
                        pointers.append(a.prefix)
                        pointers.append(nil)
                        pointers.append(value)
                        pointers.append(value + Int(a.length))
                    }
                    pointers.withUnsafeMutableBufferPointer { startElement(event.name, count, count > 0 ? $0.baseAddress : nil) }
                case .end:
                    endElement()
                case .text:
                    characters(base.map { $0 + Int(event.first) } ?? UnsafePointer(bitPattern: 1), Int(event.count))
                case .doctype:
                    refuseDoctype()
                case .diagnostic:
                    let diagnostic = batch.diagnostics[Int(event.first)]
                    if diagnostic.severity == .error { stop(diagnostic) } else { report(diagnostic) }
                }
            }
        }
        if builder.shouldStop { stopRequests?.requestStop() }
        batch.removeAll()
    }

    /// Each reaction looks its advert up among all adverts: a cache miss per reaction on a
    /// national export (165,000 adverts). Touching the batch's lookups first, in a loop that
    /// does nothing else, lets the processor wait for many misses at once.
    private func touchAdverts(_ batch: EventBatch, _ base: UnsafePointer<UInt8>?) {
        guard let base else { return }
        let reaction = recordNames[RecordType.reaction.rawValue]
        let publicatie = fieldNames[RecordType.reaction.rawValue * RecordType.maxFields + ReactionField.publicatie.rawValue]
        advertKeys.removeAll(keepingCapacity: true)
        for event in batch.events where event.kind == .start && event.name == reaction {
            for i in Int(event.first)..<Int(event.first + event.count) where batch.attributes[i].name == publicatie {
                let a = batch.attributes[i]
                advertKeys.append(FieldBytes.trimmed(UnsafeRawBufferPointer(start: base + Int(a.start), count: Int(a.length))))
            }
        }
        touchedSlots &+= builder.touchAdvertSlots(advertKeys)
    }

    func refuseDoctype() {
        let (line, column) = tagPosition()
        stop(.error(.doctypeRefused,
                    "the document has a DOCTYPE; exports need none, and Thuis refuses them so that no entity is ever expanded",
                    at: at(Int(line), Int(column))))
    }

    func startElement(_ name: UnsafePointer<xmlChar>?, _ attributeCount: Int,
                      _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        if fatal { return }
        if kinds.count >= SAXSession.maxDepth {
            let (line, column) = tagPosition()
            stop(.error(.tooDeep, "elements are nested more than \(SAXSession.maxDepth) deep; the export format nests at most 4",
                        at: at(Int(line), Int(column))))
            return
        }
        guard let top = kinds.last else { return startRoot(name, attributeCount, attributes) }
        if frames.top >= 1 {
            recordElements += 1
            if recordElements > SAXSession.maxRecordElements { return refuseLargeRecord("more than \(SAXSession.maxRecordElements) elements") }
        }
        switch top {
        case .skipped:
            kinds.append(.skipped)
        case .field:
            let (line, column) = tagPosition()
            warnUnknown(.unknownElement, name, inside: frames.headers[frames.top].type.fields[textField],
                        line: line, column: column)
            kinds.append(.skipped)
        case .record, .container:
            let parent = frames.headers[frames.top].type
            if let child = child(of: parent, named: name) {
                if child == .reaction && fastReaction(attributeCount, attributes) { return }
                startRecord(child, attributeCount, attributes)
            } else if top == .record, let field = field(of: parent, named: name) {
                startField(field, attributeCount, attributes)
            } else if top == .record, parent == .root, isContainer(name) {
                kinds.append(.container)
            } else {
                let (line, column) = tagPosition()
                warnUnknown(.unknownElement, name, inside: parent.element, line: line, column: column)
                kinds.append(.skipped)
            }
        }
    }

    /// The common case, decoded straight from the attributes: a self-closing `<Reactie .../>`
    /// with exactly its four fields, all valid. Anything else takes the general path, which
    /// reports every problem.
    private func fastReaction(_ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) -> Bool {
        guard let attributes, count >= 3, count <= 4, eventSelfClosing else { return false }
        let names = fieldNames + RecordType.reaction.rawValue * RecordType.maxFields
        var relatie: UnsafeRawBufferPointer?, publicatie: UnsafeRawBufferPointer?
        var datum: UnsafeRawBufferPointer?, voorkeur: UnsafeRawBufferPointer?
        for i in 0..<count {
            let a = attributes + i * 5
            let value = FieldBytes.trimmed(UnsafeRawBufferPointer(start: a[3]!, count: a[4]! - a[3]!))
            guard !value.isEmpty else { return false }
            switch a[0] {
            case names[ReactionField.relatie.rawValue] where relatie == nil: relatie = value
            case names[ReactionField.publicatie.rawValue] where publicatie == nil: publicatie = value
            case names[ReactionField.datum.rawValue] where datum == nil: datum = value
            case names[ReactionField.voorkeur.rawValue] where voorkeur == nil: voorkeur = value
            default: return false
            }
        }
        guard let relatie, let publicatie, let datum, let day = FieldBytes.day(datum, cache: &dates),
              FieldBytes.idProblem(relatie) == nil, FieldBytes.idProblem(publicatie) == nil else { return false }
        var preference = Int32.max
        if let voorkeur {
            guard let n = FieldBytes.integer(voorkeur), (0...1_000_000).contains(n) else { return false }
            preference = Int32(n)
        }
        let (line, column) = tagPosition()
        builder.addReaction(household: builder.householdSlot(relatie), advert: builder.advertSlot(publicatie),
                            date: day, preference: preference, line: Int(line), column: Int(column), problem: nil)
        kinds.append(.skipped)
        return true
    }

    private func startRoot(_ name: UnsafePointer<xmlChar>?, _ attributeCount: Int,
                           _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        sawRoot = true
        let (line, column) = tagPosition()
        guard name == recordNames[RecordType.root.rawValue] else {
            let found = name.map { String(cString: $0) } ?? "?"
            stop(.error(.wrongRoot, "the root element is <\(found)>; a Thuis export starts with <Woonruimteverdeling versie=\"1.0\">",
                        at: at(Int(line), Int(column))))
            return
        }
        startRecord(.root, attributeCount, attributes)
        // A wrong version makes everything after it meaningless: check it at once when given.
        if frames.valueStart[RootField.versie.rawValue] >= 0 { checkVersion() }
    }

    private func startRecord(_ type: RecordType, _ attributeCount: Int,
                             _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        let (line, column) = tagPosition()
        let f = frames.push(type, line: line, column: column, arenaMark: arena.count)
        kinds.append(.record)
        if f == 1 { beginTopLevelRecord(type) }
        if type == .member {
            memberCount += 1
            memberIncome = CountedIncome()
        }
        guard let attributes, attributeCount > 0 else { return }
        for i in 0..<attributeCount {
            let a = attributes + i * 5
            let name = a[0]
            guard let field = field(of: type, named: name) else {
                if a[1] == nil { warnUnknown(.unknownAttribute, name, inside: type.element, line: line, column: column) }
                continue
            }
            let start = a[3]!, end = a[4]!
            setValue(f, field, UnsafeRawBufferPointer(start: start, count: end - start), line: 0, column: 0)
        }
    }

    private func startField(_ field: Int, _ attributeCount: Int,
                            _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        let (line, column) = tagPosition()
        kinds.append(.field)
        textField = field
        textStart = arena.count
        textHasCode = false
        let f = frames.top
        if let attributes, attributeCount > 0 {
            for i in 0..<attributeCount {
                let a = attributes + i * 5
                if a[0] == codeName {
                    let start = a[3]!, end = a[4]!
                    setValue(f, field, UnsafeRawBufferPointer(start: start, count: end - start), line: line, column: column)
                    textHasCode = true
                } else if a[0] != naamName && a[1] == nil {
                    warnUnknown(.unknownAttribute, a[0], inside: frames.headers[f].type.fields[field], line: line, column: column)
                }
            }
        }
        if !textHasCode {
            // Where the text starts; the value is set when the element ends.
            let slot = frames.slot(f, field)
            if frames.valueStart[slot] < 0 || frames.headers[f].type.isRepeatable(field) {
                frames.valueLine[slot] = line
                frames.valueColumn[slot] = column
            }
            pendingFieldLine = line
            pendingFieldColumn = column
        }
    }

    /// Whether adding `count` bytes of values would take the current top-level record past
    /// ``SAXSession/maxRecordBytes`` (refused, and reading stops, when it would).
    private func recordBytesExceeded(adding count: Int) -> Bool {
        guard frames.top >= 1, arena.count + count - frames.headers[1].arenaMark > SAXSession.maxRecordBytes else { return false }
        refuseLargeRecord("more than \(SAXSession.maxRecordBytes >> 20) MiB of values")
        return true
    }

    /// Stops reading at the element where the current top-level record outgrows its bound.
    private func refuseLargeRecord(_ what: String) {
        let (line, column) = tagPosition()
        let record = frames.headers[1]
        stop(.error(.valueTooLong, "the \(record.type.element) that starts at line \(record.line) holds \(what); no record of the export format needs that much",
                    at: at(Int(line), Int(column))))
    }

    /// Stores a field value in the arena, once per field (except the repeatable one).
    private func setValue(_ f: Int, _ field: Int, _ bytes: UnsafeRawBufferPointer, line: Int32, column: Int32) {
        if recordBytesExceeded(adding: bytes.count) { return }
        let type = frames.headers[f].type
        let start = Int32(arena.count)
        if type.isRepeatable(field) {
            arena.append(bytes)
            frames.list.append((Int32(field), start, Int32(bytes.count)))
            return
        }
        let slot = frames.slot(f, field)
        if frames.valueStart[slot] >= 0 {
            repeated(f, field, line: line == 0 ? frames.headers[f].line : line,
                     column: column == 0 ? frames.headers[f].column : column)
            return
        }
        arena.append(bytes)
        frames.valueStart[slot] = start
        frames.valueLength[slot] = Int32(bytes.count)
        frames.valueLine[slot] = line
        frames.valueColumn[slot] = column
    }

    private func repeated(_ f: Int, _ field: Int, line: Int32, column: Int32) {
        let type = frames.headers[f].type
        let message = "\(type.element) has more than one \(type.fields[field]); which one holds is unclear"
        if frames.setProblem(f, (.repeatedField, message)) {
            report(.error(.repeatedField, message, at: at(Int(line), Int(column))))
        }
    }

    func characters(_ bytes: UnsafePointer<xmlChar>?, _ length: Int) {
        guard !fatal, let bytes, let top = kinds.last else { return }
        let buffer = UnsafeRawBufferPointer(start: bytes, count: length)
        switch top {
        case .field where !textHasCode:
            if arena.count - textStart + length > SAXSession.maxFieldLength {
                let type = frames.headers[frames.top].type
                stop(.error(.valueTooLong, "\(type.element) \(type.fields[textField]) is longer than \(SAXSession.maxFieldLength) bytes",
                            at: at(Int(pendingFieldLine), Int(pendingFieldColumn))))
                return
            }
            if recordBytesExceeded(adding: length) { return }
            arena.append(buffer)
        case .record, .container:
            if !warnedMisplacedText && !buffer.allSatisfy(FieldBytes.isSpace) {
                warnedMisplacedText = true
                let (line, column) = (eventLine, eventColumn)
                report(.warning(.misplacedText, "text directly inside <\(frames.headers[frames.top].type.element)> is ignored; values belong in attributes or field elements",
                                at: at(Int(line), Int(column))))
            }
        default:
            break
        }
    }

    func endElement() {
        if fatal { return }
        guard let kind = kinds.popLast() else { return }
        switch kind {
        case .skipped, .container:
            break
        case .field:
            let f = frames.top, field = textField
            textField = -1
            if textHasCode { return }
            let length = arena.count - textStart
            let slot = frames.slot(f, field)
            if frames.headers[f].type.isRepeatable(field) {
                frames.list.append((Int32(field), Int32(textStart), Int32(length)))
            } else if frames.valueStart[slot] >= 0 {
                arena.truncate(to: textStart)
                repeated(f, field, line: pendingFieldLine, column: pendingFieldColumn)
            } else {
                frames.valueStart[slot] = Int32(textStart)
                frames.valueLength[slot] = Int32(length)
            }
        case .record:
            let f = frames.pop()
            endRecord(f)
            if frames.headers[f].hasProblem { frames.headers[f].hasProblem = false }
            arena.truncate(to: frames.headers[f].arenaMark)
        }
    }
}
