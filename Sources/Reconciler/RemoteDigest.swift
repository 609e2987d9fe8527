import Crypto
import Foundation

/// SHA-256 in lowercase hex, for idempotency keys and plan digests.
public enum RemoteDigest {
    /// The hex SHA-256 of `text`'s UTF-8 bytes.
    public static func hex(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
