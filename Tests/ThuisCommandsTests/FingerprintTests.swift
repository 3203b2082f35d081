import Foundation
import Testing
import ThuisCommands
import ThuisTestSupport

/// The hashes Thuis records (swift-crypto underneath), against published test vectors.
@Suite struct FingerprintTests {
    @Test("SHA-256 known digests (FIPS 180-4 examples)", arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func known(_ text: String, _ digest: String) {
        #expect(Fingerprint.sha256(Array(text.utf8)) == digest)
    }

    @Test("files hash as one stream, in the order given")
    func files() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let a = directory.appendingPathComponent("a"), b = directory.appendingPathComponent("b")
        try Data("ab".utf8).write(to: a)
        try Data("c".utf8).write(to: b)
        #expect(try Fingerprint.sha256(files: [a.path, b.path]) == Fingerprint.sha256(Array("abc".utf8)))
        #expect(throws: CommandFailure.self) { try Fingerprint.sha256(files: [directory.appendingPathComponent("missing").path]) }
    }

    @Test("each file's hash, and all of them as one stream: one file is the stream, two are not each")
    func eachOf() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let a = directory.appendingPathComponent("a"), b = directory.appendingPathComponent("b")
        try Data("ab".utf8).write(to: a)
        try Data("c".utf8).write(to: b)
        let one = try Fingerprint.sha256(eachOf: [a.path])
        #expect(one.all == Fingerprint.sha256(Array("ab".utf8)) && one.each == [one.all])
        let two = try Fingerprint.sha256(eachOf: [a.path, b.path])
        #expect(two.all == Fingerprint.sha256(Array("abc".utf8)))
        #expect(two.each == [Fingerprint.sha256(Array("ab".utf8)), Fingerprint.sha256(Array("c".utf8))])
    }

    @Test("HMAC-SHA-256 test vectors (RFC 4231, cases 1 and 2)")
    func hmac() {
        let key = String(decoding: [UInt8](repeating: 0x0b, count: 20), as: UTF8.self)
        #expect(Fingerprint.hmac(key: key, message: "Hi There") == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        #expect(Fingerprint.hmac(key: "Jefe", message: "what do ya want for nothing?")
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }
}
