import Foundation

/// Tells a running apply to start nothing more: set by a failed change or by Ctrl-C, read before each change.
///
/// It does not cancel tasks: a write already sent finishes, so every change ends applied, failed or not started.
public final class StopSignal: @unchecked Sendable {
    /// Why the apply stops.
    public enum Reason: String, Sendable {
        case failure
        case interrupted
    }

    // A lock, not an actor: the signal handler and the executor read it synchronously.
    private let lock = NSLock()
    private var stored: Reason?

    /// Creates a signal that is not set.
    public init() {}

    /// Asks the apply to stop; the first reason given wins.
    public func request(_ reason: Reason) {
        lock.lock()
        defer { lock.unlock() }
        if stored == nil { stored = reason }
    }

    /// Why the apply was asked to stop, or nil while it may go on.
    public var reason: Reason? {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
