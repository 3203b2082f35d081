/// Items of pages handed from the thread that reads and scans the files to the thread that
/// decodes them into the market: the items' bytes and nodes copied side by side, with the
/// start of each file and the problems that stopped one, in the order they came.
struct PageBatch {
    enum Event {
        /// A page (or the header) of `resource` starts; problems are located in `path`.
        case file(path: String, resource: String)
        /// An item whose root node is at this index of ``nodes``.
        case item(Int32)
        /// The file stopped here.
        case failure(JSONPageReader.Ending)
    }

    var events: [Event] = []
    var bytes: [UInt8] = []
    var nodes: [JSONTape.Node] = []
    var scratch: [UInt8] = []

    /// A batch is handed over once it holds this many bytes of items.
    static let handOverBytes = 1 << 19

    var isFull: Bool { bytes.count >= PageBatch.handOverBytes }

    mutating func removeAll() {
        events.removeAll(keepingCapacity: true)
        bytes.removeAll(keepingCapacity: true)
        nodes.removeAll(keepingCapacity: true)
        scratch.removeAll(keepingCapacity: true)
    }

    /// Copies an item: its bytes, and its nodes with their offsets moved to the copies.
    mutating func append(_ tape: JSONTape, input: UnsafeRawBufferPointer, item: Range<Int>) {
        let nodeBase = Int32(nodes.count), byteShift = Int32(bytes.count) - Int32(item.lowerBound)
        let scratchBase = Int32(scratch.count)
        bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[item]))
        scratch.append(contentsOf: tape.scratch)
        for var node in tape.nodes {
            node.end += nodeBase
            switch node.kind {
            case .string, .key: node.start += node.flag ? scratchBase : byteShift
            case .number: node.start += byteShift
            default: break
            }
            nodes.append(node)
        }
        events.append(.item(nodeBase))
    }
}
