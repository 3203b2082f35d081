import ThuisCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A simulated stretch of nights: households arrive, find housing elsewhere or give up;
/// priorities start and expire; adverts arrive daily and draw reactions; every night the adverts
/// that close are allocated under the policy with its period quotas counted over the year; the
/// households offered a dwelling accept or refuse. What one batch cannot show: waiting and search
/// times at letting, success rates and shares over a year. Deterministic per seed.
public struct Simulation {
    public let settings: SimulationSettings
    public let policy: Policy
    /// Where the nights' lettings are kept and the period quotas read from: in memory by
    /// default; the command gives it a ledger, so the simulation runs the real nightly path.
    public var keeper: LettingKeeper?
    /// Why the keeper failed, if it did: the simulation stops at that night.
    public private(set) var keeperError: (any Error)?

    // Households, as columns.
    var registered: [Day] = []
    var birth: [Day] = []
    var persons: [Int] = []
    var income: [Int64] = []
    var municipality: [Int] = []
    var priority: [(category: PriorityCategory, start: Day, end: Day)?] = []
    /// The first category the household held: its group in the results.
    var everCategory: [PriorityCategory?] = []
    var firstReaction: [Day?] = []
    var refusals: [Int] = []
    var state: [State] = []
    var housedOn: [Day?] = []
    var leftOn: [Day?] = []
    /// The last night simulated (the year's last, or the night a ledger failed).
    var lastDay: Day
    var searching: [Int] = []
    var searchingPosition: [Int] = []

    // Open adverts.
    struct Advert {
        var id: Int
        var municipality: Int
        var corporation: Int
        var rooms: Int
        var rent: Int64
        var social: Bool
        var lottery: Bool
        /// Its buurt, an index into the municipality's (``SimulatedBuurten``).
        var buurt = 0
        var closes: Day
        var reactions: [(household: Int, day: Day)]
    }
    var open: [Advert] = []
    var nextAdvert = 0
    var lettings: [(day: Day, record: LettingRecord)] = []
    /// Per letting: the household housed, the dwelling's municipality (an index into the
    /// settings') and its buurt (an index into the municipality's).
    var lettingHousehold: [Int] = []
    var lettingMunicipality: [Int] = []
    var lettingBuurt: [Int] = []
    let buurten: SimulatedBuurten
    var letByCategory: [String: Int] = [:]
    var offersRefused = 0
    var rng: SeededRandom
    /// Acceptance draws when the lottery has its own seed (nil: they come from `rng`).
    var lotteryRNG: SeededRandom?

    enum State: UInt8 { case searching, housed, left }

    /// Household `h`'s time on the list as a survival subject, in days since registration with
    /// the day of registration as day 1: observed from the first night it searched in the
    /// simulation (`entry`, later than 0 for those already waiting on the first day), up to the
    /// night it was housed (the event), the last night before it left, or the last night
    /// simulated. Nil for a household never observed for a night.
    func survivalSubject(_ h: Int) -> (entry: Int, exit: Int, event: Bool)? {
        let registered = Int(self.registered[h].rawValue)
        let entry = max(registered, Int(settings.start.rawValue)) - registered
        let exit: Int, event: Bool
        if let housed = housedOn[h] {
            (exit, event) = (Int(housed.rawValue) - registered + 1, true)
        } else if let left = leftOn[h] {
            (exit, event) = (Int(left.rawValue) - registered, false)
        } else {
            (exit, event) = (Int(lastDay.rawValue) - registered + 1, false)
        }
        return exit > entry ? (entry, exit, event) : nil
    }

    public init(settings: SimulationSettings, policy: Policy) {
        self.settings = settings
        self.policy = policy
        // Salted, so a region generated and simulated with the same seed draws two unrelated streams.
        rng = SeededRandom(seed: settings.seed ^ 0x5DEE_CE66_D1CE_4E5B)
        lastDay = settings.start.adding(days: -1)
        buurten = SimulatedBuurten(settings.municipalities)
        lotteryRNG = settings.lotterySeed.map { SeededRandom(seed: $0 ^ 0x1077_E41E_5EED_0001) }
    }

    /// Runs every day and returns the results, with time to housing restricted to `horizon` days.
    public mutating func run(horizon: Int = SimulationResult.defaultHorizon, progress: ((Double) -> Void)? = nil) -> SimulationResult {
        for _ in 0..<settings.initialHouseholds {
            let years = 12 * rng.unit() * rng.unit()
            arrive(on: settings.start.adding(days: -Int(years * 365)))
        }
        for d in 0..<settings.days {
            let day = settings.start.adding(days: d)
            progress?(Double(d) / Double(settings.days))
            for _ in 0..<rng.poisson(settings.arrivalsPerDay) { arrive(on: day) }
            dailyChanges(day)
            for _ in 0..<rng.poisson(settings.advertsPerDay) { post(on: day) }
            night(day)
            if keeperError != nil { break }
            lastDay = day
        }
        return SimulationResult(self, horizon: horizon)
    }

