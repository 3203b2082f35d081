import ThuisCore

/// The resources of a batch, each item of a page turned into a record for the builder.
/// `Documentation/vera.md` maps every field to its VERA property and code list.
extension VERASession {
    /// The most members a household may have (as in the XML export format).
    static let maximumMembers = 100

    /// The item's id and where it starts; an item without one is kept as a rejection.
    private func identified(_ object: Int32, _ entity: EntityKind, _ label: @autoclosure () -> String) -> (id: UnsafeRawBufferPointer, line: Int, column: Int)? {
        let (line, column) = item.position(object)
        guard let id = identifier(object, ["id"], required: true, label()) else {
            builder.addUnidentified(entity, line: line, column: column, problem: recordProblem ?? (.missingField, "\(label()): id is missing"))
            return nil
        }
        guard id.count > 0 else {
            problem(.missingField, "\(label()): id is empty", at: object)
            builder.addUnidentified(entity, line: line, column: column, problem: recordProblem!)
            return nil
        }
        return (id, line, column)
    }

    private func label(_ object: Int32, _ entity: String) -> String {
        if let n = item.member(object, "id")?.value, item.kind(n) == .string, FieldBytes.idProblem(item.bytes(n)) == nil { return "\(entity) \(FieldBytes.text(item.bytes(n)))" }
        let (line, _) = item.position(object)
        return "\(entity) at line \(line)"
    }

    /// Checks that the item is an object; reports it otherwise.
    private func isObject(_ entity: String) -> Bool {
        guard item.kind(item.root) == .object else {
            problem(.wrongJSONType, "an item of a \(entity) page is not an object", at: item.root)
            return false
        }
        return true
    }

    // MARK: Eenheden

    func eenheid() {
        guard isObject("eenheden") else { return }
        let o = item.root
        func name() -> String { label(o, "Eenheid") }
        var r = DwellingRecord()
        r.municipality = municipality(o, ["adres", "gemeente"], required: true, name()) ?? -1
        if let v = identifier(o, ["idOrganisatie"], required: true, name()) { r.corporation = builder.corporation(v) }
        r.rooms = Int16(integer(o, ["kamersAantal"], in: 0...50, required: true, name()) ?? 0)
        r.rent = money(o, ["rekenhuur"], required: true, name()) ?? .zero
        r.grossRent = money(o, ["brutohuur"], name())
        r.targetGroup = code(o, ["doelgroep"], TargetGroup.self, name())
        r.additionalTargetGroup = code(o, ["aanvullendeDoelgroep"], AdditionalTargetGroup.self, name())
        r.accessibilityLabel = codeBytes(o, ["toegankelijkheidslabel"], name()).map { String(decoding: $0.bytes, as: UTF8.self) } ?? ""
        r.socialLabel = code(o, ["maatschappelijkLabel"], SocialLabel.self, name()) ?? .social
        for c in array(o, ["criteria"], name()) { criterion(c, name()).map { r.criteria.append($0) } }
        readAreas(o, &r, name())
        guard case let (id, line, column)? = identified(o, .dwelling, name()) else { return }
        builder.addDwelling(builder.dwellingSlot(id), r, line: line, column: column, problem: recordProblem)
    }

