import CLibXML2
import ThuisCore
#if canImport(Glibc)
import Glibc
#endif

/// Reads one export file with libxml2's SAX2 push parser into a ``MarketBuilder``.
///
/// Element and attribute names are interned in the parser's dictionary once and compared by
/// pointer; field values are copied into one reusable byte arena and parsed from there. No DOM
/// is built and no `String` is made per element.
///
/// A session is used by one thread at a time: events are replayed on the reading thread, and
/// the parsing thread touches the session only before replay starts and after it has ended.
final class SAXSession: @unchecked Sendable {
    /// What an open element is, so its end can be handled without looking at its name.
    enum ElementKind: UInt8 { case record, field, container, skipped }

    /// The deepest nesting the format has is 4; anything much deeper is refused early.
    static let maxDepth = 16
    /// Longest field value accepted, in bytes.
    static let maxFieldLength = 1 << 16
    /// The most elements one top-level record (an Eenheid with its criteria, a Relatie with its
    /// members, incomes and priorities) may hold: far above any real record (a household of 100
    /// members with an income each is about 300), and a bound on what one record costs, which
    /// the per-value limit alone is not (a record of ten million small elements).
    static let maxRecordElements = 10_000
    /// The most bytes of values one top-level record may hold at once.
    static let maxRecordBytes = 1 << 20

    @exclusivity(unchecked) var builder: MarketBuilder
    let path: String
    /// Where to ask the parsing thread to stop after a fatal problem.
    @exclusivity(unchecked) var stopRequests: BatchQueue<EventBatch>?
    /// Position and shape of the event being replayed.
    @exclusivity(unchecked) var eventLine: Int32 = 0
    @exclusivity(unchecked) var eventColumn: Int32 = 0
    @exclusivity(unchecked) var eventSelfClosing = false
    /// Added to the recorded lines: a part after the first counts its lines from its own start.
    @exclusivity(unchecked) var lineOffset: Int32 = 0
    /// Sum of the advert slots touched ahead of lookups (kept so the reads are not optimised away).
    var touchedSlots: UInt64 = 0
    var advertKeys: [UnsafeRawBufferPointer] = []

    // Names interned in the parser's dictionary, in plain memory (no reference counting).
    let recordNames: UnsafeMutablePointer<UnsafePointer<xmlChar>?>
    /// Per record type, `RecordType.maxFields` slots.
    let fieldNames: UnsafeMutablePointer<UnsafePointer<xmlChar>?>
    /// Per record type, a bit per record type that may be nested in it.
    let childMasks: UnsafeMutablePointer<UInt16>
    let containerNames: UnsafeMutablePointer<UnsafePointer<xmlChar>?>
    @exclusivity(unchecked) var codeName: UnsafePointer<xmlChar>?
    @exclusivity(unchecked) var naamName: UnsafePointer<xmlChar>?

    // Open elements.
    @exclusivity(unchecked) var kinds: [ElementKind] = []
    let frames = FrameStack(capacity: SAXSession.maxDepth)
    let arena = ByteArena()
    @exclusivity(unchecked) var textField = -1
    @exclusivity(unchecked) var textStart = 0
    @exclusivity(unchecked) var textHasCode = false
    /// Where the open field element started.
    @exclusivity(unchecked) var pendingFieldLine: Int32 = 0
    @exclusivity(unchecked) var pendingFieldColumn: Int32 = 0

    @exclusivity(unchecked) var dates = DateCache()

    /// Names already warned about (unknown elements or attributes): once per name.
    var warnedNames = Set<String>()
    var warnedMisplacedText = false
    /// Set once a problem makes the rest of the file unreadable.
    @exclusivity(unchecked) var fatal = false
    var sawRoot = false
    var versionChecked = false

    // Sub-records of the top-level record being read.
    @exclusivity(unchecked) var pendingCriteria: [Criterion] = []
    @exclusivity(unchecked) var pendingMembers: [MemberRecord] = []
    @exclusivity(unchecked) var pendingPriorities: [PriorityRecord] = []
    @exclusivity(unchecked) var pendingRegistration = HouseholdRecord()
    @exclusivity(unchecked) var registrationCount = 0
    /// Members seen in the current household, valid or not.
    @exclusivity(unchecked) var memberCount = 0
    /// Elements read so far inside the current top-level record.
    @exclusivity(unchecked) var recordElements = 0
    @exclusivity(unchecked) var memberIncome = CountedIncome()
    /// The first problem of the top-level record, including its sub-records.
    @exclusivity(unchecked) var recordProblem: (DiagnosticCode, String)?

