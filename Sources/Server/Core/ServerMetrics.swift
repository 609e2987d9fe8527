import Metrics
import Prometheus

/// Request metrics through swift-metrics, kept in this server's own Prometheus registry (no process-global bootstrap,
/// so several servers, as in tests, never share counts).
public final class ServerMetrics: Sendable {
    /// Where the metrics live; `/metrics` renders it.
    public let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory

    /// Creates metrics over a fresh registry.
    public init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
            .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(5),
        ]
        self.factory = factory
    }

    /// Counts one request, its latency, and whether it failed; `route` is the route template, never the raw path.
    func record(method: String, route: String, status: Int, duration: Duration) {
        let dimensions = [("method", method), ("route", route), ("status", String(status))]
        Counter(label: "govctl_http_requests_total", dimensions: dimensions, factory: factory).increment()
        Timer(label: "govctl_http_request_duration_seconds", dimensions: [("method", method), ("route", route)], factory: factory)
            .recordNanoseconds(Self.nanoseconds(duration))
        if status >= 400 {
            Counter(label: "govctl_http_request_errors_total", dimensions: dimensions, factory: factory).increment()
        }
    }

    /// The Prometheus text exposition of every metric.
    func render() -> String {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
