/// The few fields of a fetched item that decide what else a fetch needs: which publications are
/// due, which dwellings they let, which households reacted. Read leniently (a field of the wrong
/// shape is absent here): the batch reader checks every field, with its place, afterwards.
public struct ItemReferences: Sendable, Equatable {
    /// `id`.
    public var id: String?
    /// `idExtern`: the key in the system the item comes from (Thuis's, for its results).
    public var externalID: String?
    /// `idOrganisatie`: the organisation responsible (a publication's corporation).
    public var organisation: String?
    /// `status.code` (or a bare string).
    public var status: String?
    /// `einddatum`, its first ten characters.
    public var end: String?
    /// `eenheden[].id` (a Publicatie) or `eenheid.id` (a Kandidaat).
    public var dwellings: [String] = []
    /// A Kandidaat's `relatie.id` and `relatie.soort.code`.
    public var relation: String?
    public var relationKind: String?
    /// A Kandidaat's, Reactie's or Aanbieding's publication: `publicatie.id` or
    /// *extra-attribuut* `publicatie`.
    public var publication: String?
    /// A Publicatie's household for a direct allocation: *extra-attribuut* `relatie`.
    public var namedHousehold: String?
    /// A Relatie's `soort.code` (GRO, NAT), and the ids of the Relatiegroepen in its `relaties`
    /// (for a person: the households it is a member of).
    public var kind: String?
    public var groups: [String] = []
    /// A Relatiegroep's members given only by key (an id, no `geboortedatum`).
    public var memberKeys: [String] = []

    /// The references of one item (an object's bytes); nil when it is not a JSON object.
    public static func of(_ item: ArraySlice<UInt8>) -> ItemReferences? {
        var tape = JSONTape()
        return item.withUnsafeBytes { raw -> ItemReferences? in
            var scanner = JSONScanner(raw, position: 0, line: 1, lineStart: 0)
            do throws(JSONFailure) { try scanner.value(into: &tape) } catch { return nil }
            return tape.nodes.withUnsafeBufferPointer { nodes in
                tape.scratch.withUnsafeBytes { scratch in
                    let json = JSONItem(nodes: nodes, input: raw, scratch: scratch, root: 0)
                    guard json.kind(0) == .object else { return nil }
                    return ItemReferences(json)
                }
            }
        }
    }

    private init(_ json: JSONItem) {
        func value(_ object: Int32, _ name: StaticString) -> Int32? {
            guard let (n, repeated) = json.member(object, name), repeated == nil, json.kind(n) != .null else { return nil }
            return n
        }
        func string(_ object: Int32, _ path: StaticString...) -> String? {
            var n = object
            for name in path {
                guard let next = value(n, name) else { return nil }
                n = next
            }
            return json.kind(n) == .string ? String(decoding: json.bytes(n), as: UTF8.self) : nil
        }
        func code(_ object: Int32, _ name: StaticString) -> String? {
            guard let n = value(object, name) else { return nil }
            if json.kind(n) == .string { return String(decoding: json.bytes(n), as: UTF8.self) }
            return string(n, "code")
        }
        id = string(0, "id")
        externalID = string(0, "idExtern")
        organisation = string(0, "idOrganisatie")
        status = code(0, "status")
        end = string(0, "einddatum").map { String($0.prefix(10)) }
        if let list = value(0, "eenheden"), json.kind(list) == .array {
            dwellings = json.items(list).compactMap { string($0, "id") }
        } else if let one = string(0, "eenheid", "id") {
            dwellings = [one]
        }
        if let relatie = value(0, "relatie") {
            if json.kind(relatie) == .string {
                relation = VERASession.lastPathSegment(json.bytes(relatie)).map { String(decoding: $0, as: UTF8.self) }
            } else {
                relation = string(relatie, "id")
                relationKind = code(relatie, "soort")
            }
        } else if let list = value(0, "relaties"), json.kind(list) == .array,
                  let first = json.items(list).first(where: { _ in true }), json.kind(first) == .string {
            relation = VERASession.lastPathSegment(json.bytes(first)).map { String(decoding: $0, as: UTF8.self) }
        }
        func extra(_ name: String) -> String? {
            guard let extras = value(0, "extra-attributen"), json.kind(extras) == .array else { return nil }
            return json.items(extras).first { string($0, "naam") == name }.flatMap { string($0, "waarde") }
        }
        kind = code(0, "soort")
        if let list = value(0, "relaties"), json.kind(list) == .array {
            if kind == "NAT" {
                groups = json.items(list).filter { code($0, "soort").map { $0 == "GRO" } ?? true }.compactMap { string($0, "id") }
            } else {
                memberKeys = json.items(list).filter { json.kind($0) == .object && value($0, "geboortedatum") == nil }.compactMap { string($0, "id") }
            }
        }
        publication = string(0, "publicatie", "id") ?? extra("publicatie")
        namedHousehold = extra("relatie")
    }
}
