import Testing
import ThuisCore

@Suite struct SHA256Tests {
    @Test("known digests (FIPS 180-4 examples)", arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func known(_ text: String, _ digest: String) {
        var hash = SHA256()
        hash.update(Array(text.utf8))
        #expect(hash.hexDigest == digest)
    }

    @Test("feeding in pieces gives the same digest")
    func pieces() {
        let bytes = (0..<1000).map { UInt8($0 % 251) }
        var whole = SHA256()
        whole.update(bytes)
        var parts = SHA256()
        for chunk in stride(from: 0, to: bytes.count, by: 37) { parts.update(Array(bytes[chunk..<min(chunk + 37, bytes.count)])) }
        #expect(whole.hexDigest == parts.hexDigest)
    }
}

@Suite struct KeyedHashTests {
    @Test("HMAC-SHA-256 test vectors (RFC 4231, cases 2 and 1)")
    func vectors() {
        #expect(KeyedHash.hmac(key: "Jefe", message: "what do ya want for nothing?")
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        let key = String(decoding: [UInt8](repeating: 0x0b, count: 20), as: UTF8.self)
        #expect(KeyedHash.hmac(key: key, message: "Hi There") == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
    }
}
