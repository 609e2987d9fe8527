import ControlPlane
import Governance
import Hummingbird
import Logging

/// The HTTP server of the vendor's API over one control plane: built by one function, so `govctl serve` and the
/// tests run the very same application.
public enum APIServer {
    /// Where to listen and how to behave.
    public struct Configuration: Sendable {
        /// The address to bind, such as `127.0.0.1`.
        public var host: String
        /// 0 picks a free port (tests); `onServerRunning` learns which.
        public var port: Int
        /// Requests a minute per key; nil turns rate limiting off.
        public var rateLimit: Int?
        /// Where access logs and errors go.
        public var logger: Logger

        /// Creates a configuration.
        public init(host: String = "127.0.0.1", port: Int = 8080, rateLimit: Int? = nil,
                    logger: Logger = Logger(label: "govctl.serve")) {
            self.host = host
            self.port = port
            self.rateLimit = rateLimit
            self.logger = logger
        }
    }

    /// What the routes share: the service, the idempotency memory and the metrics.
    public struct Dependencies: Sendable {
        /// The service every route calls.
        public var controlPlane: ControlPlane
        /// Remembered POST answers, for `Idempotency-Key` replays.
        public var idempotency: IdempotencyStore
        /// Request counts and latencies, rendered at `/metrics`.
        public var metrics: ServerMetrics

        /// Creates dependencies over `controlPlane` with a fresh idempotency store and metrics registry.
        public init(controlPlane: ControlPlane, idempotency: IdempotencyStore = IdempotencyStore(), metrics: ServerMetrics = ServerMetrics()) {
            self.controlPlane = controlPlane
            self.idempotency = idempotency
            self.metrics = metrics
        }
    }

    /// The base path of every API route.
    public static let basePath = "/api/v1"

    /// Every route, with its middleware: request ids, logs and metrics outside; then, under `/api/v1`, auth, the rate
    /// limit and idempotency; where no route matches, 405 for a known path and 404 for the rest.
    public static func router(_ configuration: Configuration, _ dependencies: Dependencies) -> Router<APIContext> {
        let router = Router(context: APIContext.self)
        router.add(middleware: ObservabilityMiddleware(logger: configuration.logger, metrics: dependencies.metrics))
        HealthRoutes(controlPlane: dependencies.controlPlane, metrics: dependencies.metrics).register(on: router)
        let api = router.group(RouterPath(basePath))
        api.add(middleware: AuthMiddleware(controlPlane: dependencies.controlPlane))
        if let limit = configuration.rateLimit {
            api.add(middleware: RateLimitMiddleware(limiter: RateLimiter(limit: limit)))
        }
        api.add(middleware: IdempotencyMiddleware(store: dependencies.idempotency))
        let plane = dependencies.controlPlane
        EnvironmentRoutes(controlPlane: plane).register(on: api)
        AgentRoutes(controlPlane: plane).register(on: api)
        PolicyRoutes(controlPlane: plane).register(on: api)
        ApiKeyRoutes(controlPlane: plane).register(on: api)
        CredentialRoutes(controlPlane: plane).register(on: api)
        AuditRoutes(controlPlane: plane).register(on: api)
        SettingsRoutes(controlPlane: plane).register(on: api)
        StateRoutes(controlPlane: plane).register(on: api)
        // Middleware added after the last route wraps only the router's no-route answer, and by now every route
        // is known: a path that exists with other methods is a 405 rather than a 404.
        router.add(middleware: MethodNotAllowedMiddleware(routes: router.routes))
        return router
    }

    /// The application `govctl serve` runs and the tests start: the router above, bound to the configured address.
    public static func application(_ configuration: Configuration, _ dependencies: Dependencies,
                                   onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        Application(
            router: router(configuration, dependencies),
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port),
                                                    serverName: "govctl"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
            logger: configuration.logger
        )
    }
}