    /// The address's stadsdeel, wijk and buurt (`{"code": ...}`) and the cluster of soort MAR
    /// (the one VERA keeps for woonruimteverdeling): each optional, a gap where absent; a wijk
    /// or buurt must be a CBS code of the dwelling's municipality, a buurt one of its wijk.
    private func readAreas(_ o: Int32, _ r: inout DwellingRecord, _ name: @autoclosure () -> String) {
        let (line, column) = item.position(o)
        for kind in AreaKind.allCases {
            let found: (bytes: UnsafeRawBufferPointer, node: Int32, path: String)?
            switch kind {
            case .borough: found = codeBytes(o, ["adres", "stadsdeel"], name()).map { ($0.bytes, $0.node, "adres.stadsdeel.code") }
            case .district: found = codeBytes(o, ["adres", "wijk"], name()).map { ($0.bytes, $0.node, "adres.wijk.code") }
            case .neighbourhood: found = codeBytes(o, ["adres", "buurt"], name()).map { ($0.bytes, $0.node, "adres.buurt.code") }
            case .complex: found = marketCluster(o, name())
            }
            guard let found else {
                builder.noteGap(.area(kind), line: line, column: column)
                continue
            }
            guard let code = checkedID(found.bytes, at: found.node, "\(name()): \(found.path)") else { continue }
            switch builder.area(kind, code, municipality: r.municipality, corporation: r.corporation) {
            case .success(let index): r.setArea(kind, index)
            case .failure(let refused): problem(.invalidArea, "\(name()): \(found.path) '\(FieldBytes.text(code))' \(refused.reason)", at: found.node)
            }
        }
        let wijk = r.area(.district), buurt = r.area(.neighbourhood)
        if wijk >= 0, buurt >= 0, !AreaKind.neighbourhood(builder.areaCode(.neighbourhood, buurt), liesIn: builder.areaCode(.district, wijk)) {
            problem(.invalidArea, "\(name()): adres.buurt \(builder.areaCode(.neighbourhood, buurt)) does not lie in its wijk \(builder.areaCode(.district, wijk))",
                    at: node(o, ["adres", "buurt"], name()) ?? o)
        }
    }

    /// The dwelling's cluster of soort MAR: its `code`, else its `id`; nil when it has none.
    private func marketCluster(_ o: Int32, _ name: @autoclosure () -> String) -> (bytes: UnsafeRawBufferPointer, node: Int32, path: String)? {
        var found: (bytes: UnsafeRawBufferPointer, node: Int32, path: String)?
        for c in array(o, ["clusters"], name()) {
            guard item.kind(c) == .object else {
                problem(.wrongJSONType, "\(name()): an item of clusters is not an object", at: c)
                continue
            }
            guard let soort = codeBytes(c, ["soort"], "\(name()): clusters"), soort.bytes.elementsEqual("MAR".utf8) else { continue }
            let key: StaticString = item.member(c, "code") != nil ? "code" : "id"
            guard let bytes = string(c, [key], required: true, "\(name()): clusters (soort MAR)") else { continue }
            if found != nil {
                problem(.invalidArea, "\(name()): clusters holds two clusters of soort MAR; a dwelling lies in one complex", at: c)
                return nil
            }
            found = (bytes, item.member(c, key)!.value, "clusters.\(key)")
        }
        return found
    }

    private func criterion(_ c: Int32, _ owner: @autoclosure () -> String) -> Criterion? {
        func name() -> String { "criterium of \(owner())" }
        let kind = code(c, ["soort"], CriterionKind.self, required: true, name())
        let use = code(c, ["toepassing"], CriterionUse.self, required: true, name())
        let lower = hundredths(c, ["aantalOndergrens"], name())?.cents
        let upper = hundredths(c, ["aantalBovengrens"], name())
        let exact = hundredths(c, ["aantalExact"], name())?.cents
        if let lower, let upper, lower > upper.cents {
            problem(.invalidValue, "\(name()): aantalOndergrens is above aantalBovengrens", at: upper.node)
        }
        guard let kind, let use else { return nil }
        let detail = codeBytes(c, ["detailsoort"], name()).map { String(decoding: $0.bytes, as: UTF8.self) } ?? ""
        return Criterion(kind: kind, detail: detail, use: use, lowerBound: lower, upperBound: upper?.cents, exactValue: exact)
    }

    // MARK: Publicaties

