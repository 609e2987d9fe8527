import ControlPlane
import Logging
import ServiceLifecycle

/// Applies audit retention while the server runs: once at start, then every `interval`, until graceful shutdown.
///
/// A store opened by the CLI purges as it opens; a server may run for months without reopening, so it purges itself.
public struct AuditRetentionService: Service {
    let controlPlane: ControlPlane
    let interval: Duration
    let logger: Logger

    /// Purges `controlPlane`'s expired audit events every `interval` (an hour by default).
    public init(controlPlane: ControlPlane, interval: Duration = .seconds(3600), logger: Logger) {
        self.controlPlane = controlPlane
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let purged = try await controlPlane.purgeExpiredAuditEvents()
                if purged > 0 { logger.info("purged audit events past retention", metadata: ["count": "\(purged)"]) }
            } catch {
                // A busy or failing store is retried at the next interval; the server keeps serving.
                logger.warning("audit retention could not run", metadata: ["error": "\(error)"])
            }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
        }
    }
}
