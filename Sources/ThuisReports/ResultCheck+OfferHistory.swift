import ThuisCore

extension ResultCheck {
    /// The households of the folder's rows, to look their offers up in a ledger: those of
    /// candidates.csv, and those let an advert (a run with `--candidates none` has no rows).
    public var households: [String] {
        var seen = Set(tables.householdIDs)
        return tables.householdIDs + tables.lettings.compactMap(\.household).filter { seen.insert($0).inserted }
    }
    /// The adverts of the folder's rows.
    public var adverts: [String] { tables.lettings.map(\.advert) }

    /// Checks the folder against `history`, what the ledger knew of its households when the
    /// batch ran (``OfferHistory``), under `rules`: no advert let to a household the history
    /// bars (housed, refused that advert, waiting on an open offer), and no reaction excused by
    /// an offer-history reason the history does not hold. Each problem is located at its row.
    public func offerHistoryProblems(_ history: OfferHistory, _ rules: OfferRules) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        func problem(_ code: DiagnosticCode, _ file: String, _ line: Int, _ message: String) {
            problems.append(.error(code, message, at: SourceLocation(file: "\(folder)/\(file)", line: line, column: 1)))
        }
        for letting in tables.lettings {
            guard let household = letting.household, letting.how != "direct",
                  let bar = history.bar(household: household, advert: letting.advert, rules) else { continue }
            problem(.offerToBarredHousehold, "allocations.csv", letting.line,
                    "\(letting.advert) is let to \(household), which the ledger barred (\(bar.reason.code)): \(bar.how)")
        }
        for c in tables.candidates {
            guard case .offerHistory(let claimed) = c.outcome else { continue }
            let household = tables.householdIDs[Int(c.household)], advert = tables.lettings[Int(c.advert)].advert
            let bar = history.bar(household: household, advert: advert, rules)
            if bar?.reason != claimed {
                problem(.falseClaim, "candidates.csv", Int(c.line),
                        "\(household) at \(advert) is excluded as \(claimed.code), but the ledger " + (bar.map { "says \($0.reason.code): \($0.how)" } ?? "holds nothing that bars it"))
            }
        }
        return problems
    }
}