    func publicatie() {
        guard isObject("publicaties") else { return }
        let o = item.root
        func name() -> String { label(o, "Publicatie") }
        var r = AdvertRecord()
        r.model = code(o, ["model"], PublicationModel.self, required: true, name()) ?? .offer
        let start = date(o, ["begindatum"], required: true, name())
        let end = date(o, ["einddatum"], required: true, name())
        if let start, let end, end < start {
            problem(.advertEndsBeforeStart, "\(name()): einddatum \(end) is before begindatum \(start)", at: node(o, ["einddatum"], name()) ?? o)
        }
        r.start = start ?? Day(rawValue: 0)
        r.end = end ?? Day(rawValue: 0)
        let units = array(o, ["eenheden"], name())
        // A publication of several dwellings (a new-build project) is set aside, not let: Thuis
        // lets one dwelling per advert.
        r.dwellingCount = units.count
        if units.count == 1, let id = identifier(units[0], ["id"], required: true, "\(name()): eenheden[0]") {
            r.dwelling = builder.dwellingSlot(id)
        }
        let extras = self.extras(o, name())
        if let (v, n) = extras.value("relatie", name()), let v = checkedID(v, at: n, "\(name()): extra-attribuut relatie") {
            r.namedHousehold = builder.householdSlot(v)
        }
        if let (v, n) = extras.value("reservering", name()), let v = checkedID(v, at: n, "\(name()): extra-attribuut reservering") {
            r.reserveLabel = builder.reserveLabel(v)
        }
        if let (status, _) = codeBytes(o, ["status"], name()) { r.status = String(decoding: status, as: UTF8.self) }
        guard case let (id, line, column)? = identified(o, .advert, name()) else { return }
        builder.addAdvert(builder.advertSlot(id), r, line: line, column: column, problem: recordProblem)
    }

    // MARK: Relaties

