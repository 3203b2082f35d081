/// Collects the records of one batch, possibly from several files, checks what only the
/// whole batch can tell (references, duplicates), and builds the canonical ``Market``.
///
/// Readers of a file format (the XML adapter) intern ids through the builder and hand it one
/// record at a time, with the first problem they found in it, if any.
public struct MarketBuilder: Sendable {
    /// Whether invalid records (and their dependants) are left out instead of failing the batch.
    public let skipInvalid: Bool
    /// Errors kept before reading stops (strict) or further errors are only counted (skip).
    public let errorLimit: Int

    private(set) var files: [String] = []
    private var currentFile = -1
    private var batch: BatchInfo?
    private var batchFile = 0

    private var diagnostics: [(key: DiagnosticKey, diagnostic: Diagnostic)] = []
    /// Errors found, including those past the limit.
    public private(set) var errorCount = 0
    private var sequence = 0

    var municipalities = IdTable()
    var corporations = IdTable()
    var reserveLabels = IdTable()
    /// Per ``AreaKind``: the qualified area codes read so far.
    var areas = [IdTable](repeating: IdTable(), count: AreaKind.allCases.count)

    var dwellingSlots = RecordSlots()
    var dwellings: [DwellingRecord] = []
    var advertSlots = RecordSlots()
    var adverts: [AdvertRecord] = []
    var householdSlots = RecordSlots()
    var households: [HouseholdRecord] = []
    var memberStart: ContiguousArray<Int32> = [0]
    var members: ContiguousArray<MemberRecord> = []
    var priorityStart: ContiguousArray<Int32> = [0]
    var priorities: [PriorityRecord] = []
    var offerSlots = RecordSlots()
    var offers: [OfferRecord] = []

    var reactionHousehold: ContiguousArray<Int32> = []
    var reactionAdvert: ContiguousArray<Int32> = []
    var reactionDate: ContiguousArray<Day> = []
    var reactionPreference: ContiguousArray<Int32> = []
    /// Line (high 32 bits) and column of each reaction.
    var reactionPosition: ContiguousArray<UInt64> = []
    /// Index of the first reaction of each file: reactions are appended file by file.
    var reactionFileStart: [Int] = []
    var reactionRejection: [Int32: (DiagnosticCode, String)] = [:]

    private var lastHouseholdID: [UInt8] = []
    private var lastHouseholdSlot: Int32 = -1

    /// Records read without an id: rejected, counted as read.
    var anonymous: [Rejection] = []
    /// Reactions naming their publication only by its dwelling (WRV's Kandidaat): reaction
    /// index to dwelling slot, resolved to the publication when the batch is read.
    var reactionDwelling: [Int32: Int32] = [:]
    /// Records a reader set aside (not for this batch, e.g. a Kandidaat that is no reaction),
    /// per reason: the entity, how many, and the first one's place.
    var readerSetAside: [(reason: String, entity: EntityKind, count: Int, location: SourceLocation, file: Int)] = []
    /// Data the source did not send, with the first record lacking it.
    var sourceGaps: [SourceGap: SourceLocation] = [:]
    /// The applicant's id by household slot, where the source names members.
    var applicants: [Int32: String] = [:]

    /// A builder; `errorLimit` is the number of errors kept (default 100).
    public init(skipInvalid: Bool = false, errorLimit: Int = 100) {
        self.skipInvalid = skipInvalid
        self.errorLimit = max(1, errorLimit)
    }

    // MARK: Files and diagnostics

    /// Starts the records of a new file; returns its index.
    @discardableResult
    public mutating func beginFile(_ path: String) -> Int {
        files.append(path)
        currentFile = files.count - 1
        reactionFileStart.append(reactionHousehold.count)
        return currentFile
    }

    /// The index of the file being read.
    public var fileIndex: Int { currentFile }

    /// Runs `body` as if file `index` were being read again: for a record that can be completed
    /// only after later files (a household whose members come as Relaties of their own), so its
    /// diagnostics and definition keep their own file.
    public mutating func inFile<T>(_ index: Int, _ body: (inout MarketBuilder) -> T) -> T {
        let current = currentFile
        currentFile = index
        defer { currentFile = current }
        return body(&self)
    }

