import ThuisCore

/// An allocation's output folder read back: allocations.csv, candidates.csv and
/// quota-report.csv as typed rows that keep their line numbers, for `thuis verify`.
struct ResultTables {
    struct Letting {
        var line: Int
        var advert: String
        var household: String?
        var position: Int?
        var reservedFor: String
        var groups: Set<String>
        /// `ranking`, `lottery`, `direct`, `already_let`, `unlet_direct` or `unlet`.
        var how: String
        /// The advert's begindatum: sequential offers go in this order, then by advert id.
        var published: String
        var municipality: String
        var corporation: String
        /// Stadsdeel, wijk, buurt and complex (qualified codes; empty where none), by ``AreaKind``.
        var areas: [String]
        var persons: Int?
        var countsAgainst: Set<String>

        var isLet: Bool { household != nil }
        /// Let by the mechanism (not directly).
        var byMechanism: Bool { how == "ranking" || how == "lottery" }
        /// Open to the mechanism: not direct, not let by an earlier batch.
        var open: Bool { byMechanism || how == "unlet" }

        /// Whether the advert counts in a quota-report scope (`region`, `municipality 0344`,
        /// `buurt BU03440101`, ...).
        func isIn(scope: String) -> Bool {
            if scope == "region" || scope == "municipality \(municipality)" || scope == "corporation \(corporation)" { return true }
            for kind in AreaKind.allCases where !areas[kind.rawValue].isEmpty && scope == "\(kind.word) \(areas[kind.rawValue])" { return true }
            return false
        }

        /// Every quota-report scope the advert counts in.
        var scopes: [String] {
            ["region", "municipality \(municipality)", "corporation \(corporation)"]
                + AreaKind.allCases.filter { !areas[$0.rawValue].isEmpty }.map { "\($0.word) \(areas[$0.rawValue])" }
        }
    }

    /// One reaction, compactly: a region has millions.
    struct Candidate {
        var line: Int32
        var advert: Int32
        var household: Int32
        var preference: Int32
        var eligible: Bool
        /// 0 when not eligible or at a direct advert.
        var position: Int32
        var groups: UInt64
        var persons: Int32
        var countsAgainst: UInt64
        var outcome: Outcome
    }

    enum Outcome: Equatable {
        case none, let_, direct, rankedBelow, housedPreferred, housedEarlier, housedDirect, advertDirect, unexplained
        case caps(UInt64)
        /// Turned away by these caps, which have room at the end; letting it in broke another rule.
        case kept(UInt64)
        /// A reaction the ledger's offer history excluded (its reason, e.g. `REFUSED_BEFORE`).
        case offerHistory(ExclusionReason)
        case unknown
    }

    struct QuotaRow {
        var line: Int
        var quota: String, kind: String, group: String, scope: String, period: String, unit: String
        var target: Int, reserved: Int, achieved: Int, shortfall: Int, bound: Int?, reason: String
        /// The scope's bare value, as the ledger's year-to-date figures name it.
        var scopeValue: String {
            for prefix in ["municipality ", "corporation "] + AreaKind.allCases.map({ "\($0.word) " }) where scope.hasPrefix(prefix) {
                return String(scope.dropFirst(prefix.count))
            }
            return scope
        }
    }

    var lettings: [Letting] = []
    var advertIndex: [String: Int] = [:]
    var candidates: [Candidate] = []
    var householdIDs: [String] = []
    var householdIndex: [String: Int32] = [:]
    /// Group and cap names met, each a bit of ``Candidate/groups`` and ``Candidate/countsAgainst``.
    var groupNames: [String] = []
    var capNames: [String] = []
    var quotas: [QuotaRow] = []
    /// Per advert row: its place in publication order (begindatum, then the file's id order).
    var publicationRank: [Int] = []

    static let allocationsHeader = "advert_id,household_id,position,reserved_for,groups,how,published,municipality,corporation,persons,counts_against"
    /// The header of an allocation whose export names areas.
    static let allocationsHeaderWithAreas = "advert_id,household_id,position,reserved_for,groups,how,published,municipality,corporation,stadsdeel,wijk,buurt,complex,persons,counts_against"
    static let candidatesHeader = "advert_id,household_id,preference,eligible,reason,position,groups,persons,counts_against,outcome"
    static let quotaHeader = "quota,kind,group,scope,period,unit,target,reserved,achieved,shortfall,bound,reason"
    static let hows: Set<String> = ["ranking", "lottery", "direct", "already_let", "unlet_direct", "unlet"]

