import AsyncHTTPClient
import ControlPlane
import Foundation
import NIOCore
@testable import Reconciler
import Testing

/// The remote backend's pure parts: Retry-After, backoff, redaction, endpoints and error mapping.
struct RemoteUnitTests {
    @Test func retryAfterReadsSecondsAndHTTPDates() throws {
        #expect(RemoteRetryPolicy.retryAfter("3") == 3)
        #expect(RemoteRetryPolicy.retryAfter(" 0 ") == 0)
        #expect(RemoteRetryPolicy.retryAfter("-1") == nil)
        #expect(RemoteRetryPolicy.retryAfter("soon") == nil)
        let now = try #require(ISO8601DateFormatter().date(from: "2026-11-25T10:00:00Z"))
        #expect(RemoteRetryPolicy.retryAfter("Wed, 25 Nov 2026 10:00:07 GMT", now: now) == 7)
        #expect(RemoteRetryPolicy.retryAfter("Wednesday, 25-Nov-26 10:00:05 GMT", now: now) == 5)
        #expect(RemoteRetryPolicy.retryAfter("Wed Nov 25 10:00:02 2026", now: now) == 2)
        // A date in the past means "now", never a negative wait.
        #expect(RemoteRetryPolicy.retryAfter("Wed, 25 Nov 2026 09:00:00 GMT", now: now) == 0)
    }

    @Test func timesAreRFC3339WithOrWithoutFractions() {
        let whole = RemoteShapes.time("2026-03-01T10:00:00Z")
        #expect(whole?.timeIntervalSince1970 == 1_772_359_200)
        #expect(RemoteShapes.time("2026-03-01T10:00:00.250Z")?.timeIntervalSince1970 == 1_772_359_200.25)
        #expect(RemoteShapes.time("yesterday") == nil)
    }

    @Test func backoffIsFullJitterUnderACappedExponentialBound() {
        let policy = RemoteRetryPolicy(baseDelay: 0.5, maxDelay: 4)
        let bounds = (0..<8).map { retry in policy.backoff(retry: retry) { $0.upperBound } }
        #expect(bounds == [0.5, 1, 2, 4, 4, 4, 4, 4])
        #expect((0..<8).allSatisfy { policy.backoff(retry: $0) { $0.lowerBound } == 0 })
        for retry in 0..<50 {
            let wait = policy.backoff(retry: retry)
            #expect(wait >= 0 && wait <= 4)
        }
    }

