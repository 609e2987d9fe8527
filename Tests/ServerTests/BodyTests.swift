import Foundation
import Hummingbird
import Testing

/// Bodies: over 1 MiB is 413; malformed JSON, unknown fields and wrong types are 400 naming the field.
@Suite struct BodyTests {
    @Test func oversizedBodyIs413() async throws {
        let fixture = try await ServerFixture()
        try await fixture.run { api in
            let padding = String(repeating: "x", count: 1 << 20)
            let answer = try await api.send(.post, "/api/v1/policies",
                                            bytes: ByteBuffer(string: #"{"name": "big", "description": "\#(padding)"}"#))
            #expect(answer.status == .contentTooLarge)
            #expect(answer.code == "payload_too_large")
            // Just under the limit is read (and then judged on its content).
            let fits = try await api.call(.post, "/api/v1/policies",
                                          json: String(policyJSON("fits", environment: "env_staging").dropLast()) + #", "description": "\#(String(repeating: "y", count: 1000))"}"#)
            #expect(fits.status == .created)
        }
    }

    @Test func malformedBodiesName400() async throws {
        let fixture = try await ServerFixture()
        try await fixture.run { api in
            let cases: [(String, String)] = [
                (#"{"slug": "qa", "name": "QA""#, "not valid JSON"),
                (#"["slug"]"#, "JSON object"),
                (#"{"slug": "qa", "name": "QA", "colour": "blue"}"#, "'colour'"),
                (#"{"slug": "qa", "name": 7}"#, "'name'"),
                (#"{"slug": "qa", "name": "QA", "is_production": "yes"}"#, "'is_production'"),
                (#"{"name": "QA"}"#, "'slug'"),
                (#"{"slug": "qa", "name": "QA", "enforcement_mode": "strict"}"#, "'enforcement_mode'"),
                (#"{"slug": "qa", "name": "QA", "labels": {"team": 1}}"#, "'labels.team'"),
            ]
            for (body, named) in cases {
                let answer = try await api.call(.post, "/api/v1/environments", json: body)
                #expect(answer.status == .badRequest, "\(body)")
                #expect(answer.code == "invalid_request", "\(body)")
                #expect((answer.error["message"] as? String)?.contains(named) == true, "\(body): \(answer.text)")
            }
            let badPattern = try await api.call(.post, "/api/v1/policies", json: policyJSON("x-y", environment: "env_staging", pattern: "regex:("))
            #expect(badPattern.status == .unprocessableContent)
            #expect(badPattern.rule == "invalid-pattern")
            let badLimit = try await api.call(.get, "/api/v1/policies?limit=0")
            #expect(badLimit.status == .badRequest)
        }
    }
}

/// Objects inside bodies are as strict as the bodies; free-form objects stay open; every refusal names the path.
@Suite struct NestedBodyTests {
    /// Sends `body` and expects a 400 whose message holds every one of `words`.
    private static func refused(_ api: API, _ method: HTTPRequest.Method, _ path: String, _ body: String,
                                _ words: [String]) async throws {
        let answer = try await api.call(method, path, json: body)
        #expect(answer.status == .badRequest, "\(body): \(answer.text)")
        #expect(answer.code == "invalid_request", "\(body)")
        let message = answer.error["message"] as? String ?? ""
        for word in words { #expect(message.contains(word), "\(body): \(message)") }
        for leak in ["Dictionary", "Array<", "Swift", "field ''", "not valid JSON"] { #expect(!message.contains(leak), "\(body): \(message)") }
    }

    @Test func unknownNestedFieldsAre400ByPath() async throws {
        let fixture = try await ServerFixture()
        try await fixture.run { api in
            try await Self.refused(api, .patch, "/api/v1/settings",
                                   #"{"notification_channels": [{"type": "email", "target": "a@b"}, {"type": "email", "target": "c@d", "bogus": 1}]}"#,
                                   ["'notification_channels[1].bogus'", "target, type"])
            #expect((try await api.call(.get, "/api/v1/settings").data["notification_channels"] as? [Any])?.isEmpty == true)

            try await api.call(.post, "/api/v1/agents", json: #"{"name": "bot", "environment_id": "env_staging"}"#)
            let credential = try await api.call(.post, "/api/v1/credentials",
                                                json: #"{"name": "crm", "type": "api_key", "value": "v", "environment_id": "env_staging"}"#)
            let id = try #require(credential.data["id"] as? String)
            try await Self.refused(api, .put, "/api/v1/credentials/\(id)/grants",
                                   #"{"grants": [{"environment_id": "env_staging", "agent": "bot", "extra": 1}]}"#,
                                   ["'grants[0].extra'", "agent, environment_id"])
            try await Self.refused(api, .put, "/api/v1/credentials/\(id)/grants", #"{"grants": [{"agent": "bot"}]}"#,
                                   ["'grants[0].environment_id' is required"])
            #expect((try await api.call(.get, "/api/v1/credentials/\(id)").data["grants"] as? [Any])?.isEmpty == true)

            // Free-form objects keep whatever keys they hold.
            let open = try await api.call(.post, "/api/v1/policies", json: #"""
                {"name": "rate", "type": "alert", "action_pattern": "db.*", "environment_id": "env_staging",
                 "constraints": {"rate": {"per_minute": 10, "burst": [1, 2.5, null]}}, "labels": {"any-key": "v"}}
                """#)
            #expect(open.status == .created, "\(open.text)")
        }
    }

    @Test func wrongTypesNameTheFieldAndTheForm() async throws {
        let fixture = try await ServerFixture()
        try await fixture.run { api in
            let policy = #"{"name": "p", "type": "deny", "action_pattern": "db.*", "environment_id": "env_staging", "#
            let cases: [(String, [String])] = [
                (policy + #""priority": 1.5}"#, ["'priority' must be an integer"]),
                (policy + #""priority": 99999999999999999999}"#, ["'priority' must be an integer", "\(Int.max)"]),
                (policy + #""priority": "high"}"#, ["'priority' must be an integer"]),
                (policy + #""constraints": {"limits": [1, 1e400]}}"#, ["the number 1e400 is out of range"]),
                (policy + #""constraints": [1]}"#, ["'constraints' must be an object"]),
                (policy + #""labels": ["a"]}"#, ["'labels' must be an object of strings"]),
                (policy + #""labels": {"team": {"a": 1}}}"#, ["'labels.team' must be a string"]),
                (policy + #""description": false}"#, ["'description' must be a string"]),
            ]
            for (body, words) in cases { try await Self.refused(api, .post, "/api/v1/policies", body, words) }

            try await Self.refused(api, .patch, "/api/v1/settings", #"{"mfa_required": "yes"}"#, ["'mfa_required' must be true or false"])
            try await Self.refused(api, .patch, "/api/v1/settings", #"{"notification_channels": {"type": "email"}}"#,
                                   ["'notification_channels' must be an array of objects"])
            try await Self.refused(api, .patch, "/api/v1/settings", #"{"notification_channels": ["email"]}"#,
                                   ["'notification_channels[0]' must be an object"])
            try await Self.refused(api, .patch, "/api/v1/settings", #"{"notification_channels": [{"type": "email", "target": 7}]}"#,
                                   ["'notification_channels[0].target' must be a string"])
        }
    }
}

/// Bodies are parsed once and bounded in depth, so no body of any shape stalls the server.
@Suite struct DeepBodyTests {
    @Test("a body nested more than 64 deep is 400, and a deep body of many numbers is read in one pass")
    func depthAndCost() async throws {
        let fixture = try await ServerFixture()
        try await fixture.run { api in
            let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
            let tooDeep = try await api.call(.post, "/api/v1/policies",
                                             json: policyJSON("deep", environment: "env_staging").dropLast() + #", "constraints": {"a": \#(deep)}}"#)
            #expect(tooDeep.status == .badRequest)
            #expect((tooDeep.error["message"] as? String)?.contains("more than 64 deep") == true, "\(tooDeep.text)")

            let nul = try await api.call(.post, "/api/v1/environments", json: #"{"slug": "qa-one", "name": "QA", "description": "a\u0000b"}"#)
            #expect(nul.status == .badRequest)
            #expect(nul.error["message"] as? String == "field 'description' holds the character U+0000, which govctl does not store; remove it")
            let nulKey = try await api.call(.post, "/api/v1/environments", json: #"{"slug": "qa-one", "name": "QA", "labels": {"a\u0000": "b"}}"#)
            #expect((nulKey.error["message"] as? String)?.hasPrefix("field 'labels.a") == true)
            let emptyKey = try await api.call(.post, "/api/v1/environments", json: #"{"slug": "qa-one", "name": "QA", "labels": {"": "b"}}"#)
            #expect(emptyKey.status == .badRequest)
            #expect(emptyKey.error["message"] as? String == "field 'labels' has an empty key; give every key a name")

            // Constraints nest at most 8 levels: 60 is the domain's 422, 7 around 50,000 numbers is stored.
            let numbers = Array(repeating: "1", count: 50_000).joined(separator: ",")
            let nested = { (levels: Int) in String(repeating: "[", count: levels) + numbers + String(repeating: "]", count: levels) }
            let deepConstraints = try await api.call(.post, "/api/v1/policies",
                                                     json: policyJSON("deep-c", environment: "env_staging").dropLast() + #", "constraints": {"a": \#(nested(60))}}"#)
            #expect(deepConstraints.status == .unprocessableContent)
            #expect((deepConstraints.error["message"] as? String)?.contains("constraints nest more than 8 levels deep") == true)
            let stored = try await api.call(.post, "/api/v1/policies",
                                            json: policyJSON("wide", environment: "env_staging").dropLast() + #", "constraints": {"a": \#(nested(7))}}"#)
            #expect(stored.status == .created, "\(stored.text.prefix(300))")
            let read = try await api.call(.get, "/api/v1/policies?environment_id=env_staging")
            #expect(read.status == .ok)
        }
    }
}
