import ThuisCore

/// Textbook household-proposing deferred acceptance, written separately from the engine: in
/// each round every free household proposes to its next advert, and every advert keeps the
/// best proposal it has seen. `priority[r]` is lower for better.
enum ReferenceDeferredAcceptance {
    /// `preferences[h]`: reactions of household `h`, most wanted first. Returns advert -> reaction.
    static func run(preferences: [[Int]], advertOf: (Int) -> Int, householdOf: (Int) -> Int,
                    priority: (Int) -> Int, adverts: Int) -> [Int: Int] {
        var held: [Int: Int] = [:]          // advert -> reaction
        var nextChoice = Array(repeating: 0, count: preferences.count)
        var matched = Array(repeating: false, count: preferences.count)
        while true {
            var proposals: [Int: [Int]] = [:]
            for h in preferences.indices where !matched[h] && nextChoice[h] < preferences[h].count {
                let r = preferences[h][nextChoice[h]]
                nextChoice[h] += 1
                proposals[advertOf(r), default: []].append(r)
            }
            if proposals.isEmpty { break }
            for (a, offered) in proposals {
                var candidates = offered
                if let current = held[a] { candidates.append(current) }
                let best = candidates.min { priority($0) < priority($1) }!
                for r in candidates where r != best { matched[householdOf(r)] = false }
                held[a] = best
                matched[householdOf(best)] = true
            }
        }
        return held
    }
}
