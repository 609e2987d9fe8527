import Foundation
import Hummingbird
import Server
import Testing

/// A path that exists with other methods is 405 with `Allow`, read from the routes the server registers.
@Suite struct MethodNotAllowedTests {
    @Test func knownPathWithAnotherMethodIs405() async throws {
        let fixture = try await ServerFixture()
        try await fixture.run { api in
            let cases: [(HTTPRequest.Method, String, String)] = [
                (.put, "/api/v1/environments", "GET, POST"),
                (.post, "/api/v1/settings", "GET, PATCH"),
                (.delete, "/api/v1/state", "GET"),
                (.post, "/api/v1/environments/env_staging", "DELETE, GET, PATCH"),
                (.get, "/api/v1/credentials/cred_1/grants", "PUT"),
                (.post, "/healthz", "GET"),
            ]
            for (method, path, allow) in cases {
                let answer = try await api.call(method, path, json: method == .get ? nil : "{}")
                #expect(answer.status == .methodNotAllowed, "\(method) \(path): \(answer.text)")
                #expect(answer.code == "method_not_allowed", "\(method) \(path)")
                #expect(answer.headers[.allow] == allow, "\(method) \(path)")
                #expect((answer.error["message"] as? String)?.contains(allow) == true, "\(method) \(path)")
            }
            // No route at all is still 404, and a route's own method is still served.
            #expect(try await api.call(.put, "/api/v1/nowhere").status == .notFound)
            #expect(try await api.call(.get, "/api/v1/environments/env_staging/extra").status == .notFound)
            #expect(try await api.call(.get, "/api/v1/environments").status == .ok)
        }
    }

    @Test func allowListsExactlyTheRegisteredMethods() async throws {
        let fixture = try await ServerFixture()
        let routes = APIServer.router(APIServer.Configuration(port: 0), fixture.dependencies).routes
        let byPath = Dictionary(grouping: routes, by: { $0.path.description }).mapValues { Set($0.map(\.method.rawValue)) }
        try await fixture.run { api in
            for (path, methods) in byPath {
                let concrete = path.replacingOccurrences(of: "{id}", with: "x")
                let answer = try await api.call(.options, concrete)
                #expect(answer.status == .methodNotAllowed, "OPTIONS \(concrete)")
                let allow = Set((answer.headers[.allow] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
                #expect(allow == methods, "OPTIONS \(concrete)")
            }
        }
    }
}