    /// No rows: what a check reports on when the files could not be read.
    init() {}

    /// Reads the three tables; throws a located ``Diagnostic`` (`NOT_A_RESULT`) at the first
    /// field that is not what Thuis writes there. `content` is what candidates.csv lists: a
    /// file of eligible reactions holds no other row, and with `none` it is not read.
    init(allocations allocationBytes: [UInt8], candidates candidateBytes: [UInt8], quotaReport: [UInt8], folder: String,
         content: CandidatesContent = .all) throws {
        let quotaFile = folder + "/quota-report.csv"
        try CSVReader.forEachRecord(quotaReport, file: quotaFile) { record in
            let f = try Fields(record, file: quotaFile, header: ResultTables.quotaHeader)
            guard !f.isHeader else { return }
            quotas.append(QuotaRow(line: f.line, quota: f[0], kind: try f.choice(1, ["floor", "cap"]), group: f[2], scope: f[3], period: f[4],
                                   unit: try f.choice(5, ["households", "persons"]), target: try f.int(6), reserved: try f.int(7),
                                   achieved: try f.int(8), shortfall: try f.int(9), bound: try f.optionalInt(10), reason: f[11]))
        }
        for q in quotas where q.kind == "cap" && !capNames.contains(q.quota) { capNames.append(q.quota) }

        let allocationsFile = folder + "/allocations.csv"
        var allocationsHeader = ResultTables.allocationsHeader
        try CSVReader.forEachRecord(allocationBytes, file: allocationsFile) { record in
            if record[0].line == 1 && record.map(\.text).joined(separator: ",") == ResultTables.allocationsHeaderWithAreas {
                allocationsHeader = ResultTables.allocationsHeaderWithAreas
            }
            let f = try Fields(record, file: allocationsFile, header: allocationsHeader)
            guard !f.isHeader else { return }
            let areaCount = allocationsHeader == ResultTables.allocationsHeader ? 0 : AreaKind.allCases.count
            let letting = Letting(line: f.line, advert: f[0], household: f[1].isEmpty ? nil : f[1], position: try f.optionalInt(2),
                                  reservedFor: f[3], groups: f.list(4), how: try f.choice(5, ResultTables.hows), published: f[6],
                                  municipality: f[7], corporation: f[8],
                                  areas: areaCount == 0 ? Array(repeating: "", count: AreaKind.allCases.count) : (9..<13).map { f[$0] },
                                  persons: try f.optionalInt(9 + areaCount), countsAgainst: f.list(10 + areaCount))
            if advertIndex.updateValue(lettings.count, forKey: letting.advert) != nil {
                throw f.fail(0, "advert \(letting.advert) has a second row")
            }
            lettings.append(letting)
        }
        publicationRank = Array(repeating: 0, count: lettings.count)
        for (rank, a) in lettings.indices.sorted(by: { (lettings[$0].published, $0) < (lettings[$1].published, $1) }).enumerated() {
            publicationRank[a] = rank
        }

        guard content != .none else { return }
        let candidatesFile = folder + "/candidates.csv"
        try CSVReader.forEachRecord(candidateBytes, file: candidatesFile) { record in
            let f = try Fields(record, file: candidatesFile, header: ResultTables.candidatesHeader)
            guard !f.isHeader else { return }
            guard let a = advertIndex[f[0]] else { throw f.fail(0, "advert \(f[0]) is not in allocations.csv") }
            let h = householdIndex[f[1]] ?? {
                householdIndex[f[1]] = Int32(householdIDs.count)
                householdIDs.append(f[1])
                return Int32(householdIDs.count - 1)
            }()
            let eligible = try f.choice(3, ["true", "false"]) == "true"
            if content == .eligible && !eligible {
                throw f.fail(3, "summary.json says this candidates.csv lists only the eligible reactions, but this one is not eligible")
            }
            candidates.append(Candidate(
                line: Int32(clamping: f.line), advert: Int32(a), household: h, preference: Int32(clamping: try f.int(2)), eligible: eligible,
                position: Int32(clamping: try f.optionalInt(5) ?? 0), groups: try bits(f, 6, &groupNames),
                persons: Int32(clamping: try f.optionalInt(7) ?? 1), countsAgainst: try bits(f, 8, &capNames),
                outcome: try outcome(f, 9)))
        }
    }