    init(builder: MarketBuilder, path: String) {
        self.builder = builder
        self.path = path
        let types = RecordType.allCases.count
        recordNames = .allocate(capacity: types)
        recordNames.initialize(repeating: nil, count: types)
        fieldNames = .allocate(capacity: types * RecordType.maxFields)
        fieldNames.initialize(repeating: nil, count: types * RecordType.maxFields)
        childMasks = .allocate(capacity: types)
        for type in RecordType.allCases {
            childMasks[type.rawValue] = type.children.reduce(0) { $0 | UInt16(1) << UInt16($1.rawValue) }
        }
        containerNames = .allocate(capacity: RecordType.containers.count)
        containerNames.initialize(repeating: nil, count: RecordType.containers.count)
        kinds.reserveCapacity(SAXSession.maxDepth)
    }

    deinit {
        recordNames.deallocate()
        fieldNames.deallocate()
        childMasks.deallocate()
        containerNames.deallocate()
    }

    /// The encoding the document declared, if any.
    var declaredEncoding: String?
    /// The parts the file was parsed in.
    var parts = 1

    /// The field of `type` named `name`, or nil.
    @inline(__always)
    func field(of type: RecordType, named name: UnsafePointer<xmlChar>?) -> Int? {
        let names = fieldNames + type.rawValue * RecordType.maxFields
        for i in 0..<type.fieldCount where names[i] == name { return i }
        return nil
    }

    /// The record type named `name` that may be nested in `parent`, or nil.
    @inline(__always)
    func child(of parent: RecordType, named name: UnsafePointer<xmlChar>?) -> RecordType? {
        let mask = childMasks[parent.rawValue]
        guard mask != 0 else { return nil }
        for i in 0..<RecordType.count where mask & (1 << UInt16(i)) != 0 && recordNames[i] == name {
            return RecordType(rawValue: i)
        }
        return nil
    }

    func isContainer(_ name: UnsafePointer<xmlChar>?) -> Bool {
        (0..<RecordType.containers.count).contains { containerNames[$0] == name }
    }

    func report(_ diagnostic: Diagnostic) { builder.report(diagnostic) }

    func at(_ line: Int, _ column: Int) -> SourceLocation {
        SourceLocation(file: path, line: line, column: column)
    }

    /// Stops reading after a problem that makes the rest of the file meaningless.
    func stop(_ diagnostic: Diagnostic) {
        report(diagnostic)
        fatal = true
        stopRequests?.requestStop()
    }

    /// Interns the format's names in the parser's dictionary (on the parsing thread, before
    /// replay starts).
    func internNames(_ ctxt: xmlParserCtxtPtr) { internNames(in: ctxt.pointee.dict) }

    /// Interns the format's names in `dictionary`.
    func internNames(in dictionary: xmlDictPtr?) {
        func intern(_ name: String) -> UnsafePointer<xmlChar>? {
            name.withCString { xmlDictLookup(dictionary, UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self), -1) }
        }
        for type in RecordType.allCases {
            recordNames[type.rawValue] = intern(type.element)
            for (i, field) in type.fields.enumerated() {
                fieldNames[type.rawValue * RecordType.maxFields + i] = intern(field)
            }
        }
        for (i, name) in RecordType.containers.enumerated() { containerNames[i] = intern(name) }
        codeName = intern("code")
        naamName = intern("naam")
    }

    /// Where the event being replayed happened (a start tag's `<`).
    @inline(__always)
    func tagPosition() -> (line: Int32, column: Int32) { (eventLine, eventColumn) }

    /// Warns once per name about an element or attribute Thuis does not use.
    func warnUnknown(_ code: DiagnosticCode, _ name: UnsafePointer<xmlChar>?, inside: String, line: Int32, column: Int32) {
        let text = name.map { String(cString: $0) } ?? "?"
        let key = "\(code.rawValue) \(text)"
        guard warnedNames.insert(key).inserted else { return }
        let what = code == .unknownElement ? "element <\(text)>" : "attribute \(text)"
        report(.warning(code, "Thuis does not use the \(what) (in <\(inside)>); it is ignored here and wherever it occurs again",
                        at: at(Int(line), Int(column))))
    }
}
