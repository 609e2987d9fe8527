import ControlPlane
import Crypto
import Foundation
import Governance
import Hummingbird
import HummingbirdTesting
import Logging
import Server
import Testing

/// A fresh store with keys of every kind, and the app `govctl serve` runs, on a free loopback port.
struct ServerFixture: Sendable {
    let directory: URL
    let plane: ControlPlane
    let dependencies: APIServer.Dependencies
    var rateLimit: Int?
    /// Secrets by name: owner, manager, member, viewer (tenant-wide) and staging-manager (scoped to staging).
    var keys: [String: String] = [:]

    init(rateLimit: Int? = nil, withStaging: Bool = true) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString)")
        plane = try ControlPlane(.init(path: directory.appendingPathComponent("state.db").path, masterKey: SymmetricKey(size: .bits256)))
        dependencies = APIServer.Dependencies(controlPlane: plane)
        self.rateLimit = rateLimit
        for role in Role.allCases {
            keys[role.rawValue] = try await plane.createApiKey("test-\(role.rawValue)", in: nil, role: role, as: .cli).secret
        }
        if withStaging {
            _ = try await plane.createEnvironment(slug: "staging", EnvironmentFields(name: "Staging"), as: .cli)
            keys["staging-manager"] = try await plane.createApiKey("staging-manager", in: "staging", role: .manager, as: .cli).secret
        }
    }

    /// The state file's path.
    var statePath: String { directory.appendingPathComponent("state.db").path }

    /// Starts the app on 127.0.0.1 port 0 and runs `body` with a real HTTP client (AsyncHTTPClient) against it.
    func run<T: Sendable>(_ body: @Sendable (API) async throws -> T) async throws -> T {
        var logger = Logger(label: "govctl.serve.test")
        logger.logLevel = .warning
        let configuration = APIServer.Configuration(host: "127.0.0.1", port: 0, rateLimit: rateLimit, logger: logger)
        let app = APIServer.application(configuration, dependencies)
        let keys = self.keys
        return try await app.test(.ahc(.http)) { client in try await body(API(client: client, keys: keys)) }
    }
}

/// The test's HTTP client: requests as one of the fixture's keys, answers parsed as JSON.
struct API: Sendable {
    let client: any TestClientProtocol
    let keys: [String: String]

    /// One answer: status, headers, raw body and the body as JSON when it is an object.
    struct Answer: Sendable {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let text: String

        var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
        }
        var data: [String: Any] { json["data"] as? [String: Any] ?? [:] }
        var list: [[String: Any]] { json["data"] as? [[String: Any]] ?? [] }
        var meta: [String: Any] { json["meta"] as? [String: Any] ?? [:] }
        var error: [String: Any] { json["error"] as? [String: Any] ?? [:] }
        var code: String? { error["code"] as? String }
        var rule: String? { error["rule"] as? String }
        var etag: String? { headers[.eTag] }
    }

    /// Sends `method path` as key `as` (nil: no Authorization header), with an optional JSON body and extra headers.
    @discardableResult
    func call(_ method: HTTPRequest.Method, _ path: String, as key: String? = "owner", json: String? = nil,
              headers extra: HTTPFields = [:]) async throws -> Answer {
        var headers = extra
        if let key { headers[.authorization] = "Bearer " + (keys[key] ?? key) }
        if json != nil { headers[.contentType] = "application/json" }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
        return Answer(status: response.status, headers: response.headers, text: String(buffer: response.body))
    }

    /// Sends a raw body of bytes.
    func send(_ method: HTTPRequest.Method, _ path: String, as key: String = "owner", bytes: ByteBuffer,
              headers extra: HTTPFields = [:]) async throws -> Answer {
        var headers = extra
        headers[.authorization] = "Bearer " + (keys[key] ?? key)
        headers[.contentType] = "application/json"
        let response = try await client.execute(uri: path, method: method, headers: headers, body: bytes)
        return Answer(status: response.status, headers: response.headers, text: String(buffer: response.body))
    }
}

/// A policy create body for tests.
func policyJSON(_ name: String, environment: String? = nil, type: String = "deny", pattern: String = "db.*") -> String {
    let env = environment.map { #", "environment_id": "\#($0)""# } ?? ""
    return #"{"name": "\#(name)", "type": "\#(type)", "action_pattern": "\#(pattern)"\#(env)}"#
}

/// One header field; Hummingbird re-exports `HTTPFields` but not its element.
typealias HTTPField = HTTPFields.Element
