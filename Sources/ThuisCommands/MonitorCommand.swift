import Foundation
import ThuisCore
import ThuisLedger
import ThuisPolicyFile
import ThuisReports

/// `thuis monitor --ledger PATH --period 2026 --stock STOCK.csv [--programme PLAN.csv]
/// [--policy FILE] [--key stock|population|lettings] [--format table|csv|json] [--html FILE]`:
/// the programme's three 30% norms and each municipality's fair share of housing aandachtsgroepen,
/// side by side, per municipality of the region.
///
/// Every input is read and checked before anything is printed or written: a municipality the
/// stock file does not hold, a year it lacks, a negative count, a share above 100% are errors at
/// their place, and then nothing is written. The page is written whole or not at all, and only
/// over a page `thuis monitor` wrote.
public struct MonitorCommand: ThuisCommand {
    public enum Format: String, Sendable, CaseIterable { case table, csv, json }
    /// The areas the spread within municipalities is measured over.
    public enum Level: String, Sendable, CaseIterable {
        case wijk, buurt
        var kind: AreaKind { self == .wijk ? .district : .neighbourhood }
    }

    public var ledgerPath: String
    public var period: String
    public var stockPath: String
    public var programmePath: String?
    /// The policy the batches ran under, for the lettings floor; the programme's 30% without it.
    public var policyPath: String?
    public var key = FairShare.Key.stock
    /// The group the lettings norm and the fair share count.
    public var group = "aandachtsgroepen"
    /// The programme counts the years of the period through this one.
    public var targetYear: Int?
    public var format = Format.table
    public var within = Level.wijk
    public var htmlPath: String?
    /// The page's language: Dutch by default, for a council.
    public var language = LetterLanguage.nl

    public init(ledgerPath: String, period: String, stockPath: String) {
        self.ledgerPath = ledgerPath
        self.period = period
        self.stockPath = stockPath
    }

    /// The year the stock is to reach its norm by when `--target-year` is not given: the
    /// programme's horizon (the letter's "in 2030").
    public static let defaultTargetYear = 2030

