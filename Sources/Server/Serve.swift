import ControlPlane
import Hummingbird
import Logging
import ServiceLifecycle

/// Runs the API server until SIGTERM or SIGINT: swift-service-lifecycle stops accepting connections, lets requests in
/// flight finish, and returns; the store closes when the last reference to the control plane goes.
public enum Serve {
    /// Serves `controlPlane` with `configuration` until a shutdown signal.
    public static func run(_ configuration: APIServer.Configuration, controlPlane: ControlPlane,
                           onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let app = APIServer.application(configuration, APIServer.Dependencies(controlPlane: controlPlane),
                                        onServerRunning: onServerRunning)
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [.init(service: app),
                           .init(service: AuditRetentionService(controlPlane: controlPlane, logger: configuration.logger))],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: configuration.logger))
        try await group.run()
    }
}
