extension MarketBuilder {
    /// Checks references and duplicates across all files, leaves out invalid records (and
    /// their dependants) when skipping, and builds the canonical market.
    public consuming func finish() -> IngestResult {
        let stoppedEarly = shouldStop
        var setAside: [EntityKind: Int] = [:]
        if !stoppedEarly {
            resolveDwellingReactions()
            setAside = setAsideAdvertsNotDue()
            resolveReferences()
        }
        for aside in readerSetAside {
            setAside[aside.entity, default: 0] += aside.count
            reportResolvedWarning(.advertNotDue, "\(aside.count) \(aside.reason); set aside, not used (the first is here)",
                                  at: aside.location, fileIndex: aside.file)
        }
        if skipInvalid && !stoppedEarly { cascadeRejections() }
        if !stoppedEarly { warnAboutReactionDates() }

        var read: [EntityKind: Int] = [
            .dwelling: dwellingSlots.count, .advert: advertSlots.count, .household: householdSlots.count,
            .reaction: reactionHousehold.count, .offer: offerSlots.count,
        ]
        for rejection in anonymous { read[rejection.entity, default: 0] += 1 }
        for aside in readerSetAside { read[aside.entity, default: 0] += aside.count }

        let diagnostics = sortedDiagnostics()
        var result = IngestResult(market: nil, diagnostics: diagnostics, stoppedAtLimit: stoppedEarly,
                                  rejections: [], read: read, accepted: [:], encodings: [:])
        result.setAside = setAside
        if skipInvalid && stoppedEarly {
            result.diagnostics.append(.error(.tooManyErrors,
                "reading stopped after \(MarketBuilder.skipLimit) errors: --skip-invalid leaves out a few bad records, not a batch this broken; nothing is used", at: nil))
        } else if errorCount > errorLimit {
            result.diagnostics.append(.error(.tooManyErrors,
                "\(errorCount) errors in all; only the first \(errorLimit) are shown (--max-errors)", at: nil))
        }
        let headerIsSound = batchInfo != nil && !diagnostics.contains { d in
            d.severity == .error && [.malformedXML, .wrongRoot, .wrongVersion, .batchMismatch, .doctypeRefused,
                                     .invalidEncoding, .truncated, .tooDeep, .valueTooLong, .fileNotFound,
                                     .readFailed, .badCompression].contains(d.code)
        }
        guard headerIsSound, let batch = batchInfo, skipInvalid || errorCount == 0, !(skipInvalid && stoppedEarly) else {
            if skipInvalid && !stoppedEarly { result.rejections = collectRejections() }
            return result
        }
        result.rejections = collectRejections()
        // Where each reaction was read (8 bytes each) serves only the diagnostics, all made by
        // now: let it go before the market's columns are built (236 MB on a national export).
        reactionPosition = []
        var market = buildMarket(batch)
        market.sourceGaps = sourceGaps
        #if DEBUG
        market.checkInvariants()
        #endif
        result.accepted = [
            .dwelling: market.dwellings.count, .advert: market.adverts.count,
            .household: market.households.count, .reaction: market.reactions.count, .offer: market.offers.count,
        ]
        result.market = market
        return result
    }

    // MARK: Checks across the batch

    /// Whether a publication is for this peildatum: its window has closed and its status (when
    /// the source gives one) is not settled, withdrawn or unpublished.
    private func isDue(_ record: AdvertRecord, _ batch: BatchInfo) -> Bool {
        record.end <= batch.referenceDate && !AdvertRecord.statusesNotDue.contains(record.status) && record.dwellingCount <= 1
    }

    /// Gives each reaction that names only a dwelling the publication of that dwelling: the one
    /// that is due when there is one (a register holds a dwelling's earlier publications too),
    /// else one that is not (the reaction is then set aside with it).
    private mutating func resolveDwellingReactions() {
        guard !reactionDwelling.isEmpty else { return }
        var advertsOf: [Int32: [Int32]] = [:]
        for def in 0..<advertSlots.count where advertSlots.rejection[Int32(def)] == nil && adverts[def].dwelling >= 0 {
            advertsOf[adverts[def].dwelling, default: []].append(Int32(def))
        }
        for (r, dwelling) in reactionDwelling.sorted(by: { $0.key < $1.key }) where !isRejected(Int(r)) {
            let defs = advertsOf[dwelling] ?? []
            let batch = batchInfo
            if let def = defs.first(where: { d in batch.map { isDue(adverts[Int(d)], $0) } ?? true }) ?? defs.first {
                reactionAdvert[Int(r)] = advertSlots.slot[Int(def)]
                continue
            }
            let who = reactionHousehold[Int(r)] >= 0 ? householdSlots.ids[Int(reactionHousehold[Int(r)])] : "?"
            let message = "Kandidaat of Relatie \(who) for Eenheid \(dwellingSlots.ids[Int(dwelling)]): the batch has no Publicatie of that Eenheid"
            reactionRejection[r] = (.unknownAdvert, message)
            reportResolved(.unknownAdvert, message, at: reactionLocation(Int(r)), fileIndex: reactionFile(Int(r)))
        }
    }

