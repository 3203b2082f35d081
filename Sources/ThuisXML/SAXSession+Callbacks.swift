import CLibXML2
import ThuisCore

extension SAXSession {
    /// The SAX2 handler: only what Thuis needs; every entity hook stays unset, so no entity is
    /// ever resolved beyond the five predefined ones.
    static func handler() -> xmlSAXHandler {
        var h = xmlSAXHandler()
        h.initialized = thuis_sax2_magic()
        h.startElementNs = { ctx, localname, _, _, _, _, count, _, attributes in
            sessionOf(ctx).startElement(localname, Int(count), attributes)
        }
        h.endElementNs = { ctx, _, _, _ in sessionOf(ctx).endElement() }
        h.characters = { ctx, bytes, length in sessionOf(ctx).characters(bytes, Int(length)) }
        h.cdataBlock = h.characters
        h.internalSubset = { ctx, _, _, _ in sessionOf(ctx).refuseDoctype() }
        h.startDocument = { ctx in sessionOf(ctx).startDocument() }
        h.serror = { ctx, error in
            guard let ctx, let error else { return }
            sessionOf(ctx).libxmlError(error.pointee)
        }
        return h
    }

    private static func session(_ ctx: UnsafeMutableRawPointer?) -> SAXSession {
        Unmanaged<SAXSession>.fromOpaque(ctx!).takeUnretainedValue()
    }

    func startDocument() {
        if let ctxt, let encoding = thuis_parser_encoding(ctxt) {
            declaredEncoding = String(cString: encoding)
        }
    }

    func refuseDoctype() {
        let (line, column) = tagPosition()
        stop(.error(.doctypeRefused,
                    "the document has a DOCTYPE; exports need none, and Thuis refuses them so that no entity is ever expanded",
                    at: at(Int(line), Int(column))))
    }

    func libxmlError(_ error: xmlError) {
        if fatal { return }
        let diagnostic = LibXMLDiagnostic.make(error, file: path, terminating: terminating, openElements: kinds.count)
        if let diagnostic {
            if diagnostic.severity == .error { stop(diagnostic) } else { report(diagnostic) }
        }
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
        switch top {
        case .skipped, .field:
            if top == .field {
                let (line, column) = tagPosition()
                warnUnknown(.unknownElement, name, inside: frames[frameCount - 1].type.fields[textField],
                            line: line, column: column)
            }
            kinds.append(.skipped)
        case .record, .container:
            let parent = frames[frameCount - 1].type
            if let child = parent.children.first(where: { recordNames[$0.rawValue] == name }) {
                startRecord(child, attributeCount, attributes)
            } else if top == .record, let field = fieldNames[parent.rawValue].firstIndex(where: { $0 == name }) {
                startField(field, attributeCount, attributes)
            } else if top == .record, parent == .root, containerNames.contains(where: { $0 == name }) {
                kinds.append(.container)
            } else {
                let (line, column) = tagPosition()
                warnUnknown(.unknownElement, name, inside: parent.element, line: line, column: column)
                kinds.append(.skipped)
            }
        }
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
        let frame = frames[0]
        if frame.valueStart[RootField.versie.rawValue] >= 0 {
            checkVersion(frame)
        }
    }

    private func startRecord(_ type: RecordType, _ attributeCount: Int,
                             _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        let (line, column) = tagPosition()
        frames[frameCount].reset(type, line: line, column: column, arenaMark: arena.count)
        frameCount += 1
        kinds.append(.record)
        if frameCount == 2 { beginTopLevelRecord() }
        if type == .member {
            memberCount += 1
            memberIncomeYear = .min
            memberIncome = 0
        }
        guard let attributes, attributeCount > 0 else { return }
        let names = fieldNames[type.rawValue]
        for i in 0..<attributeCount {
            let a = attributes + i * 5
            let name = a[0]
            guard let field = names.firstIndex(where: { $0 == name }) else {
                if a[1] == nil { warnUnknown(.unknownAttribute, name, inside: type.element, line: line, column: column) }
                continue
            }
            let start = a[3]!, end = a[4]!
            setValue(field, UnsafeRawBufferPointer(start: start, count: end - start), line: 0, column: 0)
        }
    }

