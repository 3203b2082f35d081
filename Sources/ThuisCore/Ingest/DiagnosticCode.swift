/// The codes of all problems Thuis reports about its inputs.
///
/// Codes are part of the interface: scripts grep for them, so a code never changes meaning.
public enum DiagnosticCode: String, Sendable, Codable, CaseIterable {
    // Reading
    case fileNotFound = "FILE_NOT_FOUND"
    case readFailed = "READ_FAILED"
    case badCompression = "BAD_GZIP"
    // Well-formedness and safety
    case malformedXML = "MALFORMED_XML"
    case malformedJSON = "MALFORMED_JSON"
    case invalidEncoding = "INVALID_ENCODING"
    case truncated = "TRUNCATED"
    case doctypeRefused = "DOCTYPE_REFUSED"
    case tooDeep = "TOO_DEEP"
    case valueTooLong = "VALUE_TOO_LONG"
    // Document shape
    case wrongRoot = "WRONG_ROOT"
    case wrongVersion = "WRONG_VERSION"
    case batchMismatch = "BATCH_MISMATCH"
    case unknownElement = "UNKNOWN_ELEMENT"
    /// A file in a VERA batch folder that is no part of a batch (warning).
    case unknownFile = "UNKNOWN_FILE"
    /// A JSON value of the wrong type (a string where VERA gives a number, say).
    case wrongJSONType = "WRONG_JSON_TYPE"
    case unknownAttribute = "UNKNOWN_ATTRIBUTE"
    case misplacedText = "MISPLACED_TEXT"
    case repeatedField = "REPEATED_FIELD"
    // Fields
    case missingField = "MISSING_FIELD"
    case invalidNumber = "INVALID_NUMBER"
    case invalidDate = "INVALID_DATE"
    case invalidCode = "INVALID_CODE"
    case invalidMunicipality = "INVALID_MUNICIPALITY"
    /// A wijk or buurt that is no CBS code, lies in another municipality, or a buurt outside its wijk.
    case invalidArea = "INVALID_AREA"
    case negativeIncome = "NEGATIVE_INCOME"
    case invalidValue = "INVALID_VALUE"
    case valueOutOfRange = "VALUE_OUT_OF_RANGE"
    // Records and references
    case duplicateID = "DUPLICATE_ID"
    case duplicateReaction = "DUPLICATE_REACTION"
    case unknownAdvert = "UNKNOWN_ADVERT"
    case unknownHousehold = "UNKNOWN_HOUSEHOLD"
    case unknownDwelling = "UNKNOWN_DWELLING"
    case advertWithoutDwelling = "ADVERT_WITHOUT_DWELLING"
    case dwellingAdvertisedTwice = "DWELLING_ADVERTISED_TWICE"
    case householdWithoutMembers = "HOUSEHOLD_WITHOUT_MEMBERS"
    case priorityEndsBeforeStart = "PRIORITY_ENDS_BEFORE_START"
    case advertEndsBeforeStart = "ADVERT_ENDS_BEFORE_START"
    case dependsOnRejected = "DEPENDS_ON_REJECTED"
    // The monitor's stock and programme files
    /// A municipality the stock file does not hold (in the programme, or with lettings in the ledger).
    case unknownMunicipality = "UNKNOWN_MUNICIPALITY"
    /// A row without a year, or a year the monitor needs that the file does not give.
    case missingYear = "MISSING_YEAR"
    case negativeCount = "NEGATIVE_COUNT"
    /// Social rental dwellings outnumbering the dwellings in total.
    case shareAboveTotal = "SHARE_ABOVE_TOTAL"
    // Warnings
    case reactionAfterClose = "REACTION_AFTER_CLOSE"
    case reactionBeforeOpen = "REACTION_BEFORE_OPEN"
    /// Publications the batch holds that are not for this peildatum: still open, withdrawn, or
    /// settled earlier. Set aside with their reactions, never let.
    case advertNotDue = "ADVERT_NOT_DUE"
    case tooManyErrors = "TOO_MANY_ERRORS"
    // Policy files
    case policySyntax = "POLICY_SYNTAX"
    case unknownKey = "UNKNOWN_KEY"
    case wrongType = "WRONG_TYPE"
    case unknownGroup = "UNKNOWN_GROUP"
    case inconsistentQuotas = "INCONSISTENT_QUOTAS"
    // Outputs of earlier runs, read back
    case notAResult = "NOT_A_RESULT"
    // What `thuis verify` finds in a result
    case manifestMismatch = "MANIFEST_MISMATCH"
    case doubleLetting = "DOUBLE_LETTING"
    case ineligibleLetting = "INELIGIBLE_LETTING"
    case blockingPair = "BLOCKING_PAIR"
    case falseClaim = "FALSE_CLAIM"
    case capExceeded = "CAP_EXCEEDED"
    case floorUnjustified = "FLOOR_UNJUSTIFIED"
    case reportMismatch = "REPORT_MISMATCH"
    // Output
    case cannotCreateOutput = "CANNOT_CREATE_OUTPUT"
    case usage = "USAGE"
    /// An error no part of Thuis expected: a bug, reported as one (exit 70).
    case internalError = "INTERNAL_ERROR"
    // A VERA API
    case unauthorized = "UNAUTHORIZED"
    case serviceUnavailable = "SERVICE_UNAVAILABLE"
    case badResponse = "BAD_RESPONSE"
    // Ledger
    case batchIDConflict = "BATCH_ID_CONFLICT"
    case ledgerBusy = "LEDGER_BUSY"
    case ledgerFailed = "LEDGER_FAILED"
    case notALedger = "NOT_A_LEDGER"
    case advertAlreadyOffered = "ADVERT_ALREADY_OFFERED"
    /// The export holds reactions of households the ledger has housed (a warning).
    case staleExport = "STALE_EXPORT"
    /// A policy key kept only for old policies (a warning).
    case deprecatedKey = "DEPRECATED_KEY"
    /// A letting to a household the ledger barred: housed, refused the advert, or waiting on an open offer.
    case offerToBarredHousehold = "OFFER_TO_BARRED_HOUSEHOLD"
    /// A household holding two accepted offers in the ledger.
    case housedTwice = "HOUSED_TWICE"
    case unknownBatch = "UNKNOWN_BATCH"
    /// Two policies compared define a group of the same name differently (a warning: one definition is used).
    case groupDefinitionDiffers = "GROUP_DEFINITION_DIFFERS"
    /// An area quota's period holds lettings the ledger recorded without areas (a warning: they count in no area).
    case lettingsWithoutArea = "LETTINGS_WITHOUT_AREA"

    /// Codes that are only ever warnings: the record is kept and the run goes on.
    public var isWarning: Bool {
        switch self {
        case .unknownElement, .unknownFile, .unknownAttribute, .misplacedText, .reactionAfterClose, .reactionBeforeOpen, .advertNotDue, .staleExport, .deprecatedKey, .groupDefinitionDiffers, .lettingsWithoutArea: return true
        default: return false
        }
    }
}
