import ThuisCore

/// Reads the items of a VERA batch's pages into a ``MarketBuilder``: typed fields with located,
/// coded problems, as the XML reader reports them.
///
/// A field is named in messages by its path in the VERA object (`adres.gemeente.code`), so a
/// corporation finds it in its own system's terms.
///
/// One thread at a time uses a session: the reader hands it to the decoding thread and takes it
/// back when that thread is done.
final class VERASession: @unchecked Sendable {
    // Read and written for every value: the session is used by one thread at a time, so the
    // dynamic exclusivity checks (a few percent of the reader's samples in perf) are left out.
    @exclusivity(unchecked) var builder: MarketBuilder
    @exclusivity(unchecked) var dates = DateCache()
    /// The first problem of the current record: the record is rejected with it.
    @exclusivity(unchecked) var recordProblem: (DiagnosticCode, String)?
    @exclusivity(unchecked) var item: JSONItem!
    /// The decoder of the current file's resource, and the file's path.
    var decode: (VERASession) -> Void = { _ in }
    var path = ""
    /// A household id decoded from a Relatie URI.
    @exclusivity(unchecked) var idBuffer: [UInt8] = []
    /// The household of each member given with an id, for Kandidaten that name a member.
    var personHousehold: [[UInt8]: Int32] = [:]
    /// Persons given as Relaties of their own, by id: their member record (when they carry a
    /// `geboortedatum`) and their priority statuses.
    var persons: [[UInt8]: (member: MemberRecord?, priorities: [PriorityRecord])] = [:]
    /// Households with members given only by key, completed once every Relatie is read.
    var pendingHouseholds: [PendingHousehold] = []

    /// A household waiting for the persons its members name.
    struct PendingHousehold {
        var slot: Int32
        var id: String
        var record: HouseholdRecord
        /// The members in order: given in full, or by key.
        var members: [Either]
        var priorities: [PriorityRecord]
        var problem: (DiagnosticCode, String)?
        var file: Int
        var line: Int
        var column: Int

        enum Either {
            case given(MemberRecord)
            case key([UInt8])
        }
    }

    init(builder: MarketBuilder) {
        self.builder = builder
    }

    // MARK: Problems

    func report(_ diagnostic: Diagnostic) { builder.report(diagnostic) }

    func at(_ node: Int32) -> SourceLocation {
        let (line, column) = item.position(node)
        return builder.location(line: line, column: column)
    }

    /// An error in the current record, at `node`.
    func problem(_ code: DiagnosticCode, _ message: String, at node: Int32) {
        report(.error(code, message, at: at(node)))
        if recordProblem == nil { recordProblem = (code, message) }
    }

    // MARK: Fields

    /// The node at `path` (member names) below `object`, or nil when any step is absent or null.
    /// A repeated member is reported; a step that is not an object is reported as a wrong type.
    func node(_ object: Int32, _ path: [StaticString], _ label: @autoclosure () -> String) -> Int32? {
        var current = object
        for (k, name) in path.enumerated() {
            guard item.kind(current) == .object else {
                problem(.wrongJSONType, "\(label()): \(dotted(path[..<k])) is not an object", at: current)
                return nil
            }
            guard let (value, repeated) = item.member(current, name) else { return nil }
            if let repeated {
                problem(.repeatedField, "\(label()): \(dotted(path[...k])) is given twice", at: repeated)
            }
            if item.kind(value) == .null { return nil }
            current = value
        }
        return current
    }

    func dotted<C: Collection>(_ path: C) -> String where C.Element == StaticString {
        path.map { "\($0)" }.joined(separator: ".")
    }

    /// A string at `path`; a missing required one and a value of another type are reported.
    func string(_ object: Int32, _ path: [StaticString], required: Bool = false,
                _ label: @autoclosure () -> String) -> UnsafeRawBufferPointer? {
        guard let n = node(object, path, label()) else {
            if required { problem(.missingField, "\(label()): \(dotted(path)) is missing", at: object) }
            return nil
        }
        guard item.kind(n) == .string else {
            problem(.wrongJSONType, "\(label()): \(dotted(path)) is not a string", at: n)
            return nil
        }
        return item.bytes(n)
    }

    /// An id or a code naming a record at `path`, or nil: absent (reported when required), not a
    /// string, or not an id (see ``FieldBytes/idProblem(_:)``).
    func identifier(_ object: Int32, _ path: [StaticString], required: Bool = false,
                    _ label: @autoclosure () -> String) -> UnsafeRawBufferPointer? {
        guard let v = string(object, path, required: required, label()) else { return nil }
        return checkedID(v, at: self.node(object, path, label()) ?? object, "\(label()): \(dotted(path))")
    }

