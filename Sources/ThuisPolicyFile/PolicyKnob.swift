import ThuisCore

/// A policy setting a sweep varies, named like its key in the policy file:
/// `quotas.NAME.share`, `quotas.NAME.count`, `ranking.lottery_share`, `law.daeb_minimum_share`,
/// `law.passend_minimum_share`.
public struct PolicyKnob: Sendable, Equatable {
    public var key: String
    public var values: [Double]

    /// Why a knob cannot be read or applied.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }

    /// The most values one knob may take: a grid is the product of its knobs' values.
    public static let maximumValues = 10_000

    /// Parses `KEY=FROM:TO:STEP`, checked against `policy`; every value is checked, not only the first.
    public static func parse(_ text: String, for policy: Policy) -> Result<PolicyKnob, Problem> {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return .failure(Problem("'\(text)' is not KEY=FROM:TO:STEP")) }
        let range = parts[1].split(separator: ":").compactMap { Double($0) }
        guard range.count == 3, range.allSatisfy(\.isFinite), range[2] > 0, range[1] >= range[0] else {
            return .failure(Problem("'\(parts[1])' is not FROM:TO:STEP with finite numbers, FROM <= TO and STEP > 0"))
        }
        guard (range[1] - range[0]) / range[2] < Double(maximumValues) else {
            return .failure(Problem("'\(parts[1])' gives more than \(maximumValues) values"))
        }
        var values: [Double] = []
        var i = 0
        while true {
            let v = range[0] + Double(i) * range[2]
            if v > range[1] + 1e-9 { break }
            values.append((v * 1e9).rounded() / 1e9)
            i += 1
        }
        let knob = PolicyKnob(key: parts[0], values: values)
        for value in values {
            var probe = policy
            if let problem = knob.apply(value, to: &probe) { return .failure(Problem(problem)) }
        }
        return .success(knob)
    }

    /// Sets the knob in `policy`; a reason when the key does not fit the policy.
    public func apply(_ value: Double, to policy: inout Policy) -> String? {
        let parts = key.split(separator: ".").map(String.init)
        switch (parts.first, parts.count) {
        case ("quotas", 3):
            guard let i = policy.quotas.firstIndex(where: { $0.name == parts[1] }) else { return "the policy has no quota \(parts[1])" }
            switch parts[2] {
            case "share":
                guard (0...1).contains(value) else { return "a share is between 0 and 1" }
                policy.quotas[i].amount = .share(value)
            case "count":
                guard value == value.rounded(), (0...1_000_000).contains(value) else { return "a count is a whole number from 0 to 1,000,000" }
                policy.quotas[i].amount = .count(Int(value))
            default: return "a quota varies by share or count, not \(parts[2])"
            }
        case ("ranking", 2) where parts[1] == "lottery_share":
            guard (0...1).contains(value) else { return "a share is between 0 and 1" }
            policy.ranking.lotteryShare = value
        case ("law", 2) where parts[1] == "daeb_minimum_share" || parts[1] == "passend_minimum_share":
            guard (0...1).contains(value) else { return "a share is between 0 and 1" }
            if parts[1] == "daeb_minimum_share" { policy.law.daebMinimumShare = value } else { policy.law.passendMinimumShare = value }
        default:
            return "\(key) cannot be varied; use quotas.NAME.share, quotas.NAME.count, ranking.lottery_share, law.daeb_minimum_share or law.passend_minimum_share"
        }
        return nil
    }
}
