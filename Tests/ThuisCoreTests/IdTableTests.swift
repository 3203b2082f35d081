import Testing
import ThuisCore

/// Interned ids: two different ids never become one index, whatever their lengths and hashes.
@Suite struct IdTableTests {
    /// A 300-byte id, and the 308-byte id that extends it whose hash agrees with it in the slot's
    /// tag and in the first slot under `collidingSeed` (found by brute force over 8-byte suffixes:
    /// 21.9 million tries). A real table's seed is random per process, so the pair is chosen
    /// for the test's table only.
    static let short = "H" + String((1..<300).map { Character(UnicodeScalar(UInt8(65 + $0 % 26))) })
    static let long = short + "NFQt1000"
    static let collidingSeed: UInt64 = 0x9E37_79B9_7F4A_7C15

    @Test("interning gives dense indices in order of first sight, and finds them again")
    func intern() {
        var table = IdTable()
        let ids = (0..<10_000).map { "H\($0)" }
        for id in ids { _ = table.intern(id) }
        for id in ids.reversed() { _ = table.intern(id) }
        #expect(table.count == ids.count)
        #expect(table.index(of: "H1234") == 1234)
        #expect(table[9999] == "H9999")
        #expect(table.index(of: "X") == nil)
    }

    @Test("sorted order is byte order")
    func sorted() {
        var table = IdTable()
        for id in ["b", "a10", "a9", "c"] { _ = table.intern(id) }
        #expect(table.sortedIndices().map { table[Int($0)] } == ["a10", "a9", "b", "c"])
    }

    @Test("an id and a longer one that extends it, with colliding tags, stay distinct in either order")
    func collidingPrefixes() {
        var table = IdTable(hashSeed: Self.collidingSeed)
        let a = table.intern(Self.short), b = table.intern(Self.long)
        #expect(a != b && table.count == 2)
        #expect(table[Int(a)] == Self.short && table[Int(b)] == Self.long)
        var reversed = IdTable(hashSeed: Self.collidingSeed)
        let c = reversed.intern(Self.long), d = reversed.intern(Self.short)
        #expect(c != d && reversed.count == 2)
        #expect(reversed.index(of: Self.short) == d && reversed.index(of: Self.long) == c)
        var only = IdTable(hashSeed: Self.collidingSeed)
        _ = only.intern(Self.long)
        #expect(only.index(of: Self.short) == nil)
    }

    @Test("interning agrees with a dictionary on ids of every length sharing long prefixes", arguments: [1, 2, 3])
    func againstDictionary(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        var table = IdTable(), model: [String: Int32] = [:]
        let base = String(repeating: "P", count: 400)
        for _ in 0..<20_000 {
            let length = 1 + Int(random.next() % 400)
            let id = String(base.prefix(length)) + String(random.next() % 3)
            let expected = model[id] ?? Int32(model.count)
            if model[id] == nil { model[id] = expected }
            #expect(table.intern(id) == expected)
        }
        #expect(table.count == model.count)
        for (id, index) in model { #expect(table.index(of: id) == index && table[Int(index)] == id) }
    }
}
