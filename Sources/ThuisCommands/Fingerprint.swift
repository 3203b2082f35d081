import Crypto
import Foundation
import ThuisCore

/// The hashes Thuis records and prints, from swift-crypto: SHA-256 of the exact bytes a run read
/// (exports, policy) and wrote (the output manifest), and HMAC-SHA-256 pseudonyms of ids.
public enum Fingerprint {
    /// SHA-256 of `bytes`, as 64 hex digits.
    public static func sha256(_ bytes: [UInt8]) -> String {
        hex(SHA256.hash(data: bytes))
    }

    /// SHA-256 of the files at `paths`, read in order as one stream, 1 MiB at a time.
    public static func sha256(files paths: [String]) throws -> String {
        try sha256(eachOf: paths).all
    }

    /// In one read of the files: the SHA-256 of them all as one stream (as ``sha256(files:)``)
    /// and of each (a ledger run records the first, summary.json the others).
    public static func sha256(eachOf paths: [String]) throws -> (all: String, each: [String]) {
        // One file is its own stream: hashing it twice would cost a core 2 s more on a national export.
        var all: SHA256? = paths.count == 1 ? nil : SHA256()
        var each: [String] = []
        for path in paths {
            // A VERA batch folder is hashed as its files in reading order, as one stream.
            var one = SHA256()
            for file in try BatchSource.files(path) {
                try update(file, &all, &one)
            }
            each.append(hex(one.finalize()))
        }
        return (all.map { hex($0.finalize()) } ?? each[0], each)
    }

    private static func update(_ path: String, _ all: inout SHA256?, _ one: inout SHA256) throws {
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw CommandFailure(.readFailed, "cannot read for the fingerprint: \(path) cannot be opened")
            }
            defer { try? handle.close() }
            do {
                while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                    all?.update(data: chunk)
                    one.update(data: chunk)
                }
            } catch {
                throw CommandFailure(.readFailed, "cannot read for the fingerprint: \(error)")
            }
    }

    /// HMAC-SHA-256 (RFC 2104) of `message` under `key`, as 64 hex digits: the same key gives the
    /// same pseudonym, and without the key an id can be neither recovered nor recomputed.
    public static func hmac(key: String, message: String) -> String {
        hex(HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: SymmetricKey(data: Data(key.utf8))))
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        for byte in digest { out += [digits[Int(byte >> 4)], digits[Int(byte & 0xF)]] }
        return String(decoding: out, as: UTF8.self)
    }
}