    /// `bytes` when they are an id; nil after reporting why not, at `node` (looked up only then:
    /// a valid id, almost every one, costs no second look-up).
    func checkedID(_ bytes: UnsafeRawBufferPointer, at node: @autoclosure () -> Int32, _ what: @autoclosure () -> String) -> UnsafeRawBufferPointer? {
        guard let (code, reason) = FieldBytes.idProblem(bytes) else { return bytes }
        problem(code, "\(what()) \(reason)", at: node())
        return nil
    }

    /// A number's text at `path` (VERA gives counts and amounts as JSON numbers).
    func number(_ object: Int32, _ path: [StaticString], required: Bool = false,
                _ label: @autoclosure () -> String) -> (bytes: UnsafeRawBufferPointer, node: Int32)? {
        guard let n = node(object, path, label()) else {
            if required { problem(.missingField, "\(label()): \(dotted(path)) is missing", at: object) }
            return nil
        }
        guard item.kind(n) == .number else {
            problem(.wrongJSONType, "\(label()): \(dotted(path)) is not a number (VERA gives it as a JSON number)", at: n)
            return nil
        }
        return (item.bytes(n), n)
    }

    /// A whole number within `range`.
    func integer(_ object: Int32, _ path: [StaticString], in range: ClosedRange<Int64>, required: Bool = false,
                 _ label: @autoclosure () -> String) -> Int64? {
        guard let (text, n) = number(object, path, required: required, label()) else { return nil }
        guard let value = FieldBytes.integer(text) else {
            problem(.invalidNumber, "\(label()): \(dotted(path)) \(FieldBytes.text(text)) is not a whole number", at: n)
            return nil
        }
        guard range.contains(value) else {
            problem(.invalidValue, "\(label()): \(dotted(path)) \(value) is outside \(range.lowerBound)...\(range.upperBound)", at: n)
            return nil
        }
        return value
    }

    /// An amount in hundredths: at most two decimals, no exponent, within ±1,000,000,000.00.
    func hundredths(_ object: Int32, _ path: [StaticString], required: Bool = false,
                    _ label: @autoclosure () -> String) -> (cents: Int64, node: Int32)? {
        guard let (text, n) = number(object, path, required: required, label()) else { return nil }
        guard let value = FieldBytes.hundredths(text) else {
            problem(.invalidNumber, "\(label()): \(dotted(path)) \(FieldBytes.text(text)) is not a number with at most two decimals (e.g. 682.96)", at: n)
            return nil
        }
        guard value.magnitude <= FieldBytes.maximumHundredths.magnitude else {
            problem(.valueOutOfRange, "\(label()): \(dotted(path)) is beyond ±1,000,000,000.00, the most an amount may be", at: n)
            return nil
        }
        return (value, n)
    }

    /// A rent or other amount that cannot be negative.
    func money(_ object: Int32, _ path: [StaticString], required: Bool = false, _ label: @autoclosure () -> String) -> Money? {
        guard let (cents, n) = hundredths(object, path, required: required, label()) else { return nil }
        guard cents >= 0 else {
            problem(.invalidValue, "\(label()): \(dotted(path)) \(Money(cents: cents)) is negative", at: n)
            return nil
        }
        return Money(cents: cents)
    }

    /// A date: `YYYY-MM-DD`, or VERA's date-time `YYYY-MM-DDThh:mm:ss[.f]Z` whose day counts.
    func date(_ object: Int32, _ path: [StaticString], required: Bool = false, _ label: @autoclosure () -> String) -> Day? {
        guard let text = string(object, path, required: required, label()) else { return nil }
        if (text.count == 10 || VERASession.isTimeOfDay(UnsafeRawBufferPointer(rebasing: text.dropFirst(10)))),
           text.count >= 10, let day = FieldBytes.day(UnsafeRawBufferPointer(rebasing: text.prefix(10)), cache: &dates) {
            return day
        }
        problem(.invalidDate, "\(label()): \(dotted(path)) '\(FieldBytes.text(text))' is not a date (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ)",
                at: node(object, path, label()) ?? object)
        return nil
    }

    /// `Thh:mm:ss`, optional fraction, `Z`: the time part VERA's validation pattern allows.
    static func isTimeOfDay(_ b: UnsafeRawBufferPointer) -> Bool {
        guard b.count >= 10, b[0] == UInt8(ascii: "T"), b[3] == UInt8(ascii: ":"), b[6] == UInt8(ascii: ":"),
              b[b.count - 1] == UInt8(ascii: "Z") else { return false }
        let digits = [1, 2, 4, 5, 7, 8]
        guard digits.allSatisfy({ b[$0] &- 48 < 10 }) else { return false }
        guard b.count > 10 else { return true }
        guard b[9] == UInt8(ascii: "."), b.count > 11 else { return false }
        return b[10..<(b.count - 1)].allSatisfy { $0 &- 48 < 10 }
    }

