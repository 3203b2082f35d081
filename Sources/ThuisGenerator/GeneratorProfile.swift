/// The sizes of a generated export (domain brief, section 4).
public struct GeneratorProfile: Sendable, Equatable {
    public var name: String
    public var adverts: Int
    public var households: Int
    /// Mean reactions per household.
    public var reactionsPerHousehold: Double
    /// The longest preference list.
    public var maximumReactions: Int
    /// The reference date, and how many days before it adverts open.
    public var referenceDate: (year: Int, month: Int, day: Int)
    public var advertSpreadDays: Int
    /// Municipalities: (CBS code, share of dwellings and households).
    public var municipalities: [(String, Double)]

    public static func == (l: GeneratorProfile, r: GeneratorProfile) -> Bool { l.name == r.name && l.adverts == r.adverts }

    /// A nightly batch of a large region: about 200 adverts, 40k reactions from 25k households.
    public static let nightly = GeneratorProfile(
        name: "nightly", adverts: 200, households: 25_000, reactionsPerHousehold: 1.6, maximumReactions: 10,
        referenceDate: (2026, 11, 25), advertSpreadDays: 14, municipalities: stadsregioAmsterdam)

    /// One year of a region the size of Stadsregio Amsterdam: 13k adverts, 170k households, 2.6M reactions.
    public static let region = GeneratorProfile(
        name: "region", adverts: 13_000, households: 170_000, reactionsPerHousehold: 15.3, maximumReactions: 60,
        referenceDate: (2026, 12, 31), advertSpreadDays: 350, municipalities: stadsregioAmsterdam)

    /// One year of the Netherlands: 165k adverts, 2M households, about 30M reactions.
    public static let national = GeneratorProfile(
        name: "national", adverts: 165_000, households: 2_000_000, reactionsPerHousehold: 15, maximumReactions: 60,
        referenceDate: (2026, 12, 31), advertSpreadDays: 350, municipalities: netherlands)

    public static let all = [nightly, region, national]

    /// Stadsregio Amsterdam's municipalities with skewed sizes.
    static let stadsregioAmsterdam: [(String, Double)] = [
        ("0363", 0.55), ("0479", 0.10), ("0394", 0.09), ("0362", 0.06), ("0439", 0.05), ("0384", 0.03),
        ("0437", 0.02), ("0451", 0.02), ("0852", 0.02), ("0385", 0.02), ("0415", 0.01), ("0880", 0.01),
        ("0431", 0.01), ("0358", 0.01),
    ]

    /// The largest municipalities by their CBS codes, then synthetic codes (9xxx, which CBS does
    /// not use) for the rest, sizes falling off like a Zipf law.
    static let netherlands: [(String, Double)] = {
        let real = ["0363", "0599", "0518", "0344", "0772", "0855", "0014", "0034", "0758", "0268", "0193", "0202",
                    "0392", "0153", "0200", "0307", "0394", "0479", "0796", "0983", "0935", "0106", "0228", "0546",
                    "0503", "0484", "0637", "0603", "0402", "1740"]
        return (0..<342).map { i in (i < real.count ? real[i] : "9\(String(i).leftPadded(3))", 1.0 / Double(i + 1)) }
    }()
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
