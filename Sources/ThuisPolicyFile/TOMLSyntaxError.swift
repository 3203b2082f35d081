import ThuisCore
import Foundation

/// A TOML syntax error, located.
public struct TOMLSyntaxError: Error, Sendable {
    public var message: String
    public var position: TOMLPosition
}
