import ControlPlane
import Hummingbird

/// `/healthz` (the process answers), `/readyz` (the store answers) and `/metrics` (Prometheus text); no key needed.
struct HealthRoutes {
    let controlPlane: ControlPlane
    let metrics: ServerMetrics

    func register(on router: Router<APIContext>) {
        router.get("healthz", use: health)
        router.get("readyz", use: ready)
        router.get("metrics", use: render)
    }

    @Sendable func health(_ request: Request, context: APIContext) async throws -> Response {
        try Reply.json(["status": "ok"], status: .ok)
    }

    @Sendable func ready(_ request: Request, context: APIContext) async throws -> Response {
        do {
            _ = try await controlPlane.revision()
            return try Reply.json(["status": "ready"], status: .ok)
        } catch {
            return try Reply.json(["status": "store unavailable"], status: .serviceUnavailable)
        }
    }

    @Sendable func render(_ request: Request, context: APIContext) async throws -> Response {
        Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: metrics.render())))
    }
}
