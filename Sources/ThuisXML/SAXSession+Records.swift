import ThuisCore

/// Turning finished record elements into records for the builder.
extension SAXSession {
    func beginTopLevelRecord(_ type: RecordType) {
        recordProblem = nil
        recordElements = 0
        guard type == .dwelling || type == .household else { return }
        pendingCriteria.removeAll(keepingCapacity: true)
        pendingMembers.removeAll(keepingCapacity: true)
        pendingPriorities.removeAll(keepingCapacity: true)
        pendingRegistration = HouseholdRecord()
        registrationCount = 0
        memberCount = 0
    }

    /// The record's id and where it starts; a record without an id is kept as a rejection, so
    /// `--skip-invalid` reports it instead of dropping it.
    private func identified(_ view: FieldView, _ idField: Int, _ entity: EntityKind)
        -> (id: UnsafeRawBufferPointer, line: Int, column: Int)? {
        let (line, column) = view.position(nil)
        guard let id = identifier(view, idField, required: true, label(view)) else {
            builder.addUnidentified(entity, line: line, column: column, problem: recordProblem!)
            return nil
        }
        return (id, line, column)
    }

    func endRecord(_ f: Int) {
        if let repeated = frames.problem(f), recordProblem == nil { recordProblem = repeated }
        let view = FieldView(arena: arena, frames: frames, frame: f)
        switch view.type {
        case .root: endRoot(view)
        case .dwelling: endDwelling(view)
        case .criterion: endCriterion(view)
        case .advert: endAdvert(view)
        case .household: endHousehold(view)
        case .member: endMember(view)
        case .income: endIncome(view)
        case .registration: endRegistration(view)
        case .priority: endPriority(view)
        case .reaction: endReaction(view)
        case .offer: endOffer(view)
        }
    }

    /// `Eenheid E1`, or `Eenheid at line 12` when the id is missing.
    private func label(_ view: FieldView, _ idField: Int = 0) -> String {
        if let id = idText(view, idField) { return "\(view.type.element) \(id)" }
        return "\(view.type.element) at line \(view.header.line)"
    }

    /// The label of the top-level record holding the current sub-record.
    private func parentLabel(_ view: FieldView, ownID: Int? = nil) -> String {
        let parentView = FieldView(arena: arena, frames: frames, frame: 1)
        let own = ownID.flatMap { idText(view, $0) }.map { " \($0)" } ?? ""
        return "\(view.type.element)\(own) of \(label(parentView))"
    }

    // MARK: Root

    func checkVersion() {
        guard !versionChecked else { return }
        versionChecked = true
        let view = FieldView(arena: arena, frames: frames, frame: 0)
        let version = view.text(RootField.versie.rawValue)
        guard version != "1.0" && version != "1" else { return }
        let (line, column) = view.position(RootField.versie.rawValue)
        let found = version.map { "version \($0)" } ?? "no versie"
        stop(.error(.wrongVersion, "the export has \(found); this Thuis reads version 1.0 of the export format",
                    at: at(line, column)))
    }

    private func endRoot(_ view: FieldView) {
        checkVersion()
        if fatal { return }
        let day = date(view, RootField.peildatum.rawValue, required: true, "Woonruimteverdeling")
        let region = identifier(view, RootField.regio.rawValue, required: true, "Woonruimteverdeling")
            .map { String(decoding: $0, as: UTF8.self) }
        if let day, let region, let version = view.text(RootField.versie.rawValue) {
            builder.setBatch(BatchInfo(version: version, referenceDate: day, region: region),
                             at: at(Int(view.header.line), Int(view.header.column)))
        }
    }

    // MARK: Dwellings

