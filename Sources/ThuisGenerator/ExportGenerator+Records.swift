import ThuisCore
#if canImport(Glibc)
import Glibc
#endif

/// A generated dwelling with its advert's model, as drawn.
struct GeneratedDwelling {
    var index: Int
    var municipality: Int
    var rooms: Int
    var rentCents: Int
    var grossRentCents: Int
    var social: Bool
    var corporation: Int
    var targetGroup: StaticString?
    /// An Eenheidcriterium: its soort and bound, lower (`aantalOndergrens`) or upper.
    var criterion: (kind: StaticString, lower: Bool, value: Int)?
    var model: PublicationModel
    /// Its stadsdeel (large municipalities only), wijk, buurt and complex (``AreaPlan``).
    var areas = Areas()

    struct Areas {
        var borough: String?
        var district = "", neighbourhood = "", complex = ""
    }
}

/// A generated household with its members and perhaps a priority, as drawn.
struct GeneratedHousehold {
    var index: Int
    var municipality: Int
    var registration: Day
    var searchPoints: Int
    var members: [(birth: Day, incomeEuros: Int?)]
    var priority: (category: PriorityCategory, start: Day, end: Day, scoped: Bool)?
}

extension ExportGenerator {
    /// One dwelling and the model of its advert; the draws in the order the export has always made them.
    func drawDwelling(_ rng: inout SeededRandom, index a: Int, municipality m: Int) -> GeneratedDwelling {
        let rooms = 1 + rng.pick([0.12, 0.30, 0.33, 0.18, 0.07])
        var rentCents = 42_000 + rooms * 7_000 + Int(rng.normal() * 6_000)
        let social = !rng.chance(0.03)
        rentCents = social ? min(max(rentCents, 35_000), 93_293) : 95_000 + rng.below(40_000)
        let corporation = rng.pick([0.5, 0.3, 0.15, 0.05])
        let gross = rentCents + 4_000 + rng.below(6_000)
        var target: StaticString?
        let x = rng.unit()
        if rooms >= 2 && rooms <= 3 && x < 0.12 {
            target = "SEN"
        } else if rooms == 1 && x < 0.35 {
            target = "JON"
        } else if rooms >= 4 && x < 0.30 {
            target = "GEZ"
        }
        var criterion: (kind: StaticString, lower: Bool, value: Int)?
        let y = rng.unit()
        if y < 0.04 {
            criterion = ("PER", true, 2 + rng.below(2))
        } else if y < 0.07 {
            criterion = ("INK", false, 30_000 + rng.below(15_000))
        } else if y < 0.09 {
            criterion = ("LEE", true, 55)
        }
        let z = rng.unit()
        let model: PublicationModel = z < lotteryShare ? .lottery : z < lotteryShare + 0.01 ? .direct
            : z < lotteryShare + 0.03 ? .firstComeFirstServed : .offer
        return GeneratedDwelling(index: a, municipality: m, rooms: rooms, rentCents: rentCents, grossRentCents: gross, social: social,
                                 corporation: corporation, targetGroup: target, criterion: criterion, model: model)
    }

    /// One household with its members, registration and perhaps a priority.
    func drawHousehold(_ rng: inout SeededRandom, index h: Int, municipality m: Int, today: Day) -> GeneratedHousehold {
        // Registration 0-15 years ago, more of them recent.
        let years = 15 * rng.unit() * rng.unit().squareRoot()
        let registration = today.adding(days: -Int(years * 365.25))
        let points = rng.below(31)
        let members = HouseholdSampler.draw(&rng).map { (birth: today.adding(days: -$0.ageInDays), incomeEuros: $0.income) }
        var household = GeneratedHousehold(index: h, municipality: m, registration: registration, searchPoints: points, members: members)
        guard rng.chance(priorityShare) else { return household }
        let categories: [PriorityCategory] = [.medical, .social, .statusHolder, .homeless, .outflow, .rehousing, .violence]
        let category = rng.pick([0.2, 0.2, 0.25, 0.08, 0.1, 0.1, 0.07])
        let start = today.adding(days: -rng.below(720))
        let end = start.adding(days: 365 + rng.below(365))
        household.priority = (categories[category], start, end, rng.chance(0.3))
        return household
    }
}
