import Foundation

/// What a sweep (or a shard of one) was run with; shards of one sweep agree on all but `shard`.
public struct SweepSummary: Codable, Sendable, Equatable {
    public var exports: [String]
    public var policy: String
    public var vary: [String]
    public var seeds: Int
    public var scenarios: Int
    public var shard: String?

    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self) + "\n"
    }
}