    private func endDwelling(_ view: FieldView) {
        typealias F = DwellingField
        var r = DwellingRecord()
        r.municipality = municipality(view, F.gemeente.rawValue, required: true, label(view)) ?? -1
        if let v = identifier(view, F.corporatie.rawValue, required: true, label(view)) { r.corporation = builder.corporation(v) }
        r.rooms = Int16(integer(view, F.kamersAantal.rawValue, in: 0...50, required: true, label(view)) ?? 0)
        r.rent = money(view, F.rekenhuur.rawValue, required: true, label(view)) ?? .zero
        r.grossRent = money(view, F.brutohuur.rawValue, required: false, label(view))
        r.targetGroup = code(view, F.doelgroep.rawValue, TargetGroup.self, required: false, label(view))
        r.additionalTargetGroup = code(view, F.aanvullendeDoelgroep.rawValue, AdditionalTargetGroup.self,
                                       required: false, label(view))
        r.accessibilityLabel = view.text(F.toegankelijkheidslabel.rawValue) ?? ""
        r.socialLabel = code(view, F.maatschappelijkLabel.rawValue, SocialLabel.self, required: false, label(view)) ?? .social
        r.criteria = pendingCriteria
        readAreas(view, &r)
        guard case let (id, line, column)? = identified(view, F.id.rawValue, .dwelling) else { return }
        builder.addDwelling(builder.dwellingSlot(id), r, line: line, column: column, problem: recordProblem)
    }

    /// The dwelling's stadsdeel, wijk, buurt and cluster: each optional (a gap where absent),
    /// each checked against the dwelling's municipality, a buurt against its wijk.
    private func readAreas(_ view: FieldView, _ r: inout DwellingRecord) {
        for kind in AreaKind.allCases {
            let field = DwellingField.area(kind).rawValue
            guard let v = identifier(view, field, required: false, label(view)) else {
                if view.value(field) == nil { builder.noteGap(.area(kind), line: Int(view.header.line), column: Int(view.header.column)) }
                continue
            }
            switch builder.area(kind, v, municipality: r.municipality, corporation: r.corporation) {
            case .success(let index): r.setArea(kind, index)
            case .failure(let refused):
                problem(.invalidArea, "\(label(view)): \(kind.field) '\(FieldBytes.text(v))' \(refused.reason)", view, field)
            }
        }
        let wijk = r.area(.district), buurt = r.area(.neighbourhood)
        if wijk >= 0, buurt >= 0, !AreaKind.neighbourhood(builder.areaCode(.neighbourhood, buurt), liesIn: builder.areaCode(.district, wijk)) {
            problem(.invalidArea, "\(label(view)): buurt \(builder.areaCode(.neighbourhood, buurt)) does not lie in its wijk \(builder.areaCode(.district, wijk))",
                    view, DwellingField.buurt.rawValue)
        }
    }

    private func endCriterion(_ view: FieldView) {
        typealias F = CriterionField
        let kind = code(view, F.soort.rawValue, CriterionKind.self, required: true, parentLabel(view))
        let use = code(view, F.toepassing.rawValue, CriterionUse.self, required: true, parentLabel(view))
        let lower = hundredths(view, F.aantalOndergrens.rawValue, required: false, parentLabel(view))
        let upper = hundredths(view, F.aantalBovengrens.rawValue, required: false, parentLabel(view))
        let exact = hundredths(view, F.aantalExact.rawValue, required: false, parentLabel(view))
        if let lower, let upper, lower > upper {
            problem(.invalidValue, "\(parentLabel(view)): aantalOndergrens is above aantalBovengrens", view, nil)
        }
        guard let kind, let use else { return }
        pendingCriteria.append(Criterion(kind: kind, detail: view.text(F.detailsoort.rawValue) ?? "", use: use,
                                         lowerBound: lower, upperBound: upper, exactValue: exact))
    }

    // MARK: Adverts