    public func execute() throws -> CommandOutcome {
        guard let period = ReportingPeriod(period) else {
            throw CommandFailure.usage("--period is a year (2026) or a half-year (2026-H1, 2026-H2)")
        }
        let year = period.from.components.year
        let target = targetYear ?? max(year, Self.defaultTargetYear)
        guard (year...2100).contains(target) else {
            throw CommandFailure.usage("--target-year must be from the period's year (\(year)) to 2100")
        }
        if let htmlPath { try OwnFile.page.requireReplaceable(htmlPath, option: "--html", inputs: [ledgerPath, stockPath] + [programmePath, policyPath].compactMap { $0 }) }

        // Both files are read, and the problems of both reported, before anything else.
        let stockBytes = try CSVInput.read(stockPath)
        let programmeBytes = try programmePath.map(CSVInput.read)
        var problems: [Diagnostic] = []
        let stock = Self.collect(&problems) { try StockFile(stockBytes, file: stockPath) }
        let programme = programmeBytes.flatMap { bytes in Self.collect(&problems) { try ProgrammeFile(bytes, file: programmePath!) } }
        guard let stock, problems.isEmpty else { throw CommandFailure(problems) }
        let (floor, floorSource, policyHash) = try lettingsFloor()

        let ledger = try Ledger(path: ledgerPath)
        let (offers, batches) = try ledger.read { tx in
            (try tx.offers(from: period.from.description, until: period.until.description), try tx.batches())
        }
        let (lettings, batchIDs) = Self.tally(offers)

        let region = try checkRegion(stock: stock, programme: programme, lettings: lettings, year: year, ledger: Ledger.absolute(ledgerPath))
        var settings = ProgrammeMonitor.Settings(year: year, targetYear: target, group: group)
        settings.lettingsFloor = floor
        settings.key = key
        let monitor = ProgrammeMonitor(stock: region, plans: programme?.entries.map(\.plan), lettings: lettings, settings: settings)
        if monitor.region.fairShare.keyValue == 0 && monitor.region.fairShare.groupLettings > 0 {
            throw CommandFailure(.invalidValue, "the key \(key.rawValue) is zero in every municipality of \(stockPath) for \(year): lettings to \(group) cannot be shared out by it")
        }

        var inputs = MonitorReport.Inputs(ledger: Ledger.absolute(ledgerPath), stock: stockPath, stockSHA256: Fingerprint.sha256(stockBytes),
                                          batches: batchIDs.count)
        inputs.programme = programmePath
        inputs.programmeSHA256 = programmeBytes.map(Fingerprint.sha256)
        inputs.policy = policyPath
        inputs.policySHA256 = policyHash
        var notes: [MonitorNote] = []
        if let policyHash {
            let ran = Set(batches.filter { batchIDs.contains($0.id) }.map(\.policySHA256))
            inputs.policyMatchesBatches = ran.isEmpty || ran == [policyHash]
            if inputs.policyMatchesBatches == false {
                let hashes = "SHA-256 \(ran.sorted().map { String($0.prefix(12)) }.joined(separator: ", ")), given \(policyHash.prefix(12))"
                notes.append(MonitorNote("the batches of \(period) ran under \(ran.count == 1 ? "another policy" : "\(ran.count) policies") than \(policyPath ?? "") (\(hashes)): the floor may not be the one they had",
                                         dutch: "de rondes van \(period) liepen onder \(ran.count == 1 ? "een ander beleid" : "\(ran.count) beleidsbestanden") dan \(policyPath ?? "") (\(hashes)): de ondergrens is misschien niet die van toen"))
            }
        }
        if lettings.isEmpty {
            notes.append(MonitorNote("the ledger holds no offers in \(period)", dutch: "de ledger bevat geen aanbiedingen in \(period)"))
        } else if monitor.region.lettings.accepted > 0 && !monitor.rows.contains(where: { $0.lettings.perGroup[group] != nil }) {
            let known = Set(lettings.values.flatMap(\.perGroup.keys)).sorted().joined(separator: ", ")
            notes.append(MonitorNote("no accepted letting of \(period) counts to the group '\(group)'; the ledger's groups: \(known)",
                                     dutch: "geen geaccepteerde verhuring van \(period) telt voor de groep '\(group)'; de groepen in de ledger: \(known)"))
        }
        if !stock.withoutFigures.isEmpty || stock.skipped > 0 {
            let empty = stock.withoutFigures.values.reduce(0) { $0 + $1.count }
            notes.append(MonitorNote("\(stockPath): \(stock.skipped) row(s) of other regions or occupancy statuses and \(empty) row(s) without figures were not read",
                                     dutch: "\(stockPath): \(stock.skipped) regel(s) van andere gebieden of bewoningsstatussen en \(empty) regel(s) zonder cijfers zijn niet gelezen"))
        }
        if let programme {
            let outside = programme.entries.filter { !(year...target).contains($0.plan.year) }.count
            if outside > 0 {
                notes.append(MonitorNote("\(programmePath!): \(outside) row(s) of years outside \(year)-\(target) are not counted",
                                         dutch: "\(programmePath!): \(outside) regel(s) van jaren buiten \(year)-\(target) tellen niet mee"))
            }
        }
        let names = Dictionary(stock.entries.filter { $0.stock.year == year }.compactMap { e in e.name.map { (e.stock.municipality, $0) } },
                               uniquingKeysWith: { first, _ in first })
        var report = MonitorReport(monitor, period: period, floorSource: floorSource, inputs: inputs, names: names, notes: notes)
        let ran = batches.filter { batchIDs.contains($0.id) }.map(\.peildatum).sorted()
        if let first = ran.first, let last = ran.last { report.covered = MonitorReport.Covered(first: first, last: last, batches: ran.count) }
        // Every key the stock file allows, side by side: where they disagree, the choice of key decides.
        let keys = FairShare.Key.allCases.filter { $0 != .population || region.allSatisfy { $0.population != nil } }
        report.compare(keys.map { key in
            var each = settings
            each.key = key
            return (key, key == self.key ? monitor : ProgrammeMonitor(stock: region, plans: programme?.entries.map(\.plan), lettings: lettings, settings: each))
        })
        report.within = Self.within(offers, stock: stock, municipalities: region.map(\.municipality), year: year, kind: within.kind,
                                    group: group, names: names)
        if report.within.isEmpty && monitor.region.lettings.accepted > 0 {
            report.notes.append(MonitorNote("no accepted letting of \(period) names a \(within.rawValue) (the export gave none, or the ledger recorded them before it kept areas): the spread within municipalities is not measured",
                                            dutch: "geen geaccepteerde verhuring van \(period) noemt een \(within.rawValue) (de export gaf die niet, of de ledger legde de verhuring vast voordat hij gebieden bijhield): de verdeling binnen de gemeenten is niet gemeten"))
        }

        let text: String
        switch format {
        case .table: text = report.table()
        case .csv: text = report.csv()
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.keyEncodingStrategy = .convertToSnakeCase
            text = String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
        }
        if let htmlPath {
            try AtomicFile.write(MonitorPage.html(report, language: language), to: htmlPath)
            return CommandOutcome(exit: .ok, stdout: text, stderr: "Wrote \(htmlPath)\n")
        }
        return CommandOutcome(exit: .ok, stdout: text)
    }

