import Foundation

/// What `thuis publish` has sent and what the API confirmed, item by item, so that a publish run
/// again after any failure posts nothing the API already holds.
///
/// An append-only text file beside the results (`DIR.publish-journal`): a first line that marks
/// it as Thuis's, a line naming the API's origin and the result's manifest digest, then one line
/// per event, written and flushed a batch at a time before the requests (`S`: about to be sent)
/// and after the answers (`D`: stored, with the API's id). An item with `S` and no `D` was sent
/// without a clear answer: the next run looks it up by its `idExtern` before posting it again.
/// A line cut short by a kill is ignored.
final class PublishJournal {
    static let mark = "# thuis publish journal 1"

    /// An item's state.
    enum State: Equatable {
        case unsent
        /// Sent, no clear answer yet.
        case sent
        /// Stored by the API, with its id when it gave one.
        case stored(String?)

        var isStored: Bool {
            if case .stored = self { return true }
            return false
        }
    }

    let path: String
    private var states: [String: State] = [:]
    private let fd: Int32

    /// Opens (or makes) the journal at `path` for publishing the result `manifest` to `origin`;
    /// refuses a file that is not a journal, or one of another result or API.
    init(path: String, origin: String, manifest: String) throws {
        self.path = path
        let heading = "origin \(origin) manifest \(manifest)"
        var isNew = true
        if FileManager.default.fileExists(atPath: path) {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CommandFailure(.readFailed, "cannot read the publish journal \(path)")
            }
            let text = String(decoding: data, as: UTF8.self)
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            // A last line without its newline was cut short by a kill: not an event.
            if !text.hasSuffix("\n") { lines.removeLast() } else if lines.last == "" { lines.removeLast() }
            guard lines.first == Substring(PublishJournal.mark) else {
                throw CommandFailure(.cannotCreateOutput, "\(path) is in the way and is not a Thuis publish journal; give --journal another path")
            }
            guard lines.count >= 2, lines[1] == Substring(heading) else {
                throw CommandFailure(.manifestMismatch, "the publish journal \(path) records a publish of another result or to another API (\(lines.count >= 2 ? String(lines[1]) : "no heading")); give --journal another path")
            }
            for line in lines.dropFirst(2) {
                let fields = line.split(separator: " ", omittingEmptySubsequences: false)
                guard fields.count >= 3 else { continue }
                let key = "\(fields[1]) \(fields[2])"
                switch fields[0] {
                case "S": if states[key] == nil { states[key] = .sent }
                case "D": states[key] = .stored(fields.count >= 4 && fields[3] != "-" ? String(fields[3]).removingPercentEncoding : nil)
                default: continue
                }
            }
            isNew = false
        }
        fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CommandFailure(.cannotCreateOutput, "cannot write the publish journal \(path): \(String(cString: strerror(errno)))") }
        if isNew { try append(["\(PublishJournal.mark)", heading]) }
    }

    deinit { close(fd) }

    /// The state of item `n` of `resource`.
    func state(_ resource: String, _ n: Int) -> State { states["\(resource) \(n)"] ?? .unsent }

    /// Records that these items are about to be sent.
    func sending(_ items: [(resource: String, n: Int)]) throws {
        try append(items.map { "S \($0.resource) \($0.n)" })
        for item in items where states["\(item.resource) \(item.n)"] == nil { states["\(item.resource) \(item.n)"] = .sent }
    }

    /// Records that the API holds these items, with their ids.
    func stored(_ items: [(resource: String, n: Int, id: String?)]) throws {
        try append(items.map { "D \($0.resource) \($0.n) \($0.id.map(PublishJournal.escaped) ?? "-")" })
        for item in items { states["\(item.resource) \(item.n)"] = .stored(item.id) }
    }

    /// An id on one journal line: percent-encoded where it has spaces, newlines or `%`.
    static func escaped(_ id: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "% ")
        return id.addingPercentEncoding(withAllowedCharacters: allowed) ?? "-"
    }

    private func append(_ lines: [String]) throws {
        guard !lines.isEmpty else { return }
        let bytes = Array((lines.joined(separator: "\n") + "\n").utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw CommandFailure(.cannotCreateOutput, "cannot write the publish journal \(path): \(String(cString: strerror(errno)))") }
            written += n
        }
        guard fsync(fd) == 0 else { throw CommandFailure(.cannotCreateOutput, "cannot flush the publish journal \(path): \(String(cString: strerror(errno)))") }
    }
}
