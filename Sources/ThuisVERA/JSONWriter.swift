import ThuisCore

/// Builds JSON text as bytes, one member or item at a time; strings escaped per RFC 8259.
struct JSONWriter {
    var bytes: [UInt8] = []
    /// Per open object or array: whether a member or item was written (the next needs a comma).
    private var written: [Bool] = []
    /// A member's name was written; its value follows without a comma.
    private var afterKey = false

    init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    /// The comma before a member or item, when one came before it.
    private mutating func separate() {
        if afterKey {
            afterKey = false
            return
        }
        guard let last = written.last else { return }
        if last { bytes.append(UInt8(ascii: ",")) }
        written[written.count - 1] = true
    }

    private mutating func key(_ name: String) {
        separate()
        quoted(name)
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    /// An object, as an item (`key` nil) or a member's value.
    mutating func object(_ key: String? = nil, _ body: (inout JSONWriter) -> Void) {
        container(key, UInt8(ascii: "{"), UInt8(ascii: "}"), body)
    }

    /// An array, as an item or a member's value.
    mutating func array(_ key: String? = nil, _ body: (inout JSONWriter) -> Void) {
        container(key, UInt8(ascii: "["), UInt8(ascii: "]"), body)
    }

    private mutating func container(_ key: String?, _ open: UInt8, _ close: UInt8, _ body: (inout JSONWriter) -> Void) {
        if let key { self.key(key) }
        separate()
        bytes.append(open)
        written.append(false)
        body(&self)
        written.removeLast()
        bytes.append(close)
    }

    mutating func string(_ key: String, _ s: String) { self.key(key); separate(); quoted(s) }
    /// A string item of an array.
    mutating func item(_ s: String) { separate(); quoted(s) }
    mutating func number(_ key: String, _ n: Int) { raw(key, String(n)) }
    mutating func money(_ key: String, _ m: Money) { raw(key, m.description) }
    mutating func bool(_ key: String, _ b: Bool) { raw(key, b ? "true" : "false") }

    private mutating func raw(_ key: String, _ text: String) {
        self.key(key)
        separate()
        bytes.append(contentsOf: text.utf8)
    }

    /// A reference-data value: `{"code": ...}`.
    mutating func code(_ key: String, _ code: String) { object(key) { $0.string("code", code) } }

    /// A reference to another resource by its key: `{"id": ...}`.
    mutating func reference(_ key: String, id: String) { object(key) { $0.string("id", id) } }

    /// An ExtraAttribuut: `{"naam": ..., "waarde": ...}`, as an item of `extra-attributen`.
    mutating func extra(_ name: String, _ value: String) {
        object { $0.string("naam", name); $0.string("waarde", value) }
    }

    /// A line break between items, so each item of a page starts a line of its own.
    mutating func newline() { bytes.append(0x0A) }

    private mutating func quoted(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        for c in s.utf8 {
            switch c {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(c >> 4)], hex[Int(c & 15)]])
            default: bytes.append(c)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
