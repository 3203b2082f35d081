import Foundation
import ThuisCore
import ThuisGenerator
import ThuisVERA

/// `thuis generate --profile nightly|region|national --seed N [--out FILE] [--stock FILE]
/// [--programme FILE]`: a synthetic export, and synthetic inputs for `thuis monitor` over the
/// profile's municipalities.
public struct GenerateCommand: ThuisCommand {
    public var profile: GeneratorProfile
    public var seed: UInt64
    /// The export (nil: none, only the monitor's inputs).
    public var outPath: String?
    /// The dwelling stock per municipality, in CBS's layout (``MonitorInputs/stockCSV()``).
    public var stockPath: String?
    /// A building programme (``MonitorInputs/programmeCSV()``).
    public var programmePath: String?
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
    /// Where the reactions go: WRV's Kandidaten (status REA) or the domain model's Reacties.
    public var reactions = VERABatchWriter.ReactionResource.kandidaten

    public init(profile: GeneratorProfile, seed: UInt64, outPath: String?) {
        self.profile = profile
        self.seed = seed
        self.outPath = outPath
    }

    public func execute() throws -> CommandOutcome {
        let inputs = MonitorInputs(profile: profile, seed: seed)
        let extras = [(stockPath, "--stock", inputs.stockCSV), (programmePath, "--programme", inputs.programmeCSV)]
            .compactMap { path, option, make in path.map { ($0, option, make) } }
        guard outPath != nil || !extras.isEmpty else { throw CommandFailure.usage("give --out, --stock or --programme") }
        for (path, option, _) in extras { try OutputFolder.requirePath(path, option: option) }
        var lines = ""
        for (path, _, make) in extras {
            let text = make()
            try Self.writeNew(text, to: path)
            lines += "\(path): \(profile.municipalities.count) municipalities, \(text.utf8.count) bytes\n"
        }
        guard let outPath else { return CommandOutcome(exit: .ok, stdout: lines) }
        var outcome = try export(to: outPath)
        outcome.stdout = lines + outcome.stdout
        return outcome
    }

    /// Writes `text` to `path`, which must not hold anything else: generate replaces no file, but
    /// the same bytes again (a rerun) are fine.
    static func writeNew(_ text: String, to path: String) throws {
        var status = stat()
        if lstat(path, &status) == 0 {
            // Only a regular file is read back: a FIFO would never end.
            guard status.st_mode & S_IFMT == S_IFREG, let existing = FileManager.default.contents(atPath: path), existing == Data(text.utf8) else {
                throw CommandFailure(.cannotCreateOutput, "\(path) exists and holds something else; it is left as it is")
            }
            return
        }
        try AtomicFile.write(text, to: path)
    }

    private func export(to outPath: String) throws -> CommandOutcome {
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
            try OwnFile.generatedExport.requireReplaceable(outPath, option: "--out", inputs: [stockPath, programmePath].compactMap { $0 })
            let written = try generator.write(to: outPath) { progress.update($0) }
            progress.finish()
            return summary(outPath, written.adverts, written.households, written.reactions, written.bytes)
        }
        let folder = try TemporaryFolder.make("generate")
        defer { try? FileManager.default.removeItem(at: folder) }
        let xml = folder.appendingPathComponent("export.xml").path
        _ = try generator.write(to: xml) { progress.update($0 / 2) }
        progress.begin("write VERA pages")
        let input = try BatchInput.load(exports: [xml], policies: [])
        let files = VERABatchWriter.files(input.market, itemsPerPage: itemsPerPage, reactions: reactions)
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
