#if canImport(Glibc)
import Glibc
#endif

/// Read access to one parsed item: members by name, items of arrays, and the bytes of strings
/// and numbers, valid while the page reader's buffer and the tape's scratch bytes are.
struct JSONItem {
    let nodes: UnsafeBufferPointer<JSONTape.Node>
    let input: UnsafeRawBufferPointer
    let scratch: UnsafeRawBufferPointer
    /// The item's own value (its nodes follow it).
    let root: Int32

    func kind(_ n: Int32) -> JSONTape.Kind { nodes[Int(n)].kind }

    func position(_ n: Int32) -> (line: Int, column: Int) { (Int(nodes[Int(n)].line), Int(nodes[Int(n)].column)) }

    /// The bytes of a string, key or number.
    func bytes(_ n: Int32) -> UnsafeRawBufferPointer {
        let node = nodes[Int(n)]
        let base = node.flag && node.kind != .number ? scratch : input
        return UnsafeRawBufferPointer(rebasing: base[Int(node.start)..<Int(node.start + node.count)])
    }

    /// The items of an array.
    func items(_ array: Int32) -> ItemSequence { ItemSequence(item: self, array: array) }

    /// The value of the member named `name`; `repeated` is the second member of that name, if any
    /// (JSON leaves duplicates undefined, so they are an error where Thuis reads the field).
    func member(_ object: Int32, _ name: StaticString) -> (value: Int32, repeated: Int32?)? {
        guard kind(object) == .object else { return nil }
        let count = Int32(name.utf8CodeUnitCount), first = name.utf8Start.pointee
        var found: Int32?
        var k = object + 1
        let end = nodes[Int(object)].end
        while k < end {
            let node = nodes[Int(k)]
            // Length and first byte tell most keys apart without a call.
            let key = (node.flag ? scratch : input).baseAddress! + Int(node.start)
            if node.count == count && count > 0 && key.load(as: UInt8.self) == first && memcmp(name.utf8Start, key, Int(count)) == 0 {
                if let found { return (found, k + 1) }
                found = k + 1
            }
            k = nodes[Int(k + 1)].end
        }
        return found.map { ($0, nil) }
    }

    struct ItemSequence: Sequence, IteratorProtocol {
        let item: JSONItem
        let array: Int32
        var cursor: Int32

        init(item: JSONItem, array: Int32) {
            self.item = item
            self.array = array
            cursor = array + 1
        }

        mutating func next() -> Int32? {
            guard cursor < item.nodes[Int(array)].end else { return nil }
            let value = cursor
            cursor = item.nodes[Int(value)].end
            return value
        }
    }
}
