import ThuisCore

/// The elements of the export format that hold fields, with the fields each may carry.
///
/// A field may come as an attribute (`<Eenheid gemeente="0363">`) or as a child element with
/// text (`<gemeente>0363</gemeente>`) or with a `code` attribute (`<gemeente code="0363"/>`).
enum RecordType: Int, CaseIterable {
    case root, dwelling, criterion, advert, household, member, income, registration, priority, reaction, offer

    /// The element name.
    var element: String {
        switch self {
        case .root: return "Woonruimteverdeling"
        case .dwelling: return "Eenheid"
        case .criterion: return "Eenheidcriterium"
        case .advert: return "Publicatie"
        case .household: return "Relatie"
        case .member: return "Lid"
        case .income: return "Inkomen"
        case .registration: return "Inschrijving"
        case .priority: return "Voorrangsregeling"
        case .reaction: return "Reactie"
        case .offer: return "Aanbieding"
        }
    }

    /// The fields, in the order of the `Field` enum of the record's decoder.
    var fields: [String] {
        switch self {
        case .root: return RootField.names
        case .dwelling: return DwellingField.names
        case .criterion: return CriterionField.names
        case .advert: return AdvertField.names
        case .household: return HouseholdField.names
        case .member: return MemberField.names
        case .income: return IncomeField.names
        case .registration: return RegistrationField.names
        case .priority: return PriorityField.names
        case .reaction: return ReactionField.names
        case .offer: return OfferField.names
        }
    }

    /// The records that may be nested directly inside this one.
    var children: [RecordType] { RecordType.childTable[rawValue] }

    private static let childTable = allCases.map(\.childTypes)

    private var childTypes: [RecordType] {
        switch self {
        case .root: return [.dwelling, .advert, .household, .reaction, .offer]
        case .dwelling: return [.criterion]
        case .household: return [.member, .registration, .priority]
        case .member: return [.income]
        default: return []
        }
    }

    /// Whether `field` may occur more than once (a list): a Voorrangsregeling's places.
    @inline(__always)
    func isRepeatable(_ field: Int) -> Bool { RecordType.repeatableMasks[rawValue] & (1 << UInt32(field)) != 0 }

    /// Whether the record has a repeatable field at all.
    var hasRepeatable: Bool { RecordType.repeatableMasks[rawValue] != 0 }

    private static let repeatableMasks: [UInt32] = allCases.map { type in
        type == .priority ? [PriorityField.gemeente, .stadsdeel, .wijk, .buurt].reduce(0) { $0 | 1 << UInt32($1.rawValue) } : 0
    }

    /// Number of record types.
    static let count = allCases.count

    /// Wrapper elements allowed around the records at the top level, e.g. `<Eenheden>`.
    static let containers = ["Eenheden", "Publicaties", "Relaties", "Reacties", "Aanbiedingen"]

    /// The most fields any record has, to size the per-record slots.
    static let maxFields = fieldCounts.max()!

    private static let fieldCounts = allCases.map(\.fields.count)

    /// Number of fields, without building the names.
    var fieldCount: Int { RecordType.fieldCounts[rawValue] }
}

/// Field enums: raw value = position in the record's field list.
protocol FieldName: RawRepresentable, CaseIterable where RawValue == Int {}
extension FieldName {
    static var names: [String] { allCases.map { "\($0)" } }
}

enum RootField: Int, FieldName { case versie, peildatum, regio }
enum DwellingField: Int, FieldName {
    case id, gemeente, corporatie, kamersAantal, rekenhuur, brutohuur, doelgroep, aanvullendeDoelgroep
    case toegankelijkheidslabel, maatschappelijkLabel
    case stadsdeel, wijk, buurt, cluster

    /// The field that carries an area of `kind`.
    static func area(_ kind: AreaKind) -> DwellingField {
        switch kind {
        case .borough: return .stadsdeel
        case .district: return .wijk
        case .neighbourhood: return .buurt
        case .complex: return .cluster
        }
    }
}
enum CriterionField: Int, FieldName {
    case soort, detailsoort, toepassing, aantalOndergrens, aantalBovengrens, aantalExact
}
enum AdvertField: Int, FieldName {
    case id, model, detailModel, begindatum, einddatum, eenheid, relatie, reservering
}
enum HouseholdField: Int, FieldName { case id, gemeente, werkgemeente }
enum MemberField: Int, FieldName { case id, geboortedatum }
enum IncomeField: Int, FieldName { case soort, bedrag, jaar }
enum RegistrationField: Int, FieldName { case id, begindatum, zoekpunten, situatiepunten, startpunten }
enum PriorityField: Int, FieldName { case id, soort, detailSoort, begindatum, einddatum, gemeente, stadsdeel, wijk, buurt }
enum ReactionField: Int, FieldName { case id, relatie, publicatie, datum, voorkeur }
enum OfferField: Int, FieldName { case id, publicatie, relatie, status, detailStatus, datum, vervaldatum }
