import Hummingbird

/// One header field; Hummingbird re-exports `HTTPFields` but not its element's name.
typealias HTTPField = HTTPFields.Element

/// The header names the API uses beyond the standard ones.
extension HTTPField.Name {
    // These are constant, valid token names; the initialiser only fails on invalid characters.
    static let requestId = Self("X-Request-Id")!
    static let idempotencyKey = Self("Idempotency-Key")!
    static let idempotentReplayed = Self("Idempotent-Replayed")!
    static let rateLimitLimit = Self("X-RateLimit-Limit")!
    static let rateLimitRemaining = Self("X-RateLimit-Remaining")!
    static let rateLimitReset = Self("X-RateLimit-Reset")!
}
