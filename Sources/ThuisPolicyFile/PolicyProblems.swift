import Foundation
import ThuisCore

/// The problems of a policy file, in file order.
public struct PolicyProblems: Error, Sendable {
    public var diagnostics: [Diagnostic]
}