    private func outcome(_ f: Fields, _ i: Int) throws -> Outcome {
        switch f[i] {
        case "": return .none
        case "let": return .let_
        case "direct": return .direct
        case "ranked_below": return .rankedBelow
        case "housed_preferred": return .housedPreferred
        case "housed_earlier": return .housedEarlier
        case "housed_direct": return .housedDirect
        case "advert_direct": return .advertDirect
        case "unexplained": return .unexplained
        case let text where text.hasPrefix("cap:") || text.hasPrefix("kept:"):
            let prefix = text.hasPrefix("cap:") ? "cap:" : "kept:"
            var mask: UInt64 = 0
            for part in text.split(separator: ";", omittingEmptySubsequences: false) {
                guard part.hasPrefix(prefix), let c = capNames.firstIndex(of: String(part.dropFirst(prefix.count))), c < 63 else {
                    throw f.fail(i, "\(part) names no cap of quota-report.csv")
                }
                mask |= 1 << UInt64(c)
            }
            return prefix == "cap:" ? .caps(mask) : .kept(mask)
        case let text:
            // The ledger's reasons, which go with the same reason in upper case.
            guard let reason = ExclusionReason.allCases.first(where: { $0.isOfferHistory && $0.outcomeCode == text }) else { return .unknown }
            guard f[4] == reason.code else { throw f.fail(i, "the outcome \(text) goes with the reason \(reason.code), not '\(f[4])'") }
            return .offerHistory(reason)
        }
    }

    /// The `;`-separated names of field `i` as bits over `names` (new names are added).
    private func bits(_ f: Fields, _ i: Int, _ names: inout [String]) throws -> UInt64 {
        var mask: UInt64 = 0
        for name in f.list(i) {
            let index = names.firstIndex(of: name) ?? { names.append(name); return names.count - 1 }()
            guard index < 64 else { throw f.fail(i, "more than 64 different names in this column") }
            mask |= 1 << UInt64(index)
        }
        return mask
    }

    /// One record's fields, checked against the header's width.
    struct Fields {
        let record: [CSVReader.Field]
        let file: String
        let isHeader: Bool
        var line: Int { record[0].line }

        init(_ record: [CSVReader.Field], file: String, header: String) throws {
            self.record = record
            self.file = file
            isHeader = record[0].line == 1
            let width = header.split(separator: ",").count
            if isHeader && record.map(\.text).joined(separator: ",") != header {
                throw Diagnostic.error(.notAResult, "the header is not Thuis's: expected \(header)",
                                       at: SourceLocation(file: file, line: 1, column: 1))
            }
            guard record.count == width else {
                throw Diagnostic.error(.notAResult, "\(record.count) fields; this file has \(width)",
                                       at: SourceLocation(file: file, line: record[0].line, column: 1))
            }
        }

        subscript(i: Int) -> String { record[i].text }

        func fail(_ i: Int, _ message: String) -> Diagnostic {
            .error(.notAResult, message, at: SourceLocation(file: file, line: record[i].line, column: record[i].column))
        }

        func int(_ i: Int) throws -> Int {
            guard let value = Int(record[i].text), (-1_000_000_000...1_000_000_000).contains(value) else {
                throw fail(i, "\"\(record[i].text)\" is not a whole number")
            }
            return value
        }

        func optionalInt(_ i: Int) throws -> Int? { record[i].text.isEmpty ? nil : try int(i) }

        func choice(_ i: Int, _ values: Set<String>) throws -> String {
            guard values.contains(record[i].text) else {
                throw fail(i, "\"\(record[i].text)\" is not one of \(values.sorted().joined(separator: ", "))")
            }
            return record[i].text
        }

        func list(_ i: Int) -> Set<String> {
            Set(record[i].text.split(separator: ";").map(String.init))
        }
    }
}