    /// A reference-data code: VERA's `{"code": ..., "naam": ...}`; a bare string is accepted too.
    func codeBytes(_ object: Int32, _ path: [StaticString], required: Bool = false,
                   _ label: @autoclosure () -> String) -> (bytes: UnsafeRawBufferPointer, node: Int32)? {
        guard let n = node(object, path, label()) else {
            if required { problem(.missingField, "\(label()): \(dotted(path)).code is missing", at: object) }
            return nil
        }
        switch item.kind(n) {
        case .string: return (item.bytes(n), n)
        case .object:
            guard let code = string(n, ["code"], required: required, "\(label()): \(dotted(path))") else { return nil }
            return (code, item.member(n, "code")!.value)
        default:
            problem(.wrongJSONType, "\(label()): \(dotted(path)) is not a reference-data object ({\"code\": ...})", at: n)
            return nil
        }
    }

    /// A code of one of Thuis's code lists.
    func code<Code: VERACode>(_ object: Int32, _ path: [StaticString], _ type: Code.Type, required: Bool = false,
                              _ label: @autoclosure () -> String) -> Code? {
        guard let (bytes, n) = codeBytes(object, path, required: required, label()) else { return nil }
        if let code = Code.parse(bytes) { return code }
        problem(.invalidCode, "\(label()): \(dotted(path)).code '\(FieldBytes.text(bytes))' is not a \(Code.listName) code (one of \(Code.codeList))", at: n)
        return nil
    }

    /// A CBS municipality code, interned; nil when absent.
    func municipality(_ object: Int32, _ path: [StaticString], required: Bool = false, _ label: @autoclosure () -> String) -> Int32? {
        guard let (bytes, n) = codeBytes(object, path, required: required, label()) else { return nil }
        return municipality(bytes, at: n, "\(label()): \(dotted(path)).code")
    }

    func municipality(_ bytes: UnsafeRawBufferPointer, at n: Int32, _ label: @autoclosure () -> String) -> Int32? {
        guard let digits = FieldBytes.municipality(bytes) else {
            problem(.invalidMunicipality, "\(label()) '\(FieldBytes.text(bytes))' is not a CBS municipality code (four digits, e.g. 0363)", at: n)
            return nil
        }
        return builder.municipality(digits)
    }

    /// The items of the array at `path` (none when absent); a value that is not an array is reported.
    func array(_ object: Int32, _ path: [StaticString], _ label: @autoclosure () -> String) -> [Int32] {
        guard let n = node(object, path, label()) else { return [] }
        guard item.kind(n) == .array else {
            problem(.wrongJSONType, "\(label()): \(dotted(path)) is not an array", at: n)
            return []
        }
        return Array(item.items(n))
    }

    /// The item's ExtraAttributen (`extra-attributen`), read once: where VERA has no place for a
    /// field Thuis needs.
    func extras(_ object: Int32, _ label: @autoclosure () -> String) -> ExtraAttributes {
        var found: [(name: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer?, node: Int32)] = []
        guard let list = node(object, ["extra-attributen"], label()) else { return ExtraAttributes(session: self, found: found) }
        guard item.kind(list) == .array else {
            problem(.wrongJSONType, "\(label()): extra-attributen is not an array", at: list)
            return ExtraAttributes(session: self, found: found)
        }
        for attribute in item.items(list) {
            guard let naam = node(attribute, ["naam"], label()), item.kind(naam) == .string else { continue }
            // An attribute Thuis does not use is not checked further; a used one needs its waarde.
            let waarde = item.member(attribute, "waarde")?.value
            let text = waarde.flatMap { item.kind($0) == .string ? item.bytes($0) : nil }
            found.append((item.bytes(naam), text, waarde ?? attribute))
        }
        return ExtraAttributes(session: self, found: found)
    }

    /// An item's ExtraAttributen by name.
    struct ExtraAttributes {
        let session: VERASession
        let found: [(name: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer?, node: Int32)]

        /// The `waarde` of the one named `name`; given twice is an error.
        func value(_ name: StaticString, _ label: @autoclosure () -> String) -> (bytes: UnsafeRawBufferPointer, node: Int32)? {
            guard !found.isEmpty else { return nil }
            let key = UnsafeRawBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
            var result: (UnsafeRawBufferPointer, Int32)?
            for attribute in found where attribute.name.elementsEqual(key) {
                if result != nil {
                    session.problem(.repeatedField, "\(label()): extra-attribuut \(name) is given twice", at: attribute.node)
                    return nil
                }
                guard let value = attribute.value else {
                    session.problem(.wrongJSONType, "\(label()): extra-attribuut \(name) has no waarde as a string", at: attribute.node)
                    return nil
                }
                result = (value, attribute.node)
            }
            return result
        }
    }

    /// The text of an id, for messages.
    func text(_ bytes: UnsafeRawBufferPointer?) -> String { bytes.map(FieldBytes.text) ?? "?" }
}