    mutating func arrive(on day: Day) {
        let h = registered.count
        registered.append(day)
        // Drawn as the export generator draws them; the household's income is its adults' together.
        let members = HouseholdSampler.draw(&rng)
        persons.append(members.count)
        birth.append(day.adding(days: -members[0].ageInDays))
        income.append(Int64(members.reduce(0) { $0 + ($1.income ?? 0) }) * 100)
        municipality.append(rng.pick(settings.municipalities.map(\.1)))
        let category: PriorityCategory? = rng.chance(settings.priorityShare) ? randomCategory() : nil
        priority.append(category.map { ($0, day, day.adding(days: 365)) })
        everCategory.append(category)
        firstReaction.append(nil)
        refusals.append(0)
        state.append(.searching)
        housedOn.append(nil)
        leftOn.append(nil)
        searchingPosition.append(searching.count)
        searching.append(h)
    }

    mutating func randomCategory() -> PriorityCategory {
        let categories: [PriorityCategory] = [.medical, .social, .statusHolder, .homeless, .outflow, .rehousing, .violence]
        return categories[rng.pick([0.2, 0.2, 0.25, 0.08, 0.1, 0.1, 0.07])]
    }

    mutating func stopSearching(_ h: Int, _ newState: State) {
        state[h] = newState
        let i = searchingPosition[h], last = searching.removeLast()
        if last != h {
            searching[i] = last
            searchingPosition[last] = i
        }
    }

    /// Leaving, and priorities starting or lapsing.
    mutating func dailyChanges(_ day: Day) {
        var i = 0
        while i < searching.count {
            let h = searching[i]
            if rng.chance(settings.leavingPerDay) {
                stopSearching(h, .left)
                leftOn[h] = day
                continue
            }
            if let p = priority[h], p.end < day { priority[h] = nil }
            if priority[h] == nil && rng.chance(settings.priorityPerDay) {
                let category = randomCategory()
                priority[h] = (category, day, day.adding(days: 365))
                if everCategory[h] == nil { everCategory[h] = category }
            }
            i += 1
        }
    }

    mutating func post(on day: Day, repost: Advert? = nil) {
        var advert = repost ?? Advert(
            id: nextAdvert, municipality: rng.pick(settings.municipalities.map(\.1)), corporation: rng.below(3),
            rooms: 1 + rng.pick([0.12, 0.3, 0.33, 0.18, 0.07]), rent: 0, social: !rng.chance(0.03),
            lottery: rng.chance(0.1), closes: day, reactions: [])
        if repost == nil {
            advert.buurt = buurten.buurt(advert: advert.id, municipality: advert.municipality)
            nextAdvert += 1
            advert.rent = advert.social ? min(93_293, Int64(42_000 + advert.rooms * 7_000) + Int64(rng.normal() * 6_000)) : 110_000
        }
        advert.closes = day.adding(days: settings.window - 1)
        advert.reactions = []
        // Heavy-tailed interest; lotteries draw about five times more.
        let mean = settings.reactionsPerAdvert * (advert.lottery ? 5 : 1) / 1.6
        let count = min(searching.count, Int(mean * pow(max(rng.unit(), 1e-6), -1 / 2.5)))
        var chosen = Set<Int>()
        while chosen.count < count {
            let h = searching[rng.below(searching.count)]
            if chosen.insert(h).inserted {
                let reacted = day.adding(days: rng.below(settings.window))
                advert.reactions.append((h, reacted))
                if firstReaction[h] == nil || reacted < firstReaction[h]! { firstReaction[h] = reacted }
            }
        }
        open.append(advert)
    }

