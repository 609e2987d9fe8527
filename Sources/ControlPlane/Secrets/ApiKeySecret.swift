import Crypto
import Foundation

/// API key secrets: made from a secure random source, kept only as SHA-256 hashes, compared in constant time.
enum ApiKeySecret {
    static let marker = "mk_"
    static let prefixLength = 8

    /// `mk_` followed by 64 hex characters (32 random bytes from the system's secure generator).
    static func generate() -> String {
        var rng = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &rng) }
        return marker + bytes.hexString
    }

    /// Whether `text` has the shape of a secret, checked before any lookup.
    static func isWellFormed(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.count == 67 && text.hasPrefix(marker)
            && bytes.dropFirst(3).allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// The non-secret prefix shown in lists and audit events.
    static func prefix(of secret: String) -> String { String(secret.prefix(prefixLength)) }

    /// The only form of the secret the store keeps.
    static func hash(_ secret: String) -> Data { Data(SHA256.hash(data: Data(secret.utf8))) }

    /// Compares two hashes touching every byte whatever they hold, so timing reveals nothing.
    static func constantTimeEquals(_ a: Data, _ b: Data) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) { difference |= x ^ y }
        return difference == 0
    }
}