    @Test func theDeadlineEndsRetriesOfAnUnreachableServer() async throws {
        let port = try FreePort.unused()
        let endpoint = try RemoteEndpoint("http://127.0.0.1:\(port)")
        // Short attempts inside a longer deadline, so even a starved test machine gets a second attempt in.
        let policy = RemoteRetryPolicy(baseDelay: 0.05, maxDelay: 0.2, deadline: 4, maxAttempts: 100, requestTimeout: 0.25)
        let start = ContinuousClock.now
        let error = await #expect(throws: ControlPlaneError.self) {
            _ = try await RemoteBackend.connect(endpoint, key: try RemoteAPIKey(FakeKey.secret), policy: policy)
        }
        // Far below what 100 attempts would take; loose, because a loaded test machine stalls whole seconds.
        let elapsed = ContinuousClock.now - start
        #expect(elapsed < .seconds(30))
        #expect(error?.code == .storeError)
        #expect(error?.message.contains("cannot reach the control plane at http://127.0.0.1:\(port)/api/v1") == true)
        #expect(error?.message.contains(FakeKey.secret) == false)
        // What NIO really reports for a closed port is classified as refused, however it words it.
        #expect(error?.message.contains("the connection was refused") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("reset") == false)
    }

    @Test("a refused connection says refused, a reset says reset; each names the endpoint and the way out, balanced")
    func connectionFailuresSayWhatHappened() throws {
        let endpoint = try RemoteEndpoint("http://127.0.0.1:9")
        // NIO's own wording for a refused connect, which the old message passed on.
        let refused = RemoteErrors.unreachable(endpoint, resource: "", attempts: 3,
                                               underlying: IOError(errnoCode: ECONNREFUSED, reason: "connection reset (error set)"))
        #expect(refused.message == "cannot reach the control plane at http://127.0.0.1:9/api/v1 after 3 attempts: the connection was "
            + "refused, so nothing is listening at that address; is `govctl serve` (or the API) running there? "
            + "Check --endpoint (or GOVCTL_ENDPOINT) and its port")
        let reset = RemoteErrors.unreachable(endpoint, resource: "", attempts: 1, underlying: IOError(errnoCode: ECONNRESET, reason: "read"))
        #expect(reset.message.hasPrefix("cannot reach the control plane at http://127.0.0.1:9/api/v1 after 1 attempt: the connection was reset"))
        #expect(!reset.message.contains("refused"))
        #expect(reset.message.contains("check that --endpoint (or GOVCTL_ENDPOINT) names the API"))
        #expect(TransportFailure(HTTPClientError.connectTimeout) == .timedOut)
        #expect(TransportFailure(HTTPClientError.remoteConnectionClosed) == .closed)
        let long = TransportFailure(LongError())
        for message in [refused.message, reset.message, long.reason] {
            #expect(Self.balanced(message), "\(message)")
        }
        #expect(long.reason.count < 210)
    }

    /// An error whose description is cut inside its brackets.
    private struct LongError: Error, CustomStringConvertible {
        var description: String { "Failure(attempts: [" + String(repeating: "Attempt(target: 127.0.0.1, error: x), ", count: 10) + "])" }
    }

    /// Whether every bracket in `text` is closed, in order.
    private static func balanced(_ text: String) -> Bool {
        var open: [Character] = []
        let pairs: [Character: Character] = [")": "(", "]": "[", "}": "{"]
        for character in text {
            if "([{".contains(character) { open.append(character) }
            if let opener = pairs[character] {
                guard open.last == opener else { return false }
                open.removeLast()
            }
        }
        return open.isEmpty
    }

    @Test func theKeyNeverShowsInDescriptions() throws {
        let key = try RemoteAPIKey(FakeKey.secret + "\n")
        let endpoint = try RemoteEndpoint("http://127.0.0.1:9")
        let transport = RemoteTransport(endpoint: endpoint, key: key, policy: RemoteRetryPolicy())
        let backend = RemoteBackend(transport: transport, principal: .cli)
        let texts = [String(describing: key), String(reflecting: key), "\(key)", String(describing: transport),
                     String(describing: backend), String(reflecting: backend), dumped(key), dumped(transport)]
        for text in texts {
            #expect(!text.contains(FakeKey.secret), "leaked in: \(text)")
            #expect(!text.contains(String(FakeKey.secret.dropFirst(8))))
        }
        #expect(String(describing: key) == "mk_01234…(redacted)")
        #expect(key.authorization == "Bearer " + FakeKey.secret)
    }

    @Test func endpointsMustNotCarryKeysOrPlainHTTPOffLoopback() throws {
        #expect(try RemoteEndpoint("http://127.0.0.1:8080").base == "http://127.0.0.1:8080/api/v1")
        #expect(try RemoteEndpoint("https://api.example.com/").base == "https://api.example.com/api/v1")
        #expect(try RemoteEndpoint("https://api.example.com/api/v1").base == "https://api.example.com/api/v1")
        #expect(try RemoteEndpoint("http://localhost:1/x").base == "http://localhost:1/x/api/v1")
        #expect(throws: ControlPlaneError.self) { try RemoteEndpoint("http://api.example.com") }
        #expect(try RemoteEndpoint("http://api.example.com", allowInsecureHTTP: true).base == "http://api.example.com/api/v1")
        #expect(throws: ControlPlaneError.self) { try RemoteEndpoint("https://user:pw@api.example.com") }
        #expect(throws: ControlPlaneError.self) { try RemoteEndpoint("https://api.example.com?api_key=mk_x") }
        #expect(throws: ControlPlaneError.self) { try RemoteEndpoint("ftp://api.example.com") }
        #expect(throws: ControlPlaneError.self) { try RemoteEndpoint("not a url") }
    }

    @Test(arguments: [
        (401, #"{"error":{"code":"unauthorized","message":"a valid API key is required","request_id":"req_1"}}"#, ControlPlaneError.Code.unauthorized),
        (403, #"{"error":{"code":"forbidden","message":"owner only","rule":"owner-required","request_id":"req_2"}}"#, .ownerRequired),
        (403, #"{"error":{"code":"forbidden","message":"other env","request_id":"req_3"}}"#, .forbidden),
        (404, #"{"error":{"code":"not_found","message":"gone","request_id":"req_4"}}"#, .notFound),
        (409, #"{"error":{"code":"conflict","message":"agents","rule":"active-agents","request_id":"req_5"}}"#, .activeAgents),
        (409, #"{"error":{"code":"conflict","message":"vendor says no"}}"#, .conflict),
        (412, #"{"error":{"code":"precondition_failed","message":"moved","rule":"revision-mismatch"}}"#, .revisionMismatch),
        (412, "", .revisionMismatch),
        (422, #"{"error":{"code":"unprocessable","message":"bad pattern","rule":"invalid-pattern"}}"#, .invalidPattern),
        (400, #"{"error":{"code":"invalid_request","message":"field 'name' is required"}}"#, .invalidValue),
        (429, #"{"error":{"code":"rate_limited","message":"slow down"}}"#, .storeError),
        (500, "<html>oops</html>", .storeError),
    ])
    func errorAnswersMapToControlPlaneCodes(status: Int, body: String, code: ControlPlaneError.Code) throws {
        let endpoint = try RemoteEndpoint("http://127.0.0.1:9")
        let error = RemoteErrors.from(status: status, body: Data(body.utf8), resource: "policy/staging/x", endpoint: endpoint)
        #expect(error.code == code)
        #expect(error.resource == "policy/staging/x")
        #expect(error.message.contains("HTTP \(status)"))
        if status == 401 { #expect(error.message.contains("MITRITY_API_KEY")) }
        if body.contains("req_") { #expect(error.message.contains("req_")) }
    }

    @Test func idempotencyKeysComeFromThePlanAndTheChange() {
        let key = RemoteIdempotency.$plan.withValue("plan-a") { RemoteIdempotency.key(action: "create", address: .policy("staging", "x")) }
        let same = RemoteIdempotency.$plan.withValue("plan-a") { RemoteIdempotency.key(action: "create", address: .policy("staging", "x")) }
        let otherChange = RemoteIdempotency.$plan.withValue("plan-a") { RemoteIdempotency.key(action: "create", address: .policy("staging", "y")) }
        let otherPlan = RemoteIdempotency.$plan.withValue("plan-b") { RemoteIdempotency.key(action: "create", address: .policy("staging", "x")) }
        #expect(key == same)
        #expect(key != otherChange && key != otherPlan)
        #expect(key.hasPrefix("govctl-") && key.count == "govctl-".count + 64)
        // Outside an apply each call gets its own key, still the same across that call's retries.
        #expect(RemoteIdempotency.key(action: "create", address: .settings) != RemoteIdempotency.key(action: "create", address: .settings))
    }

    @Test func anOperationTheServerLacksIsNamedSo() throws {
        let endpoint = try RemoteEndpoint("http://127.0.0.1:9")
        for (status, body) in [(405, #"{"error":{"code":"method_not_allowed","message":"this path does not accept that method"}}"#),
                               (404, #"{"error":{"code":"not_found","message":"no route matches this path"}}"#)] {
            let error = RemoteErrors.from(status: status, body: Data(body.utf8), resource: "credential/x", endpoint: endpoint)
            #expect(error.code == .storeError)
            #expect(error.message.contains("does not offer this operation"))
        }
        let missing = RemoteErrors.from(status: 404, body: Data(#"{"error":{"code":"not_found","message":"policy 'p_1' does not exist"}}"#.utf8),
                                        resource: "policy/s/x", endpoint: endpoint)
        #expect(missing.code == .notFound)
    }

    private func dumped(_ value: Any) -> String {
        var text = ""
        dump(value, to: &text)
        return text
    }
}

/// A key-shaped secret that is not a real key.
enum FakeKey {
    static let secret = "mk_01234" + String(repeating: "ab", count: 30) + "cdef"
}
