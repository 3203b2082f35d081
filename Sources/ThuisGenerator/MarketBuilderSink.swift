import ThuisCore

/// Builds a generated export's records straight into a market, as the export reader would from
/// the XML ``XMLExportSink`` writes: the same records, values, ids and order of first mention
/// (which decides every index), so the market and all that is computed from it are the same. The
/// records' locations are the lines the XML would have them on.
struct MarketBuilderSink: GeneratedExportSink {
    let profile: GeneratorProfile
    let advertPrefix: String
    var builder = MarketBuilder()
    /// The line the next record would start on in the XML.
    var line = 4
    /// Slots by generated index: a reaction refers to records already met, and looking an id up
    /// again gives the same slot (a reference to a known id changes nothing).
    var advertSlots: [Int32] = []
    var householdSlots: [Int32] = []

    init(profile: GeneratorProfile, advertPrefix: String, name: String) {
        self.profile = profile
        self.advertPrefix = advertPrefix
        builder.beginFile(name)
    }

    consuming func finish() -> IngestResult { builder.finish() }

    mutating func begin(today: Day, region: String) {}

    mutating func dwelling(_ d: GeneratedDwelling) {
        let code = profile.municipalities[d.municipality].0
        var r = DwellingRecord()
        r.municipality = Self.bytes(code) { builder.municipality($0) }
        r.corporation = Self.bytes("C\(code)-\(d.corporation + 1)") { builder.corporation($0) }
        r.rooms = Int16(d.rooms)
        r.rent = Money(cents: Int64(d.rentCents))
        r.grossRent = Money(cents: Int64(d.grossRentCents))
        r.targetGroup = d.targetGroup.flatMap { TargetGroup(rawValue: $0.description) }
        r.socialLabel = d.social ? .social : .nonSocial
        if let c = d.criterion, let kind = CriterionKind(rawValue: c.kind.description) {
            // The XML's whole number, read as hundredths.
            let bound = Int64(c.value) * 100
            r.criteria = [Criterion(kind: kind, detail: "", use: .selection, lowerBound: c.lower ? bound : nil,
                                    upperBound: c.lower ? nil : bound, exactValue: nil)]
        }
        let codes: [(AreaKind, String?)] = [(.borough, d.areas.borough), (.district, d.areas.district),
                                             (.neighbourhood, d.areas.neighbourhood), (.complex, d.areas.complex)]
        for case let (kind, code?) in codes {
            // The generator's codes are valid by construction; XMLExportSink writes the same ones.
            if case .success(let index) = Self.bytes(code, { builder.area(kind, $0, municipality: r.municipality, corporation: r.corporation) }) {
                r.setArea(kind, index)
            }
        }
        if d.areas.borough == nil { builder.noteGap(.borough, line: line, column: 5) }
        let slot = Self.bytes("E\(advertPrefix)\(Self.padded(d.index, 7))") { builder.dwellingSlot($0) }
        builder.addDwelling(slot, r, line: line, column: 5, problem: nil)
        line += 1
    }

    mutating func beginAdverts() { line += 2 }

    mutating func advert(index: Int, model: PublicationModel, start: Day, end: Day, namedHousehold: Int?) {
        var r = AdvertRecord()
        r.model = model
        r.start = start
        r.end = end
        r.dwelling = Self.bytes("E\(advertPrefix)\(Self.padded(index, 7))") { builder.dwellingSlot($0) }
        if let namedHousehold { r.namedHousehold = Self.bytes("H\(Self.padded(namedHousehold, 8))") { builder.householdSlot($0) } }
        let slot = Self.bytes("P\(advertPrefix)\(Self.padded(index, 7))") { builder.advertSlot($0) }
        advertSlots.append(slot)
        builder.addAdvert(slot, r, line: line, column: 5, problem: nil)
        line += 1
    }

    mutating func endAdverts() { line += 1 }

    mutating func household(_ h: GeneratedHousehold) {
        let code = profile.municipalities[h.municipality].0
        let start = line
        var r = HouseholdRecord()
        r.registrationDate = h.registration
        r.searchPoints = Int32(h.searchPoints)
        let members = h.members.map { member -> MemberRecord in
            var income = CountedIncome()
            if let euros = member.incomeEuros { _ = income.add(Int64(euros) * 100, kind: .gross, year: 2025) }
            return MemberRecord(birthDate: member.birth, income: Money(cents: income.cents))
        }
        var priorities: [PriorityRecord] = []
        if let p = h.priority {
            var priority = PriorityRecord()
            priority.kind = .urgency
            priority.category = p.category
            priority.start = p.start
            priority.end = p.end
            // The reader meets a priority's municipality before its household's.
            if p.scoped { priority.scope = [Self.bytes(code) { builder.municipality($0) }] }
            priorities.append(priority)
        }
        r.municipality = Self.bytes(code) { builder.municipality($0) }
        let slot = Self.bytes("H\(Self.padded(h.index, 8))") { builder.householdSlot($0) }
        householdSlots.append(slot)
        builder.addHousehold(slot, r, members: members, priorities: priorities, line: start, column: 3, problem: nil)
        line += 3 + h.members.count + priorities.count
    }

    mutating func reaction(household: Int, advert: Int, date: Day, preference: Int) {
        builder.addReaction(household: householdSlots[household], advert: advertSlots[advert], date: date, preference: Int32(preference), line: line, column: 3, problem: nil)
        line += 1
    }

    mutating func end(today: Day, region: String) {
        builder.setBatch(BatchInfo(version: "1.0", referenceDate: today, region: region), at: builder.location(line: 2, column: 1))
    }

    /// `value` in decimal, zero-padded to `width` digits, as ``ByteWriter/int(_:width:)`` writes it.
    static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    static func bytes<T>(_ text: String, _ body: (UnsafeRawBufferPointer) -> T) -> T {
        var text = text
        return text.withUTF8 { body(UnsafeRawBufferPointer($0)) }
    }
}
