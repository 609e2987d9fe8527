import ControlPlane
import Foundation
import Governance
import Hummingbird

/// `/audit-events`: the principal's visible events, filtered by `environment_id`, `action`, `since` and `until`.
struct AuditRoutes {
    let controlPlane: ControlPlane

    func register(on api: RouterGroup<APIContext>) {
        api.get("audit-events", use: list)
    }

    @Sendable func list(_ request: Request, context: APIContext) async throws -> Response {
        let page = try PageRequest(request)
        let query = request.uri.queryParameters
        let since = try Self.time(query["since"].map(String.init), "since")
        let until = try Self.time(query["until"].map(String.init), "until")
        let action = query["action"].map(String.init)
        let events = try await controlPlane.auditEvents(in: EnvironmentId.query(request), since: since, as: context.requirePrincipal())
            .filter { event in (action.map { event.action == $0 } ?? true) && (until.map { event.time <= $0 } ?? true) }
        return try Reply.page(page.page(events, key: { $0.id.sortable }, map: AuditEventBody.init), context)
    }

    /// An RFC 3339 time query parameter.
    static func time(_ text: String?, _ field: String) throws -> Date? {
        guard let text else { return nil }
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let date = formatter.date(from: text) else {
            throw APIError.invalidRequest("query parameter '\(field)' must be an RFC 3339 time such as 2026-03-01T10:00:00Z")
        }
        return date
    }
}
