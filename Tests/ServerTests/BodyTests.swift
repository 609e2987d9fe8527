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