    /// The floor on `group` the lettings are measured against, where it comes from, and the
    /// policy's SHA-256: the policy's share floor (the one per municipality if there are several),
    /// else the programme's 30%.
    private func lettingsFloor() throws -> (Norm, MonitorNote, String?) {
        guard let policyPath else { return (.programme, MonitorNote("the programme's 30%: no --policy given", dutch: "de 30% van het programma: geen --policy gegeven"), nil) }
        let policy = try PolicyFile.load(policyPath).get()
        guard policy.groups.contains(where: { $0.name == group }) else {
            throw CommandFailure(.unknownGroup, "the policy has no group '\(group)'; its groups: \(policy.groups.map(\.name).sorted().joined(separator: ", "))",
                                 at: SourceLocation(file: policyPath, line: 0, column: 0))
        }
        let hash = try Fingerprint.sha256(files: [policyPath])
        func share(_ quota: Quota) -> Double? {
            if case .share(let share) = quota.amount { return share }
            return nil
        }
        let floors = policy.quotas.filter { $0.kind == .floor && $0.group == group && share($0) != nil }
        guard let quota = floors.first(where: { $0.scope == .municipality }) ?? floors.first, let floor = share(quota) else {
            return (.programme, MonitorNote("the programme's 30%: the policy has no share floor for \(group)",
                                            dutch: "de 30% van het programma: het beleid heeft geen ondergrens als aandeel voor \(group)"), hash)
        }
        let period = ["batch": "ronde", "half-year": "halfjaar", "year": "jaar"][quota.period.rawValue] ?? quota.period.rawValue
        let scope = ["municipality": "gemeente", "corporation": "corporatie", "region": "regio"][quota.scope.rawValue] ?? quota.scope.rawValue
        return (Norm(floor), MonitorNote("the policy's quota \(quota.name), a floor per \(quota.scope.rawValue) per \(quota.period.rawValue)"
                                         + (quota.scope == .municipality ? "" : "; each municipality is measured against the same share"),
                                         dutch: "quotum \(quota.name) van het beleid, een ondergrens per \(scope) per \(period)"
                                         + (quota.scope == .municipality ? "" : "; elke gemeente wordt aan hetzelfde aandeel gemeten")), hash)
    }

    /// The period's offers per municipality (accepted lettings per group, open offers), and the
    /// batches they came from.
    static func tally(_ offers: [RecordedOffer]) -> ([String: MunicipalLettings], Set<String>) {
        var lettings: [String: MunicipalLettings] = [:]
        var batchIDs: Set<String> = []
        for o in offers {
            batchIDs.insert(o.batchID)
            let letting = o.offer.letting
            var m = lettings[letting.municipality] ?? MunicipalLettings(municipality: letting.municipality)
            switch o.status {
            case .allocated:
                m.accepted += 1
                for g in letting.groups.isEmpty ? ["regular"] : letting.groups.sorted() { m.perGroup[g, default: 0] += 1 }
            case .offered: m.open += 1
            case .refused, .withdrawn: break
            }
            lettings[letting.municipality] = m
        }
        return (lettings, batchIDs)
    }

    /// The spread of the period's accepted lettings to `group` over the areas of `kind` within
    /// each municipality that has lettings placed in such areas, against the stock file's area
    /// rows of `year`.
    static func within(_ offers: [RecordedOffer], stock: StockFile, municipalities: [String], year: Int, kind: AreaKind,
                       group: String, names: [String: String]) -> [MonitorReport.Within] {
        var placed: [String: [String: (lettings: Int, group: Int)]] = [:], unplaced: [String: Int] = [:]
        for o in offers where o.status == .allocated {
            let letting = o.offer.letting
            guard let code = letting.areas[kind] else {
                unplaced[letting.municipality, default: 0] += 1
                continue
            }
            placed[letting.municipality, default: [:]][code, default: (0, 0)].lettings += 1
            if letting.groups.contains(group) { placed[letting.municipality, default: [:]][code, default: (0, 0)].group += 1 }
        }
        let areaStock = stock.areaEntries.filter { $0.kind == kind && $0.stock.year == year }
        let areaNames = Dictionary(areaStock.compactMap { e in e.name.map { (e.stock.municipality, $0) } }, uniquingKeysWith: { a, _ in a })
        return municipalities.compactMap { m in
            guard let areas = placed[m] else { return nil }
            let ownStock = Dictionary(areaStock.filter { $0.municipality == m }.map { ($0.stock.municipality, $0.stock) }, uniquingKeysWith: { a, _ in a })
            let concentration = AreaConcentration(municipality: m, kind: kind, lettings: areas.map { ($0.key, $0.value.lettings, $0.value.group) },
                                                  stock: ownStock, unplaced: unplaced[m] ?? 0)
            return MonitorReport.Within(concentration, name: names[m], areaNames: areaNames)
        }
    }

