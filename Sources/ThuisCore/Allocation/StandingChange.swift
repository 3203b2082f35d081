/// What one change of ``CapRepair`` touched of the quota standing: the values each cap and floor
/// entry it touched had before, and the lettings.
///
/// Why: the end check of a change (``QuotaStanding/keeps(_:)``) can fail only at an entry whose
/// values differ from before; an entry the change left alone keeps what stood by definition. On
/// the national profile each repair pass meets about 73,500 blocking refusals, and building the
/// whole standing (every cap and floor in every corporation and municipality) twice for each one
/// tried took minutes; a change touches a few entries.
struct StandingChange {
    /// Per touched cap entry: its batch count and base before the change.
    private(set) var caps: [(cap: Int, scope: Int, used: Int, base: Int)] = []
    /// Per touched floor entry: the group's count and the scope's lettings before the change.
    private(set) var floors: [(floor: Int, scope: Int, achieved: Int, lettings: Int)] = []
    /// The batch's lettings before the change.
    private(set) var lettings = 0
    private var recording = false
    private var capSeen: [[Bool]]
    private var floorSeen: [[Bool]]

    /// A log for caps and floors with these numbers of scope values.
    init(capScopes: [Int], floorScopes: [Int]) {
        capSeen = capScopes.map { Array(repeating: false, count: $0) }
        floorSeen = floorScopes.map { Array(repeating: false, count: $0) }
    }

    /// Starts a change, forgetting the previous one's entries.
    mutating func begin(lettings: Int) {
        for entry in caps { capSeen[entry.cap][entry.scope] = false }
        for entry in floors { floorSeen[entry.floor][entry.scope] = false }
        caps.removeAll(keepingCapacity: true)
        floors.removeAll(keepingCapacity: true)
        self.lettings = lettings
        recording = true
    }

    /// Stops noting entries (undoing a change touches only entries it noted).
    mutating func end() { recording = false }

    /// Notes cap `c`'s entry in scope value `s` before its first change.
    mutating func noteCap(_ c: Int, _ s: Int, used: Int, base: Int) {
        guard recording, !capSeen[c][s] else { return }
        capSeen[c][s] = true
        caps.append((c, s, used, base))
    }

    /// Notes floor `f`'s entry in scope value `s` before its first change.
    mutating func noteFloor(_ f: Int, _ s: Int, achieved: Int, lettings: Int) {
        guard recording, !floorSeen[f][s] else { return }
        floorSeen[f][s] = true
        floors.append((f, s, achieved, lettings))
    }
}
