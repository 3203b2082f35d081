import ThuisCore

/// Items of pages handed from the thread that reads and scans the files to the thread that
/// decodes them into the market: the items' bytes and their nodes, with the start of each file
/// and the problems that stopped one, in the order they came.
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
    /// The items' nodes and decoded strings.
    var tape = JSONTape()
    /// The items' bytes.
    var bytes: [UInt8] = []

    /// A batch is handed over once it holds this many bytes of items.
    static let handOverBytes = 1 << 19

    var isFull: Bool { bytes.count >= PageBatch.handOverBytes }

    mutating func removeAll() {
        events.removeAll(keepingCapacity: true)
        tape.reset()
        bytes.removeAll(keepingCapacity: true)
    }
}

/// Fills batches with the items read and hands each full one to the decoding thread.
struct PageBatcher: ItemSink {
    var batch = PageBatch()
    let queue: BatchQueue<PageBatch>

    var tape: JSONTape {
        get { batch.tape }
        _modify { yield &batch.tape }
        set { batch.tape = newValue }
    }

    var bytes: [UInt8] {
        get { batch.bytes }
        _modify { yield &batch.bytes }
        set { batch.bytes = newValue }
    }

    mutating func itemRead(root: Int32) -> Bool {
        batch.events.append(.item(root))
        guard batch.isFull else { return true }
        handOver()
        return !queue.stopRequested
    }

    /// Hands the batch over and starts the next in an emptied one.
    mutating func handOver() {
        batch = queue.submit(batch) ?? PageBatch()
        batch.removeAll()
    }
}