    private func endAdvert(_ view: FieldView) {
        typealias F = AdvertField
        var r = AdvertRecord()
        r.model = code(view, F.model.rawValue, PublicationModel.self, required: true, label(view)) ?? .offer
        let start = date(view, F.begindatum.rawValue, required: true, label(view))
        let end = date(view, F.einddatum.rawValue, required: true, label(view))
        if let start, let end, end < start {
            problem(.advertEndsBeforeStart, "\(label(view)): einddatum \(end) is before begindatum \(start)", view, F.einddatum.rawValue)
        }
        r.start = start ?? Day(rawValue: 0)
        r.end = end ?? Day(rawValue: 0)
        if let v = identifier(view, F.eenheid.rawValue, required: false, label(view)) { r.dwelling = builder.dwellingSlot(v) }
        if let v = identifier(view, F.relatie.rawValue, required: false, label(view)) { r.namedHousehold = builder.householdSlot(v) }
        if let v = identifier(view, F.reservering.rawValue, required: false, label(view)) { r.reserveLabel = builder.reserveLabel(v) }
        guard case let (id, line, column)? = identified(view, F.id.rawValue, .advert) else { return }
        builder.addAdvert(builder.advertSlot(id), r, line: line, column: column, problem: recordProblem)
    }

    // MARK: Households

    private func endHousehold(_ view: FieldView) {
        typealias F = HouseholdField
        var r = pendingRegistration
        r.municipality = municipality(view, F.gemeente.rawValue, required: false, label(view)) ?? -1
        r.workMunicipality = municipality(view, F.werkgemeente.rawValue, required: false, label(view)) ?? -1
        if registrationCount == 0 {
            problem(.missingField, "\(label(view)): Inschrijving is missing (its begindatum is the registration date)", view, nil)
        } else if registrationCount > 1 {
            problem(.repeatedField, "\(label(view)): has \(registrationCount) Inschrijving elements; one is expected", view, nil)
        }
        if memberCount == 0 {
            problem(.householdWithoutMembers, "\(label(view)): has no Lid (member); size, age and income come from the members",
                    view, nil)
        }
        guard case let (id, line, column)? = identified(view, F.id.rawValue, .household) else { return }
        builder.addHousehold(builder.householdSlot(id), r, members: pendingMembers, priorities: pendingPriorities,
                             line: line, column: column, problem: recordProblem)
    }

    /// The most members a household may have: the market counts persons in 16 bits, and sums
    /// of the members' incomes must stay exact.
    static let maximumMembers = 100

    private func endMember(_ view: FieldView) {
        guard let birth = date(view, MemberField.geboortedatum.rawValue, required: true, parentLabel(view)) else { return }
        guard memberCount <= SAXSession.maximumMembers else {
            // Reported once, at the first member too many; the household is rejected with it.
            if memberCount == SAXSession.maximumMembers + 1 {
                problem(.valueOutOfRange, "\(parentLabel(view)): more than \(SAXSession.maximumMembers) Lid (members)", view, nil)
            }
            return
        }
        pendingMembers.append(MemberRecord(birthDate: birth, income: Money(cents: memberIncome.cents)))
    }

    private func endIncome(_ view: FieldView) {
        typealias F = IncomeField
        let kind = code(view, F.soort.rawValue, IncomeKind.self, required: false, parentLabel(view)) ?? .gross
        let amount = hundredths(view, F.bedrag.rawValue, required: true, parentLabel(view))
        let year = integer(view, F.jaar.rawValue, in: 1900...2200, required: true, parentLabel(view))
        guard let amount, let year else { return }
        guard amount >= 0 else {
            problem(.negativeIncome, "\(parentLabel(view)): bedrag \(Money(cents: amount)) is negative; an income is zero or more", view, F.bedrag.rawValue)
            return
        }
        if !memberIncome.add(amount, kind: kind, year: year) {
            problem(.valueOutOfRange, "\(parentLabel(view)): the incomes of \(year) add up to more than 1,000,000,000.00", view, F.bedrag.rawValue)
        }
    }

    private func endRegistration(_ view: FieldView) {
        typealias F = RegistrationField
        registrationCount += 1
        if let day = date(view, F.begindatum.rawValue, required: true, parentLabel(view)) { pendingRegistration.registrationDate = day }
        let points: ClosedRange<Int64> = 0...100_000
        pendingRegistration.searchPoints = Int32(integer(view, F.zoekpunten.rawValue, in: points, required: false, parentLabel(view)) ?? 0)
        pendingRegistration.situationPoints = Int32(integer(view, F.situatiepunten.rawValue, in: points, required: false, parentLabel(view)) ?? 0)
        pendingRegistration.startPoints = Int32(integer(view, F.startpunten.rawValue, in: points, required: false, parentLabel(view)) ?? 0)
    }

