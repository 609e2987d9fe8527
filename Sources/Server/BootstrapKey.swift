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

    /// What `ensure` did, so the server can say it.
    public enum Outcome: Sendable, Equatable {
        /// An Owner key was issued and its secret written to the file.
        case issued
        /// An active tenant-wide Owner key exists: nothing was issued and the file was not touched.
        case ownerKeyExists
        /// Keys exist but none is a tenant-wide Owner, and no file was named: nothing was issued.
        case noOwnerKey
    }

    /// When the store has no active tenant-wide Owner key, issues one and writes its secret to `file`.
    ///
    /// A store with no active key at all cannot be reached, so it needs `file`; a store whose keys are all narrower
    /// (an embedded apply's CI keys, say) gets an Owner key only when `file` asks for one. The file is created
    /// exclusively (an existing file is never overwritten) before the key exists, so a key is never issued that could
    /// not be written down.
    @discardableResult
    public static func ensure(_ controlPlane: ControlPlane, file: String?) async throws -> Outcome {
        let keys = try await controlPlane.apiKeys(as: .cli)
        let active = keys.filter { $0.revokedAt == nil }
        guard !active.contains(where: { $0.role == .owner && $0.environment == nil }) else { return .ownerKeyExists }
        guard let file else {
            guard active.isEmpty else { return .noOwnerKey }
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
            issued = try await controlPlane.createApiKey(name, in: nil, role: .owner,
                                                         labels: [ManagedLabels.issuedByKey: ManagedLabels.bootstrapValue], as: .cli)
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
        return .issued
    }
}
