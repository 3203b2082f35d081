import Testing
import ThuisCore

/// An id's check passes printable ASCII eight bytes at a time; every other byte takes the full
/// scan. Both must agree with the rule byte by byte, wherever a refused byte sits in a word.
@Suite struct IDProblemTests {
    @Test("printable ASCII passes, and one control, DEL or non-ASCII byte anywhere is caught, at every length to 40")
    func wordAtATime() {
        for length in 0...40 {
            let plain = (0..<length).map { UInt8(0x20 + ($0 * 7) % 95) }   // 0x20...0x7E
            plain.withUnsafeBytes { #expect(FieldBytes.isPrintableASCII($0) && FieldBytes.idProblem($0) == nil, "length \(length)") }
            for at in 0..<length {
                for bad: UInt8 in [0x00, 0x09, 0x1F, 0x7F, 0x80, 0xC2, 0xFF] {
                    var bytes = plain
                    bytes[at] = bad
                    bytes.withUnsafeBytes { #expect(!FieldBytes.isPrintableASCII($0), "length \(length), 0x\(String(bad, radix: 16)) at \(at)") }
                }
                // A control character is refused at its byte, whichever way the word is read.
                var control = plain
                control[at] = 0x01
                let problem = control.withUnsafeBytes { FieldBytes.idProblem($0) }
                #expect(problem?.code == .invalidValue && problem?.reason.contains("at byte \(at + 1);") == true, "\(String(describing: problem))")
            }
        }
        // Neighbours of the refused range pass: space, tilde, and bytes that borrow across words.
        let edges: [UInt8] = Array(" ~ !~ 0A~ ~~~~~~~~ !!!!!!!!".utf8)
        edges.withUnsafeBytes { #expect(FieldBytes.isPrintableASCII($0)) }
    }
}
