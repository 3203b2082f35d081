import ThuisCore
#if canImport(Glibc)
import Glibc
#endif

/// Writes a realistic, valid export in the format the reader accepts, streaming, in bounded
/// memory, the same bytes for the same seed and options.
///
/// Shapes: several municipalities and corporations with skewed sizes; household sizes, ages and
/// incomes such that the DAEB and passend rules bite; registration dates over 0-15 years; a share
/// of households with a priority of varied categories, validity windows and scopes; heavy-tailed
/// reactions per advert (lottery adverts draw about five times more); a share of adverts with
/// age, persons or target-group rules.
public struct ExportGenerator: Sendable {
    public var profile: GeneratorProfile
    public var seed: UInt64
    /// Multiplies adverts, households and so reactions.
    public var scale = 1.0
    /// Share of households with a priority status.
    public var priorityShare = 0.2
    /// Share of adverts let by lottery (LOT).
    public var lotteryShare = 0.1
    /// Mean reactions per household; the profile's when nil.
    public var reactionsPerHousehold: Double?
    /// The batch's peildatum; the profile's when nil (for a series of nightly batches).
    public var referenceDate: Day?
    /// Prefix of advert and dwelling ids, so a series of batches has distinct adverts.
    public var advertPrefix = ""

    public init(profile: GeneratorProfile, seed: UInt64) {
        self.profile = profile
        self.seed = seed
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// What was written.
    public struct Written: Sendable {
        public var adverts: Int, households: Int, reactions: Int, bytes: Int
    }

    var advertCount: Int { max(1, Int((Double(profile.adverts) * scale).rounded())) }
    var householdCount: Int { max(1, Int((Double(profile.households) * scale).rounded())) }

    /// Writes the export to `path` (through a temporary name, renamed when complete);
    /// `progress` hears the share of households written.
    public func write(to path: String, progress: ((Double) -> Void)? = nil) throws -> Written {
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw Failure(description: "cannot create \(path): \(String(cString: strerror(errno)))") }
        var writer = ByteWriter(fd: fd)
        let written = generate(&writer, progress: progress)
        writer.flush()
        let failed = writer.failed
        let bytes = writer.written
        let synced = fsync(fd) == 0
        close(fd)
        guard failed == 0, synced, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw Failure(description: "cannot write \(path): \(String(cString: strerror(failed != 0 ? failed : errno)))")
        }
        return Written(adverts: written.adverts, households: written.households, reactions: written.reactions, bytes: bytes)
    }

    /// The municipality, corporation and popularity of each advert, kept for the reactions.
    struct AdvertFacts {
        var municipality: [Int32] = []
        var start: [Int32] = []
        var end: [Int32] = []
        var weight: [Double] = []
    }

    func generate(_ w: inout ByteWriter, progress: ((Double) -> Void)?) -> Written {
        var rng = SeededRandom(seed: seed)
        let today = referenceDate ?? Day(year: profile.referenceDate.year, month: profile.referenceDate.month, day: profile.referenceDate.day)!
        let municipalityWeights = profile.municipalities.map(\.1)
        let municipalityTable = AliasTable(municipalityWeights)
        let adverts = advertCount, households = householdCount

        w.ascii("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Woonruimteverdeling versie=\"1.0\" peildatum=\"")
        w.day(today.components)
        w.ascii("\" regio=\"Generated ")
        w.text(profile.name)
        w.ascii(" seed ")
        w.int(Int(seed))
        w.ascii("\">\n  <Eenheden>\n")

        var facts = AdvertFacts()
        var models: [PublicationModel] = []
        for a in 0..<adverts {
            let m = municipalityTable.draw(&rng)
            facts.municipality.append(Int32(m))
            models.append(writeDwelling(&w, &rng, index: a, municipality: m))
        }
        w.ascii("  </Eenheden>\n  <Publicaties>\n")
        for a in 0..<adverts {
            let start = today.adding(days: -rng.below(max(1, profile.advertSpreadDays)) - 7)
            let end = start.adding(days: 7 + rng.below(14))
            facts.start.append(start.rawValue)
            facts.end.append(min(end, today).rawValue)
            // Heavy-tailed popularity (Pareto, alpha 1.5); lotteries draw about five times more.
            let base = pow(max(rng.unit(), 1e-9), -1 / 1.5)
            facts.weight.append(models[a] == .lottery ? base * 5 : base)
            w.ascii("    <Publicatie id=\"P")
            w.text(advertPrefix)
            w.int(a, width: 7)
            w.ascii("\" model=\"")
            w.text(models[a].rawValue)
            w.ascii("\" begindatum=\"")
            w.day(start.components)
            w.ascii("\" einddatum=\"")
            w.day(min(end, today).components)
            w.ascii("\" eenheid=\"E")
            w.text(advertPrefix)
            w.int(a, width: 7)
            if models[a] == .direct {
                w.ascii("\" relatie=\"H")
                w.int(rng.below(households), width: 8)
            }
            w.ascii("\"/>\n")
        }
        // Households and their reactions stand directly in the root, interleaved.
        w.ascii("  </Publicaties>\n")

        // Reactions go right after their household: memory stays bounded by the adverts.
        let overall = AliasTable(facts.weight.enumerated().map { models[$0.offset] == .direct ? 0 : $0.element })
        var local: [AliasTable] = []
        var localAdverts: [[Int32]] = Array(repeating: [], count: profile.municipalities.count)
        for a in 0..<adverts where models[a] != .direct { localAdverts[Int(facts.municipality[a])].append(Int32(a)) }
        for m in 0..<profile.municipalities.count {
            local.append(AliasTable(localAdverts[m].map { facts.weight[Int($0)] }))
        }
        let mean = reactionsPerHousehold ?? profile.reactionsPerHousehold
        var reactions = 0
        var chosen: [Int] = []
        for h in 0..<households {
            if h & 0xFFFF == 0 { progress?(Double(h) / Double(households)) }
            let m = municipalityTable.draw(&rng)
            writeHousehold(&w, &rng, index: h, municipality: m, today: today)
            // Reactions: a geometric count with the profile's mean, mostly in the own municipality.
            var k = 1
            let p = 1 / max(mean, 1)
            while k < profile.maximumReactions && !rng.chance(p) { k += 1 }
            chosen.removeAll(keepingCapacity: true)
            var attempts = 0
            while chosen.count < k && attempts < 4 * k {
                attempts += 1
                let a: Int
                if rng.chance(0.8), !local[m].isEmpty {
                    a = Int(localAdverts[m][local[m].draw(&rng)])
                } else if !overall.isEmpty {
                    a = overall.draw(&rng)
                } else { break }
                if models[a] == .direct || chosen.contains(a) { continue }
                chosen.append(a)
            }
            w.ascii("  </Relatie>\n")
            for (i, a) in chosen.enumerated() {
                let start = Int(facts.start[a]), end = Int(facts.end[a])
                w.ascii("  <Reactie relatie=\"H")
                w.int(h, width: 8)
                w.ascii("\" publicatie=\"P")
                w.text(advertPrefix)
                w.int(a, width: 7)
                w.ascii("\" datum=\"")
                w.day(Day(rawValue: Int32(start + rng.below(max(1, end - start + 1)))).components)
                w.ascii("\" voorkeur=\"")
                w.int(i + 1)
                w.ascii("\"/>\n")
            }
            reactions += chosen.count
        }
        w.ascii("</Woonruimteverdeling>\n")
        return Written(adverts: adverts, households: households, reactions: reactions, bytes: 0)
    }
}
