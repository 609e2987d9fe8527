import ControlPlane
import Crypto
import Foundation
import Governance
import Server
import Testing

/// The first start's Owner key: issued only when no key can reach the store, only into a new 0600 file.
@Suite struct BootstrapKeyTests {
    static func emptyStore() throws -> (ControlPlane, URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bootstrap-\(UUID().uuidString)")
        let plane = try ControlPlane(.init(path: directory.appendingPathComponent("state.db").path, masterKey: SymmetricKey(size: .bits256)))
        return (plane, directory)
    }

    @Test func anExistingFileIsNeverOverwrittenAndNoKeyIsIssued() async throws {
        let (plane, directory) = try Self.emptyStore()
        let file = directory.appendingPathComponent("owner.key")
        try Data("keep me\n".utf8).write(to: file)
        await #expect(throws: BootstrapKey.Failure.self) { try await BootstrapKey.ensure(plane, file: file.path) }
        #expect(try String(contentsOf: file, encoding: .utf8) == "keep me\n")
        #expect(try await plane.apiKeys(as: .cli).isEmpty)
    }

    @Test func aStoreWithAKeyNeedsNoFile() async throws {
        let (plane, directory) = try Self.emptyStore()
        _ = try await plane.createApiKey("ops", in: nil, role: .owner, as: .cli)
        let file = directory.appendingPathComponent("owner.key")
        #expect(try await BootstrapKey.ensure(plane, file: file.path) == .ownerKeyExists)
        #expect(try await BootstrapKey.ensure(plane, file: nil) == .ownerKeyExists)
        #expect(!FileManager.default.fileExists(atPath: file.path))
    }

    @Test func onlyRevokedKeysMeansANewOwnerKey() async throws {
        let (plane, directory) = try Self.emptyStore()
        _ = try await plane.createApiKey("old", in: nil, role: .owner, as: .cli)
        try await plane.revokeApiKey("old", in: nil, as: .cli)
        let file = directory.appendingPathComponent("owner.key")
        #expect(try await BootstrapKey.ensure(plane, file: file.path) == .issued)
        let secret = try String(contentsOf: file, encoding: .utf8).trimmingCharacters(in: .newlines)
        let principal = try await plane.authenticate(secret)
        #expect(principal.role == .owner && principal.scope == .tenant)

        // Its name stays taken after it is revoked; the next bootstrap key gets the next free name.
        try await plane.revokeApiKey(BootstrapKey.keyName, in: nil, as: .cli)
        let again = directory.appendingPathComponent("owner-2.key")
        #expect(try await BootstrapKey.ensure(plane, file: again.path) == .issued)
        #expect(try await plane.apiKeys(as: .cli).filter { $0.revokedAt == nil }.map(\.name) == [BootstrapKey.keyName + "-2"])
    }

    @Test func narrowerKeysAloneGetAnOwnerKeyOnlyWhenAFileAsks() async throws {
        let (plane, directory) = try Self.emptyStore()
        _ = try await plane.createEnvironment(slug: "staging", EnvironmentFields(name: "Staging"), as: .cli)
        _ = try await plane.createApiKey("ci", in: "staging", role: .owner, as: .cli)
        _ = try await plane.createApiKey("reader", in: nil, role: .viewer, as: .cli)
        #expect(try await BootstrapKey.ensure(plane, file: nil) == .noOwnerKey)
        let file = directory.appendingPathComponent("owner.key")
        #expect(try await BootstrapKey.ensure(plane, file: file.path) == .issued)
        let secret = try String(contentsOf: file, encoding: .utf8).trimmingCharacters(in: .newlines)
        #expect(try await plane.authenticate(secret).role == .owner)
    }
}
