import ThuisCore

/// The `;`-joined group names of each group combination met, made once per combination.
struct GroupLists {
    private var cache: [UInt32: String] = [:]
    init(_ facts: AllocationFacts) {
        for bits in Set(facts.allocation.lettingGroups) { cache[bits] = facts.groupNames(bits).joined(separator: ";") }
    }
    subscript(bits: UInt32) -> String { cache[bits] ?? "" }
}
