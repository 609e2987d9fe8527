import Foundation
import Logging
import Server
import Testing

/// `schemas/openapi.yaml` describes exactly the routes the server registers.
@Suite struct OpenAPITests {
    static let specURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("schemas/openapi.yaml")

    /// `METHOD /path` for every operation under `paths:`, read line by line (two-space path keys, four-space methods).
    static func specRoutes() throws -> Set<String> {
        let text = try String(contentsOf: specURL, encoding: .utf8)
        var routes = Set<String>()
        var inPaths = false
        var path: String?
        let methods: Set<String> = ["get", "post", "put", "patch", "delete"]
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "paths:" { inPaths = true; continue }
            guard inPaths else { continue }
            if !line.isEmpty, !line.hasPrefix(" "), !line.hasPrefix("#") { break }
            if line.hasPrefix("  /"), line.hasSuffix(":") {
                path = String(line.dropFirst(2).dropLast())
            } else if line.hasPrefix("    "), !line.hasPrefix("     "), let path {
                let key = line.dropFirst(4).prefix { $0 != ":" }
                if methods.contains(String(key)) { routes.insert("\(key.uppercased()) \(path)") }
            }
        }
        return routes
    }

    @Test func everyRegisteredRouteIsInTheSpecAndViceVersa() async throws {
        let fixture = try await ServerFixture(withStaging: false)
        let router = APIServer.router(APIServer.Configuration(port: 0), fixture.dependencies)
        let registered = Set(router.routes.map { "\($0.method.rawValue) \($0.path.description.hasPrefix("/") ? "" : "/")\($0.path)" })
        let documented = try Self.specRoutes()
        #expect(!registered.isEmpty)
        #expect(registered.subtracting(documented).sorted() == [], "registered but not in schemas/openapi.yaml")
        #expect(documented.subtracting(registered).sorted() == [], "in schemas/openapi.yaml but not registered")
    }
}

/// Real answers match the schemas `schemas/openapi.yaml` gives them (checked by `check_openapi.py` with jsonschema).
@Suite struct OpenAPIResponseTests {
    static let checker = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("check_openapi.py")

    /// One answer and the schema it must match.
    struct Case: Sendable {
        var name, ref, body: String
    }

    static func ref(_ response: String) -> String {
        "#/components/responses/\(response)/content/application~1json/schema"
    }

    @Test func answersMatchTheirSchemas() async throws {
        let fixture = try await ServerFixture()
        let answers: [Case] = try await fixture.run { api in
            var cases: [(String, String, API.Answer)] = []
            func add(_ name: String, _ ref: String, _ answer: API.Answer) { cases.append((name, ref, answer)) }
            add("environment", Self.ref("Environment"), try await api.call(.post, "/api/v1/environments",
                                                                           json: #"{"slug": "qa-eu", "name": "QA", "description": "d"}"#))
            add("environments", Self.ref("EnvironmentList"), try await api.call(.get, "/api/v1/environments"))
            add("agent", Self.ref("Agent"), try await api.call(.post, "/api/v1/agents", json: #"{"name": "bot", "environment_id": "env_qa-eu"}"#))
            add("agents", Self.ref("AgentList"), try await api.call(.get, "/api/v1/agents"))
            add("policy", Self.ref("Policy"), try await api.call(.post, "/api/v1/policies", json: policyJSON("deny-db", environment: "env_qa-eu")))
            add("policies", Self.ref("PolicyList"), try await api.call(.get, "/api/v1/policies?limit=1"))
            add("issued key", "#/components/schemas/IssuedApiKeyEnvelope",
                try await api.call(.post, "/api/v1/api-keys", json: #"{"name": "ci", "role": "viewer"}"#))
            add("keys", Self.ref("ApiKeyList"), try await api.call(.get, "/api/v1/api-keys"))
            add("credential", Self.ref("Credential"), try await api.call(.post, "/api/v1/credentials",
                                                                         json: #"{"name": "db", "type": "db_password", "value": "v"}"#))
            add("credentials", Self.ref("CredentialList"), try await api.call(.get, "/api/v1/credentials"))
            add("audit", "#/components/schemas/AuditEventList", try await api.call(.get, "/api/v1/audit-events"))
            add("settings", Self.ref("Settings"), try await api.call(.get, "/api/v1/settings"))
            add("state", "#/components/schemas/StateEnvelope", try await api.call(.get, "/api/v1/state"))
            add("401", Self.ref("Error"), try await api.call(.get, "/api/v1/state", as: nil))
            add("409", Self.ref("Error"), try await api.call(.delete, "/api/v1/environments/env_production"))
            add("405", Self.ref("Error"), try await api.call(.put, "/api/v1/environments", json: "{}"))
            return cases.map { Case(name: $0.0, ref: $0.1, body: $0.2.text) }
        }
        let cases = try answers.map { ["name": $0.name, "ref": $0.ref, "body": try JSONSerialization.jsonObject(with: Data($0.body.utf8))] }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("openapi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let casesFile = directory.appendingPathComponent("cases.json")
        try JSONSerialization.data(withJSONObject: cases).write(to: casesFile)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.checker.path, OpenAPITests.specURL.path, casesFile.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
    }
}
