/// A municipality's part of the region's lettings to a group against its part of a
/// distribution key: whether it takes its fair share of housing aandachtsgroepen.
///
/// Municipality i with key value kᵢ (of the region's K) and lettings to the group aᵢ (of the
/// region's A) would, at its fair share, have housed eᵢ = A·kᵢ/K. The ratio (aᵢ/A)/(kᵢ/K) =
/// aᵢ/eᵢ is 1 at the fair share, above 1 where it carries more. In whole households the expected
/// numbers are apportioned by largest remainder (Hamilton's method), so they add up to A exactly
/// and the gaps aᵢ − eᵢ to zero: no household is lost or invented by rounding.
public struct FairShare: Sendable, Equatable {
    /// What the region's lettings to the group are shared out by.
    public enum Key: String, Sendable, CaseIterable, Codable {
        /// Social rental stock (the default): a municipality with a tenth of the region's social
        /// homes takes a tenth of the aandachtsgroepen.
        case stock
        /// Inhabitants.
        case population
        /// All accepted lettings: every municipality lets the same share to the group.
        case lettings
    }

    /// Where a municipality stands.
    public enum Standing: String, Sendable, Codable {
        /// Housed more households of the group than its share (a gap of at least one).
        case more
        /// Housed fewer.
        case less
        /// Housed its share, in whole households.
        case fair
    }

    public var municipality: String
    /// aᵢ: accepted lettings to the group.
    public var groupLettings: Int
    /// kᵢ: the municipality's value of the key.
    public var keyValue: Int
    /// A·kᵢ (over K, ``keyTotal``): the exact expected number, wide enough that no product of
    /// two counts overflows.
    public var expectedNumerator: Int128
    public var keyTotal: Int
    /// eᵢ in whole households, by largest remainder.
    public var expectedHouseholds: Int

    /// aᵢ − eᵢ in whole households: above zero where the municipality carries more than its share.
    public var gap: Int { groupLettings - expectedHouseholds }

    /// The exact expected number A·kᵢ/K.
    public var expected: Double { keyTotal == 0 ? 0 : Double(expectedNumerator) / Double(keyTotal) }

    /// aᵢ/eᵢ with the exact eᵢ; nil where nothing is expected (no lettings to the group in the
    /// region, or a key value of zero).
    public var ratio: Double? {
        expectedNumerator == 0 ? nil : Double(groupLettings) * Double(keyTotal) / Double(expectedNumerator)
    }

    public var standing: Standing { gap > 0 ? .more : gap < 0 ? .less : .fair }

    /// The fair shares of the municipalities `parts` (code, key value, lettings to the group).
    ///
    /// The remainders are ranked largest first, ties by the larger key value, then by code, so
    /// the result does not depend on the order of `parts`. Time O(n log n).
    public static func shares(_ parts: [(municipality: String, keyValue: Int, groupLettings: Int)]) -> [FairShare] {
        let total = parts.reduce(0) { $0 + $1.groupLettings }
        let keyTotal = parts.reduce(0) { $0 + $1.keyValue }
        var shares = parts.map { p in
            FairShare(municipality: p.municipality, groupLettings: p.groupLettings, keyValue: p.keyValue,
                      expectedNumerator: Int128(total) * Int128(p.keyValue), keyTotal: keyTotal,
                      expectedHouseholds: keyTotal == 0 ? 0 : Int(Int128(total) * Int128(p.keyValue) / Int128(keyTotal)))
        }
        guard keyTotal > 0 else { return shares }
        let left = total - shares.reduce(0) { $0 + $1.expectedHouseholds }
        let order = shares.indices.sorted { a, b in
            let (ra, rb) = (shares[a].expectedNumerator % Int128(keyTotal), shares[b].expectedNumerator % Int128(keyTotal))
            if ra != rb { return ra > rb }
            if shares[a].keyValue != shares[b].keyValue { return shares[a].keyValue > shares[b].keyValue }
            return shares[a].municipality < shares[b].municipality
        }
        for i in order.prefix(left) { shares[i].expectedHouseholds += 1 }
        assert(shares.reduce(0) { $0 + $1.expectedHouseholds } == total)
        return shares
    }
}
