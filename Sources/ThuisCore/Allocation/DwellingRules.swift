/// Per dwelling, the policy's eligibility rules resolved once: what the per-reaction check reads.
struct DwellingRules {
    /// Categories that give access to a dwelling set aside for a further group; 0 when any household may.
    var requiredCategories: ContiguousArray<UInt32>
    // The check reads these at a random dwelling for each reaction: small columns keep them in
    // cache (a column of optional conditions, 48 bytes each, took half its time in misses).
    private var conditionIndex: ContiguousArray<Int32>
    private var conditions: [EligibilityRules.HouseholdCondition] = []
    var minimumPersons: ContiguousArray<Int32>
    var maximumPersons: ContiguousArray<Int32>

    init(_ market: Market, _ rules: EligibilityRules) {
        let d = market.dwellings
        let required = rules.additionalTargetGroups.mapValues(PriorityView.mask)
        requiredCategories = ContiguousArray(d.additionalTargetGroup.map { extra in extra.flatMap { required[$0] } ?? 0 })
        var conditions: [EligibilityRules.HouseholdCondition] = []
        var placeOf: [TargetGroup: Int32] = [:]
        conditionIndex = ContiguousArray(d.targetGroup.map { group -> Int32 in
            guard let group, let condition = rules.targetGroupRules[group] else { return -1 }
            if let place = placeOf[group] { return place }
            conditions.append(condition)
            placeOf[group] = Int32(conditions.count - 1)
            return Int32(conditions.count - 1)
        })
        self.conditions = conditions
        // A household has fewer than 2^31 persons: the limits saturate there.
        minimumPersons = ContiguousArray(d.rooms.map { rooms in
            Int32(clamping: rules.minimumPersonsByRooms.filter { Int(rooms) >= $0.rooms }.max { $0.rooms < $1.rooms }?.persons ?? 0)
        })
        maximumPersons = ContiguousArray(d.rooms.map { rooms in
            Int32(clamping: rules.maximumPersonsPerRoom.map { rooms > 0 ? $0 * Int(rooms) : Int.max } ?? Int.max)
        })
    }

    /// The target group's condition on the household, or nil.
    func condition(_ d: Int) -> EligibilityRules.HouseholdCondition? {
        conditionIndex[d] < 0 ? nil : conditions[Int(conditionIndex[d])]
    }
}
