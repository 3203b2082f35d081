import ThuisCore

/// Turns the TOML tables of a policy file into a ``Policy``, checking every key.
struct PolicyDecoder {
    var root: TableReader
    var problems: [Diagnostic] = []
    /// Keys read but worth a warning (see ``Policy/warnings``).
    var warnings: [Diagnostic] = []

    mutating func decode() -> Policy {
        var policy = Policy()
        if let v = root.string("name") { policy.name = v }
        if let v = root.integer("year", in: 2000...2100) { policy.year = v }
        if let v = root.choice("mechanism", Mechanism.self) { policy.mechanism = v }
        if let v = root.choice("labelling", LabellingStrategy.self) { policy.labelling = v }
        if let v = root.bool("relabel") { policy.relabel = v }
        if let v = root.integer("seed", in: 0...Int64.max) { policy.seed = UInt64(v) }
        if var law = root.table("law") { policy.law = decodeLaw(&law) }
        if var rules = root.table("eligibility") { policy.eligibility = decodeEligibility(&rules) }
        if var groups = root.table("groups") { policy.groups = decodeGroups(&groups) }
        if var ranking = root.table("ranking") { policy.ranking = decodeRanking(&ranking) }
        if var refusals = root.table("refusals") {
            policy.urgencyLapsesAfterRefusals = refusals.integer("urgency_lapses_after", in: 1...100)
            problems += refusals.finish()
        }
        if var legal = root.table("legal") {
            if var expected = legal.table("expected_lettings") {
                for entry in expected.table.entries {
                    if let n = expected.integer(entry.key, in: 0...10_000_000) { policy.expectedLettings[entry.key] = n }
                }
                problems += expected.finish()
            }
            problems += legal.finish()
        }
        if var offers = root.table("offers") {
            if let v = offers.integer("max_open", in: 1...100) { policy.offers.maxOpen = v }
            policy.offers.answerDays = offers.integer("answer_days", in: 1...365)
            problems += offers.finish()
        }
        if var letter = root.table("letter") {
            if let v = letter.string("objection") { policy.letter.objection["nl"] = v }
            if let v = letter.string("objection_en") { policy.letter.objection["en"] = v }
            policy.letter.sender = letter.string("sender")
            problems += letter.finish()
        }
        if var quotas = root.tables("quotas") { policy.quotas = decodeQuotas(&quotas, policy.groups) }
        problems += root.finish()
        checkQuotas(policy)
        policy.warnings = warnings
        return policy
    }

    private mutating func decodeLaw(_ t: inout TableReader) -> LegalParameters {
        var law = LegalParameters()
        if let v = t.money("daeb_income_limit_single") { law.daebIncomeLimitSingle = v }
        if let v = t.money("daeb_income_limit_multi") { law.daebIncomeLimitMulti = v }
        if let v = t.number("daeb_minimum_share", in: 0...1) { law.daebMinimumShare = v }
        if let v = t.money("rent_ceiling") { law.rentCeiling = v }
        if let v = t.money("passend_income_limit_single") { law.passendIncomeLimitSingle = v }
        if let v = t.money("passend_income_limit_multi") { law.passendIncomeLimitMulti = v }
        if let v = t.money("passend_income_limit_single_pension") { law.passendIncomeLimitSinglePension = v }
        if let v = t.money("passend_income_limit_multi_pension") { law.passendIncomeLimitMultiPension = v }
        if let v = t.money("aftoppingsgrens_small") { law.rentCapSmall = v }
        if let v = t.money("aftoppingsgrens_large") { law.rentCapLarge = v }
        if let v = t.number("passend_minimum_share", in: 0...1) { law.passendMinimumShare = v }
        if let v = t.integer("pension_age", in: 50...80) { law.pensionAge = v }
        if law.rentCapSmall > law.rentCapLarge {
            t.problem(.invalidValue, "law.aftoppingsgrens_small is above law.aftoppingsgrens_large", at: t.position)
        }
        if law.rentCapLarge > law.rentCeiling {
            t.problem(.invalidValue, "law.aftoppingsgrens_large is above law.rent_ceiling", at: t.position)
        }
        problems += t.finish()
        return law
    }

