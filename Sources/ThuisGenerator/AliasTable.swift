import ThuisCore

/// Vose's alias method: draws an index with given weights in constant time, for the
/// heavy-tailed popularity of adverts across millions of reactions.
struct AliasTable {
    private var probability: [Double]
    private var alias: [Int32]

    init(_ weights: [Double]) {
        let n = weights.count
        probability = Array(repeating: 0, count: n)
        alias = Array(repeating: 0, count: n)
        guard n > 0 else { return }
        let total = weights.reduce(0, +)
        var scaled = weights.map { $0 * Double(n) / total }
        var small: [Int] = [], large: [Int] = []
        for (i, p) in scaled.enumerated() { if p < 1 { small.append(i) } else { large.append(i) } }
        while let s = small.popLast(), let l = large.last {
            probability[s] = scaled[s]
            alias[s] = Int32(l)
            scaled[l] -= 1 - scaled[s]
            if scaled[l] < 1 {
                large.removeLast()
                small.append(l)
            }
        }
        for i in large + small { probability[i] = 1 }
    }

    var isEmpty: Bool { probability.isEmpty }

    @inline(__always)
    func draw(_ rng: inout SeededRandom) -> Int {
        let i = rng.below(probability.count)
        return rng.unit() < probability[i] ? i : Int(alias[i])
    }
}
