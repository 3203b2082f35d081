extension MarketBuilder {
    /// Checks references and duplicates across all files, leaves out invalid records (and
    /// their dependants) when skipping, and builds the canonical market.
    public consuming func finish() -> IngestResult {
        let stoppedEarly = shouldStop
        if !stoppedEarly { resolveReferences() }
        if skipInvalid && !stoppedEarly { cascadeRejections() }
        if !stoppedEarly { warnAboutReactionDates() }

        var read: [EntityKind: Int] = [
            .dwelling: dwellingSlots.count, .advert: advertSlots.count, .household: householdSlots.count,
            .reaction: reactionHousehold.count, .offer: offerSlots.count,
        ]
        for rejection in anonymous { read[rejection.entity, default: 0] += 1 }

        let diagnostics = sortedDiagnostics()
        var result = IngestResult(market: nil, diagnostics: diagnostics, stoppedAtLimit: stoppedEarly,
                                  rejections: [], read: read, accepted: [:], encodings: [:])
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
        let market = buildMarket(batch)
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
        for r in 0..<n {
            if isRejected(r) { continue }
            let h = reactionHousehold[r], a = reactionAdvert[r]
            let code: DiagnosticCode, message: String
            if !householdSlots.isDefined(h) {
                code = .unknownHousehold
                message = "Reactie of Relatie \(householdSlots.ids[Int(h)]) to Publicatie \(advertSlots.ids[Int(a)]): the batch has no Relatie \(householdSlots.ids[Int(h)])"
            } else if !advertSlots.isDefined(a) {
                code = .unknownAdvert
                message = "Reactie of Relatie \(householdSlots.ids[Int(h)]) to Publicatie \(advertSlots.ids[Int(a)]): the batch has no Publicatie \(advertSlots.ids[Int(a)])"
            } else {
                known[r] = true
                continue
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
        for r in 0..<reactionHousehold.count where !isRejected(r) {
            guard let def = advertSlots.validDefinition(reactionAdvert[r]) else { continue }
            let date = reactionDate[r], start = adverts[Int(def)].start, end = adverts[Int(def)].end
            guard date > end || date < start else { continue }
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
            for (def, reason) in slots.rejection {
                all.append(Rejection(entity: entity, id: slots.ids[Int(slots.slot[Int(def)])], code: reason.0,
                                     reason: reason.1, location: location(slots, def)))
            }
        }
        collect(dwellingSlots, .dwelling)
        collect(advertSlots, .advert)
        collect(householdSlots, .household)
        collect(offerSlots, .offer)
        for (r, reason) in reactionRejection {
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
