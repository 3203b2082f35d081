import ThuisCore

/// The `;`-joined names of each combination of caps, made once per combination.
struct CapLists {
    private let allocation: Allocation
    private var cache: [UInt64: String] = [0: ""]
    init(_ allocation: Allocation) { self.allocation = allocation }
    subscript(bits: UInt64) -> String {
        mutating get {
            if let names = cache[bits] { return names }
            let names = allocation.capNames(bits).joined(separator: ";")
            cache[bits] = names
            return names
        }
    }
}
