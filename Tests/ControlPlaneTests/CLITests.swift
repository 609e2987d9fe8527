import Foundation
import Governance
import Testing
@testable import ControlPlane

/// `govctl get` and `govctl audit`, run as a user would, on fresh state files.
@Suite struct CLITests {
    func scratch() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test func aMissingStateFileIsRefusedAndNotCreated() throws {
        let dir = try scratch()
        let missing = try BuiltProduct.run("govctl", ["get", "environments"], in: dir)
        #expect(missing.status == 1)
        #expect(missing.err.contains("no live state at .govctl/state.db") && missing.err.hasSuffix("[no-live-state]\n"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent(".govctl").path), "a read makes no tenant")
        _ = try ControlPlane(.init(path: dir.appendingPathComponent(".govctl/state.db").path))
        let result = try BuiltProduct.run("govctl", ["get", "environments"], in: dir)
        #expect(result.status == 0)
        #expect(result.out.hasPrefix("SLUG"))
        #expect(result.out.contains("production   Production   yes"))
        let ignore = try String(contentsOf: dir.appendingPathComponent(".govctl/.gitignore"), encoding: .utf8)
        #expect(ignore.hasSuffix("*\n"))
        let audit = try BuiltProduct.run("govctl", ["audit", "--since", "24h"], in: dir)
        #expect(audit.status == 0)
        #expect(audit.out.contains("tenant.create"))
    }

    @Test func stateComesFromTheFlagThenTheEnvironmentVariable() async throws {
        let dir = try scratch()
        _ = try ControlPlane(.init(path: dir.appendingPathComponent("a/s.db").path))
        let b = try ControlPlane(.init(path: dir.appendingPathComponent("b/s.db").path))
        _ = try await b.createEnvironment(slug: "only-in-b", .init(name: "Only in B"), as: .cli)
        let flagged = try BuiltProduct.run("govctl", ["get", "environments", "--state", "a/s.db"], in: dir)
        #expect(flagged.status == 0)
        #expect(!flagged.out.contains("only-in-b"))
        let variable = try BuiltProduct.run("govctl", ["get", "environments"], in: dir, environment: ["GOVCTL_STATE": dir.appendingPathComponent("b/s.db").path])
        #expect(variable.status == 0)
        #expect(variable.out.contains("only-in-b"))
        let both = try BuiltProduct.run("govctl", ["get", "environments", "--state", "a/s.db"], in: dir,
                                        environment: ["GOVCTL_STATE": dir.appendingPathComponent("b/s.db").path])
        #expect(!both.out.contains("only-in-b"), "the flag outranks the variable")
    }

    @Test func errorsAreOneLineWithTheirCodeAndExitOne() throws {
        let dir = try scratch()
        _ = try ControlPlane(.init(path: dir.appendingPathComponent(".govctl/state.db").path))
        let result = try BuiltProduct.run("govctl", ["get", "agents", "-e", "nowhere"], in: dir)
        #expect(result.status == 1)
        #expect(result.err.hasPrefix("error: environment 'nowhere' does not exist"))
        #expect(result.err.hasSuffix("[not-found]\n"))
    }

    @Test func secretsAndValuesNeverAppearInAnyOutput() async throws {
        let dir = try scratch()
        let path = dir.appendingPathComponent("state.db").path
        let plane = try ControlPlane(.init(path: path))
        _ = try await plane.createAgent("bot", in: "production", as: .cli)
        let key = try await plane.createApiKey("ci", in: "production", role: .manager, as: .cli)
        _ = try await plane.createCredential("db", in: "production", type: .dbPassword, value: "hunter2-plaintext", as: .cli)
        _ = try await plane.grantCredential("db", in: "production", to: AgentReference(environment: "production", name: "bot"), as: .cli)
        for arguments in [["get", "apikeys"], ["get", "credentials"], ["audit"]] {
            for format in ["table", "json"] {
                let result = try BuiltProduct.run("govctl", arguments + ["--state", path, "--format", format], in: dir)
                #expect(result.status == 0)
                #expect(!result.out.contains(key.secret))
                #expect(!result.out.contains("hunter2-plaintext"))
            }
        }
        let keys = try BuiltProduct.run("govctl", ["get", "apikeys", "--state", path, "--format", "json"], in: dir)
        #expect(keys.out.contains("\"prefix\": \"\(key.key.prefix)\""))
        let json = try JSONCoding.value(keys.out)
        guard case .array(let items) = json, case .object(let first)? = items.first else {
            Issue.record("not a JSON array of objects: \(keys.out)")
            return
        }
        #expect(first["role"] == .string("manager"))
        let credentials = try BuiltProduct.run("govctl", ["get", "credentials", "-e", "production", "--state", path], in: dir)
        #expect(credentials.out.contains("db_password"))
    }
}