    /// Sets aside the publications that are not for this peildatum, with the reactions and
    /// offers to them: still open (einddatum after the peildatum), settled (AFG), withdrawn (ING)
    /// or not yet published (VOO, GER). A system's register holds all of these; only the
    /// publications whose window has closed are allocated. Each kind is one warning, located at
    /// its first publication, with the count; returns the counts per entity.
    private mutating func setAsideAdvertsNotDue() -> [EntityKind: Int] {
        guard let batch = batchInfo else { return [:] }
        var kinds: [(why: String, adverts: [Int32])] = [
            ("still open on the peildatum (einddatum after \(batch.referenceDate))", []),
            ("settled earlier (status AFG)", []), ("withdrawn (status ING)", []), ("not yet published (status VOO or GER)", []),
            ("of several dwellings, where Thuis lets one dwelling per advert (publish one Publicatie per Eenheid)", []),
        ]
        for def in 0..<advertSlots.count {
            let d = Int32(def), record = adverts[def]
            guard advertSlots.rejection[d] == nil else { continue }
            guard !isDue(record, batch) else { continue }
            let kind: Int
            switch record.status {
            case _ where record.dwellingCount > 1: kind = 4
            case "AFG": kind = 1
            case "ING": kind = 2
            case "VOO", "GER": kind = 3
            default: kind = 0
            }
            advertSlots.reject(d, .advertNotDue, "it is \(kinds[kind].why)")
            kinds[kind].adverts.append(d)
        }
        guard kinds.contains(where: { !$0.adverts.isEmpty }) else { return [:] }
        func notDue(_ slot: Int32) -> Bool {
            guard slot >= 0 else { return false }
            let d = advertSlots.definition[Int(slot)]
            return d >= 0 && advertSlots.rejection[d]?.0 == .advertNotDue
        }
        var reactions = 0, offersSetAside = 0
        var reactionsOf: [Int32: Int] = [:]
        for r in 0..<reactionHousehold.count where !isRejected(r) && notDue(reactionAdvert[r]) {
            reactionRejection[Int32(r)] = (.advertNotDue, "its publication \(advertSlots.ids[Int(reactionAdvert[r])]) is not for this peildatum")
            reactions += 1
            reactionsOf[advertSlots.definition[Int(reactionAdvert[r])], default: 0] += 1
        }
        for def in 0..<offerSlots.count where offerSlots.rejection[Int32(def)] == nil && notDue(offers[def].advert) {
            offerSlots.reject(Int32(def), .advertNotDue, "its publication \(advertSlots.ids[Int(offers[def].advert)]) is not for this peildatum")
            offersSetAside += 1
        }
        for (why, defs) in kinds where !defs.isEmpty {
            let first = defs[0], names = defs.prefix(3).map { advertSlots.ids[Int(advertSlots.slot[Int($0)])] }
            let count = defs.reduce(0) { $0 + reactionsOf[$1, default: 0] }
            reportResolvedWarning(.advertNotDue,
                "\(defs.count) Publicatie\(defs.count == 1 ? " is" : "s are") \(why) (\(names.joined(separator: ", "))\(defs.count > 3 ? ", ..." : "")): set aside with \(count) reaction\(count == 1 ? "" : "s") to \(defs.count == 1 ? "it" : "them"), not allocated",
                at: location(advertSlots, first), fileIndex: Int(advertSlots.file[Int(first)]))
        }
        return [.advert: kinds.reduce(0) { $0 + $1.adverts.count }, .reaction: reactions, .offer: offersSetAside]
    }