    /// A household: a Relatiegroep (`soort` GRO, `detailSoort` HUI) with its members in `relaties`,
    /// its registration in `overeenkomsten` (soort INS), its priority statuses, and as
    /// extra-attributen what VERA has no place for (its municipality, points).
    func relatie() {
        guard isObject("relaties") else { return }
        let o = item.root
        func name() -> String { label(o, "Relatie") }
        if let (kind, n) = codeBytes(o, ["soort"], name()), !kind.elementsEqual("GRO".utf8) {
            if kind.elementsEqual("NAT".utf8) {
                person(o, name())
                return
            }
            problem(.invalidValue, "\(name()): soort.code '\(FieldBytes.text(kind))' is not GRO; a household is a Relatiegroep with its members in relaties", at: n)
        }
        var r = HouseholdRecord()
        // VERA gives a household's address no municipality: Thuis's local binding needs it.
        let extras = self.extras(o, name())
        if let (v, n) = extras.value("gemeente", name()) { r.municipality = municipality(v, at: n, "\(name()): extra-attribuut gemeente") ?? -1 }
        if let (v, n) = extras.value("werkgemeente", name()) { r.workMunicipality = municipality(v, at: n, "\(name()): extra-attribuut werkgemeente") ?? -1 }
        let points: ClosedRange<Int64> = 0...100_000
        func pointsField(_ field: StaticString) -> Int32 {
            guard let (v, n) = extras.value(field, name()) else { return 0 }
            guard let value = FieldBytes.integer(v), points.contains(value) else {
                problem(.invalidNumber, "\(name()): extra-attribuut \(field) '\(FieldBytes.text(v))' is not a whole number in 0...100000", at: n)
                return 0
            }
            return Int32(value)
        }
        r.searchPoints = pointsField("zoekpunten")
        r.situationPoints = pointsField("situatiepunten")
        r.startPoints = pointsField("startpunten")
        // VERA has no place for these: where a system sends none, they are unknown, not zero.
        let (line, column) = item.position(o)
        if extras.value("zoekpunten", name()) == nil && extras.value("situatiepunten", name()) == nil
            && extras.value("startpunten", name()) == nil {
            builder.noteGap(.points, line: line, column: column)
        }
        if extras.value("gemeente", name()) == nil { builder.noteGap(.municipality, line: line, column: column) }
        var registrations = 0
        for overeenkomst in array(o, ["overeenkomsten"], name()) {
            guard let (kind, _) = codeBytes(overeenkomst, ["soort"], required: true, "\(name()): overeenkomst"),
                  kind.elementsEqual("INS".utf8) else { continue }
            registrations += 1
            if let day = date(overeenkomst, ["begindatum"], required: true, "\(name()): inschrijving") { r.registrationDate = day }
        }
        if registrations == 0 {
            problem(.missingField, "\(name()): has no inschrijving (an overeenkomst of soort INS, whose begindatum is the registration date)", at: o)
        } else if registrations > 1 {
            problem(.repeatedField, "\(name()): has \(registrations) inschrijvingen; one is expected", at: o)
        }
        var members: [PendingHousehold.Either] = []
        var priorities: [PriorityRecord] = []
        voorrangsregelingen(o, name(), into: &priorities)
        let people = array(o, ["relaties"], name())
        var personIDs: [[UInt8]] = []
        for (k, person) in people.enumerated() {
            let personID = identifier(person, ["id"], "lid \(k + 1) of \(name())").flatMap { $0.isEmpty ? nil : Array($0) }
            if let personID { personIDs.append(personID) }
            func personName() -> String { "lid \(k + 1) of \(name())" }
            voorrangsregelingen(person, personName(), into: &priorities)
            guard k < VERASession.maximumMembers else {
                if k == VERASession.maximumMembers {
                    problem(.valueOutOfRange, "\(name()): more than \(VERASession.maximumMembers) members in relaties", at: person)
                }
                continue
            }
            // A member given only by key (an id, no geboortedatum) is the Relatie of that id.
            if let personID, item.kind(person) == .object, node(person, ["geboortedatum"], personName()) == nil {
                members.append(.key(personID))
            } else if let member = self.member(person, personName()) {
                members.append(.given(member))
            }
        }
        if people.isEmpty {
            problem(.householdWithoutMembers, "\(name()): has no members in relaties; size, age and income come from the members", at: o)
        }
        guard case let (id, line, column)? = identified(o, .household, name()) else { return }
        let slot = builder.householdSlot(id)
        // A Kandidaat may name a member (a NatuurlijkPersoon) rather than the household.
        for person in personIDs where personHousehold[person] == nil { personHousehold[person] = slot }
        if let first = personIDs.first { builder.setApplicant(slot, String(decoding: first, as: UTF8.self)) }
        let pending = PendingHousehold(slot: slot, id: String(decoding: id, as: UTF8.self), record: r, members: members,
                                       priorities: priorities, problem: recordProblem, file: builder.fileIndex, line: line, column: column)
        if members.contains(where: { if case .key = $0 { return true } else { return false } }) {
            pendingHouseholds.append(pending)
        } else {
            complete(pending)
        }
    }

    /// Adds a household whose members are all known; a member given by key takes the person's
    /// record and statuses, and one the batch lacks rejects the household at its own place.
    func complete(_ pending: PendingHousehold) {
        var members: [MemberRecord] = [], priorities = pending.priorities, problem = pending.problem
        var missing: [String] = []
        for (k, member) in pending.members.enumerated() {
            switch member {
            case .given(let record): members.append(record)
            case .key(let id):
                if let found = persons[id], let record = found.member {
                    members.append(record)
                    priorities += found.priorities
                } else {
                    missing.append("lid \(k + 1) (\(String(decoding: id, as: UTF8.self)))")
                }
            }
        }
        builder.inFile(pending.file) { builder in
            if !missing.isEmpty {
                let message = "Relatie \(pending.id): \(missing.joined(separator: ", ")) given only by key, and the batch has no Relatie of that id with its geboortedatum; the household is not read as smaller than it is"
                builder.report(.error(.missingField, message, at: builder.location(line: pending.line, column: pending.column)))
                if problem == nil { problem = (.missingField, message) }
            }
            builder.addHousehold(pending.slot, pending.record, members: members, priorities: priorities,
                                 line: pending.line, column: pending.column, problem: problem)
        }
    }