    /// The night's batch: the adverts closing today.
    mutating func night(_ day: Day) {
        let closing = open.filter { $0.closes == day }
        guard !closing.isEmpty else { return }
        open.removeAll { $0.closes == day }
        var builder = MarketBuilder()
        builder.beginFile("simulation")
        builder.setBatch(BatchInfo(version: "1.0", referenceDate: day, region: "Simulated"), at: builder.location(line: 0, column: 0))
        var included = Set<Int>()
        var order: [Int: Int] = [:]
        for advert in closing {
            let a = SimulationIDs.bytes("P\(advert.id)") { builder.advertSlot($0) }
            let d = SimulationIDs.bytes("E\(advert.id)") { builder.dwellingSlot($0) }
            var dwelling = DwellingRecord()
            dwelling.municipality = SimulationIDs.bytes(settings.municipalities[advert.municipality].0) { builder.municipality($0) }
            dwelling.corporation = SimulationIDs.bytes("C\(advert.municipality)-\(advert.corporation)") { builder.corporation($0) }
            dwelling.rooms = Int16(advert.rooms)
            dwelling.rent = Money(cents: advert.rent)
            dwelling.socialLabel = advert.social ? .social : .nonSocial
            let (buurt, wijk) = buurten.code(advert.municipality, advert.buurt)
            for (kind, code) in [(AreaKind.district, wijk), (.neighbourhood, buurt)] {
                if case .success(let index) = SimulationIDs.bytes(code, { builder.area(kind, $0, municipality: dwelling.municipality, corporation: dwelling.corporation) }) {
                    dwelling.setArea(kind, index)
                }
            }
            builder.addDwelling(d, dwelling, line: 0, column: 0, problem: nil)
            var record = AdvertRecord()
            record.model = advert.lottery ? .lottery : .offer
            record.start = day.adding(days: -(settings.window - 1))
            record.end = day
            record.dwelling = d
            builder.addAdvert(a, record, line: 0, column: 0, problem: nil)
            for (h, reacted) in advert.reactions.sorted(by: { ($0.day, $0.household) < ($1.day, $1.household) }) where state[h] == .searching {
                let hs = SimulationIDs.bytes("H\(h)") { builder.householdSlot($0) }
                if included.insert(h).inserted { addHousehold(&builder, h, hs, day) }
                order[h, default: 0] += 1
                builder.addReaction(household: hs, advert: a, date: reacted, preference: Int32(order[h]!), line: 0, column: 0, problem: nil)
            }
        }
        guard let market = builder.finish().market else { return }
        let lettingsSoFar = lettings
        let period: PeriodState
        do {
            period = try keeper?.period(policy, day, market) ?? PeriodFigures.state(for: policy, on: day) { from, until in
                lettingsSoFar.filter { $0.day >= from && $0.day < until }.map(\.record)
            }
        } catch {
            keeperError = error
            return
        }
        var nightLettings: [(advert: String, household: String, record: LettingRecord)] = []
        var nightPolicy = policy
        if let lottery = settings.lotterySeed { nightPolicy.seed = lottery &* 1_000_003 &+ UInt64(bitPattern: Int64(day.rawValue)) }
        let allocation = Allocator.allocate(market, nightPolicy, period: period)
        for a in 0..<market.adverts.count {
            let id = Int(market.adverts.ids[a].dropFirst())!
            let advert = closing.first { $0.id == id }!
            guard allocation.household[a] >= 0 else { continue }
            let h = Int(market.households.ids[Int(allocation.household[a])].dropFirst())!
            let r = Int(allocation.reaction[a])
            let rank = r >= 0 ? Int(allocation.preference[r]) : 1
            let chance = settings.acceptance * pow(settings.acceptanceDecay, Double(rank - 1))
            let accepts = lotteryRNG != nil ? lotteryRNG!.chance(chance) : rng.chance(chance)
            if accepts {
                stopSearching(h, .housed)
                housedOn[h] = day
                let groups = Set(allocation.groupNames.enumerated().filter { allocation.lettingGroups[a] & (1 << UInt32($0.offset)) != 0 }.map(\.element))
                var record = LettingRecord(municipality: settings.municipalities[advert.municipality].0,
                                           corporation: "C\(advert.municipality)-\(advert.corporation)", groups: groups,
                                           persons: persons[h], social: advert.social,
                                           aboveDaebLimit: allocation.lettingAboveDaebLimit[a],
                                           benefitEligible: allocation.lettingBenefitEligible[a],
                                           passendException: allocation.lettingPassendException[a])
                let (buurt, wijk) = buurten.code(advert.municipality, advert.buurt)
                record.areas = [.district: wijk, .neighbourhood: buurt]
                lettings.append((day, record))
                lettingBuurt.append(advert.buurt)
                letByCategory[everCategory[h]?.rawValue ?? "regular", default: 0] += 1
                lettingHousehold.append(h)
                lettingMunicipality.append(advert.municipality)
                nightLettings.append((market.adverts.ids[a], market.households.ids[Int(allocation.household[a])], lettings.last!.record))
            } else {
                // Refused: the household keeps searching; the advert comes back tomorrow.
                refusals[h] += 1
                offersRefused += 1
                if let limit = policy.urgencyLapsesAfterRefusals, refusals[h] >= limit { priority[h] = nil }
                post(on: day.adding(days: 1), repost: advert)
            }
        }
        do { try keeper?.record(day, nightLettings) } catch { keeperError = error }
    }

    func addHousehold(_ builder: inout MarketBuilder, _ h: Int, _ slot: Int32, _ day: Day) {
        var record = HouseholdRecord()
        record.registrationDate = registered[h]
        record.municipality = SimulationIDs.bytes(settings.municipalities[municipality[h]].0) { builder.municipality($0) }
        var members = [MemberRecord(birthDate: birth[h], income: Money(cents: income[h]))]
        for k in 1..<max(1, persons[h]) {
            members.append(MemberRecord(birthDate: k == 1 ? birth[h].adding(days: 700) : day.adding(days: -(k * 1500)), income: .zero))
        }
        var statuses: [PriorityRecord] = []
        if let p = priority[h], p.start <= day {
            var status = PriorityRecord()
            status.kind = .urgency
            status.category = p.category
            status.start = p.start
            status.end = p.end
            statuses.append(status)
        }
        builder.addHousehold(slot, record, members: members, priorities: statuses, line: 0, column: 0, problem: nil)
    }
}

/// Ids as the builder takes them: bytes.
enum SimulationIDs {
    static func bytes<T>(_ text: String, _ body: (UnsafeRawBufferPointer) -> T) -> T {
        var text = text
        return text.withUTF8 { body(UnsafeRawBufferPointer($0)) }
    }
}
