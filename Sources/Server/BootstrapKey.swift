import ControlPlane
import Foundation
import Governance

/// The first Owner key of a store no key can reach yet: created through the control plane, written to a 0600 file,
/// never printed.
public enum BootstrapKey {
    /// Why the server cannot start with the key setup it was given.
    public struct Failure: Error, CustomStringConvertible {
        public let code: String
        public let message: String
        public var description: String { "\(message) [\(code)]" }
    }

    /// The name the bootstrap key gets in lists and audit events.
    public static let keyName = "bootstrap-owner"

    /// When the store has no active API key, issues an Owner key and writes its secret to `file`; returns whether it did.
    ///
    /// The file is created exclusively (an existing file is never overwritten) before the key exists, so a key is
    /// never issued that could not be written down.
    @discardableResult
    public static func ensure(_ controlPlane: ControlPlane, file: String?) async throws -> Bool {
        let keys = try await controlPlane.apiKeys(as: .cli)
        guard !keys.contains(where: { $0.revokedAt == nil }) else { return false }
        guard let file else {
            throw Failure(code: "bootstrap-key-file-required",
                          message: "the store has no API key yet, so the first start issues an Owner key; "
                              + "name the file to write it to with --bootstrap-key-file FILE (created with mode 0600)")
        }
        let descriptor = open(file, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw Failure(code: "bootstrap-key-file",
                          message: "cannot create '\(file)' for the bootstrap key (\(reason)); name a new file in a directory you can write")
        }
        defer { close(descriptor) }
        // open(2) applies the umask; make the mode exactly 0600 whatever it is.
        fchmod(descriptor, 0o600)
        let issued: IssuedApiKey
        do {
            // Revoked keys keep their names, so a store whose earlier bootstrap key was revoked gets the next free one.
            let taken = Set(keys.map(\.name))
            var name = keyName
            var suffix = 1
            while taken.contains(name) {
                suffix += 1
                name = "\(keyName)-\(suffix)"
            }
            issued = try await controlPlane.createApiKey(name, in: nil, role: .owner, as: .cli)
        } catch {
            unlink(file)
            throw error
        }
        let bytes = Array((issued.secret + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else {
            throw Failure(code: "bootstrap-key-file",
                          message: "could not write the bootstrap key to '\(file)'; revoke '\(issued.key.name)' with the CLI and start again")
        }
        return true
    }
}
