import Hummingbird

/// `Idempotency-Key` on POST: the same key and body replays the first response; another body is 422; 409 while running.
struct IdempotencyMiddleware: RouterMiddleware {
    typealias Context = APIContext
    let store: IdempotencyStore

    func handle(_ request: Request, context: APIContext, next: (Request, APIContext) async throws -> Response) async throws -> Response {
        guard request.method == .post, let key = request.headers[.idempotencyKey] else { return try await next(request, context) }
        guard (1...255).contains(key.utf8.count) else {
            throw APIError.invalidRequest("Idempotency-Key must be 1 to 255 characters")
        }
        // As the spec's pattern says: visible ASCII, spaces only inside (what survives header parsing unchanged).
        let bytes = Array(key.utf8)
        guard bytes.allSatisfy({ (0x20...0x7E).contains($0) }), bytes.first != 0x20, bytes.last != 0x20 else {
            throw APIError.invalidRequest("Idempotency-Key must be visible ASCII characters, with spaces only inside; a UUID is a good key")
        }
        _ = try context.requirePrincipal()
        let principal = context.callerKey
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        let hash = IdempotencyStore.hash(body)
        switch await store.claim(key, principal: principal, bodyHash: hash) {
        case .replay(let stored):
            var headers = stored.headers
            headers[.idempotentReplayed] = "true"
            return Response(status: stored.status, headers: headers, body: ResponseBody(byteBuffer: stored.body))
        case .mismatch:
            throw APIError(.unprocessableContent, "unprocessable",
                           "Idempotency-Key '\(key)' was used with another body; use a new key for a new request",
                           rule: "idempotency-key-reused")
        case .inFlight:
            throw APIError(.conflict, "conflict",
                           "a request with Idempotency-Key '\(key)' is still running; retry when it has finished",
                           rule: "idempotency-key-in-use")
        case .proceed:
            break
        }
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            await store.abandon(key, principal: principal)
            throw error
        }
        let collected = try await BodyCollector.collect(response.body)
        await store.finish(key, principal: principal, bodyHash: hash,
                           response: .init(status: response.status, headers: response.headers, body: collected))
        var replayable = response
        replayable.body = ResponseBody(byteBuffer: collected)
        return replayable
    }
}

/// Reads a response body into one buffer, so it can be both sent and kept.
final class BodyCollector: ResponseBodyWriter, @unchecked Sendable {
    // Written only by the single `write` call that drives it, before `buffer` is read.
    private(set) var buffer = ByteBuffer()

    static func collect(_ body: ResponseBody) async throws -> ByteBuffer {
        let collector = BodyCollector()
        try await body.write(collector)
        return collector.buffer
    }

    func write(_ buffer: ByteBuffer) async throws {
        var buffer = buffer
        self.buffer.writeBuffer(&buffer)
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
