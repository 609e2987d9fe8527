import AsyncHTTPClient
import ControlPlane
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// One API call as the remote backend means it, before retries.
struct RemoteRequest: Sendable, CustomStringConvertible {
    var method: HTTPMethod
    var path: String
    var query: [(String, String)] = []
    var body: Data?
    /// Sent as `If-Match` so the write fails with 412 when the resource moved since the plan read it.
    var ifMatch: Int64?
    /// Sent as `Idempotency-Key` on POST, so a retry after a lost response replays instead of creating twice.
    var idempotencyKey: String?
    /// The address the call concerns, for errors.
    var resource: String = ""

    var description: String { "\(method) \(path)" }
}

/// A response body and status, after the retries.
struct RemoteResponse: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: Data
    /// Whether an earlier attempt of this call may have reached the server (its response was lost).
    var retriedAfterLoss: Bool
}

/// Sends API calls over AsyncHTTPClient with the key, retries, backoff and deadline; holds the key and never shows it.
struct RemoteTransport: Sendable, CustomStringConvertible {
    let endpoint: RemoteEndpoint
    let key: RemoteAPIKey
    let policy: RemoteRetryPolicy

    /// One client for the process: redirects are refused (a redirect must never carry the key elsewhere), and it
    /// lives as long as the process, so it needs no shutdown.
    static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow,
                                                     timeout: .init(connect: .seconds(5), read: .seconds(60)))
        configuration.httpVersion = .http1Only
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    /// Largest response read, so a 100k-policy state fits and a runaway one does not.
    static let maxResponseBytes = 512 << 20

    var description: String { "RemoteTransport(\(endpoint), key: \(key))" }

    /// Sends `request`, retrying what may be retried; returns any final answer, 2xx or not, for the caller to read.
    func send(_ request: RemoteRequest) async throws -> RemoteResponse {
        let start = ContinuousClock.now
        var attempt = 0
        var lost = false
        while true {
            attempt += 1
            let elapsed = Self.seconds(ContinuousClock.now - start)
            let outcome: Result<(status: Int, headers: HTTPHeaders, body: Data), any Error>
            do {
                outcome = .success(try await once(request, timeout: min(policy.requestTimeout, max(0.5, policy.deadline - elapsed))))
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                outcome = .failure(error)
            }
            let wait: Double
            let spent = Self.seconds(ContinuousClock.now - start)
            switch outcome {
            case .success(let response):
                guard RemoteRetryPolicy.retryableStatuses.contains(response.status) || Self.stillRunning(response) else {
                    return RemoteResponse(status: response.status, headers: response.headers, body: response.body, retriedAfterLoss: lost)
                }
                let asked = response.headers.first(name: "Retry-After").flatMap { RemoteRetryPolicy.retryAfter($0) }
                wait = asked ?? policy.backoff(retry: attempt - 1)
                // A gateway's 502 or 504 may come after the server behind it carried the request out.
                lost = lost || response.status == 502 || response.status == 504
                if attempt >= policy.maxAttempts || spent + wait > policy.deadline {
                    throw RemoteErrors.gaveUp(endpoint, status: response.status, body: response.body, resource: request.resource,
                                              attempts: attempt)
                }
            case .failure(let error):
                wait = policy.backoff(retry: attempt - 1)
                if attempt >= policy.maxAttempts || spent + wait > policy.deadline {
                    throw RemoteErrors.unreachable(endpoint, resource: request.resource, attempts: attempt, underlying: error)
                }
                lost = lost || Self.mayHaveArrived(error)
            }
            try await Task.sleep(for: .milliseconds(Int(wait * 1000)))
        }
    }

    /// A 409 that says the same idempotency key is still being served: the earlier attempt is running, so wait for it.
    private static func stillRunning(_ response: (status: Int, headers: HTTPHeaders, body: Data)) -> Bool {
        response.status == 409 && (try? JSONDecoder().decode(RemoteErrors.Envelope.self, from: response.body))?.error.rule == "idempotency-key-in-use"
    }

    /// Whether a failed attempt may still have been carried out: anything but a refused or unmade connection.
    private static func mayHaveArrived(_ error: any Error) -> Bool {
        switch error {
        case let error as HTTPClientError: error != .connectTimeout
        case let error as IOError: error.errnoCode != ECONNREFUSED
        case is NIOConnectionError: false
        default: true
        }
    }

    private func once(_ request: RemoteRequest, timeout: Double) async throws -> (status: Int, headers: HTTPHeaders, body: Data) {
        var http = HTTPClientRequest(url: endpoint.url(request.path, query: request.query))
        http.method = request.method
        http.headers.add(name: "Authorization", value: key.authorization)
        http.headers.add(name: "Accept", value: "application/json")
        http.headers.add(name: "User-Agent", value: "govctl")
        if let body = request.body {
            http.headers.add(name: "Content-Type", value: "application/json")
            http.body = .bytes(ByteBuffer(bytes: body))
        }
        if let revision = request.ifMatch { http.headers.add(name: "If-Match", value: "\"\(revision)\"") }
        if let key = request.idempotencyKey { http.headers.add(name: "Idempotency-Key", value: key) }
        let response = try await Self.client.execute(http, timeout: .milliseconds(Int64(timeout * 1000)))
        let buffer = try await response.body.collect(upTo: Self.maxResponseBytes)
        return (Int(response.status.code), response.headers, Data(buffer.readableBytesView))
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
