import ControlPlane

/// An error that may go away when the same write is sent again (a busy store, a timeout, a 503): a remote client
/// marks its transient failures with it.
public protocol TransientFailure: Error {}

/// How often one write is sent again after a transient failure, waiting longer each time. A write that failed
/// changed nothing (the store's writes are transactions), so sending it again is safe.
public struct RetryPolicy: Sendable {
    /// Attempts after the first.
    public var retries: Int
    /// The wait before the first retry; it doubles for each next one.
    public var delay: Duration

    /// Creates a policy.
    public init(retries: Int = 2, delay: Duration = .milliseconds(100)) {
        self.retries = max(0, retries)
        self.delay = delay
    }

    /// Never retries.
    public static let none = RetryPolicy(retries: 0)

    /// Runs `write`, sending it again after a transient failure while retries remain.
    func run<T>(_ write: () async throws -> T) async throws -> T {
        var wait = delay
        for _ in 0..<retries {
            do {
                return try await write()
            } catch where Self.isTransient(error) {
                try? await Task.sleep(for: wait)
                wait *= 2
            }
        }
        return try await write()
    }

    /// Whether `error` may go away on its own: marked transient, or the store failing rather than refusing.
    static func isTransient(_ error: Error) -> Bool {
        if error is TransientFailure { return true }
        return (error as? ControlPlaneError)?.code == .storeError
    }
}
