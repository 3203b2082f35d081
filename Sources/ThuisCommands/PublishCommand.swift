import Foundation
import ThuisCore
import ThuisVERA

/// `thuis publish --vera-url URL --token-file FILE DIR`: posts the results of `allocate
/// --vera-out DIR` to a VERA API, one item per request (`POST /kandidaten`, `/aanbiedingen`,
/// `/toewijzingen`), after checking the folder against its manifest.
///
/// Each item carries `X-Stuurgegevens-Referentienummer`, made from the folder's manifest, the
/// resource and the item's place: the same for the same item when a publish is run again after
/// a failure, so the receiving system can recognise what it already has.
public struct PublishCommand: ThuisCommand {
    public var url: String
    public var tokenFile: String
    public var folder: String
    public var attempts = 5
    public var retryDelay: Double = 1
    public var quiet = true

    /// The resources posted, in order: the lists, the offers, then the lettings.
    public static let resources = ["kandidaten", "aanbiedingen", "toewijzingen"]

    public init(url: String, tokenFile: String, folder: String) {
        self.url = url
        self.tokenFile = tokenFile
        self.folder = folder
    }

    public func execute() throws -> CommandOutcome {
        let location = URL(fileURLWithPath: folder)
        let digest: String
        switch OutputFolder.inspect(location, requiringMark: false) {
        case .result(let manifest): digest = manifest
        case .missing: throw CommandFailure(.fileNotFound, "\(folder) does not exist; give the folder `thuis allocate --vera-out` wrote")
        case .empty: throw CommandFailure(.notAResult, "\(folder) is empty; give the folder `thuis allocate --vera-out` wrote")
        case .foreign(let names):
            throw CommandFailure(.manifestMismatch, "\(folder) is not as Thuis wrote it (its manifest.sha256 does not match: \(names.prefix(5).joined(separator: ", "))); nothing was posted")
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        var pages: [(resource: String, items: [ArraySlice<UInt8>])] = []
        for resource in PublishCommand.resources {
            for name in names.filter({ $0.hasPrefix(resource + "-") && $0.hasSuffix(".json") }).sorted() {
                let bytes = try [UInt8](Data(contentsOf: location.appendingPathComponent(name)))
                do {
                    pages.append((resource, try VERAPages.items(ofPage: bytes)))
                } catch {
                    throw CommandFailure(.malformedJSON, "\(folder)/\(name): \(error)")
                }
            }
        }
        guard !pages.isEmpty else {
            throw CommandFailure(.notAResult, "\(folder) holds no VERA results (\(PublishCommand.resources.map { "\($0)-*.json" }.joined(separator: ", "))); give the folder `thuis allocate --vera-out` wrote")
        }
        // Everything is read and checked before the first request.
        let client = try VERAClient.make(url: url, tokenFile: tokenFile, attempts: attempts, retryDelay: retryDelay, quiet: quiet)
        var posted: [String: Int] = [:]
        for (resource, items) in pages {
            for item in items {
                let n = posted[resource, default: 0] + 1
                let reference = "thuis-\(digest.prefix(16))-\(resource)-\(n)"
                _ = try client.post(resource, body: Data(item), headers: ["X-Stuurgegevens-Referentienummer": reference])
                posted[resource] = n
            }
        }
        let counts = PublishCommand.resources.map { "\(posted[$0, default: 0]) \($0)" }.joined(separator: ", ")
        return CommandOutcome(exit: .ok, stdout: "Published \(counts) from \(folder) to \(url)\n")
    }
}
