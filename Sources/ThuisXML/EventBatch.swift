import CLibXML2
import ThuisCore

/// SAX events recorded on the parsing thread, to be replayed in order on the reading thread.
/// Names are pointers into the parser's dictionary (alive until the parser is freed, which
/// waits for the replay); attribute values and text are copied.
struct EventBatch {
    enum Kind: UInt8 { case start, end, text, doctype, diagnostic }

    struct Event {
        var kind: Kind
        /// Self-closing start tag (`<Reactie .../>`).
        var selfClosing = false
        var name: UnsafePointer<xmlChar>?
        var line: Int32 = 0
        var column: Int32 = 0
        /// Start: first attribute in ``attributes`` and their count. Text: offset and length in
        /// ``bytes``. Diagnostic: index in ``diagnostics``.
        var first: Int32 = 0
        var count: Int32 = 0
    }

    struct Attribute {
        var name: UnsafePointer<xmlChar>?
        var prefix: UnsafePointer<xmlChar>?
        var start: Int32
        var length: Int32
    }

    var events: [Event] = []
    var attributes: [Attribute] = []
    var bytes: [UInt8] = []
    var diagnostics: [Diagnostic] = []

    /// Batches are handed over when this full.
    var isFull: Bool { events.count >= 8192 || bytes.count >= 1 << 19 }
    var isEmpty: Bool { events.isEmpty }

    /// A batch with room for a full batch, or (`reserve` false) with none, to swap with.
    init(reserve: Bool = true) {
        guard reserve else { return }
        events.reserveCapacity(8192)
        attributes.reserveCapacity(16_384)
        bytes.reserveCapacity(1 << 19)
    }

    mutating func removeAll() {
        events.removeAll(keepingCapacity: true)
        attributes.removeAll(keepingCapacity: true)
        bytes.removeAll(keepingCapacity: true)
        diagnostics.removeAll(keepingCapacity: true)
    }
}