    private mutating func resolveReferences() {
        // Adverts: their dwelling, their named household, one advert per dwelling.
        var advertOfDwelling = [Int32: Int32]()
        for def in 0..<advertSlots.count {
            let d = Int32(def), record = adverts[def]
            let id = advertSlots.ids[Int(advertSlots.slot[def])]
            let here = location(advertSlots, d), file = Int(advertSlots.file[def])
            if advertSlots.rejection[d] != nil { continue }
            if record.dwelling < 0 {
                fail(\.advertSlots, d, .advertWithoutDwelling, "Publicatie \(id) names no dwelling (eenheid)", here, file)
            } else if !dwellingSlots.isDefined(record.dwelling) {
                fail(\.advertSlots, d, .unknownDwelling,
                     "Publicatie \(id) lets dwelling \(dwellingSlots.ids[Int(record.dwelling)]), which the batch does not contain",
                     here, file)
            } else if let other = advertOfDwelling[record.dwelling] {
                fail(\.advertSlots, d, .dwellingAdvertisedTwice,
                     "Publicatie \(id) lets dwelling \(dwellingSlots.ids[Int(record.dwelling)]), which Publicatie \(advertSlots.ids[Int(advertSlots.slot[Int(other)])]) (\(location(advertSlots, other))) already lets",
                     here, file)
            } else {
                advertOfDwelling[record.dwelling] = d
            }
            if record.model == .direct && record.namedHousehold < 0 {
                fail(\.advertSlots, d, .missingField,
                     "Publicatie \(id) is a direct allocation (DIS) but names no household (relatie)", here, file)
            }
            if record.namedHousehold >= 0 && !householdSlots.isDefined(record.namedHousehold) {
                fail(\.advertSlots, d, .unknownHousehold,
                     "Publicatie \(id) names household \(householdSlots.ids[Int(record.namedHousehold)]), which the batch does not contain",
                     here, file)
            }
        }
        // Offers: their advert and household.
        for def in 0..<offerSlots.count {
            let d = Int32(def), record = offers[def]
            if offerSlots.rejection[d] != nil { continue }
            let id = offerSlots.ids[Int(offerSlots.slot[def])]
            let here = location(offerSlots, d), file = Int(offerSlots.file[def])
            if record.advert >= 0 && !advertSlots.isDefined(record.advert) {
                fail(\.offerSlots, d, .unknownAdvert,
                     "Aanbieding \(id) refers to Publicatie \(advertSlots.ids[Int(record.advert)]), which the batch does not contain",
                     here, file)
            } else if record.household >= 0 && !householdSlots.isDefined(record.household) {
                fail(\.offerSlots, d, .unknownHousehold,
                     "Aanbieding \(id) refers to Relatie \(householdSlots.ids[Int(record.household)]), which the batch does not contain",
                     here, file)
            }
        }
        // Reactions: their household and advert, and no household reacting twice to one advert.
        let n = reactionHousehold.count
        var known = ContiguousArray<Bool>(repeating: false, count: n)
        // Tested on all cores, reported in order.
        let unknown = known.withUnsafeMutableBufferPointer { known in
            Parallel.indices(n) { r in
                guard !isRejected(r) else { return false }
                known[r] = householdSlots.isDefined(reactionHousehold[r]) && advertSlots.isDefined(reactionAdvert[r])
                return !known[r]
            }
        }
        for r in unknown {
            let h = reactionHousehold[r], a = reactionAdvert[r]
            let code: DiagnosticCode, message: String
            if !householdSlots.isDefined(h) {
                code = .unknownHousehold
                message = "Reactie of Relatie \(householdSlots.ids[Int(h)]) to Publicatie \(advertSlots.ids[Int(a)]): the batch has no Relatie \(householdSlots.ids[Int(h)])"
            } else {
                code = .unknownAdvert
                message = "Reactie of Relatie \(householdSlots.ids[Int(h)]) to Publicatie \(advertSlots.ids[Int(a)]): the batch has no Publicatie \(advertSlots.ids[Int(a)])"
            }
            reactionRejection[Int32(r)] = (code, message)
            reportResolved(code, message, at: reactionLocation(r), fileIndex: reactionFile(r))
            if shouldStop { return }
        }
        // Duplicates: group by household (counting sort), then mark each advert seen per household.
        var start = ContiguousArray<Int32>(repeating: 0, count: householdSlots.ids.count + 1)
        for r in 0..<n where known[r] { start[Int(reactionHousehold[r]) + 1] += 1 }
        for h in 0..<householdSlots.ids.count { start[h + 1] += start[h] }
        var order = ContiguousArray<Int32>(repeating: 0, count: Int(start.last!))
        var next = start
        for r in 0..<n where known[r] {
            let h = Int(reactionHousehold[r])
            order[Int(next[h])] = Int32(r)
            next[h] += 1
        }
        var seenBy = ContiguousArray<Int32>(repeating: -1, count: advertSlots.ids.count)
        for h in 0..<householdSlots.ids.count {
            for i in Int(start[h])..<Int(start[h + 1]) {
                let r = Int(order[i]), a = Int(reactionAdvert[r])
                if seenBy[a] != Int32(h) {
                    seenBy[a] = Int32(h)
                    continue
                }
                let message = "Relatie \(householdSlots.ids[h]) reacts to Publicatie \(advertSlots.ids[a]) more than once"
                reactionRejection[Int32(r)] = (.duplicateReaction, message)
                reportResolved(.duplicateReaction, message, at: reactionLocation(r), fileIndex: reactionFile(r))
                if shouldStop { return }
            }
        }
    }

    /// Whether reaction `r` was found invalid (fast when none was).
    @inline(__always)
    func isRejected(_ r: Int) -> Bool {
        !reactionRejection.isEmpty && reactionRejection[Int32(r)] != nil
    }

