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
