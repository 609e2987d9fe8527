import Foundation
import Governance
import Hummingbird

/// What one request carries through the middleware into its handler: its id and, once authenticated, its principal.
public struct APIContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// `req_` followed by the caller's `X-Request-Id` or a fresh random id.
    public var requestId: String = ""
    /// Who made the request; set by `AuthMiddleware` for every route under `/api/v1`.
    public var principal: Principal? {
        didSet { annotations.keyPrefix = principal?.name }
    }
    /// A SHA-256 of the presented key: what rate limits and idempotency keys are kept under, since key prefixes
    /// (8 characters) may collide and the key itself is never kept.
    var callerKey: String = ""
    /// Shared with the outer middleware, which logs what inner middleware learned (contexts are copied inward).
    let annotations = RequestAnnotations()

    /// Creates the context of a new request.
    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
    }

    /// Bodies larger than this are refused with 413 before they are parsed.
    public var maxUploadSize: Int { Limits.maxBodyBytes }

    /// The authenticated principal; every `/api/v1` handler runs behind `AuthMiddleware`, so a missing one is a 401.
    func requirePrincipal() throws -> Principal {
        guard let principal else { throw APIError.unauthorized }
        return principal
    }
}

/// The server's fixed limits, in one place so the OpenAPI description can quote them.
public enum Limits {
    /// Request bodies over 1 MiB are refused with 413.
    public static let maxBodyBytes = 1 << 20
    /// Page size when the caller gives no `limit`.
    public static let defaultPageSize = 50
    /// Largest `limit` accepted.
    public static let maxPageSize = 500
}

/// What inner middleware tells the access log about a request; a reference, because contexts travel inward by copy.
final class RequestAnnotations: @unchecked Sendable {
    // Guarded by `lock`; one request touches it from one task at a time, the lock keeps that honest.
    private let lock = NSLock()
    private var _keyPrefix: String?

    /// The authenticated key's non-secret prefix.
    var keyPrefix: String? {
        get { lock.withLock { _keyPrefix } }
        set { lock.withLock { _keyPrefix = newValue } }
    }
}