    /// The location `line:column` in the current file.
    public func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: currentFile >= 0 ? files[currentFile] : "thuis", line: line, column: column)
    }

    /// The most errors `--skip-invalid` reads past: a batch with more invalid records is not one
    /// to use, and leaving them out one by one would cost memory and time in proportion to a
    /// hostile file (ten million empty items), and write a rejects file as large.
    public static let skipLimit = 100_000

    /// True when reading should stop: strict reading has reached the error limit, or reading
    /// with `--skip-invalid` ``skipLimit``.
    public var shouldStop: Bool { errorCount >= (skipInvalid ? MarketBuilder.skipLimit : errorLimit) }

    /// Records a diagnostic found in the current file.
    public mutating func report(_ diagnostic: Diagnostic) {
        report(diagnostic, file: currentFile)
    }

    private mutating func report(_ diagnostic: Diagnostic, file: Int) {
        if diagnostic.severity == .error {
            errorCount += 1
            if errorCount > errorLimit { return }
        } else if diagnostics.count - min(errorCount, errorLimit) >= errorLimit * 10 {
            return
        }
        sequence += 1
        let key = DiagnosticKey(file: file, line: diagnostic.location?.line ?? 0,
                                column: diagnostic.location?.column ?? 0, sequence: sequence)
        diagnostics.append((key, diagnostic))
    }

    /// Records the batch header of the current file; every file of a batch must agree.
    public mutating func setBatch(_ info: BatchInfo, at location: SourceLocation) {
        guard let batch else {
            self.batch = info
            batchFile = currentFile
            return
        }
        if batch.referenceDate != info.referenceDate || batch.region != info.region {
            report(.error(.batchMismatch,
                          "this file is for \(info.region) on \(info.referenceDate), but \(files[batchFile]) is for \(batch.region) on \(batch.referenceDate); one batch has one region and one peildatum",
                          at: location))
        }
    }

    // MARK: Interning

    /// The index of a municipality code.
    public mutating func municipality(_ code: UnsafeRawBufferPointer) -> Int32 { municipalities.intern(code).index }
    /// The index of a corporation code.
    public mutating func corporation(_ code: UnsafeRawBufferPointer) -> Int32 { corporations.intern(code).index }
    /// The index of a reserve label.
    public mutating func reserveLabel(_ name: UnsafeRawBufferPointer) -> Int32 { reserveLabels.intern(name).index }
    /// The index of the area of `kind` that `code` names for a dwelling in municipality `m` of
    /// corporation `c` (builder indices), or why `code` names none; -1 when the municipality or
    /// corporation it depends on was itself refused.
    public mutating func area(_ kind: AreaKind, _ code: UnsafeRawBufferPointer, municipality m: Int32,
                              corporation c: Int32) -> Result<Int32, AreaCodeProblem> {
        guard m >= 0, c >= 0 else { return .success(-1) }
        switch kind.qualified(String(decoding: code, as: UTF8.self), municipality: municipalities[Int(m)],
                              corporation: corporations[Int(c)]) {
        case .success(let value): return .success(areas[kind.rawValue].intern(value))
        case .failure(let problem): return .failure(problem)
        }
    }

    /// The qualified code of area `index` of `kind` (a builder index).
    public func areaCode(_ kind: AreaKind, _ index: Int32) -> String { areas[kind.rawValue][Int(index)] }

    /// The slot of a dwelling id (defined now or later).
    public mutating func dwellingSlot(_ id: UnsafeRawBufferPointer) -> Int32 { dwellingSlots.reference(id) }
    /// The slot of an advert id.
    public mutating func advertSlot(_ id: UnsafeRawBufferPointer) -> Int32 { advertSlots.reference(id) }
    /// Brings the table slots of advert ids into the cache ahead of ``advertSlot(_:)`` (see ``IdTable/touch(_:)``).
    public func touchAdvertSlots(_ ids: [UnsafeRawBufferPointer]) -> UInt64 { advertSlots.ids.touch(ids) }
    /// The slot of a household id. Reactions of one household usually follow each other, so
    /// the last id is remembered and compared before hashing.
    @inline(__always)
    public mutating func householdSlot(_ id: UnsafeRawBufferPointer) -> Int32 {
        if lastHouseholdSlot >= 0 && id.count == lastHouseholdID.count && id.elementsEqual(lastHouseholdID) {
            return lastHouseholdSlot
        }
        let slot = householdSlots.reference(id)
        lastHouseholdID.removeAll(keepingCapacity: true)
        lastHouseholdID.append(contentsOf: id)
        lastHouseholdSlot = slot
        return slot
    }
    /// The slot of an offer id.
    public mutating func offerSlot(_ id: UnsafeRawBufferPointer) -> Int32 { offerSlots.reference(id) }

    // MARK: Records

    /// A record of the current file that could not be identified (no id): rejected as read.
    public mutating func addUnidentified(_ entity: EntityKind, line: Int, column: Int,
                                         problem: (DiagnosticCode, String)) {
        anonymous.append(Rejection(entity: entity, id: "", code: problem.0, reason: problem.1,
                                   location: location(line: line, column: column)))
    }

    /// A dwelling; `problem` is the first error the reader found in it.
    public mutating func addDwelling(_ slot: Int32, _ record: DwellingRecord, line: Int, column: Int,
                                     problem: (DiagnosticCode, String)?) {
        let def = define(\.dwellingSlots, .dwelling, slot, line: line, column: column, problem: problem)
        dwellings.append(record)
        assert(dwellings.count == Int(def) + 1)
    }

    /// An advert.
    public mutating func addAdvert(_ slot: Int32, _ record: AdvertRecord, line: Int, column: Int,
                                   problem: (DiagnosticCode, String)?) {
        _ = define(\.advertSlots, .advert, slot, line: line, column: column, problem: problem)
        adverts.append(record)
    }

    /// A household with its members and priority statuses.
    public mutating func addHousehold(_ slot: Int32, _ record: HouseholdRecord,
                                      members newMembers: [MemberRecord], priorities newPriorities: [PriorityRecord],
                                      line: Int, column: Int, problem: (DiagnosticCode, String)?) {
        _ = define(\.householdSlots, .household, slot, line: line, column: column, problem: problem)
        households.append(record)
        members.append(contentsOf: newMembers)
        memberStart.append(Int32(members.count))
        priorities.append(contentsOf: newPriorities)
        priorityStart.append(Int32(priorities.count))
    }

    /// An offer from an earlier batch.
    public mutating func addOffer(_ slot: Int32, _ record: OfferRecord, line: Int, column: Int,
                                  problem: (DiagnosticCode, String)?) {
        _ = define(\.offerSlots, .offer, slot, line: line, column: column, problem: problem)
        offers.append(record)
    }

    /// A reaction; `household` and `advert` are slots, or -1 when the reaction names none.
    @inline(__always)
    public mutating func addReaction(household: Int32, advert: Int32, date: Day, preference: Int32,
                                     line: Int, column: Int, problem: (DiagnosticCode, String)?) {
        if let problem { reactionRejection[Int32(reactionHousehold.count)] = problem }
        reactionHousehold.append(household)
        reactionAdvert.append(advert)
        reactionDate.append(date)
        reactionPreference.append(preference)
        reactionPosition.append(UInt64(UInt32(clamping: line)) << 32 | UInt64(UInt32(clamping: column)))
    }

    /// A reaction that names its publication by the dwelling it lets (WRV's Kandidaat has an
    /// `eenheid`, no publication): resolved to the batch's publication of that dwelling.
    public mutating func addReaction(household: Int32, dwelling: Int32, date: Day, preference: Int32,
                                     line: Int, column: Int, problem: (DiagnosticCode, String)?) {
        reactionDwelling[Int32(reactionHousehold.count)] = dwelling
        addReaction(household: household, advert: -1, date: date, preference: preference, line: line, column: column, problem: problem)
    }

    /// A record the reader leaves out because it is not part of the batch (`reason`, one warning
    /// per reason with the count, at the first).
    public mutating func setAside(_ entity: EntityKind, reason: String, line: Int, column: Int) {
        if let k = readerSetAside.firstIndex(where: { $0.reason == reason }) {
            readerSetAside[k].count += 1
        } else {
            readerSetAside.append((reason, entity, 1, location(line: line, column: column), currentFile))
        }
    }

    /// Records the id of a household's applicant (its first member with an id).
    public mutating func setApplicant(_ household: Int32, _ id: String) {
        if applicants[household] == nil { applicants[household] = id }
    }

    /// Notes that the source did not send `gap` for the record at `line:column`.
    public mutating func noteGap(_ gap: SourceGap, line: Int, column: Int) {
        if sourceGaps[gap] == nil { sourceGaps[gap] = location(line: line, column: column) }
    }

    private mutating func define(_ path: WritableKeyPath<MarketBuilder, RecordSlots>, _ entity: EntityKind,
                                 _ slot: Int32, line: Int, column: Int, problem: (DiagnosticCode, String)?) -> Int32 {
        let (def, earlier) = self[keyPath: path].define(slot, file: currentFile, line: line, column: column)
        if let problem { self[keyPath: path].reject(def, problem.0, problem.1) }
        if let earlier {
            let slots = self[keyPath: path]
            let first = SourceLocation(file: files[Int(slots.file[Int(earlier)])],
                                       line: Int(slots.line[Int(earlier)]), column: Int(slots.column[Int(earlier)]))
            let message = "\(entity.rawValue) \(slots.ids[Int(slot)]) is defined twice; first at \(first)"
            report(.error(.duplicateID, message, at: location(line: line, column: column)))
            self[keyPath: path].reject(def, .duplicateID, message)
        }
        return def
    }

    // MARK: Helpers for finishing

    func location(_ slots: RecordSlots, _ def: Int32) -> SourceLocation {
        SourceLocation(file: files[Int(slots.file[Int(def)])], line: Int(slots.line[Int(def)]),
                       column: Int(slots.column[Int(def)]))
    }

    /// The file reaction `r` was read from.
    func reactionFile(_ r: Int) -> Int {
        // The starts ascend: the last start at or before r, found by halving (a fetched batch has
        // hundreds of thousands of page files).
        var low = 0, high = reactionFileStart.count
        while low < high {
            let mid = (low + high) / 2
            if reactionFileStart[mid] <= r { low = mid + 1 } else { high = mid }
        }
        return max(0, low - 1)
    }

    /// Reserves room for about `reactions` more reactions (from the file size), so the columns
    /// grow once instead of doubling many times.
    public mutating func reserveReactions(_ reactions: Int) {
        let total = reactionHousehold.count + reactions
        reactionHousehold.reserveCapacity(total)
        reactionAdvert.reserveCapacity(total)
        reactionDate.reserveCapacity(total)
        reactionPreference.reserveCapacity(total)
        reactionPosition.reserveCapacity(total)
    }

    func reactionLocation(_ r: Int) -> SourceLocation {
        let position = reactionPosition[r]
        return SourceLocation(file: files[reactionFile(r)], line: Int(position >> 32), column: Int(UInt32(truncatingIfNeeded: position)))
    }

    /// Reports an error found after reading, at a record's own file and place.
    mutating func reportResolved(_ code: DiagnosticCode, _ message: String, at location: SourceLocation, fileIndex: Int) {
        report(.error(code, message, at: location), file: fileIndex)
    }

    mutating func reportResolvedWarning(_ code: DiagnosticCode, _ message: String, at location: SourceLocation, fileIndex: Int) {
        report(.warning(code, message, at: location), file: fileIndex)
    }

    var batchInfo: BatchInfo? { batch }

    func sortedDiagnostics() -> [Diagnostic] {
        diagnostics.sorted { $0.key < $1.key }.map(\.diagnostic)
    }
}

/// Orders diagnostics by file, then position, then the order they were found.
struct DiagnosticKey: Comparable, Sendable {
    var file: Int, line: Int, column: Int, sequence: Int
    static func < (l: DiagnosticKey, r: DiagnosticKey) -> Bool {
        (l.file, l.line, l.column, l.sequence) < (r.file, r.line, r.column, r.sequence)
    }
}
