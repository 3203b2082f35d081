/// The kinds of records an export holds, named as in VERA.
public enum EntityKind: String, Sendable, CaseIterable, Codable {
    case dwelling = "Eenheid"
    case advert = "Publicatie"
    case household = "Relatie"
    case reaction = "Reactie"
    case offer = "Aanbieding"
}
