/// The areas inside a municipality that a dwelling lies in, each a scope for floors and caps.
///
/// A dwelling's wijk and buurt are CBS codes, which already name their municipality
/// (`WK036300`, `BU03630000`). A stadsdeel and a complex (VERA's cluster of soort MAR) are
/// codes of the municipality's or the corporation's own; the market keeps them qualified by
/// that municipality or corporation (`0363:A`, `MIT:C12`) so that two systems' `A` stay apart.
public enum AreaKind: Int, Sendable, CaseIterable, Comparable {
    /// `stadsdeel`: a part of a large city with its own administration.
    case borough
    /// `wijk`: a CBS district, `WK` and six digits.
    case district
    /// `buurt`: a CBS neighbourhood, `BU` and eight digits.
    case neighbourhood
    /// `cluster` (VERA's soort MAR, "ten behoeve van de woonruimteverdeling"): a complex.
    case complex

    public static func < (a: AreaKind, b: AreaKind) -> Bool { a.rawValue < b.rawValue }

    /// The word policies, reports and the export format use.
    public var word: String {
        switch self {
        case .borough: return "stadsdeel"
        case .district: return "wijk"
        case .neighbourhood: return "buurt"
        case .complex: return "complex"
        }
    }

    /// The field that carries it in the XML export format and in VERA's address or clusters.
    public var field: String {
        switch self {
        case .borough: return "stadsdeel"
        case .district: return "wijk"
        case .neighbourhood: return "buurt"
        case .complex: return "cluster"
        }
    }

    /// The area `code` names in municipality `municipality` (four digits) of corporation
    /// `corporation`, as the market keeps it; or why the code is not one.
    public func qualified(_ code: String, municipality: String, corporation: String) -> Result<String, AreaCodeProblem> {
        switch self {
        case .borough: return .success("\(municipality):\(code)")
        case .complex: return .success("\(corporation):\(code)")
        case .district, .neighbourhood:
            let prefix = self == .district ? "WK" : "BU"
            let digits = self == .district ? 6 : 8
            let body = code.utf8.dropFirst(2)
            guard code.hasPrefix(prefix), body.count == digits, body.allSatisfy({ $0 &- 48 < 10 }) else {
                return .failure(.notACBSCode("is not a CBS \(word) code (\(prefix) and \(digits) digits, e.g. \(prefix)0363\(String(repeating: "0", count: digits - 4)))"))
            }
            guard String(decoding: body.prefix(4), as: UTF8.self) == municipality else {
                return .failure(.elsewhere("lies in municipality \(String(decoding: body.prefix(4), as: UTF8.self)), not in the dwelling's \(municipality)"))
            }
            return .success(code)
        }
    }

    /// Why `code` is no code of this kind in any municipality (a wijk or buurt outside the CBS
    /// layout), or nil: what a priority profile's list is checked against.
    public func codeProblem(_ code: String) -> String? {
        guard self == .district || self == .neighbourhood else { return nil }
        let municipality = String(decoding: code.utf8.dropFirst(2).prefix(4), as: UTF8.self)
        if case .failure(let problem) = qualified(code, municipality: municipality, corporation: "") { return problem.reason }
        return nil
    }

    /// Whether neighbourhood `buurt` lies in district `wijk` (CBS codes share their six digits).
    public static func neighbourhood(_ buurt: String, liesIn wijk: String) -> Bool {
        buurt.utf8.dropFirst(2).prefix(6).elementsEqual(wijk.utf8.dropFirst(2))
    }

    /// The municipality or corporation an area's value names, and its own code (`0363:A` gives
    /// `0363` and `A`; a CBS code gives its municipality and itself).
    public func parts(of value: String) -> (owner: String, code: String) {
        switch self {
        case .borough, .complex:
            guard let colon = value.firstIndex(of: ":") else { return ("", value) }
            return (String(value[..<colon]), String(value[value.index(after: colon)...]))
        case .district, .neighbourhood:
            return (String(decoding: value.utf8.dropFirst(2).prefix(4), as: UTF8.self), value)
        }
    }
}

/// Why an area code was refused.
public enum AreaCodeProblem: Error, Sendable, Equatable {
    /// Not in the CBS layout.
    case notACBSCode(String)
    /// A CBS code of another municipality or wijk.
    case elsewhere(String)

    public var reason: String {
        switch self {
        case .notACBSCode(let s), .elsewhere(let s): return s
        }
    }
}
