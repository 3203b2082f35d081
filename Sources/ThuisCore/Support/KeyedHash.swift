/// HMAC-SHA-256 (RFC 2104), for pseudonymising ids in research outputs: the same key gives the
/// same pseudonym, and without the key the id cannot be recovered or recomputed.
public enum KeyedHash {
    /// The HMAC-SHA-256 of `message` under `key`, as 64 hex digits.
    public static func hmac(key: String, message: String) -> String {
        var k = Array(key.utf8)
        if k.count > 64 {
            var h = SHA256()
            h.update(k)
            k = hexBytes(h.hexDigest)
        }
        k += Array(repeating: 0, count: 64 - k.count)
        var inner = SHA256()
        inner.update(k.map { $0 ^ 0x36 })
        inner.update(Array(message.utf8))
        var outer = SHA256()
        outer.update(k.map { $0 ^ 0x5c })
        outer.update(hexBytes(inner.hexDigest))
        return outer.hexDigest
    }

    static func hexBytes(_ hex: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var chars = Array(hex.utf8)[...]
        while chars.count >= 2 {
            bytes.append(UInt8(String(decoding: chars.prefix(2), as: UTF8.self), radix: 16)!)
            chars = chars.dropFirst(2)
        }
        return bytes
    }
}