    /// Completes the households waiting for persons: called when the Relaties are all read.
    func completePendingHouseholds() {
        let pending = pendingHouseholds
        pendingHouseholds = []
        for household in pending { complete(household) }
    }

    /// A NatuurlijkPersoon given as a Relatie of its own (as `GET /relaties/{id}` gives a person):
    /// not a household. Read for what refers to it: a household that gives it as a member by key
    /// takes its record and statuses; a Kandidaat or Aanbieding that names it finds its household
    /// (the first Relatiegroep in its `relaties`). Counted as set aside.
    private func person(_ o: Int32, _ name: @autoclosure () -> String) {
        let (line, column) = item.position(o)
        if let id = identifier(o, ["id"], required: true, name()), !id.isEmpty {
            // The person's own record, for a household that gives this member only by key.
            var priorities: [PriorityRecord] = []
            voorrangsregelingen(o, name(), into: &priorities)
            let member = node(o, ["geboortedatum"], name()) == nil ? nil : self.member(o, name())
            if persons[Array(id)] == nil { persons[Array(id)] = (member, priorities) }
            for related in array(o, ["relaties"], name()) {
                let kind = codeBytes(related, ["soort"], name())?.bytes
                guard kind == nil || kind!.elementsEqual("GRO".utf8),
                      let group = identifier(related, ["id"], name()), !group.isEmpty else { continue }
                if personHousehold[Array(id)] == nil { personHousehold[Array(id)] = builder.householdSlot(group) }
                break
            }
        }
        builder.setAside(.household, reason: "natuurlijke personen given as Relaties of their own, read only for the household they are a member of",
                         line: line, column: column)
    }

    /// A member: a NatuurlijkPersoon with `geboortedatum` and `inkomens`.
    private func member(_ person: Int32, _ name: @autoclosure () -> String) -> MemberRecord? {
        guard let birth = date(person, ["geboortedatum"], required: true, name()) else { return nil }
        var income = CountedIncome()
        for i in array(person, ["inkomens"], name()) {
            let kind = code(i, ["soort"], IncomeKind.self, "inkomen of \(name())") ?? .gross
            let amount = hundredths(i, ["bedrag"], required: true, "inkomen of \(name())")
            let year = integer(i, ["jaar"], in: 1900...2200, required: true, "inkomen of \(name())")
            guard let (cents, n) = amount, let year else { continue }
            guard cents >= 0 else {
                problem(.negativeIncome, "inkomen of \(name()): bedrag \(Money(cents: cents)) is negative; an income is zero or more", at: n)
                continue
            }
            if !income.add(cents, kind: kind, year: year) {
                problem(.valueOutOfRange, "inkomen of \(name()): the incomes of \(year) add up to more than 1,000,000,000.00", at: n)
            }
        }
        return MemberRecord(birthDate: birth, income: Money(cents: income.cents))
    }

