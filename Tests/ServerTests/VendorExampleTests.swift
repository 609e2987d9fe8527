import Foundation
import Hummingbird
import Testing

/// The vendor's documented requests, sent as written (Fixtures/vendor-examples.json), against a real server.
@Suite struct VendorExampleTests {
    /// JSON text of a value, keys sorted, so a body is sent as written and values compare as text.
    private static func text(_ value: Any) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys]), as: UTF8.self)
    }

    /// The value at a dotted path (`data.id`, `meta.total`) of an answer.
    private static func value(at path: String, in json: [String: Any]) -> String {
        var current: Any? = json
        for key in path.split(separator: ".") { current = (current as? [String: Any])?[String(key)] }
        return current.map(text) ?? "(absent)"
    }

    @Test("each documented request works verbatim against govctl serve")
    func replay() async throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/vendor-examples.json")
        let file = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let steps = try #require(file["steps"] as? [[String: Any]])
        #expect(steps.count >= 20)
        let fixture = try await ServerFixture(withStaging: false)
        defer { try? FileManager.default.removeItem(at: fixture.directory) }
        let stepTexts = Self.text(steps)
        try await fixture.run { api in
            let steps = try JSONSerialization.jsonObject(with: Data(stepTexts.utf8)) as! [[String: Any]]
            var saved: [String: String] = [:]
            for step in steps {
                let source = step["source"] as! String, key = step["as"] as! String
                let method = HTTPRequest.Method(rawValue: step["method"] as! String)!
                let answer = try await api.call(method, step["path"] as! String, as: saved[key] ?? key, json: step["body"].map(Self.text))
                #expect(Int(answer.status.code) == step["status"] as? Int, "\(source): \(answer.text)")
                for (path, expected) in step["expect"] as? [String: Any] ?? [:] {
                    #expect(Self.value(at: path, in: answer.json) == Self.text(expected), "\(source): \(path) in \(answer.text)")
                }
                if let name = step["save"] as? String {
                    let secret = try #require(answer.data["secret"] as? String, "\(source): no secret")
                    #expect(secret.hasPrefix("mk_") && secret.count == 67)
                    saved[name] = secret
                }
            }
        }
    }
}
