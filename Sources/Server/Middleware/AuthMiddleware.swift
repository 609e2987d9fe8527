import ControlPlane
import Crypto
import Foundation
import Hummingbird

/// Authenticates every `/api/v1` request by its `Authorization: Bearer` key, through the control plane.
///
/// Missing, malformed, wrong and revoked keys all get `APIError.unauthorized`, byte for byte the same but for the
/// request id. A key in the query string is refused outright, since URLs end up in logs and proxies.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = APIContext
    let controlPlane: ControlPlane

    /// Query parameters that look like someone put a key in the URL.
    static let keyParameters: Set<String> = ["api_key", "apikey", "key", "token", "access_token", "authorization"]

    func handle(_ request: Request, context: APIContext, next: (Request, APIContext) async throws -> Response) async throws -> Response {
        for (name, value) in request.uri.queryParameters
        where Self.keyParameters.contains(name.lowercased()) || value.hasPrefix("mk_") {
            throw APIError.invalidRequest("API keys are accepted only in the 'Authorization: Bearer <key>' header, never in the URL")
        }
        guard let header = request.headers[.authorization], let secret = Self.bearerToken(header) else { throw APIError.unauthorized }
        var context = context
        do {
            context.principal = try await controlPlane.authenticate(secret)
            context.callerKey = Self.callerKey(secret)
        } catch let error as ControlPlaneError where error.code == .unauthorized {
            throw APIError.unauthorized
        }
        return try await next(request, context)
    }

    /// The token of a `Bearer` credential. The scheme is case-insensitive and may be followed by several spaces
    /// (RFC 9110, 11.1 and 11.4); the token is taken as sent.
    static func bearerToken(_ header: String) -> String? {
        guard let space = header.firstIndex(of: " "), header[..<space].lowercased() == "bearer" else { return nil }
        let token = header[space...].drop { $0 == " " }
        return token.isEmpty ? nil : String(token)
    }

    /// The name rate limits and idempotency keys are kept under: a hex SHA-256 of the key, never the key itself.
    static func callerKey(_ secret: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(secret.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}
