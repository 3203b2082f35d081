import Foundation
import ThuisCore

/// The words of the monitor's page in Dutch (a council's language, the default) or English.
struct MonitorWords {
    let language: LetterLanguage
    var dutch: Bool { language == .nl }

    var thousands: String { dutch ? "." : "," }

    func decimal(_ x: Double, _ decimals: Int) -> String {
        let text = String(format: "%.\(decimals)f", x)
        return dutch ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    func percent(_ share: Double?) -> String { share.map { decimal($0 * 100, 1) + "%" } ?? "-" }

    func title(_ period: String) -> String { "Een thuis voor iedereen: monitor \(period)" }

    /// A day as people write it: "23 november 2026", "23 November 2026".
    func day(_ iso: String) -> String {
        guard let d = Day(iso: iso) else { return iso }
        let (y, m, dd) = d.components
        let nl = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"]
        let en = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        return "\(dd) \((dutch ? nl : en)[m - 1]) \(y)"
    }

    func lastDay(_ until: String) -> String { Day(iso: until).map { day($0.adding(days: -1).description) } ?? until }

    func covered(_ c: MonitorReport.Covered, from: String, until: String) -> String {
        dutch ? "De gegevens komen uit \(c.batches) verdeelronde(s), van \(day(c.first)) tot en met \(day(c.last)); de periode loopt van \(day(from)) tot en met \(lastDay(until))."
            : "The data come from \(c.batches) allocation batch(es), from \(day(c.first)) to \(day(c.last)); the period runs from \(day(from)) to \(lastDay(until))."
    }

    func noBatches(_ from: String, _ until: String) -> String {
        dutch ? "De ledger bevat geen verdeelronde in de periode \(day(from)) tot en met \(lastDay(until))."
            : "The ledger holds no allocation batch in the period \(day(from)) to \(lastDay(until))."
    }

    func lettingsNote(_ accepted: Int, open: Int, group: String) -> String {
        let openText = open == 0 ? "" : dutch ? " \(open) aanbieding(en) zonder antwoord tellen nog niet mee." : " \(open) offer(s) not yet answered are not counted."
        return (dutch ? "\(accepted) geaccepteerde verhuringen." : "\(accepted) accepted lettings.") + openText
    }

    var legendOK: String { dutch ? "voldoet aan de norm" : "meets the norm" }
    var legendBetween: String { dutch ? "boven de norm, onder wat nodig is" : "above the norm, below what is needed" }
    var legendBelow: String { dutch ? "onder de norm" : "below the norm" }
    var legendSmall: String { dutch ? "minder dan 10 verhuringen: te weinig om te oordelen" : "fewer than 10 lettings: too few to judge" }

    var normsHeading: String { dutch ? "De normen per gemeente" : "The norms per municipality" }
    var municipality: String { dutch ? "Gemeente" : "Municipality" }
    var region: String { dutch ? "Regio" : "Region" }
    func stockHeading(_ year: Int, _ norm: String) -> String {
        dutch ? "Sociale huur in de voorraad, 1 januari \(year)<br><small>norm \(norm)</small>" : "Social rental in the stock, 1 January \(year)<br><small>norm \(norm)</small>"
    }
    func newBuilding(_ years: String) -> String {
        dutch ? "Sociale huur in de nieuwbouw \(years)<br><small>de norm, en wat nodig is om de voorraad op de norm te brengen</small>"
            : "Social rental in new building \(years)<br><small>the norm, and what is needed to bring the stock to the norm</small>"
    }
    func lettingsHeading(_ group: String, _ floor: String) -> String {
        dutch ? "Verhuringen aan \(group)<br><small>ondergrens \(floor)</small>" : "Lettings to \(group)<br><small>floor \(floor)</small>"
    }
    var socialOfAll: String { dutch ? "sociaal / alle" : "social / all" }
    var share: String { dutch ? "aandeel" : "share" }
    var verdict: String { dutch ? "oordeel" : "verdict" }
    var plannedSocial: String { dutch ? "gepland sociaal" : "planned social" }
    var norm: String { "norm" }
    var needed: String { dutch ? "nodig" : "needed" }
    var ofAccepted: String { dutch ? "aan groep / alle" : "to group / all" }
    var meets: String { dutch ? "voldoet" : "meets" }
    var meetsNeeded: String { dutch ? "voldoet aan wat nodig is" : "meets what is needed" }
    var belowNorm: String { dutch ? "onder de norm" : "below the norm" }
    var aboveNormBelowNeeded: String { dutch ? "boven de norm, onder wat nodig is" : "above the norm, below what is needed" }
    var outOfReach: String { dutch ? "nieuwbouw alleen is niet genoeg" : "new building alone is not enough" }
    func belowFloor(_ short: Int) -> String { dutch ? "onder de ondergrens (\(short) te weinig)" : "below the floor (\(short) short)" }
    var tooFew: String { dutch ? "te weinig om te oordelen" : "too few to judge" }
    var noLettings: String { dutch ? "geen verhuringen" : "no lettings" }

    func neededExplained(_ build: String, _ stock: String, _ year: Int) -> String {
        dutch ? "Nodig: het kleinste aandeel sociale huur in de geplande nieuwbouw dat minstens \(build) is en de voorraad eind \(year) op \(stock) brengt, zonder sloop, verkoop of omzetting. Bij kleine aantallen staat onder het aandeel een 95%-interval."
            : "Needed: the least social share of the planned dwellings that is at least \(build) and brings the stock to \(stock) by the end of \(year), assuming no demolition, sale or change of tenure. With small numbers a 95% interval is under the share."
    }
    func floorSource(_ source: String) -> String { dutch ? "Ondergrens: \(source)." : "Floor: \(source)." }

    func fairHeading(_ group: String) -> String { dutch ? "Eerlijk deel: draagt elke gemeente haar deel van de \(group)?" : "Fair share: does each municipality take its part of the \(group)?" }
    func fairExplained(_ group: String) -> String {
        dutch ? "Per sleutel: hoeveel huishoudens uit de \(group) de gemeente meer of minder huisvestte dan haar deel van de regio volgens die sleutel, en de verhouding (1,00 is precies haar deel). Meer of minder dragen is geen tekortkoming: het zegt hoe de lasten verdeeld zijn. Waar de sleutels het oneens zijn, bepaalt de keuze van de sleutel het oordeel."
            : "Per key: how many households of the \(group) the municipality housed over or under its part of the region by that key, and the ratio (1.00 is exactly its part). Carrying more or less is not a failure: it says how the load is shared. Where the keys disagree, the choice of key decides."
    }
    func key(_ k: FairShare.Key) -> String {
        switch k {
        case .stock: return dutch ? "naar sociale voorraad" : "by social stock"
        case .population: return dutch ? "naar inwoners" : "by inhabitants"
        case .lettings: return dutch ? "naar alle verhuringen" : "by all lettings"
        }
    }
    var difference: String { dutch ? "verschil" : "difference" }
    var ratio: String { dutch ? "verhouding" : "ratio" }
    var remark: String { dutch ? "opmerking" : "remark" }
    func carriesMore(_ n: Int) -> String { dutch ? "\(n) meer" : "\(n) more" }
    func carriesLess(_ n: Int) -> String { dutch ? "\(n) minder" : "\(n) fewer" }
    var fair: String { dutch ? "precies" : "exactly" }
    var keysDisagree: String { dutch ? "de sleutels zijn het oneens" : "the keys disagree" }
    var smallGroup: String { dutch ? "kleine aantallen" : "small numbers" }

    func withinHeading(_ level: String) -> String { dutch ? "Binnen de gemeenten, per \(level)" : "Within the municipalities, per \(level == "buurt" ? "neighbourhood" : "district")" }
    func withinExplained(_ group: String, _ level: String) -> String {
        dutch ? "D (ongelijkheid) is 0 als de verhuringen aan \(group) net zo over de \(level)en verdeeld zijn als de andere verhuringen, en 1 als ze nooit in dezelfde \(level) vallen. De \(level)en met het hoogste aandeel sociale huur, samen een vijfde van de sociale voorraad, zijn waar sociale huur al samenkomt: ligt het aandeel van de \(group) daar boven dat van alle verhuringen (vet), dan komen zij daar vaker terecht dan anderen."
            : "D (dissimilarity) is 0 when the lettings to \(group) spread over the \(level == "buurt" ? "neighbourhoods" : "districts") as the other lettings do, and 1 when they never share one. The areas with the highest social rental share, together a fifth of the social stock, are where social housing already gathers: where the share of the \(group) there is above that of all lettings (bold), they are housed there more than others."
    }
    func areasWithLettings(_ level: String) -> String { dutch ? "\(level)en met verhuringen" : "areas with lettings" }
    func inConcentrated(_ group: String) -> String { dutch ? "\(group) in de meest sociale gebieden" : "\(group) in the most social areas" }
    var allThere: String { dutch ? "alle verhuringen daar" : "all lettings there" }
    var receivedMore: String { dutch ? "kregen meer dan hun deel" : "received more than their share" }
    var none: String { dutch ? "geen" : "none" }
    func andMore(_ n: Int) -> String { dutch ? "en \(n) meer" : "and \(n) more" }
    func unplaced(_ n: Int, _ level: String) -> String { dutch ? "\(n) verhuring(en) zonder \(level)" : "\(n) letting(s) without a \(level)" }

    var notes: String { dutch ? "Opmerkingen" : "Notes" }
    func inputs(_ r: MonitorReport) -> String {
        let programme = r.inputs.programme.map { (dutch ? ", programma " : ", programme ") + HTMLText.escape($0) } ?? ""
        return (dutch ? "Bronnen: voorraad " : "Inputs: stock ") + "\(HTMLText.escape(r.inputs.stock)) (SHA-256 \(r.inputs.stockSHA256.prefix(12)))\(programme), ledger \(HTMLText.escape(r.inputs.ledger)), \(r.inputs.batches) batch(es)."
    }
}
