import ThuisCore

/// `publication.csv`: how each let advert was let, as a corporation publishes it afterwards
/// (verantwoording): the number of reactions, the model, and the winning household's
/// registration time or priority category, never an id of a household.
public enum PublicationTable {
    public static let header = "advert_id,published,municipality,corporation,model,reactions,eligible,let_by,position,registration_months,priority,reserved_for"
    /// The columns a run with a ledger adds: the dwelling (rooms, target group), and the state of
    /// the letting: `offered` in the night's folder (the household has yet to answer), `let` with
    /// the day of the acceptance and the batch whose offer was accepted in `thuis publication
    /// --ledger` (empty in the folder: a default batch id follows the export's bytes, and the
    /// folder's files follow only its content).
    public static let ledgerColumns = "rooms,target_group,status,let_on,batch_id"
    public static var ledgerHeader: String { header + "," + ledgerColumns }

    /// One row per advert offered (or let, in a run without a ledger), in advert id order; with
    /// `offers` (a run with a ledger) in the ledger's layout, each row `offered`.
    public static func csv(_ facts: AllocationFacts, offers: Bool = false) -> [UInt8] {
        let market = facts.market, allocation = facts.allocation
        var out = TextBuffer(capacity: market.adverts.count * 72)
        out.appendBytes(Array(((offers ? ledgerHeader : header) + "\n").utf8))
        let peildatum = market.batch.referenceDate
        for a in facts.advertIndices where allocation.household[a] >= 0 {
            let h = Int(allocation.household[a]), r = Int(allocation.reaction[a])
            let d = Int(market.adverts.dwelling[a])
            let reactions = market.reactions.ofAdvert(a)
            out.id(market.adverts.ids, a)
            out.comma()
            out.field(market.adverts.start[a].description)
            out.comma()
            out.field(market.municipalities[Int(market.dwellings.municipality[d])])
            out.comma()
            out.field(market.corporations[Int(market.dwellings.corporation[d])])
            out.comma()
            out.field(market.adverts.model[a].rawValue)
            out.comma()
            out.int(reactions.count)
            out.comma()
            out.int(reactions.reduce(0) { $0 + (allocation.exclusion[Int($1)] == .eligible ? 1 : 0) })
            out.comma()
            let priorities = facts.appliedPriorities(a)
            out.field(letBy(facts, a, holdsPriority: !priorities.isEmpty))
            out.comma()
            if r >= 0 && market.adverts.model[a] != .direct { out.int(Int(allocation.position[r])) }
            out.comma()
            out.int(months(from: market.households.registrationDate[h], to: peildatum))
            out.comma()
            out.field(Set(priorities.map { market.priorities.category[$0].rawValue }).sorted().joined(separator: ";"))
            out.comma()
            let q = Int(allocation.reservedFor[a])
            if q >= 0, let g = allocation.groupNames.firstIndex(of: facts.policy.quotas[q].group), allocation.lettingGroups[a] & (1 << UInt32(g)) != 0 {
                out.field(facts.policy.quotas[q].name)
            }
            if offers {
                out.comma()
                out.int(Int(market.dwellings.rooms[d]))
                out.comma()
                out.field(market.dwellings.targetGroup[d]?.rawValue ?? "")
                out.append(",offered,,")
            }
            out.newline()
        }
        return out.bytes
    }

    /// What decided the letting: `direct`, `lottery`, `first_come`, `priority` (the winner held
    /// a priority status the ranking puts first), or the policy's first ranking key after
    /// priority (`registration`, `points`, ...).
    static func letBy(_ facts: AllocationFacts, _ a: Int, holdsPriority: Bool) -> String {
        let market = facts.market, allocation = facts.allocation
        if market.adverts.model[a] == .direct { return "direct" }
        if allocation.byLottery[a] { return "lottery" }
        if market.adverts.model[a] == .firstComeFirstServed { return "first_come" }
        let components = allocation.rankingComponents
        if holdsPriority && components.contains(.priorityPrecedence) { return "priority" }
        let basis = components.first { ![.priorityPrecedence, .priorityStart, .localBinding, .targetGroup].contains($0) } ?? .household
        switch basis {
        case .registration: return "registration"
        case .points: return "points"
        case .reactionDate: return "first_come"
        case .lottery: return "lottery"
        case .priorityPrecedence, .priorityStart, .localBinding, .targetGroup, .household: return "ranking"
        }
    }

    /// Whole months from `start` to `end` (registration time at the peildatum).
    static func months(from start: Day, to end: Day) -> Int {
        let s = start.components, e = end.components
        return max(0, (e.year - s.year) * 12 + (e.month - s.month) - (e.day < s.day ? 1 : 0))
    }
}
