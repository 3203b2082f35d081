/// A code from VERA's reference data, such as `AAN` or `STA`, carried by an enum whose raw
/// value is the code.
public protocol VERACode: CaseIterable, RawRepresentable, Hashable, Sendable where RawValue == String {
    /// The name of the VERA reference list, e.g. `PUBLICATIEMODEL`, for messages.
    static var listName: String { get }
}

extension VERACode {
    /// The case whose code equals the given bytes, or nil.
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> Self? {
        for candidate in allCases {
            var raw = candidate.rawValue
            let match = raw.withUTF8 { $0.elementsEqual(bytes) }
            if match { return candidate }
        }
        return nil
    }

    /// The accepted codes, separated by commas, for messages and documentation.
    public static var codeList: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
