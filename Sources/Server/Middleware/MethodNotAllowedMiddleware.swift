import Hummingbird

/// Answers 405 with `Allow` when a path exists but not with the request's method; every other request passes.
///
/// It reads the router's own routes once they are all registered, so it cannot fall out of step with them.
/// Added after the routes, it runs only where the router found no route (see `APIServer.router`).
struct MethodNotAllowedMiddleware: RouterMiddleware {
    typealias Context = APIContext

    /// Every registered route (the router's descriptions are not `Sendable`, their parts are).
    private let routes: [(path: RouterPath, method: HTTPRequest.Method)]

    init(routes: [Router<APIContext>.RouteDescription]) {
        self.routes = routes.map { ($0.path, $0.method) }
    }

    func handle(_ request: Request, context: APIContext, next: (Request, APIContext) async throws -> Response) async throws -> Response {
        let allowed = methods(for: request.uri.path)
        guard !allowed.isEmpty, !allowed.contains(request.method) else { return try await next(request, context) }
        var error = APIError(.methodNotAllowed, "method_not_allowed",
                             "\(request.method.rawValue) is not allowed on this path; it accepts \(Self.list(allowed))")
        error.headers[.allow] = Self.list(allowed)
        throw error
    }

    /// Every method some route answers at `path`, in a stable order.
    func methods(for path: String) -> [HTTPRequest.Method] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        let matching = routes.filter { route in
            route.path.components.count == segments.count && zip(route.path.components, segments).allSatisfy { $0 ~= $1 }
        }
        return Set(matching.map(\.method)).sorted { $0.rawValue < $1.rawValue }
    }

    private static func list(_ methods: [HTTPRequest.Method]) -> String {
        methods.map(\.rawValue).joined(separator: ", ")
    }
}