    /// The region's stock for `year`, after checking that every municipality of the programme
    /// and of the ledger's lettings is in it with figures for `year`.
    private func checkRegion(stock: StockFile, programme: ProgrammeFile?, lettings: [String: MunicipalLettings], year: Int, ledger: String) throws -> [MunicipalStock] {
        let ofYear = stock.entries.filter { $0.stock.year == year }
        var byCode: [String: StockFile.Entry] = [:]
        for entry in ofYear { byCode[entry.stock.municipality] = entry }
        var known: [String: [Int]] = [:]
        for entry in stock.entries { known[entry.stock.municipality, default: []].append(entry.stock.year) }
        for (code, rows) in stock.withoutFigures { known[code, default: []] += rows.map(\.year) }
        var problems: [Diagnostic] = []
        guard !ofYear.isEmpty else {
            throw CommandFailure(.missingYear, "no municipality has figures for \(year); the file has \(stock.years.map(String.init).joined(separator: ", "))",
                                 at: SourceLocation(file: stockPath, line: 1, column: 1))
        }
        func missing(_ code: String) -> String {
            let years = Set(stock.entries.filter { $0.stock.municipality == code }.map(\.stock.year)).sorted()
            return years.isEmpty ? "no figures in any year" : "figures for \(years.map(String.init).joined(separator: ", ")) only"
        }
        for entry in programme?.entries ?? [] where byCode[entry.plan.municipality] == nil {
            let code = entry.plan.municipality
            let at = SourceLocation(file: programme!.file, line: entry.line, column: entry.column)
            problems.append(known[code] == nil
                ? .error(.unknownMunicipality, "municipality \(code) is not in \(stockPath)", at: at)
                : .error(.missingYear, "\(stockPath) has no stock for municipality \(code) in \(year) (\(missing(code)))", at: at))
        }
        // Refused and withdrawn offers are no lettings: a municipality with only those counts nowhere.
        for code in lettings.keys.sorted() where byCode[code] == nil && lettings[code]!.accepted + lettings[code]!.open > 0 {
            let n = lettings[code]!
            let what = "\(n.accepted) accepted letting(s) and \(n.open) open offer(s) in \(period) in municipality \(code)"
            if let row = stock.withoutFigures[code]?.first(where: { $0.year == year }) {
                problems.append(.error(.missingYear, "\(ledger) holds \(what), whose row has no figures for \(year)", at: SourceLocation(file: stockPath, line: row.line, column: 1)))
            } else if known[code] != nil {
                problems.append(.error(.missingYear, "\(ledger) holds \(what), for which the file has \(missing(code))", at: SourceLocation(file: stockPath, line: 1, column: 1)))
            } else {
                problems.append(.error(.unknownMunicipality, "\(ledger) holds \(what), which is not in \(stockPath)", at: SourceLocation(file: stockPath, line: 1, column: 1)))
            }
        }
        if key == .population {
            for entry in ofYear where entry.stock.population == nil {
                problems.append(.error(.missingField, "--key population needs the inhabitants of \(entry.stock.municipality) in \(year): add a column \(StockFile.populationColumns.joined(separator: " or "))",
                                       at: SourceLocation(file: stockPath, line: entry.line, column: 1)))
            }
        }
        guard problems.isEmpty else { throw CommandFailure(Array(problems.prefix(100))) }
        return ofYear.map(\.stock)
    }

    /// What `body` reads; nil after adding its problems to `problems`.
    static func collect<T>(_ problems: inout [Diagnostic], _ body: () throws -> T) -> T? {
        do {
            return try body()
        } catch {
            problems += CommandFailure(error).diagnostics
            return nil
        }
    }
}
