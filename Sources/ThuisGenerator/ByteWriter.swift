#if canImport(Glibc)
import Glibc
#endif

/// A buffered writer of ASCII and numbers to a file descriptor, for exports of gigabytes:
/// no `String` per record, one `write` per megabyte.
struct ByteWriter: ~Copyable {
    private var buffer: UnsafeMutablePointer<UInt8>
    private var count = 0
    private let capacity = 1 << 20
    private let fd: Int32
    private(set) var failed: Int32 = 0
    /// Bytes written so far.
    private(set) var written = 0

    init(fd: Int32) {
        self.fd = fd
        buffer = .allocate(capacity: capacity)
    }

    deinit { buffer.deallocate() }

    @inline(__always)
    mutating func ascii(_ s: StaticString) {
        let n = s.utf8CodeUnitCount
        if count + n > capacity { flush() }
        (buffer + count).update(from: s.utf8Start, count: n)
        count += n
    }

    mutating func text(_ s: String) {
        var s = s
        s.withUTF8 { bytes in
            if count + bytes.count > capacity { flush() }
            (buffer + count).update(from: bytes.baseAddress!, count: bytes.count)
            count += bytes.count
        }
    }

    /// A non-negative integer, zero-padded to `width` digits.
    @inline(__always)
    mutating func int(_ value: Int, width: Int = 1) {
        if count + 24 > capacity { flush() }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var v = value, n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[n] = UInt8(48 + v % 10)
                v /= 10
                n += 1
            } while v > 0 || n < width
            for i in 0..<n { buffer[count + i] = d[n - 1 - i] }
        }
        count += n
    }

    /// An amount in cents as euro with two decimals.
    mutating func money(cents: Int) {
        int(cents / 100)
        ascii(".")
        int(cents % 100, width: 2)
    }

    /// A day as YYYY-MM-DD.
    mutating func day(_ d: (year: Int, month: Int, day: Int)) {
        int(d.year, width: 4)
        ascii("-")
        int(d.month, width: 2)
        ascii("-")
        int(d.day, width: 2)
    }

    mutating func flush() {
        var offset = 0
        while offset < count {
            let n = Glibc.write(fd, buffer + offset, count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                failed = errno
                break
            }
            offset += n
        }
        written += count
        count = 0
    }
}
