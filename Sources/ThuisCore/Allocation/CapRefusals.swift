/// The caps that turned reactions away, by reaction. Few reactions are (none at all without
/// binding caps), so only those are kept: a dense column would be 236 MB on a national run,
/// made afresh for every round of the mechanism.
public struct CapRefusals: Sendable, Equatable {
    private var bits: [Int32: UInt64] = [:]

    /// Set beside a refusal's cap bits when the end result has room in those caps but every way
    /// of letting the reaction in broke another rule (see `CapRepair`): the outputs say
    /// `kept:NAME`. Caps use the low bits (at most 62 of them).
    public static let kept: UInt64 = 1 << 63

    public init() {}

    /// Bit `c` set when cap `c` refused reaction `r` at its advert; 0 when no cap did.
    public subscript(r: Int) -> UInt64 {
        get { bits.isEmpty ? 0 : bits[Int32(r)] ?? 0 }
        set { bits[Int32(r)] = newValue == 0 ? nil : newValue }
    }

    /// The refused reactions in index order, with the caps that refused each.
    public var refused: [(reaction: Int, caps: UInt64)] {
        bits.sorted { $0.key < $1.key }.map { (Int($0.key), $0.value) }
    }
}