    private func voorrangsregelingen(_ object: Int32, _ owner: @autoclosure () -> String, into priorities: inout [PriorityRecord]) {
        for v in array(object, ["voorrangsregelingen"], owner()) {
            func name() -> String { label(v, "voorrangsregeling") + " of \(owner())" }
            var r = PriorityRecord()
            r.id = identifier(v, ["id"], name()).map { String(decoding: $0, as: UTF8.self) } ?? ""
            let kind = code(v, ["soort"], PriorityKind.self, required: true, name())
            let category = code(v, ["detailSoort"], PriorityCategory.self, required: true, name())
            let start = date(v, ["begindatum"], required: true, name())
            r.end = date(v, ["einddatum"], name())
            if let start, let end = r.end, end < start {
                problem(.priorityEndsBeforeStart, "\(name()): einddatum \(end) is before begindatum \(start)", at: node(v, ["einddatum"], name()) ?? v)
                continue
            }
            var scopeValid = true
            for g in array(v, ["profiel", "gemeenten"], name()) {
                guard let m = municipality(g, ["code"], required: true, "\(name()): profiel.gemeenten") else {
                    scopeValid = false
                    continue
                }
                r.scope.append(m)
            }
            let lists: [(AreaKind, [Int32], String)] = [
                (.borough, array(v, ["profiel", "stadsdelen"], name()), "profiel.stadsdelen"),
                (.district, array(v, ["profiel", "wijken"], name()), "profiel.wijken"),
                (.neighbourhood, array(v, ["profiel", "buurten"], name()), "profiel.buurten"),
            ]
            for (kind, items, path) in lists {
                for item in items {
                    guard let bytes = identifier(item, ["code"], required: true, "\(name()): \(path)") else {
                        scopeValid = false
                        continue
                    }
                    let code = String(decoding: bytes, as: UTF8.self)
                    if let refused = kind.codeProblem(code) {
                        problem(.invalidArea, "\(name()): \(path).code '\(code)' \(refused)", at: node(item, ["code"], name()) ?? item)
                        scopeValid = false
                        continue
                    }
                    r.areas.append((kind, code))
                }
            }
            guard scopeValid, let kind, let category, let start else { continue }
            r.kind = kind
            r.category = category
            r.start = start
            priorities.append(r)
        }
    }

    // MARK: Kandidaten

    /// A reaction as WRV gives it: a Kandidaat with status REA (gereageerd). WRV's Kandidaat
    /// names no publication, date or preference: the publication is `publicatie.id` or
    /// *extra-attribuut* `publicatie` where the system sends one, else the batch's publication of
    /// the Kandidaat's `eenheid`; the date is `datum` or *extra-attribuut* `datum` (unknown when
    /// neither is given); the preference `voorkeur` or *extra-attribuut* `voorkeur`. The
    /// household is `relatie.id` of a Relatiegroep, or the group a NatuurlijkPersoon is a member
    /// of. A Kandidaat with another status is set aside, counted.
    func kandidaat() {
        guard isObject("kandidaten") else { return }
        let o = item.root
        let (line, column) = item.position(o)
        func name() -> String { label(o, "Kandidaat") }
        guard let (status, _) = codeBytes(o, ["status"], required: true, name()) else {
            builder.addReaction(household: -1, advert: -1, date: Day(rawValue: 0), preference: .max, line: line, column: column,
                                problem: recordProblem ?? (.missingField, "\(name()): status is missing"))
            return
        }
        guard status.elementsEqual("REA".utf8) else {
            builder.setAside(.reaction, reason: "Kandidaten with another status than REA (gereageerd), which are no reactions", line: line, column: column)
            return
        }
        let extras = self.extras(o, name())
        var advert: Int32 = -1, dwelling: Int32 = -1
        if let id = identifier(o, ["publicatie", "id"], name()), !id.isEmpty {
            advert = builder.advertSlot(id)
        } else if let (v, n) = extras.value("publicatie", name()) {
            if let v = checkedID(v, at: n, "\(name()): extra-attribuut publicatie") { advert = builder.advertSlot(v) }
        } else if let id = identifier(o, ["eenheid", "id"], required: true, "\(name()) (names no publicatie)"), !id.isEmpty {
            dwelling = builder.dwellingSlot(id)
        }
        var household: Int32 = -1
        if let relatie = node(o, ["relatie"], name()) {
            let kind = codeBytes(relatie, ["soort"], "\(name()): relatie")?.bytes
            if let id = identifier(relatie, ["id"], required: true, "\(name()): relatie"), !id.isEmpty {
                if kind == nil || kind!.elementsEqual("GRO".utf8) {
                    household = builder.householdSlot(id)
                } else if kind!.elementsEqual("NAT".utf8) {
                    if let slot = personHousehold[Array(id)] {
                        household = slot
                    } else {
                        problem(.unknownHousehold, "\(name()): relatie \(FieldBytes.text(id)) is a natuurlijk persoon who is no member (by id) of any Relatiegroep in the batch", at: relatie)
                    }
                } else {
                    problem(.invalidValue, "\(name()): relatie.soort.code '\(FieldBytes.text(kind!))' is neither GRO (the household) nor NAT (a member)", at: relatie)
                }
            }
        } else {
            problem(.missingField, "\(name()): relatie is missing (the household that reacted)", at: o)
        }
        var day = date(o, ["datum"], name())
        if day == nil, let (v, n) = extras.value("datum", name()) {
            if v.count >= 10, let d = FieldBytes.day(UnsafeRawBufferPointer(rebasing: v.prefix(10)), cache: &dates) {
                day = d
            } else {
                problem(.invalidDate, "\(name()): extra-attribuut datum '\(FieldBytes.text(v))' is not a date YYYY-MM-DD", at: n)
            }
        }
        if day == nil { builder.noteGap(.reactionDate, line: line, column: column) }
        var preference = integer(o, ["voorkeur"], in: 0...1_000_000, name())
        if preference == nil, let (v, n) = extras.value("voorkeur", name()) {
            if let p = FieldBytes.integer(v), (0...1_000_000).contains(p) {
                preference = p
            } else {
                problem(.invalidNumber, "\(name()): extra-attribuut voorkeur '\(FieldBytes.text(v))' is not a whole number in 0...1000000", at: n)
            }
        }
        let rank = preference.map { Int32($0) } ?? Int32.max
        if dwelling >= 0 {
            builder.addReaction(household: household, dwelling: dwelling, date: day ?? Day(rawValue: 0), preference: rank,
                                line: line, column: column, problem: recordProblem)
        } else {
            builder.addReaction(household: household, advert: advert, date: day ?? Day(rawValue: 0), preference: rank,
                                line: line, column: column, problem: recordProblem ?? (advert < 0 ? (.missingField, "\(name()): names no publicatie") : nil))
        }
    }

