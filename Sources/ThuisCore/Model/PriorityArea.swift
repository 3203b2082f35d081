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

    /// The entries `code` of `kind` gives in `market`: one per area it names, or one with index -1.
    static func resolve(_ kind: AreaKind, _ code: String, in areas: IdTable) -> [PriorityArea] {
        switch kind {
        case .borough, .complex:
            let found = (0..<areas.count).filter { kind.parts(of: areas[$0]).code == code }
            return found.isEmpty ? [PriorityArea(kind: kind, code: code, index: -1)]
                : found.map { PriorityArea(kind: kind, code: code, index: Int32($0)) }
        case .district, .neighbourhood:
            return [PriorityArea(kind: kind, code: code, index: areas.index(of: code) ?? -1)]
        }
    }
}
