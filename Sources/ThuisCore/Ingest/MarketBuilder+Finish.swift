extension MarketBuilder {
    /// Checks references and duplicates across all files, leaves out invalid records (and
    /// their dependants) when skipping, and builds the canonical market.
    public consuming func finish() -> IngestResult {
        let stoppedEarly = shouldStop
        if !stoppedEarly { resolveReferences() }
        if skipInvalid { cascadeRejections() }
        if !stoppedEarly { warnAboutReactionDates() }

        var read: [EntityKind: Int] = [
            .dwelling: dwellingSlots.count, .advert: advertSlots.count, .household: householdSlots.count,
            .reaction: reactionHousehold.count, .offer: offerSlots.count,
        ]
        for rejection in anonymous { read[rejection.entity, default: 0] += 1 }

        let diagnostics = sortedDiagnostics()
        var result = IngestResult(market: nil, diagnostics: diagnostics, stoppedAtLimit: stoppedEarly,
                                  rejections: [], read: read, accepted: [:], encodings: [:])
        if errorCount > errorLimit {
            result.diagnostics.append(.error(.tooManyErrors,
                "\(errorCount) errors in all; only the first \(errorLimit) are shown (--max-errors)", at: nil))
        }
        let headerIsSound = batchInfo != nil && !diagnostics.contains { d in
            d.severity == .error && [.malformedXML, .wrongRoot, .wrongVersion, .batchMismatch, .doctypeRefused,
                                     .invalidEncoding, .truncated, .tooDeep, .valueTooLong, .fileNotFound,
                                     .readFailed, .badCompression].contains(d.code)
        }
        guard headerIsSound, let batch = batchInfo, skipInvalid || errorCount == 0 else {
            if skipInvalid { result.rejections = collectRejections() }
            return result
        }
        result.rejections = collectRejections()
        let market = buildMarket(batch)
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
        var seen = Set<Int64>(minimumCapacity: reactionHousehold.count)
        for r in 0..<reactionHousehold.count {
            let index = Int32(r)
            if reactionRejection[index] != nil { continue }
            let h = reactionHousehold[r], a = reactionAdvert[r]
            let code: DiagnosticCode, message: String
            if !householdSlots.isDefined(h) {
                code = .unknownHousehold
                message = "Reactie of Relatie \(householdSlots.ids[Int(h)]) to Publicatie \(advertSlots.ids[Int(a)]): the batch has no Relatie \(householdSlots.ids[Int(h)])"
            } else if !advertSlots.isDefined(a) {
                code = .unknownAdvert
                message = "Reactie of Relatie \(householdSlots.ids[Int(h)]) to Publicatie \(advertSlots.ids[Int(a)]): the batch has no Publicatie \(advertSlots.ids[Int(a)])"
            } else if !seen.insert(Int64(h) << 32 | Int64(a)).inserted {
                code = .duplicateReaction
                message = "Relatie \(householdSlots.ids[Int(h)]) reacts to Publicatie \(advertSlots.ids[Int(a)]) more than once"
            } else {
                continue
            }
            reactionRejection[index] = (code, message)
            reportResolved(code, message, at: reactionLocation(r), fileIndex: Int(reactionFile[r]))
            if shouldStop { return }
        }
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
        for r in 0..<reactionHousehold.count where reactionRejection[Int32(r)] == nil {
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
        for r in 0..<reactionHousehold.count where reactionRejection[Int32(r)] == nil {
            guard let def = advertSlots.validDefinition(reactionAdvert[r]) else { continue }
            let advert = adverts[Int(def)], date = reactionDate[r]
            let who = "Reactie of Relatie \(householdSlots.ids[Int(reactionHousehold[r])]) to Publicatie \(advertSlots.ids[Int(reactionAdvert[r])])"
            if date > advert.end {
                reportResolvedWarning(.reactionAfterClose,
                    "\(who) is dated \(date), after the advert closed on \(advert.end); it is kept",
                    at: reactionLocation(r), fileIndex: Int(reactionFile[r]))
            } else if date < advert.start {
                reportResolvedWarning(.reactionBeforeOpen,
                    "\(who) is dated \(date), before the advert opened on \(advert.start); it is kept",
                    at: reactionLocation(r), fileIndex: Int(reactionFile[r]))
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
