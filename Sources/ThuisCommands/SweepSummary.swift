import Foundation
import ThuisReports

/// What a sweep (or a shard of one) was run with; shards of one sweep agree on all but `shard`.
public struct SweepSummary: Codable, Sendable, Equatable {
    public var exports: [String]
    public var policy: String
    public var vary: [String]
    public var seeds: Int
    public var scenarios: Int
    public var shard: String?
    /// The base policy's name and the group of its first floor (pages show them; absent in
    /// summaries before Thuis 0.5).
    public var policyName: String?
    public var group: String?
    /// Provenance: the Thuis version and the SHA-256 of the policy and of each export (the same in
    /// every shard, so shards of one sweep still agree).
    public var thuis: String?
    /// With `--profile`: the generated markets (absent for an export).
    public var markets: String?
    public var policySHA256: String?
    public var exportSHA256: [String]?
    /// A sweep's baseline grid point (`KEY=VALUE ...`), which differences.csv compares every point with.
    public var baseline: String?

    /// The title of the page of this sweep or simulation, the same from one process or merged shards.
    public var pageTitle: String {
        let name = policyName ?? policy
        // A simulation's summary names its profile, days and scale where a sweep names its knobs.
        if vary.first?.hasPrefix("profile=") == true {
            return "\(name): simulated years (\(vary.joined(separator: ", "))), " + (markets.map { "\($0), \(seeds) seed(s)" } ?? "\(seeds) seed(s)")
        }
        return "Sweep of \(name): the \(vary.map { SweepPage.describe(String($0.prefix { $0 != "=" })) }.joined(separator: " and the "))"
    }

    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }
}
