import Foundation
import ThuisCore
import ThuisGenerator
import ThuisPolicyFile

/// Where a research command's markets come from: an export (one market: only the lottery varies
/// between runs), or a generator profile with seeds 1...`markets`, each market generated as the
/// export of that seed would read.
struct MarketSource {
    var exports: [String]
    var profile: String?
    var markets = 1
    var scale = 1.0

    /// The generator's profile, or nil for an export; usage errors for what does not fit.
    func generator() throws -> GeneratorProfile? {
        guard (profile == nil) != exports.isEmpty, markets >= 1, profile != nil || markets == 1, scale > 0, scale <= 10 else {
            throw CommandFailure.usage("give --export FILE, or --profile NAME with --markets N and --scale S (0 < S <= 10): markets are generated from a profile")
        }
        return try profile.map { name in
            guard let found = GeneratorProfile.all.first(where: { $0.name == name }) else {
                throw CommandFailure.usage("--profile is one of \(GeneratorProfile.all.map(\.name).joined(separator: ", "))")
            }
            return found
        }
    }

    /// Market `m` (1-based) with the policies. A generated market is built straight into the
    /// market's columns (``ExportGenerator/market(name:)``): the market its export would read back
    /// as, without writing and parsing 280 MB of XML per region.
    func load(_ m: Int, policies: [String], progress: Progress) throws -> BatchInput {
        guard let generator = try generator() else { return try BatchInput.load(exports: exports, policies: policies, progress: progress) }
        progress.begin("read policy")
        let loaded = try policies.map { try PolicyFile.load($0).get() }
        progress.begin("generate market \(m) of \(markets)")
        var export = ExportGenerator(profile: generator, seed: UInt64(m))
        export.scale = scale
        let result = export.market(name: "generated \(generator.name) market \(m)")
        return try BatchInput(result, policies: loaded)
    }
}
