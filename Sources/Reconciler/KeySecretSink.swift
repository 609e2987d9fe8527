/// Where the secret of a newly issued API key goes: only there, never to a terminal or a log.
///
/// `apply --secrets-file` writes them to a file of mode 0600; tests keep them in memory.
public protocol KeySecretSink: Sendable {
    /// Keeps `secret`, the key at `address`'s; throws when it cannot, so the apply reports it.
    func store(_ secret: String, for address: String) async throws
}

/// A sink for an apply that creates no key: receiving a secret is a failure, since it would be lost.
public struct NoKeySecretSink: KeySecretSink {
    /// Creates the sink.
    public init() {}

    public func store(_ secret: String, for address: String) async throws {
        throw ApplyError(.secretsFileRequired,
                         "no --secrets-file names where to write it")
    }
}
