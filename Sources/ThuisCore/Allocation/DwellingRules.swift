/// Per dwelling, the policy's eligibility rules resolved once: what the per-reaction check reads.
struct DwellingRules {
    /// Categories that give access to a dwelling set aside for a further group; 0 when any household may.
    var requiredCategories: ContiguousArray<UInt32>
    var condition: ContiguousArray<EligibilityRules.HouseholdCondition?>
    var minimumPersons: ContiguousArray<Int>
    var maximumPersons: ContiguousArray<Int>

    init(_ market: Market, _ rules: EligibilityRules) {
        let d = market.dwellings
        let required = rules.additionalTargetGroups.mapValues(PriorityView.mask)
        requiredCategories = ContiguousArray(d.additionalTargetGroup.map { extra in extra.flatMap { required[$0] } ?? 0 })
        condition = ContiguousArray(d.targetGroup.map { group in group.flatMap { rules.targetGroupRules[$0] } })
        minimumPersons = ContiguousArray(d.rooms.map { rooms in
            rules.minimumPersonsByRooms.filter { Int(rooms) >= $0.rooms }.max { $0.rooms < $1.rooms }?.persons ?? 0
        })
        maximumPersons = ContiguousArray(d.rooms.map { rooms in
            rules.maximumPersonsPerRoom.map { rooms > 0 ? $0 * Int(rooms) : Int.max } ?? Int.max
        })
    }
}
