/// The figures `thuis validate` shows about a market: enough for an operator to see at a
/// glance that the export holds what it should.
public struct MarketSummary: Sendable, Codable, Equatable {
    public var region: String
    public var referenceDate: String
    public var municipalities: Int
    public var corporations: Int
    public var dwellings: Int
    public var adverts: Int
    public var advertsPerModel: [String: Int]
    public var households: Int
    public var persons: Int
    public var reactions: Int
    public var offers: Int
    public var priorityStatuses: Int
    /// Households holding a status of each category (by VERA code) valid on the reference date.
    public var householdsWithValidPriority: [String: Int]
    /// Households holding a status of each category, valid or not.
    public var householdsWithPriority: [String: Int]
    public var reactionsPerAdvert: Spread

    /// Smallest, median and largest of a count.
    public struct Spread: Sendable, Codable, Equatable {
        public var min: Int
        public var median: Double
        public var max: Int

        /// The spread of `values`; zeros when empty.
        public init(_ values: [Int]) {
            let sorted = values.sorted()
            min = sorted.first ?? 0
            max = sorted.last ?? 0
            if sorted.isEmpty {
                median = 0
            } else if sorted.count % 2 == 1 {
                median = Double(sorted[sorted.count / 2])
            } else {
                median = Double(sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
            }
        }
    }

    /// The summary of a market.
    public init(_ market: Market) {
        region = market.batch.region
        referenceDate = market.batch.referenceDate.description
        municipalities = market.municipalities.count
        corporations = market.corporations.count
        dwellings = market.dwellings.count
        adverts = market.adverts.count
        advertsPerModel = Dictionary(grouping: market.adverts.model, by: \.rawValue).mapValues(\.count)
        households = market.households.count
        persons = market.households.persons.reduce(0) { $0 + Int($1) }
        reactions = market.reactions.count
        offers = market.offers.count
        priorityStatuses = market.priorities.count
        var valid: [String: Int] = [:], any: [String: Int] = [:]
        let day = market.batch.referenceDate
        for h in 0..<market.households.count {
            var seenValid = Set<PriorityCategory>(), seenAny = Set<PriorityCategory>()
            for p in market.households.priorityRange(h) {
                let category = market.priorities.category[p]
                if seenAny.insert(category).inserted { any[category.rawValue, default: 0] += 1 }
                if market.priorities.isValid(p, on: day), seenValid.insert(category).inserted {
                    valid[category.rawValue, default: 0] += 1
                }
            }
        }
        householdsWithValidPriority = valid
        householdsWithPriority = any
        reactionsPerAdvert = Spread((0..<market.adverts.count).map { market.reactions.ofAdvert($0).count })
    }
}
