import Foundation
import Hummingbird

/// The vendor's success envelope: `{"data": ..., "meta": {...}}`.
struct Envelope<Payload: Encodable>: Encodable {
    var data: Payload
    var meta: Meta
}

/// The `meta` object of every success response; lists add `total` and `next_cursor`.
struct Meta: Encodable {
    var requestId: String
    var timestamp: Date
    var total: Int?
    /// Present (null on the last page) on list responses only.
    var nextCursor: String??

    enum CodingKeys: String, CodingKey {
        case requestId = "request_id", timestamp, total, nextCursor = "next_cursor"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(requestId, forKey: .requestId)
        try container.encode(timestamp, forKey: .timestamp)
        try container.encodeIfPresent(total, forKey: .total)
        if let nextCursor { try container.encode(nextCursor, forKey: .nextCursor) }
    }
}

/// The vendor's error envelope: `{"error": {"code", "message", "request_id"}}`, plus `rule` when a domain rule refused.
struct ErrorEnvelope: Encodable {
    struct Body: Encodable {
        var code: String
        var message: String
        var rule: String?
        var requestId: String

        enum CodingKeys: String, CodingKey { case code, message, rule, requestId = "request_id" }
    }

    var error: Body
}

/// Builds JSON responses in the envelope, with RFC 3339 UTC timestamps.
enum Reply {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// One object; `revision` becomes the `ETag`.
    static func data<T: Encodable>(_ value: T, _ context: APIContext, status: HTTPResponse.Status = .ok,
                                   revision: Int64? = nil) throws -> Response {
        var response = try json(Envelope(data: value, meta: Meta(requestId: context.requestId, timestamp: Date())), status: status)
        if let revision { response.headers[.eTag] = ETag.format(revision) }
        return response
    }

    /// One page of a list, with the total over all pages and the cursor of the next.
    static func page<T: Encodable>(_ page: Page<T>, _ context: APIContext) throws -> Response {
        let meta = Meta(requestId: context.requestId, timestamp: Date(), total: page.total, nextCursor: .some(page.nextCursor))
        return try json(Envelope(data: page.items, meta: meta), status: .ok)
    }

    /// An empty success, for deletes.
    static func noContent() -> Response { Response(status: .noContent) }

    /// The error envelope for `error`.
    static func error(_ error: APIError, requestId: String) -> Response {
        let body = ErrorEnvelope(error: .init(code: error.code, message: error.message, rule: error.rule, requestId: requestId))
        // Encoding four strings cannot fail; an empty body is still a correct status if it somehow did.
        var response = (try? json(body, status: error.status)) ?? Response(status: error.status)
        for field in error.headers { response.headers.append(field) }
        return response
    }

    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status) throws -> Response {
        let data = try encoder.encode(value)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// `ETag` / `If-Match` values: the resource revision in double quotes.
enum ETag {
    static func format(_ revision: Int64) -> String { "\"\(revision)\"" }

    /// The revision `If-Match` expects, nil when absent or `*`; 400 when it is not a revision this server gave.
    static func expectedRevision(_ request: Request) throws -> Int64? {
        guard let raw = request.headers[.ifMatch]?.trimmingCharacters(in: .whitespaces), raw != "*" else { return nil }
        var text = Substring(raw)
        if text.hasPrefix("W/") { text = text.dropFirst(2) }
        if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 { text = text.dropFirst().dropLast() }
        guard let revision = Int64(text) else {
            throw APIError.invalidRequest("If-Match must be an ETag this server returned, such as \"42\"")
        }
        return revision
    }
}
