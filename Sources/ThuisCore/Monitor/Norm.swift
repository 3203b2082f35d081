/// A share a norm asks, such as the programme's 30%, held in basis points so that every
/// comparison with a count is exact: 30% of 7 lettings asks 3, and 2,999 of 10,000 falls short.
public struct Norm: Sendable, Equatable, Codable {
    /// The share in hundredths of a percent (3000 is 30%).
    public let basisPoints: Int

    /// The share `share` (0...1), to the nearest basis point.
    public init(_ share: Double) {
        basisPoints = Int((min(max(share, 0), 1) * 10_000).rounded())
    }

    public var share: Double { Double(basisPoints) / 10_000 }

    /// Whether `part` of `whole` reaches the norm (true for an empty whole).
    public func isMet(_ part: Int, of whole: Int) -> Bool { part * 10_000 >= basisPoints * whole }

    /// The least whole number that reaches the norm of `whole`: 30% of 7 is 3.
    public func least(of whole: Int) -> Int { (basisPoints * whole + 9_999) / 10_000 }

    /// `30%`, `92.5%`.
    public var percent: String {
        basisPoints % 100 == 0 ? "\(basisPoints / 100)%" : basisPoints % 10 == 0 ? "\(basisPoints / 100).\(basisPoints % 100 / 10)%"
            : "\(basisPoints / 100).\(String(basisPoints % 100 + 100).dropFirst())%"
    }

    /// The programme's 30%.
    public static let programme = Norm(0.30)
}