    // MARK: Reacties

    /// A reaction: `publicatie.id`, the household as the one URI in `relaties` (its last path
    /// segment is the Relatie's id), `datum`, `voorkeur`.
    func reactie() {
        guard isObject("reacties") else { return }
        let o = item.root
        let advertText = string(o, ["publicatie", "id"], "Reactie")
        let advertID = advertText.flatMap { checkedID($0, at: node(o, ["publicatie", "id"], "Reactie") ?? o, "Reactie: publicatie.id") }
        let relaties = array(o, ["relaties"], "Reactie")
        // The id is decoded into a buffer the session keeps: a reaction costs no allocation.
        var named = false
        if let first = relaties.first, item.kind(first) == .string {
            named = VERASession.lastPathSegment(item.bytes(first), into: &idBuffer) && !idBuffer.isEmpty
            if named, let (code, reason) = idBuffer.withUnsafeBytes({ FieldBytes.idProblem($0) }) {
                named = false
                problem(code, "Reactie to Publicatie \(advertID.map(FieldBytes.text) ?? "?"): the Relatie's id in relaties[0] \(reason)", at: first)
            }
        }
        func name() -> String {
            "Reactie of Relatie \(named ? String(decoding: idBuffer, as: UTF8.self) : "?") to Publicatie \(advertID.map(FieldBytes.text) ?? "?")"
        }
        if relaties.count > 1 {
            problem(.invalidValue, "\(name()): has \(relaties.count) relaties; a reaction is one household's", at: relaties[1])
        } else if let first = relaties.first, !named, recordProblem == nil {
            problem(item.kind(first) == .string ? .invalidValue : .wrongJSONType,
                    "\(name()): relaties[0] is not a URI naming a Relatie (…/relaties/ID)", at: first)
        }
        let household = named ? idBuffer.withUnsafeBytes { builder.householdSlot($0) } : -1
        let advert = advertID.flatMap { $0.isEmpty ? nil : builder.advertSlot($0) } ?? -1
        if relaties.isEmpty { problem(.missingField, "\(name()): relaties is missing (the household that reacted)", at: o) }
        if advert < 0 && advertText == nil { problem(.missingField, "\(name()): publicatie.id is missing", at: o) }
        let day = date(o, ["datum"], required: true, name())
        let preference = integer(o, ["voorkeur"], in: 0...1_000_000, name())
        let (line, column) = item.position(o)
        builder.addReaction(household: household, advert: advert, date: day ?? Day(rawValue: 0),
                            preference: preference.map { Int32($0) } ?? Int32.max,
                            line: line, column: column, problem: recordProblem)
    }