    private mutating func decodeEligibility(_ t: inout TableReader) -> EligibilityRules {
        var rules = EligibilityRules()
        if let v = t.choice("daeb_income", EligibilityRules.Mode.self) { rules.daebIncome = v }
        if let v = t.choice("passend", EligibilityRules.Mode.self) { rules.passend = v }
        if let v = t.bool("advert_criteria") { rules.advertCriteria = v }
        if let v = t.bool("age_fallback_to_all") { rules.ageFallbackToAll = v }
        if let v = t.integer("maximum_persons_per_room", in: 1...20) { rules.maximumPersonsPerRoom = v }
        if var list = t.tables("minimum_persons_by_rooms") {
            for i in list.indices {
                if let rooms = list[i].integer("rooms", in: 1...50), let persons = list[i].integer("persons", in: 1...50) {
                    rules.minimumPersonsByRooms.append(.init(rooms: rooms, persons: persons))
                } else if list[i].problems.isEmpty {
                    list[i].problem(.missingField, "\(list[i].path) needs rooms and persons", at: list[i].position)
                }
                problems += list[i].finish()
            }
        }
        if var tiers = t.table("age_tiers") {
            for (group, key) in tiers.codeKeys(TargetGroup.self) {
                guard var list = tiers.tables(key) else { continue }
                var result: [EligibilityRules.AgeTier] = []
                for i in list.indices {
                    let tier = EligibilityRules.AgeTier(minimumAge: list[i].integer("minimum", in: 0...120),
                                                        maximumAge: list[i].integer("maximum", in: 0...120))
                    if tier.minimumAge == nil && tier.maximumAge == nil && list[i].problems.isEmpty {
                        list[i].problem(.missingField, "\(list[i].path) needs minimum or maximum", at: list[i].position)
                    }
                    result.append(tier)
                    problems += list[i].finish()
                }
                rules.ageTiers[group] = result
            }
            problems += tiers.finish()
        }
        if var groups = t.table("target_groups") {
            for (group, key) in groups.codeKeys(TargetGroup.self) {
                guard var c = groups.table(key) else { continue }
                rules.targetGroupRules[group] = .init(minimumPersons: c.integer("minimum_persons", in: 1...50),
                                                      maximumPersons: c.integer("maximum_persons", in: 1...50),
                                                      minimumChildren: c.integer("minimum_children", in: 0...50))
                problems += c.finish()
            }
            problems += groups.finish()
        }
        if var extra = t.table("additional_target_groups") {
            for (group, key) in extra.codeKeys(AdditionalTargetGroup.self) {
                if let codes = extra.codes(key, PriorityCategory.self) { rules.additionalTargetGroups[group] = Set(codes) }
            }
            problems += extra.finish()
        }
        problems += t.finish()
        return rules
    }

    private mutating func decodeGroups(_ t: inout TableReader) -> [GroupDefinition] {
        var groups: [GroupDefinition] = []
        for entry in t.table.entries {
            guard let codes = t.codes(entry.key, PriorityCategory.self) else { continue }
            if codes.isEmpty {
                t.problem(.invalidValue, "\(t.name(entry.key)) lists no category; a group needs at least one", at: entry.node.position)
            }
            groups.append(GroupDefinition(name: entry.key, categories: Set(codes)))
        }
        if groups.count > 32 { t.problem(.invalidValue, "at most 32 groups", at: t.position) }
        problems += t.finish()
        return groups
    }

    private mutating func decodeRanking(_ t: inout TableReader) -> RankingRules {
        var ranking = RankingRules()
        if let keys = t.strings("keys") {
            var result: [RankingRules.Key] = []
            for (s, p) in keys {
                guard let key = RankingRules.Key(rawValue: s) else {
                    t.problem(.invalidValue, "ranking.keys: \"\(s)\" is not one of \(RankingRules.Key.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))", at: p)
                    continue
                }
                if result.contains(key) { t.problem(.invalidValue, "ranking.keys lists \"\(s)\" twice", at: p) }
                result.append(key)
            }
            ranking.keys = result
        }
        if let codes = t.codes("precedence", PriorityCategory.self) { ranking.precedence = codes }
        if let v = t.choice("tie_break", RankingRules.TieBreak.self) { ranking.tieBreak = v }
        if let v = t.number("lottery_share", in: 0...1) { ranking.lotteryShare = v }
        if var points = t.table("points") {
            if let v = points.integer("per_year", in: 0...100) { ranking.points.perYear = v }
            if let v = points.integer("maximum_search_points", in: 0...1000) { ranking.points.maximumSearchPoints = v }
            if let v = points.integer("maximum_situation_points", in: 0...1000) { ranking.points.maximumSituationPoints = v }
            if let v = points.choice("source", RankingRules.PointsRules.Source.self) { ranking.points.source = v }
            problems += points.finish()
        }
        problems += t.finish()
        return ranking
    }

