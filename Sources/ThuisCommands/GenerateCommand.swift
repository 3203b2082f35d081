import Foundation
import ThuisCore
import ThuisGenerator
import ThuisVERA

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
    /// The export as Thuis's XML, or as a VERA batch folder (read back from the XML, so both
    /// give the same market).
    public var format = Format.xml
    public enum Format: String, Sendable, CaseIterable { case xml, vera }
    /// Items per page of a VERA folder.
    public var itemsPerPage = VERAPages.maximumItems

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
        guard format == .vera else {
            let written = try generator.write(to: outPath) { progress.update($0) }
            progress.finish()
            return summary(outPath, written.adverts, written.households, written.reactions, written.bytes)
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("thuis-generate-\(getpid())")
        try? FileManager.default.removeItem(at: folder)
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw CommandFailure(.cannotCreateOutput, "cannot make a folder for the generated export: \(error)")
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        let xml = folder.appendingPathComponent("export.xml").path
        _ = try generator.write(to: xml) { progress.update($0 / 2) }
        progress.begin("write VERA pages")
        let input = try BatchInput.load(exports: [xml], policies: [])
        let files = VERABatchWriter.files(input.market, itemsPerPage: itemsPerPage)
        try OutputFolder.commit(files.map { ($0.name, $0.bytes) }, to: outPath)
        progress.finish()
        let market = input.market
        return summary(outPath, market.adverts.count, market.households.count, market.reactions.count, files.reduce(0) { $0 + $1.bytes.count })
    }

    private func summary(_ path: String, _ adverts: Int, _ households: Int, _ reactions: Int, _ bytes: Int) -> CommandOutcome {
        let megabytes = String(format: "%.1f", Double(bytes) / 1_000_000)
        return CommandOutcome(exit: .ok, stdout: "\(path): \(adverts) adverts, \(households) households, \(reactions) reactions, \(megabytes) MB\n")
    }
}
