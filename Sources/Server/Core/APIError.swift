import ControlPlane
import Hummingbird
import NIOCore

/// An error as the API reports it: an HTTP status, a stable snake_case code, a message, and the domain rule when one refused.
public struct APIError: Error, Sendable {
    /// The HTTP status of the answer.
    public var status: HTTPResponse.Status
    /// A stable snake_case code such as `conflict`.
    public var code: String
    /// What is wrong, in words a caller can act on.
    public var message: String
    /// The control plane's rule code (such as `active-agents`) when a domain rule refused the request.
    public var rule: String?
    /// Extra headers the error response carries, such as `Retry-After`.
    public var headers: HTTPFields = [:]

    /// Creates an API error.
    public init(_ status: HTTPResponse.Status, _ code: String, _ message: String, rule: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.rule = rule
    }

    /// The one answer for every missing, malformed, wrong or revoked key, so none can be told apart.
    static let unauthorized = APIError(.unauthorized, "unauthorized",
                                       "a valid API key is required; send it as 'Authorization: Bearer <key>'")

    /// A request the server cannot read; `field` names what is wrong.
    static func invalidRequest(_ message: String) -> APIError { APIError(.badRequest, "invalid_request", message) }

    /// A body over the limit, refused before it is parsed.
    static let payloadTooLarge = APIError(.contentTooLarge, "payload_too_large", "the request body is over \(Limits.maxBodyBytes) bytes (1 MiB)")

    /// A resource the principal can reach but that does not exist.
    static func notFound(_ what: String) -> APIError { APIError(.notFound, "not_found", "\(what) does not exist") }
}

extension APIError {
    /// Maps a control-plane refusal to its status; the domain rule's code stays in `rule`.
    init(_ error: ControlPlaneError) {
        let rule = error.code.rawValue
        switch error.code {
        case .notFound: self.init(.notFound, "not_found", error.message)
        case .conflict, .slugTaken, .nameTaken, .activeAgents, .productionProtected, .defaultEnvironment, .lastEnvironment:
            self.init(.conflict, "conflict", error.message, rule: rule)
        case .invalidSlug, .invalidName, .invalidPattern, .invalidValue:
            self.init(.unprocessableContent, "unprocessable", error.message, rule: rule)
        case .forbidden, .ownerRequired: self.init(.forbidden, "forbidden", error.message, rule: rule)
        case .unauthorized: self = .unauthorized
        case .revisionMismatch: self.init(.preconditionFailed, "precondition_failed", error.message, rule: rule)
        case .storeError: self.init(.internalServerError, "internal_error", "the server could not complete the request; try again")
        }
    }

    /// Maps any error a handler throws: API errors pass, control-plane errors map, Hummingbird's keep their status.
    static func from(_ error: any Error) -> APIError {
        switch error {
        case let error as APIError: return error
        case let error as ControlPlaneError: return APIError(error)
        case is NIOTooManyBytesError: return .payloadTooLarge
        case let error as HTTPError:
            switch error.status {
            case .contentTooLarge: return .payloadTooLarge
            case .notFound: return APIError(.notFound, "not_found", "no route matches this path")
            case .methodNotAllowed: return APIError(.methodNotAllowed, "method_not_allowed", "this path does not accept that method")
            case let status where status.code < 500:
                return APIError(status, "invalid_request", error.body ?? status.reasonPhrase)
            default: return APIError(.internalServerError, "internal_error", "the server could not complete the request; try again")
            }
        default: return APIError(.internalServerError, "internal_error", "the server could not complete the request; try again")
        }
    }
}
