/// A group of households that quotas and reports speak of, such as statushouders or all
/// aandachtsgroepen: the holders of a valid priority status of one of its categories.
public struct GroupDefinition: Sendable, Equatable {
    public var name: String
    /// The priority categories that make a household a member.
    public var categories: Set<PriorityCategory>

    public init(name: String, categories: Set<PriorityCategory>) {
        self.name = name
        self.categories = categories
    }

    /// Whether another group's members are all members of this one.
    public func contains(_ other: GroupDefinition) -> Bool { other.categories.isSubset(of: categories) }

    /// Whether the two groups share no category.
    public func isDisjoint(with other: GroupDefinition) -> Bool { categories.isDisjoint(with: other.categories) }
}
