import Foundation
import ThuisCore
import ThuisGenerator

/// `thuis generate --profile nightly|region|national --seed N --out FILE`: a synthetic export.
public struct GenerateCommand: ThuisCommand {
    public var profile: GeneratorProfile
    public var seed: UInt64
    public var outPath: String
    public var scale = 1.0
    public var priorityShare = 0.2
    public var lotteryShare = 0.1
    public var reactionsPerHousehold: Double?
    public var quiet = false
    /// The batch's peildatum (the profile's by default).
    public var referenceDate: Day?
    /// Prefix of advert and dwelling ids, so a series of batches has distinct adverts.
    public var advertPrefix = ""

    public init(profile: GeneratorProfile, seed: UInt64, outPath: String) {
        self.profile = profile
        self.seed = seed
        self.outPath = outPath
    }

    public func execute() throws -> CommandOutcome {
        try OutputFolder.requirePath(outPath)
        var generator = ExportGenerator(profile: profile, seed: seed)
        generator.scale = scale
        generator.priorityShare = priorityShare
        generator.lotteryShare = lotteryShare
        generator.reactionsPerHousehold = reactionsPerHousehold
        generator.referenceDate = referenceDate
        generator.advertPrefix = advertPrefix
        let progress = Progress(quiet: quiet)
        progress.begin("generate \(profile.name)")
        let written = try generator.write(to: outPath) { progress.update($0) }
        progress.finish()
        let megabytes = String(format: "%.1f", Double(written.bytes) / 1_000_000)
        return CommandOutcome(exit: .ok, stdout: "\(outPath): \(written.adverts) adverts, \(written.households) households, \(written.reactions) reactions, \(megabytes) MB\n")
    }
}
