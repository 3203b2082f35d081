import FuzzSupport
import ThuisCore

/// The id table against a dictionary: every id gets the index of its first sight, different
/// ids never share one, and the stored bytes, lookups and byte order agree with the model.
///
/// The input's first eight bytes are the hash seed (so the fuzzer can steer collisions), the
/// rest a list of ids split at 0xFF; an id starting with 0xFE extends the id before it (long ids
/// sharing prefixes, the case that once merged two households).
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    guard bytes.count >= 8 else { return 0 }
    let seed = bytes.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << UInt64(8 * $1.offset) }
    var table = IdTable(hashSeed: seed)
    var model: [[UInt8]: Int32] = [:], order: [[UInt8]] = []
    var previous: [UInt8] = []
    for piece in bytes.dropFirst(8).split(separator: 0xFF, omittingEmptySubsequences: false) {
        var id = Array(piece)
        if id.first == 0xFE { id = previous + id.dropFirst() }
        previous = id
        let expected = model[id] ?? Int32(model.count)
        let (index, inserted) = id.withUnsafeBytes { table.intern($0) }
        precondition(index == expected, "an id got another's index")
        precondition(inserted == (model[id] == nil))
        if inserted { model[id] = index; order.append(id) }
    }
    precondition(table.count == model.count)
    for (i, id) in order.enumerated() {
        var stored: [UInt8] = []
        table.appendBytes(of: i, to: &stored)
        precondition(stored == id)
        precondition(table.byteRange(of: i).count == id.count)
        let again = id.withUnsafeBytes { table.intern($0) }
        precondition(again.index == Int32(i) && !again.inserted)
    }
    let sorted = table.sortedIndices().map { order[Int($0)] }
    precondition(zip(sorted, sorted.dropFirst()).allSatisfy { $0.lexicographicallyPrecedes($1) })
    return 0
}

@_cdecl("FuzzIdTable_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    return runFuzzer(argc, argv) { fuzzOne($0, $1) }
}
