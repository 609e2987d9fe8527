import Foundation
import Governance
import Testing
@testable import ControlPlane

/// The master key file: made for a new store, required for an existing one.
@Suite("key file")
struct KeyFileTests {
    @Test("an existing store whose key file is gone is refused instead of getting a new key")
    func missingKeyOfExistingStore() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("govctl-key-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("state.db").path
        _ = try ControlPlane(.init(path: path))
        try FileManager.default.removeItem(atPath: path + ".key")
        #expect {
            _ = try ControlPlane(.init(path: path))
        } throws: { error in
            (error as? ControlPlaneError)?.message.contains("key file") == true
        }
        #expect(!FileManager.default.fileExists(atPath: path + ".key"), "no new key was made")
    }

    @Test("a new store and its key file are readable only by their owner")
    func ownerOnly() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("govctl-perm-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("state.db").path
        _ = try ControlPlane(.init(path: path))
        for file in [path, path + ".key"] {
            let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(file) has mode \(String(mode ?? 0, radix: 8))")
        }
    }
}