    private func endPriority(_ view: FieldView) {
        typealias F = PriorityField
        func label() -> String { parentLabel(view, ownID: F.id.rawValue) }
        var r = PriorityRecord()
        r.id = identifier(view, F.id.rawValue, required: false, label()).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let kind = code(view, F.soort.rawValue, PriorityKind.self, required: true, label())
        let category = code(view, F.detailSoort.rawValue, PriorityCategory.self, required: true, label())
        let start = date(view, F.begindatum.rawValue, required: true, label())
        r.end = date(view, F.einddatum.rawValue, required: false, label())
        if let start, let end = r.end, end < start {
            problem(.priorityEndsBeforeStart, "\(label()): einddatum \(end) is before begindatum \(start)", view, F.einddatum.rawValue)
            return
        }
        for v in view.list(frames.list, F.gemeente.rawValue) {
            guard let digits = FieldBytes.municipality(v) else {
                problem(.invalidMunicipality, "\(label()): gemeente '\(FieldBytes.text(v))' is not a CBS municipality code (four digits, e.g. 0363)",
                        view, F.gemeente.rawValue)
                return
            }
            r.scope.append(builder.municipality(digits))
        }
        for (kind, field) in [(AreaKind.borough, F.stadsdeel), (.district, .wijk), (.neighbourhood, .buurt)] {
            for v in view.list(frames.list, field.rawValue) {
                if let (code, reason) = FieldBytes.idProblem(v) {
                    problem(code, "\(label()): \(kind.field) \(reason)", view, field.rawValue)
                    return
                }
                let text = String(decoding: v, as: UTF8.self)
                if let refused = kind.codeProblem(text) {
                    problem(.invalidArea, "\(label()): \(kind.field) '\(text)' \(refused)", view, field.rawValue)
                    return
                }
                r.areas.append((kind, text))
            }
        }
        guard let kind, let category, let start else { return }
        r.kind = kind
        r.category = category
        r.start = start
        pendingPriorities.append(r)
    }

    // MARK: Reactions and offers

    private func endReaction(_ view: FieldView) {
        typealias F = ReactionField
        func label() -> String {
            "Reactie of Relatie \(idText(view, F.relatie.rawValue) ?? "?") to Publicatie \(idText(view, F.publicatie.rawValue) ?? "?")"
        }
        let household = identifier(view, F.relatie.rawValue, required: true, label()).map { builder.householdSlot($0) } ?? -1
        let advert = identifier(view, F.publicatie.rawValue, required: true, label()).map { builder.advertSlot($0) } ?? -1
        let day = date(view, F.datum.rawValue, required: true, label())
        let preference = integer(view, F.voorkeur.rawValue, in: 0...1_000_000, required: false, label())
        let (line, column) = view.position(nil)
        builder.addReaction(household: household, advert: advert, date: day ?? Day(rawValue: 0),
                            preference: preference.map { Int32($0) } ?? Int32.max,
                            line: line, column: column, problem: recordProblem)
    }

    private func endOffer(_ view: FieldView) {
        typealias F = OfferField
        var r = OfferRecord()
        if let v = identifier(view, F.publicatie.rawValue, required: true, label(view)) { r.advert = builder.advertSlot(v) }
        if let v = identifier(view, F.relatie.rawValue, required: true, label(view)) { r.household = builder.householdSlot(v) }
        r.status = code(view, F.status.rawValue, OfferStatus.self, required: true, label(view)) ?? .offered
        r.detailStatus = view.text(F.detailStatus.rawValue) ?? ""
        r.date = date(view, F.datum.rawValue, required: true, label(view)) ?? Day(rawValue: 0)
        r.expiry = date(view, F.vervaldatum.rawValue, required: false, label(view))
        guard case let (id, line, column)? = identified(view, F.id.rawValue, .offer) else { return }
        builder.addOffer(builder.offerSlot(id), r, line: line, column: column, problem: recordProblem)
    }
}
