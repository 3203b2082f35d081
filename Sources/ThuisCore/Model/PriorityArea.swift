/// A stadsdeel, wijk or buurt that a priority status's profile lists (VERA's
/// `profiel.stadsdelen`, `wijken`, `buurten`): the status holds at dwellings there.
public struct PriorityArea: Sendable, Equatable, Hashable {
    public var kind: AreaKind
    /// The code as the profile gives it (`WK036300`; a stadsdeel's own code, `A`).
    public var code: String
    /// The area in ``Market/areas`` it names; -1 when no dwelling of the batch lies there. A
    /// stadsdeel code names every municipality's stadsdeel of that code (a profile does not say
    /// which municipality's), so it may give several entries.
    public var index: Int32

    public init(kind: AreaKind, code: String, index: Int32) {
        self.kind = kind
        self.code = code
        self.index = index
    }

    /// The entries `code` of `kind` gives: one per area it names, or one with index -1.
    /// `byOwnCode` maps a stadsdeel's or complex's own code to the areas that have it.
    static func resolve(_ kind: AreaKind, _ code: String, in areas: IdTable, byOwnCode: [String: [Int32]]) -> [PriorityArea] {
        switch kind {
        case .borough, .complex:
            let found = byOwnCode[code] ?? []
            return found.isEmpty ? [PriorityArea(kind: kind, code: code, index: -1)] : found.map { PriorityArea(kind: kind, code: code, index: $0) }
        case .district, .neighbourhood:
            return [PriorityArea(kind: kind, code: code, index: areas.index(of: code) ?? -1)]
        }
    }

    /// A stadsdeel's or complex's own code (`A` of `0363:A`) to the areas of `kind` that have it.
    static func ownCodes(_ kind: AreaKind, _ areas: IdTable) -> [String: [Int32]] {
        var codes: [String: [Int32]] = [:]
        for i in 0..<areas.count { codes[kind.parts(of: areas[i]).code, default: []].append(Int32(i)) }
        return codes
    }
}