    private func startField(_ field: Int, _ attributeCount: Int,
                            _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        let (line, column) = tagPosition()
        kinds.append(.field)
        textField = field
        textStart = arena.count
        textHasCode = false
        let f = frameCount - 1
        if let attributes, attributeCount > 0 {
            for i in 0..<attributeCount {
                let a = attributes + i * 5
                if a[0] == codeName {
                    let start = a[3]!, end = a[4]!
                    setValue(field, UnsafeRawBufferPointer(start: start, count: end - start), line: line, column: column)
                    textHasCode = true
                } else if a[0] != naamName && a[1] == nil {
                    warnUnknown(.unknownAttribute, a[0], inside: frames[f].type.fields[field], line: line, column: column)
                }
            }
        }
        if !textHasCode {
            // Record where the text starts; the value is set when the element ends.
            frames[f].valueLine[field] = line
            frames[f].valueColumn[field] = column
        }
    }

    /// Stores a field value in the arena, once per field (except the repeatable one).
    private func setValue(_ field: Int, _ bytes: UnsafeRawBufferPointer, line: Int32, column: Int32) {
        let f = frameCount - 1
        let type = frames[f].type
        let start = Int32(arena.count)
        arena.append(contentsOf: bytes)
        if type.repeatableField == field {
            frames[f].list.append((start, Int32(bytes.count)))
            return
        }
        if frames[f].valueStart[field] >= 0 {
            if frames[f].problem == nil {
                frames[f].problem = (.repeatedField, "\(type.element) has more than one \(type.fields[field])")
                report(.error(.repeatedField, "\(type.element) has more than one \(type.fields[field]); which one holds is unclear",
                              at: at(Int(line == 0 ? frames[f].line : line), Int(column == 0 ? frames[f].column : column))))
            }
            return
        }
        frames[f].valueStart[field] = start
        frames[f].valueLength[field] = Int32(bytes.count)
        frames[f].valueLine[field] = line
        frames[f].valueColumn[field] = column
    }

    func characters(_ bytes: UnsafePointer<xmlChar>?, _ length: Int) {
        guard !fatal, let bytes, let top = kinds.last else { return }
        let buffer = UnsafeRawBufferPointer(start: bytes, count: length)
        switch top {
        case .field where !textHasCode:
            if arena.count - textStart + length > SAXSession.maxFieldLength {
                let f = frames[frameCount - 1]
                stop(.error(.valueTooLong, "\(f.type.element) \(f.type.fields[textField]) is longer than \(SAXSession.maxFieldLength) bytes",
                            at: at(Int(f.valueLine[textField]), Int(f.valueColumn[textField]))))
                return
            }
            arena.append(contentsOf: buffer)
        case .record, .container:
            if !warnedMisplacedText && !buffer.allSatisfy(FieldBytes.isSpace) {
                warnedMisplacedText = true
                let (line, column) = (ctxt.map { thuis_parser_line($0) } ?? 0, ctxt.map { thuis_parser_column($0) } ?? 0)
                report(.warning(.misplacedText, "text directly inside <\(frames[frameCount - 1].type.element)> is ignored; values belong in attributes or field elements",
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
            let f = frameCount - 1, field = textField
            textField = -1
            if textHasCode { return }
            let length = arena.count - textStart
            let (line, column) = (frames[f].valueLine[field], frames[f].valueColumn[field])
            if frames[f].type.repeatableField == field {
                frames[f].list.append((Int32(textStart), Int32(length)))
            } else if frames[f].valueStart[field] >= 0 {
                arena.removeLast(length)
                if frames[f].problem == nil {
                    let type = frames[f].type
                    frames[f].problem = (.repeatedField, "\(type.element) has more than one \(type.fields[field])")
                    report(.error(.repeatedField, "\(type.element) has more than one \(type.fields[field]); which one holds is unclear",
                                  at: at(Int(line), Int(column))))
                }
            } else {
                frames[f].valueStart[field] = Int32(textStart)
                frames[f].valueLength[field] = Int32(length)
            }
        case .record:
            frameCount -= 1
            let frame = frames[frameCount]
            endRecord(frame)
            arena.removeLast(arena.count - frame.arenaMark)
        }
    }
}

/// The session a libxml2 callback belongs to (its user data).
@inline(__always)
private func sessionOf(_ ctx: UnsafeMutableRawPointer?) -> SAXSession {
    Unmanaged<SAXSession>.fromOpaque(ctx!).takeUnretainedValue()
}
