import Foundation
import Governance
import Testing
@testable import ControlPlane

/// Two real processes write one SQLite file at once; afterwards every write must be there.
@Suite struct TwoProcessTests {
    @Test func twoProcessesWritingOneFileLoseNothing() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cp2-\(UUID().uuidString)")
        let path = directory.appendingPathComponent("state.db").path
        let helper = try BuiltProduct.url("controlplane-stress")
        let count = 200
        // Neither the file nor its key exists yet: both processes race to create them too.
        let processes = try ["alpha", "beta"].map { writer in
            let process = Process()
            process.executableURL = helper
            process.arguments = ["write", path, writer, String(count)]
            try process.run()
            return process
        }
        for process in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        let plane = try ControlPlane(.init(path: path))

        let policies = try await plane.policies(in: "production", as: .cli)
        let names = Set(policies.map(\.policy.name))
        for writer in ["alpha", "beta"] {
            for i in 0..<count { #expect(names.contains("\(writer)-\(i)")) }
        }
        // Every read-modify-write increment survived: none overwrote another.
        #expect(policies.first { $0.policy.name == "counter" }?.policy.priority == 2 * count)
        let integrity = try await plane.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
        #expect(integrity == ["ok"])
        let audited = try await plane.auditEvents(in: "production", as: .cli).filter { $0.action == "policy.create" }
        #expect(audited.count == 2 * count + 1)
        // One store, one key: both processes sealed and fingerprinted with the same key file.
        let fingerprints = Set(try await plane.credentials(as: .cli).map(\.fingerprint))
        #expect(fingerprints == [plane.credentialFingerprint(of: "same-value")])
        #expect(try await plane.environments(as: .cli).map(\.slug) == ["production"])
    }
}
