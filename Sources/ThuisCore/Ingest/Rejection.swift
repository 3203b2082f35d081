/// A record left out of the market under `--skip-invalid`, with the first reason.
public struct Rejection: Sendable, Hashable {
    public var entity: EntityKind
    /// The record's id; for a reaction `household>advert`; empty when the record had none.
    public var id: String
    public var code: DiagnosticCode
    public var reason: String
    public var location: SourceLocation

    public init(entity: EntityKind, id: String, code: DiagnosticCode, reason: String, location: SourceLocation) {
        self.entity = entity
        self.id = id
        self.code = code
        self.reason = reason
        self.location = location
    }
}