    private mutating func fail(_ slots: WritableKeyPath<MarketBuilder, RecordSlots>, _ def: Int32,
                               _ code: DiagnosticCode, _ message: String, _ location: SourceLocation, _ file: Int) {
        self[keyPath: slots].reject(def, code, message)
        reportResolved(code, message, at: location, fileIndex: file)
    }

    /// Leaves out what depends on a left-out record: adverts of rejected dwellings or naming a
    /// rejected household, and reactions and offers of rejected households or adverts.
    private mutating func cascadeRejections() {
        for def in 0..<advertSlots.count {
            let d = Int32(def), record = adverts[def]
            guard advertSlots.rejection[d] == nil else { continue }
            if record.dwelling >= 0, dwellingSlots.validDefinition(record.dwelling) == nil {
                advertSlots.reject(d, .dependsOnRejected,
                                   "its dwelling \(dwellingSlots.ids[Int(record.dwelling)]) was rejected")
            } else if record.namedHousehold >= 0, householdSlots.validDefinition(record.namedHousehold) == nil {
                advertSlots.reject(d, .dependsOnRejected,
                                   "its named household \(householdSlots.ids[Int(record.namedHousehold)]) was rejected")
            }
        }
        for def in 0..<offerSlots.count {
            let d = Int32(def), record = offers[def]
            guard offerSlots.rejection[d] == nil else { continue }
            if let reason = dependencyProblem(household: record.household, advert: record.advert) {
                offerSlots.reject(d, .dependsOnRejected, reason)
            }
        }
        for r in 0..<reactionHousehold.count where !isRejected(r) {
            if let reason = dependencyProblem(household: reactionHousehold[r], advert: reactionAdvert[r]) {
                reactionRejection[Int32(r)] = (.dependsOnRejected, reason)
            }
        }
    }

    private func dependencyProblem(household h: Int32, advert a: Int32) -> String? {
        if h >= 0, householdSlots.validDefinition(h) == nil {
            return "its household \(householdSlots.ids[Int(h)]) was rejected"
        }
        if a >= 0, advertSlots.validDefinition(a) == nil {
            return "its advert \(advertSlots.ids[Int(a)]) was rejected"
        }
        return nil
    }

    private mutating func warnAboutReactionDates() {
        // Tested on all cores, reported in order.
        let outside = Parallel.indices(reactionHousehold.count) { r in
            guard !isRejected(r), let def = advertSlots.validDefinition(reactionAdvert[r]) else { return false }
            let date = reactionDate[r]
            return date > adverts[Int(def)].end || date < adverts[Int(def)].start
        }
        for r in outside {
            let def = Int(advertSlots.validDefinition(reactionAdvert[r])!)
            let date = reactionDate[r], start = adverts[def].start, end = adverts[def].end
            let who = "Reactie of Relatie \(householdSlots.ids[Int(reactionHousehold[r])]) to Publicatie \(advertSlots.ids[Int(reactionAdvert[r])])"
            if date > end {
                reportResolvedWarning(.reactionAfterClose, "\(who) is dated \(date), after the advert closed on \(end); it is kept",
                                      at: reactionLocation(r), fileIndex: reactionFile(r))
            } else {
                reportResolvedWarning(.reactionBeforeOpen, "\(who) is dated \(date), before the advert opened on \(start); it is kept",
                                      at: reactionLocation(r), fileIndex: reactionFile(r))
            }
        }
    }

    private func collectRejections() -> [Rejection] {
        var all = anonymous
        func collect(_ slots: RecordSlots, _ entity: EntityKind) {
            for (def, reason) in slots.rejection where reason.0 != .advertNotDue {
                all.append(Rejection(entity: entity, id: slots.ids[Int(slots.slot[Int(def)])], code: reason.0,
                                     reason: reason.1, location: location(slots, def)))
            }
        }
        collect(dwellingSlots, .dwelling)
        collect(advertSlots, .advert)
        collect(householdSlots, .household)
        collect(offerSlots, .offer)
        for (r, reason) in reactionRejection where reason.0 != .advertNotDue {
            let h = reactionHousehold[Int(r)], a = reactionAdvert[Int(r)]
            let id = (h >= 0 ? householdSlots.ids[Int(h)] : "") + ">" + (a >= 0 ? advertSlots.ids[Int(a)] : "")
            all.append(Rejection(entity: .reaction, id: id, code: reason.0, reason: reason.1,
                                 location: reactionLocation(Int(r))))
        }
        let fileOrder = Dictionary(files.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        return all.sorted {
            ((fileOrder[$0.location.file] ?? 0), $0.location.line, $0.location.column, $0.entity.rawValue, $0.id)
                < ((fileOrder[$1.location.file] ?? 0), $1.location.line, $1.location.column, $1.entity.rawValue, $1.id)
        }
    }
}