    private mutating func decodeQuotas(_ list: inout [TableReader], _ groups: [GroupDefinition]) -> [Quota] {
        var quotas: [Quota] = []
        var names = Set<String>()
        for i in list.indices {
            var t = list[i]
            defer { problems += t.finish() }
            let name = t.string("name")
            let groupName = t.string("group")
            let kind = t.choice("kind", Quota.Kind.self)
            let share = t.number("share", in: 0...1)
            let count = t.integer("count", in: 0...1_000_000)
            let unit = t.choice("unit", Quota.Unit.self) ?? .households
            let scope = t.choice("scope", Quota.Scope.self) ?? .municipality
            let period = t.choice("period", Quota.Period.self) ?? .batch
            for key in ["name", "group", "kind"] where t.table[key] == nil {
                t.problem(.missingField, "\(t.path) needs \(key)", at: t.position)
            }
            if (share == nil) == (count == nil) && t.table["share"] == nil && t.table["count"] == nil {
                t.problem(.missingField, "\(t.path) needs share (of lettings) or count", at: t.position)
            } else if t.table["share"] != nil && t.table["count"] != nil {
                t.problem(.invalidValue, "\(t.path) has both share and count; give one", at: t.table["count"]!.keyPosition)
            }
            if let groupName, !groups.contains(where: { $0.name == groupName }) {
                t.problem(.unknownGroup, "\(t.path).group: no group \"\(groupName)\" is defined under [groups]", at: t.table["group"]!.node.position)
            }
            if let name, !names.insert(name).inserted {
                t.problem(.invalidValue, "\(t.path).name: another quota is already named \"\(name)\"", at: t.table["name"]!.node.position)
            }
            var soFar: [Quota.SoFar] = []
            if let entry = t.table["so_far"] {
                warnings.append(.warning(.deprecatedKey, "\(t.path).so_far is kept for old policies: it adds to what the ledger holds; thuis ledger import-lettings FILE records the lettings made before Thuis in the ledger instead",
                                         at: t.location(entry.keyPosition)))
            }
            if var entries = t.tables("so_far") {
                for j in entries.indices {
                    if let scopeValue = entries[j].string("scope"), let lettings = entries[j].integer("lettings", in: 0...10_000_000),
                       let group = entries[j].integer("group", in: 0...10_000_000) {
                        if unit == .households && group > lettings {
                            entries[j].problem(.invalidValue, "\(entries[j].path): group (\(group)) is more than lettings (\(lettings))", at: entries[j].position)
                        }
                        soFar.append(Quota.SoFar(scopeValue: scopeValue, lettings: lettings, group: group))
                    } else if entries[j].problems.isEmpty {
                        entries[j].problem(.missingField, "\(entries[j].path) needs scope, lettings and group", at: entries[j].position)
                    }
                    problems += entries[j].finish()
                }
            }
            guard let name, let groupName, let kind, share != nil || count != nil else { continue }
            var quota = Quota(name: name, group: groupName, kind: kind, amount: share.map { .share($0) } ?? .count(count!))
            quota.unit = unit
            quota.scope = scope
            quota.period = period
            quota.given = soFar
            quotas.append(quota)
            quotaPositions[name] = t.position
            if kind == .cap && quotas.filter({ $0.kind == .cap }).count > Quota.maximumCaps {
                t.problem(.invalidValue, "at most \(Quota.maximumCaps) caps (the legal caps take the other places of a reaction's refusal mask)", at: t.position)
            }
        }
        return quotas
    }

    var quotaPositions: [String: TOMLPosition] = [:]

    /// Overlapping group sets must be nested or disjoint, floors must be satisfiable together,
    /// and a cap may not forbid what a floor demands.
    private mutating func checkQuotas(_ policy: Policy) {
        let quotas = policy.quotas
        func location(_ q: Quota) -> SourceLocation {
            let p = quotaPositions[q.name] ?? TOMLPosition(line: 1, column: 1)
            return SourceLocation(file: root.file, line: p.line, column: p.column)
        }
        for (i, a) in quotas.enumerated() {
            guard let ga = policy.group(named: a.group) else { continue }
            for b in quotas[..<i] {
                guard let gb = policy.group(named: b.group) else { continue }
                if !ga.isDisjoint(with: gb) && !ga.contains(gb) && !gb.contains(ga) {
                    problems.append(.error(.inconsistentQuotas,
                        "quota \(a.name) (group \(ga.name)) and quota \(b.name) (group \(gb.name)) overlap without one containing the other; groups of quotas must be nested or disjoint",
                        at: location(a)))
                }
                if a.scope == b.scope, case .share(let sa) = a.amount, case .share(let sb) = b.amount {
                    let (floor, cap) = a.kind == .floor ? (a, b) : (b, a)
                    if a.kind != b.kind, let gf = policy.group(named: floor.group), let gc = policy.group(named: cap.group),
                       gc.contains(gf), case .share(let fs) = floor.amount, case .share(let cs) = cap.amount, fs > cs {
                        problems.append(.error(.inconsistentQuotas,
                            "floor \(floor.name) asks \(fs) of lettings for \(gf.name), but cap \(cap.name) allows \(gc.name), which contains it, only \(cs)",
                            at: location(a)))
                    }
                    if a.kind == .floor && b.kind == .floor && ga.isDisjoint(with: gb) && sa + sb > 1 {
                        problems.append(.error(.inconsistentQuotas,
                            "floors \(b.name) and \(a.name) are for disjoint groups and together ask \(sa + sb) of the lettings, more than all",
                            at: location(a)))
                    }
                }
            }
        }
    }
}