    /// The last path segment of a URI reference, percent-decoded; nil when it is not one.
    static func lastPathSegment(_ uri: UnsafeRawBufferPointer) -> [UInt8]? {
        var out: [UInt8] = []
        return lastPathSegment(uri, into: &out) ? out : nil
    }

    /// The last path segment of a URI reference, percent-decoded into `out`; false when an
    /// escape is broken.
    static func lastPathSegment(_ uri: UnsafeRawBufferPointer, into out: inout [UInt8]) -> Bool {
        out.removeAll(keepingCapacity: true)
        var end = uri.count
        if let cut = uri.firstIndex(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) { end = cut }
        var start = end
        while start > 0 && uri[start - 1] != UInt8(ascii: "/") { start -= 1 }
        var i = start
        while i < end {
            let c = uri[i]
            if c == UInt8(ascii: "%") {
                guard i + 2 < end, let h = hexValue(uri[i + 1]), let l = hexValue(uri[i + 2]) else { return false }
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(c)
                i += 1
            }
        }
        return true
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - 48
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - 87
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - 55
        default: return nil
        }
    }

    // MARK: Aanbiedingen

    /// An offer of an earlier batch: `publicatie.id`, the household (WRV's `relatie.id`, or the
    /// domain model's URI), `status`, `detailStatus`, `datum`, `vervaldatum` (the domain model's).
    func aanbieding() {
        guard isObject("aanbiedingen") else { return }
        let o = item.root
        func name() -> String { label(o, "Aanbieding") }
        var r = OfferRecord()
        if let v = identifier(o, ["publicatie", "id"], required: true, name()) { r.advert = builder.advertSlot(v) }
        if let n = node(o, ["relatie"], name()), item.kind(n) == .string {
            if let id = VERASession.lastPathSegment(item.bytes(n)), !id.isEmpty {
                id.withUnsafeBytes { if let v = checkedID($0, at: n, "\(name()): relatie") { r.household = builder.householdSlot(v) } }
            } else {
                problem(.invalidValue, "\(name()): relatie is not a URI naming a Relatie (…/relaties/ID)", at: n)
            }
        } else if let v = identifier(o, ["relatie", "id"], required: true, name()) {
            // WRV's Aanbieding names a NatuurlijkPersoon: the household is the group it is a member of.
            if let relatie = node(o, ["relatie"], name()), let (kind, _) = codeBytes(relatie, ["soort"], name()), kind.elementsEqual("NAT".utf8) {
                if let slot = personHousehold[Array(v)] {
                    r.household = slot
                } else {
                    problem(.unknownHousehold, "\(name()): relatie \(FieldBytes.text(v)) is a natuurlijk persoon who is no member (by id) of any Relatiegroep in the batch", at: relatie)
                }
            } else {
                r.household = builder.householdSlot(v)
            }
        }
        r.status = code(o, ["status"], OfferStatus.self, required: true, name()) ?? .offered
        r.detailStatus = codeBytes(o, ["detailStatus"], name()).map { String(decoding: $0.bytes, as: UTF8.self) } ?? ""
        r.date = date(o, ["datum"], required: true, name()) ?? Day(rawValue: 0)
        r.expiry = date(o, ["vervaldatum"], name())
        guard case let (id, line, column)? = identified(o, .offer, name()) else { return }
        builder.addOffer(builder.offerSlot(id), r, line: line, column: column, problem: recordProblem)
    }
}
