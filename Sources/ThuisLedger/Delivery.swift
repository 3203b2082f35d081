/// Where a batch's outputs go: the folder they were staged in, the output folder, and the
/// SHA-256 of their manifest, which names exactly the files and contents that belong there.
public struct Delivery: Sendable, Equatable {
    public var batchID: String
    public var target: String
    public var staging: String
    public var manifestSHA256: String

    public init(batchID: String, target: String, staging: String, manifestSHA256: String) {
        self.batchID = batchID
        self.target = target
        self.staging = staging
        self.manifestSHA256 = manifestSHA256
    }
}
