import Testing
@testable import ThuisCommands

/// The manifest's line counts: eight bytes at a time must count exactly what a byte loop counts,
/// whatever the bytes around a newline (0x0A next to 0x8A, 0x0B, 0x09, 0xFF) and the length.
@Suite struct LineCountTests {
    @Test("the word-at-a-time count equals a byte loop on random bytes of every length up to 300")
    func randomBytes() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt8 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        let alphabet: [UInt8] = [0x0A, 0x0B, 0x09, 0x8A, 0x0A, 0xFF, 0x00, 0x2C, 0x41, 0x0A]
        for length in 0...300 {
            for mix in 0..<4 {
                let bytes = (0..<length).map { _ in mix == 0 ? next() : alphabet[Int(next()) % alphabet.count] }
                #expect(LineCount.newlines(bytes) == bytes.filter { $0 == 0x0A }.count, "length \(length) mix \(mix)")
            }
        }
        #expect(LineCount.newlines([UInt8](repeating: 0x0A, count: 1000)) == 1000)
        #expect(LineCount.newlines(Array("a,b\nc,d\n".utf8)) == 2)
    }
}
