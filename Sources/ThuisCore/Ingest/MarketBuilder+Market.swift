extension MarketBuilder {
    /// Builds the market from the accepted records, every table in canonical order.
    func buildMarket(_ batch: BatchInfo) -> Market {
        var market = Market(batch: batch)
        let municipalityMap = canonical(municipalities, into: &market.municipalities)
        let corporationMap = canonical(corporations, into: &market.corporations)
        let labelMap = canonical(reserveLabels, into: &market.reserveLabels)
        let areaMaps = AreaKind.allCases.map { canonical(areas[$0.rawValue], into: &market.areas[$0.rawValue]) }
        func remap(_ map: [Int32], _ old: Int32) -> Int32 { old >= 0 ? map[Int(old)] : -1 }

        let (dwellingOrder, dwellingMap) = accepted(dwellingSlots)
        let (householdOrder, householdMap) = accepted(householdSlots)
        let (advertOrder, advertMap) = accepted(advertSlots)
        let (offerOrder, _) = accepted(offerSlots)
        market.dwellings.ids = dwellingSlots.ids.reordered(dwellingOrder)
        market.households.ids = householdSlots.ids.reordered(householdOrder)
        market.adverts.ids = advertSlots.ids.reordered(advertOrder)
        market.offers.ids = offerSlots.ids.reordered(offerOrder)

        var dwellings = market.dwellings
        for slot in dwellingOrder {
            let r = self.dwellings[Int(dwellingSlots.definition[Int(slot)])]
            dwellings.municipality.append(remap(municipalityMap, r.municipality))
            dwellings.corporation.append(remap(corporationMap, r.corporation))
            dwellings.rooms.append(r.rooms)
            dwellings.rent.append(r.rent)
            dwellings.grossRent.append(r.grossRent ?? r.rent)
            dwellings.targetGroup.append(r.targetGroup)
            dwellings.additionalTargetGroup.append(r.additionalTargetGroup)
            dwellings.accessibilityLabel.append(r.accessibilityLabel)
            dwellings.socialLabel.append(r.socialLabel)
            dwellings.criteria.append(contentsOf: r.criteria.sorted(by: Criterion.canonicalOrder))
            dwellings.criteriaStart.append(Int32(dwellings.criteria.count))
            for kind in AreaKind.allCases { dwellings.areas[kind.rawValue].append(remap(areaMaps[kind.rawValue], r.area(kind))) }
        }
        market.dwellings = dwellings

        var adverts = market.adverts
        for slot in advertOrder {
            let r = self.adverts[Int(advertSlots.definition[Int(slot)])]
            adverts.model.append(r.model)
            adverts.start.append(r.start)
            adverts.end.append(r.end)
            adverts.dwelling.append(remap(dwellingMap, r.dwelling))
            adverts.namedHousehold.append(remap(householdMap, r.namedHousehold))
            adverts.reserveLabel.append(remap(labelMap, r.reserveLabel))
        }
        market.adverts = adverts

        buildHouseholds(&market, householdOrder, municipalityMap)
        buildReactions(&market, householdMap, advertMap)
        for (slot, id) in applicants where householdMap[Int(slot)] >= 0 { market.households.applicant[householdMap[Int(slot)]] = id }

        var offers = market.offers
        for slot in offerOrder {
            let r = self.offers[Int(offerSlots.definition[Int(slot)])]
            offers.advert.append(remap(advertMap, r.advert))
            offers.household.append(remap(householdMap, r.household))
            offers.status.append(r.status)
            offers.detailStatus.append(r.detailStatus)
            offers.date.append(r.date)
            offers.expiry.append(r.expiry)
        }
        market.offers = offers
        return market
    }

    private func buildHouseholds(_ market: inout Market, _ order: [Int32], _ municipalityMap: [Int32]) {
        let today = market.batch.referenceDate
        let boroughCodes = PriorityArea.ownCodes(.borough, market.areas[AreaKind.borough.rawValue])
        var h = market.households
        var p = market.priorities
        func remap(_ old: Int32) -> Int32 { old >= 0 ? municipalityMap[Int(old)] : -1 }
        for (newIndex, slot) in order.enumerated() {
            let def = Int(householdSlots.definition[Int(slot)])
            let r = households[def]
            h.municipality.append(remap(r.municipality))
            h.workMunicipality.append(remap(r.workMunicipality))
            h.registrationDate.append(r.registrationDate)
            h.searchPoints.append(r.searchPoints)
            h.situationPoints.append(r.situationPoints)
            h.startPoints.append(r.startPoints)

            let own = members[Int(memberStart[def])..<Int(memberStart[def + 1])]
                .sorted { ($0.birthDate, $0.income) < ($1.birthDate, $1.income) }
            var adults: Int16 = 0, income = Money.zero
            for m in own {
                h.memberBirthDate.append(m.birthDate)
                h.memberIncome.append(m.income)
                if today.years(since: m.birthDate) >= 18 {
                    adults += 1
                    income = income + m.income
                }
            }
            h.memberStart.append(Int32(h.memberBirthDate.count))
            h.persons.append(Int16(own.count))
            h.adults.append(adults)
            h.oldestBirthDate.append(own.first?.birthDate ?? today)
            h.income.append(income)

            let statuses = priorities[Int(priorityStart[def])..<Int(priorityStart[def + 1])]
                .sorted(by: PriorityRecord.canonicalOrder)
            for s in statuses {
                p.ids.append(s.id)
                p.household.append(Int32(newIndex))
                p.kind.append(s.kind)
                p.category.append(s.category)
                p.start.append(s.start)
                p.end.append(s.end)
                p.scope.append(contentsOf: s.scope.map(remap).sorted())
                p.scopeStart.append(Int32(p.scope.count))
                let areas = s.areas.flatMap { PriorityArea.resolve($0.kind, $0.code, in: market.areas[$0.kind.rawValue], byOwnCode: boroughCodes) }
                p.areaScope.append(contentsOf: Set(areas).sorted { ($0.kind, $0.code, $0.index) < ($1.kind, $1.code, $1.index) })
                p.areaScopeStart.append(Int32(p.areaScope.count))
            }
            h.priorityStart.append(Int32(p.count))
        }
        market.households = h
        market.priorities = p
    }

    /// Groups accepted reactions per household in preference order (counting sort by
    /// household, then a small sort per household), and per advert.
    private func buildReactions(_ market: inout Market, _ householdMap: [Int32], _ advertMap: [Int32]) {
        let householdCount = market.households.count, advertCount = market.adverts.count
        var keep = ContiguousArray<Int32>()
        keep.reserveCapacity(reactionHousehold.count)
        var perHousehold = ContiguousArray<Int32>(repeating: 0, count: householdCount + 1)
        for r in 0..<reactionHousehold.count {
            guard !isRejected(r) else { continue }
            let oldH = reactionHousehold[r], oldA = reactionAdvert[r]
            guard oldH >= 0, oldA >= 0 else { continue }
            let h = householdMap[Int(oldH)], a = advertMap[Int(oldA)]
            guard h >= 0, a >= 0 else { continue }
            keep.append(Int32(r))
            perHousehold[Int(h) + 1] += 1
        }
        for i in 0..<householdCount { perHousehold[i + 1] += perHousehold[i] }
        var order = ContiguousArray<Int32>(repeating: 0, count: keep.count)
        var next = perHousehold
        for r in keep {
            let h = Int(householdMap[Int(reactionHousehold[Int(r)])])
            order[Int(next[h])] = r
            next[h] += 1
        }
        // Let the kept list go before the market's columns are made (118 MB on a national export,
        // at the read's peak of memory).
        keep = []
        next = []
        // Preference order within a household: voorkeur, then date, then advert id. The sort
        // reads local buffers: a closure over `self` would copy the whole builder per call.
        reactionPreference.withUnsafeBufferPointer { preference in
            reactionDate.withUnsafeBufferPointer { date in
                reactionAdvert.withUnsafeBufferPointer { advert in
                    advertMap.withUnsafeBufferPointer { newAdvert in
                        order.withUnsafeMutableBufferPointer { order in
                            // Each part sorts its own households' slices.
                            Parallel.forEachRange(householdCount, cumulative: { Int(perHousehold[$0]) }) { part in
                                for h in part {
                                    let range = Int(perHousehold[h])..<Int(perHousehold[h + 1])
                                    guard range.count > 1 else { continue }
                                    var slice = UnsafeMutableBufferPointer(rebasing: order[range])
                                    slice.sort { x, y in
                                        let a = Int(x), b = Int(y)
                                        return (preference[a], date[a].rawValue, newAdvert[Int(advert[a])])
                                            < (preference[b], date[b].rawValue, newAdvert[Int(advert[b])])
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        var reactions = Reactions()
        // Each column gathered on all cores: every read is at a random place.
        let count = order.count
        order.withUnsafeBufferPointer { order in
            reactionHousehold.withUnsafeBufferPointer { household in
                householdMap.withUnsafeBufferPointer { newHousehold in
                    reactions.household = Parallel.column(count) { newHousehold[Int(household[Int(order[$0])])] }
                }
            }
            reactionAdvert.withUnsafeBufferPointer { advert in
                advertMap.withUnsafeBufferPointer { newAdvert in
                    reactions.advert = Parallel.column(count) { newAdvert[Int(advert[Int(order[$0])])] }
                }
            }
            reactionDate.withUnsafeBufferPointer { date in reactions.date = Parallel.column(count) { date[Int(order[$0])] } }
            reactionPreference.withUnsafeBufferPointer { preference in
                reactions.preferenceNumber = Parallel.column(count) { preference[Int(order[$0])] }
            }
        }
        var perAdvert = ContiguousArray<Int32>(repeating: 0, count: advertCount + 1)
        for a in reactions.advert { perAdvert[Int(a) + 1] += 1 }
        reactions.householdStart = perHousehold
        for i in 0..<advertCount { perAdvert[i + 1] += perAdvert[i] }
        var advertOrder = ContiguousArray<Int32>(repeating: 0, count: order.count)
        var cursor = perAdvert
        for i in 0..<order.count {
            let a = Int(reactions.advert[i])
            advertOrder[Int(cursor[a])] = Int32(i)
            cursor[a] += 1
        }
        reactions.advertOrder = advertOrder
        reactions.advertStart = perAdvert
        market.reactions = reactions
    }

    /// The ids of `table` in canonical order, and the map from old to new index.
    private func canonical(_ table: IdTable, into result: inout IdTable) -> [Int32] {
        let order = table.sortedIndices()
        result = table.reordered(order)
        var map = [Int32](repeating: -1, count: table.count)
        for (new, old) in order.enumerated() { map[Int(old)] = Int32(new) }
        return map
    }

    /// The slots with a valid definition in canonical order, and slot to new index (-1 if none).
    private func accepted(_ slots: RecordSlots) -> ([Int32], [Int32]) {
        let order = slots.ids.sortedIndices().filter { slots.validDefinition($0) != nil }
        var map = [Int32](repeating: -1, count: slots.ids.count)
        for (new, old) in order.enumerated() { map[Int(old)] = Int32(new) }
        return (order, map)
    }
}

extension Criterion {
    /// A fixed order of rules, so the order they were written in does not matter.
    static func canonicalOrder(_ a: Criterion, _ b: Criterion) -> Bool {
        func key(_ c: Criterion) -> (String, String, String, Int64, Int64, Int64) {
            (c.kind.rawValue, c.use.rawValue, c.detail, c.lowerBound ?? .min, c.upperBound ?? .min, c.exactValue ?? .min)
        }
        return key(a) < key(b)
    }
}

extension PriorityRecord {
    /// A fixed order of a household's statuses.
    static func canonicalOrder(_ a: PriorityRecord, _ b: PriorityRecord) -> Bool {
        func key(_ p: PriorityRecord) -> (String, String, Int32, Int32, String) {
            (p.kind.rawValue, p.category.rawValue, p.start.rawValue, p.end?.rawValue ?? .max, p.id)
        }
        return key(a) < key(b)
    }
}
