/// Why a reaction is not eligible; `eligible` when it is. Codes appear in `candidates.csv`.
public enum ExclusionReason: UInt8, Sendable, CaseIterable {
    case eligible = 0
    /// A direct allocation (DIS) goes to the household the landlord named.
    case notNamed
    /// The dwelling is set aside for a further group (e.g. statushouders) the household is not in.
    case additionalTargetGroup
    /// The household does not fit the dwelling's target group (e.g. families need a child).
    case targetGroup
    /// Too few or too many persons for the number of rooms.
    case householdSize
    /// The advert's own age rule.
    case criterionAge
    /// The advert's own household-size rule.
    case criterionPersons
    /// The advert's own income rule.
    case criterionIncome
    /// The advert asks for local or economic binding.
    case criterionBinding
    /// The advert asks for a priority status the household does not hold (valid, in scope).
    case criterionPriority
    /// Income above the DAEB limit for a social dwelling (when the rule excludes).
    case daebIncome
    /// Income under the benefit limit and rent above the aftoppingsgrens (when the rule excludes).
    case passend
    /// The dwelling's age label: another age tier had eligible reactions.
    case ageLabel
    /// An earlier batch let the advert (its offer was accepted): it is not offered again.
    case alreadyLet
    /// The household accepted an offer of the ledger's (or the export's): it is housed.
    case alreadyHoused
    /// The household refused this advert before, or its offer of it was withdrawn.
    case refusedBefore
    /// The household holds as many open offers as the policy allows (`[offers] max_open`).
    case openOffer

    /// The code written to outputs.
    public var code: String {
        switch self {
        case .eligible: return ""
        case .notNamed: return "NOT_NAMED"
        case .additionalTargetGroup: return "ADDITIONAL_TARGET_GROUP"
        case .targetGroup: return "TARGET_GROUP"
        case .householdSize: return "HOUSEHOLD_SIZE"
        case .criterionAge: return "CRITERION_AGE"
        case .criterionPersons: return "CRITERION_PERSONS"
        case .criterionIncome: return "CRITERION_INCOME"
        case .criterionBinding: return "CRITERION_BINDING"
        case .criterionPriority: return "CRITERION_PRIORITY"
        case .daebIncome: return "DAEB_INCOME"
        case .passend: return "PASSEND"
        case .ageLabel: return "AGE_LABEL"
        case .alreadyLet: return "ALREADY_LET"
        case .alreadyHoused: return "ALREADY_HOUSED"
        case .refusedBefore: return "REFUSED_BEFORE"
        case .openOffer: return "OPEN_OFFER"
        }
    }

    /// The ledger's reasons (the household's earlier offers), which `candidates.csv` also gives
    /// as the reaction's outcome: `already_housed`, `refused_before`, `open_offer`.
    public var isOfferHistory: Bool { self == .alreadyHoused || self == .refusedBefore || self == .openOffer }

    /// The outcome `candidates.csv` gives a reaction excluded for this reason: the ledger's
    /// reasons in lower case (`refused_before`), nothing for the others.
    public var outcomeCode: String { isOfferHistory ? code.lowercased() : "" }

    /// Plain words for explanations.
    public var explanation: String {
        switch self {
        case .eligible: return "eligible"
        case .notNamed: return "the landlord allocates this dwelling directly to another household"
        case .additionalTargetGroup: return "the dwelling is set aside for a group the household does not belong to"
        case .targetGroup: return "the household does not fit the dwelling's target group"
        case .householdSize: return "the household is too small or too large for the number of rooms"
        case .criterionAge: return "the advert's age rule excludes the household"
        case .criterionPersons: return "the advert's household-size rule excludes the household"
        case .criterionIncome: return "the advert's income rule excludes the household"
        case .criterionBinding: return "the advert asks for ties to the municipality, which the household does not have"
        case .criterionPriority: return "the advert asks for a priority status the household does not hold"
        case .daebIncome: return "the household's income is above the DAEB limit for a social dwelling"
        case .passend: return "the rent is above the aftoppingsgrens for a household with this income (passend toewijzen)"
        case .ageLabel: return "the dwelling has an age label, and older (or younger) households in an earlier tier reacted"
        case .alreadyLet: return "an earlier batch let this dwelling: its offer was accepted"
        case .alreadyHoused: return "the household accepted another offer: it is housed"
        case .refusedBefore: return "the household refused this dwelling before (or its offer of it was withdrawn): it is not offered again"
        case .openOffer: return "the household waits on an answer to an open offer, and the policy allows no further one at the same time"
        }
    }
}
