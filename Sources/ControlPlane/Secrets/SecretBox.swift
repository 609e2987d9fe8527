import Crypto
import Foundation

/// Seals credential values (AES-GCM) and fingerprints them (HMAC-SHA256), with keys derived from the master key.
///
/// Separate derived keys keep the fingerprint from ever helping to decrypt, and vice versa.
struct SecretBox: Sendable {
    private let sealingKey: SymmetricKey
    private let fingerprintKey: SymmetricKey

    init(masterKey: SymmetricKey) {
        sealingKey = HKDF<SHA256>.deriveKey(inputKeyMaterial: masterKey, info: Data("govctl credential sealing v1".utf8),
                                            outputByteCount: 32)
        fingerprintKey = HKDF<SHA256>.deriveKey(inputKeyMaterial: masterKey,
                                                info: Data("govctl credential fingerprint v1".utf8), outputByteCount: 32)
    }

    /// The value encrypted with a fresh nonce: nonce, ciphertext and tag together.
    func seal(_ value: String) throws -> Data {
        do {
            guard let combined = try AES.GCM.seal(Data(value.utf8), using: sealingKey).combined else {
                throw ControlPlaneError(.storeError, resource: "", "AES-GCM gave no combined box")
            }
            return combined
        } catch let error as ControlPlaneError {
            throw error
        } catch {
            throw ControlPlaneError(.storeError, resource: "", "cannot encrypt a credential value: \(error)")
        }
    }

    /// The value a sealed box holds; fails when the box was sealed with another key or tampered with.
    func open(_ sealed: Data) throws -> String {
        do {
            let box = try AES.GCM.SealedBox(combined: sealed)
            return String(decoding: try AES.GCM.open(box, using: sealingKey), as: UTF8.self)
        } catch {
            throw ControlPlaneError(.storeError, resource: "",
                                    "cannot decrypt a credential value; the store's key file does not match its data")
        }
    }

    /// `hmac-sha256:` followed by hex: equal values give equal fingerprints in this store.
    func fingerprint(_ value: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(value.utf8), using: fingerprintKey)
        return "hmac-sha256:" + Array(mac).hexString
    }
}
