import AsyncHTTPClient
import Hummingbird
import Foundation
import Testing

/// A property-based API tester (schemathesis) drives a real `govctl serve` on a loopback port from
/// `schemas/openapi.yaml`, with every check it offers, and must find nothing: no request the spec allows is
/// refused as malformed, no answer breaks the spec, no request takes the server down.
@Suite(.serialized) struct APIPropertyTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/api-property")

    /// Seconds each of the two runs may take (`GOVCTL_API_PROPERTY_SECONDS`, default 45).
    static var seconds: Int { ProcessInfo.processInfo.environment["GOVCTL_API_PROPERTY_SECONDS"].flatMap(Int.init) ?? 45 }

    @Test("schemathesis finds nothing, as a tenant-wide owner and as an environment-scoped manager")
    func schemathesisFindsNothing() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("api-property-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let keyFile = dir.appendingPathComponent("owner.key").path
        let server = try ServeBinaryTests.ServeProcess(["--listen", "127.0.0.1:0", "--state", dir.appendingPathComponent("state.db").path,
                                                        "--bootstrap-key-file", keyFile])
        let port = try await server.port()
        let owner = try String(contentsOfFile: keyFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let scoped = try await Self.scopedManagerKey(port: port, owner: owner)

        // A tenant-wide key must name the environment of a new policy or agent, which no schema can say of one
        // key and not another: those two creates are tried by the scoped key, which may leave it out.
        let asScoped = try Self.run(port: port, key: scoped, extra: [], in: dir)
        #expect(asScoped.status == 0, "schemathesis as a scoped manager:\n\(asScoped.report)")
        let asOwner = try Self.run(port: port, key: owner,
                                   extra: ["--exclude-name", "POST /api/v1/policies", "--exclude-name", "POST /api/v1/agents"], in: dir)
        #expect(asOwner.status == 0, "schemathesis as the owner:\n\(asOwner.report)")

        #expect(server.process.isRunning, "serve died: \(server.printed.suffix(2_000))")
        #expect(try await ServeBinaryTests.get(port, "/healthz", key: owner).0 == 200)
        let exit = try await server.terminate()
        #expect(exit == (0, false), "serve did not exit cleanly: \(server.printed.suffix(2_000))")
        #expect(!server.printed.contains(owner) && !server.printed.contains(scoped))
    }

    /// A Manager key scoped to a new environment `prop-test`, issued with the owner key.
    static func scopedManagerKey(port: Int, owner: String) async throws -> String {
        func post(_ path: String, _ body: String) async throws -> [String: Any] {
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
            request.method = .POST
            request.headers.add(name: "Authorization", value: "Bearer \(owner)")
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            let data = try await response.body.collect(upTo: 1 << 20)
            let json = try JSONSerialization.jsonObject(with: Data(String(buffer: data).utf8)) as? [String: Any]
            return json?["data"] as? [String: Any] ?? [:]
        }
        _ = try await post("/api/v1/environments", #"{"slug": "prop-test", "name": "Property Test"}"#)
        let issued = try await post("/api/v1/api-keys", #"{"name": "property-test", "environment_id": "env_prop-test", "role": "manager"}"#)
        return try #require(issued["secret"] as? String)
    }

    /// Runs schemathesis against the server; exit status and the end of its report.
    static func run(port: Int, key: String, extra: [String], in dir: URL) throws -> (status: Int32, report: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "from schemathesis.cli import schemathesis; schemathesis()",
                             "--config-file", fixtures.appendingPathComponent("schemathesis.toml").path,
                             "run", OpenAPITests.specURL.path, "--url", "http://127.0.0.1:\(port)",
                             "--checks", "all", "--max-time", String(seconds), "--workers", "1", "--no-color"] + extra
        var environment = ProcessInfo.processInfo.environment
        environment["GOVCTL_API_PROPERTY_KEY"] = key
        environment["SCHEMATHESIS_HOOKS"] = "hooks"
        environment["PYTHONPATH"] = fixtures.path
        process.environment = environment
        process.currentDirectoryURL = dir
        let log = dir.appendingPathComponent("schemathesis-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        let missing = text.contains("No module named 'schemathesis'")
            ? "schemathesis is not installed: `python3 -m pip install schemathesis` (.ci/run does it)\n" : ""
        return (process.terminationStatus, missing + String(text.suffix(12_000)))
    }
}
