import ThuisCore

/// The buurten of a simulated region: per municipality four or more, more for a larger one,
/// of Zipf sizes, with CBS-style codes (`BU` + municipality + wijk + buurt). An advert's buurt
/// follows from its id alone, so the simulation's own random stream, and with it every other
/// figure, is what it was before buurten were simulated.
struct SimulatedBuurten: Sendable {
    /// Per municipality: its buurten's codes and the cumulative weights to draw them by.
    private var codes: [[String]] = []
    private var cumulative: [[Double]] = []

    init(_ municipalities: [(String, Double)]) {
        let total = municipalities.map(\.1).reduce(0, +)
        for (code, weight) in municipalities {
            let count = 4 + Int(30 * weight / max(total, 1e-9))
            codes.append((0..<count).map { "BU\(code)\(Self.twoDigits($0 / 10))\(Self.twoDigits($0 % 10))" })
            var sum = 0.0
            cumulative.append((0..<count).map { sum += 1 / Double($0 + 1); return sum })
        }
    }

    private static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// The buurt of advert `id` in municipality `m` (an index into its codes).
    func buurt(advert id: Int, municipality m: Int) -> Int {
        let weights = cumulative[m]
        let u = Double(Lottery.splitmix64(UInt64(id) ^ 0xB0B0_0B0B_5EED_0002) >> 11) * 0x1.0p-53 * weights[weights.count - 1]
        return weights.firstIndex { u < $0 } ?? weights.count - 1
    }

    /// The code of buurt `b` of municipality `m`, and of its wijk.
    func code(_ m: Int, _ b: Int) -> (buurt: String, wijk: String) {
        let buurt = codes[m][b]
        return (buurt, "WK" + buurt.dropFirst(2).prefix(6))
    }
}
