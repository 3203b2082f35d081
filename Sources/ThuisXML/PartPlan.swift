#if canImport(Glibc)
import Glibc
#endif

/// Where a large export is cut into parts that separate parsers can read: each cut is the start
/// of a line whose first markup is a top-level record's start tag (`<Reactie`, `<Relatie`, ...).
///
/// A cut is a guess, made from a few bytes around it; ``PartedRead`` proves each one while
/// parsing (the part before it must end with only the root and a section open, in content) and
/// reads the file with one parser when a guess fails. So the plan only has to be cheap and
/// usually right. The cut is preceded, within ``reach`` bytes, by a `>` followed by nothing but
/// white space, and followed, within ``reach``, by the `<` of its record: no text is split, and
/// the stretch without `<` around a cut is one the part before it measures whole (see
/// ``MarkupGap``).
struct PartPlan {
    /// The offsets where parts start: 0, then each cut, then the file's size.
    let bounds: [Int]

    /// How far a cut looks for its markup on either side.
    static let reach = 256

    /// The names a cut may start with: the records that sit directly under the root.
    private static let recordTags: [[UInt8]] = RecordType.root.children.map { Array(("<" + $0.element).utf8) }

    /// A plan for the file open as `fd` of `size` bytes, in parts of about `partBytes`; nil when
    /// the file is not worth parting (too small) or cannot be parted safely: it does not begin
    /// with an XML declaration (a byte-order mark, another encoding than UTF-8, or none) or no
    /// cut was found.
    init?(fd: Int32, size: Int, partBytes: Int) {
        guard partBytes > 0, size >= 2 * partBytes, PartPlan.declaresUTF8(fd: fd) else { return nil }
        var bounds = [0]
        let window = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { window.deallocate() }
        var target = partBytes
        while target + partBytes / 2 < size {
            guard let cut = PartPlan.cut(fd: fd, near: target, window: window) else {
                target += partBytes
                continue
            }
            bounds.append(cut)
            target = cut + partBytes
        }
        guard bounds.count > 1 else { return nil }
        bounds.append(size)
        self.bounds = bounds
    }

    /// The number of parts.
    var count: Int { bounds.count - 1 }

    /// The bytes of part `index`.
    func range(_ index: Int) -> Range<Int> { bounds[index]..<bounds[index + 1] }

    /// Whether the file starts with `<?xml` and declares UTF-8 or no encoding: the parts after
    /// the first are parsed without the declaration, as UTF-8.
    private static func declaresUTF8(fd: Int32) -> Bool {
        var head = [UInt8](repeating: 0, count: 512)
        let n = head.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard n > 5, head.starts(with: Array("<?xml".utf8)) else { return false }
        guard let close = (0..<(n - 1)).first(where: { head[$0] == UInt8(ascii: "?") && head[$0 + 1] == UInt8(ascii: ">") }) else {
            return false
        }
        let declaration = String(decoding: head[0..<close], as: UTF8.self).lowercased()
        guard let at = declaration.range(of: "encoding") else { return true }
        let value = declaration[at.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "'" }
        let after = value.dropFirst(5).first
        return value.hasPrefix("utf-8") && (after == "\"" || after == "'")
    }

    /// The first cut at or after `target`, within the window read there.
    private static func cut(fd: Int32, near target: Int, window: UnsafeMutableRawBufferPointer) -> Int? {
        let origin = max(0, target - reach)
        let n = pread(fd, window.baseAddress, window.count, origin)
        guard n > 2 * reach else { return nil }
        let bytes = UnsafeRawBufferPointer(rebasing: window[0..<n])
        var i = target - origin
        while i < n - reach {
            guard let p = memchr(bytes.baseAddress! + i, 0x0A, n - reach - i) else { return nil }
            let newline = bytes.baseAddress!.distance(to: UnsafeRawPointer(p))
            if isCut(bytes, after: newline) { return origin + newline + 1 }
            i = newline + 1
        }
        return nil
    }

    /// Whether a part can start after the newline at `newline`: white space back to a `>` and
    /// forward to a record's start tag, each within ``reach``.
    private static func isCut(_ bytes: UnsafeRawBufferPointer, after newline: Int) -> Bool {
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        var back = newline
        while back > newline - reach, back > 0, isSpace(bytes[back - 1]) { back -= 1 }
        guard back > 0, bytes[back - 1] == UInt8(ascii: ">") else { return false }
        var forward = newline + 1
        while forward < newline + reach, isSpace(bytes[forward]) { forward += 1 }
        for tag in recordTags where forward + tag.count < bytes.count {
            guard (0..<tag.count).allSatisfy({ bytes[forward + $0] == tag[$0] }) else { continue }
            let next = bytes[forward + tag.count]
            if isSpace(next) || next == UInt8(ascii: "/") || next == UInt8(ascii: ">") { return true }
        }
        return false
    }
}
