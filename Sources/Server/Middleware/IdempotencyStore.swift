import Crypto
import Foundation
import Hummingbird

/// Remembers POST responses by (principal, `Idempotency-Key`) so a retry replays the first answer instead of acting twice.
///
/// In memory, bounded in entries and age: a restart forgets, which a client sees as a fresh key.
public actor IdempotencyStore {
    /// A response kept for replay.
    struct Stored: Sendable {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var body: ByteBuffer
    }

    private enum Entry {
        case running(bodyHash: Data, since: Date)
        case done(bodyHash: Data, response: Stored, at: Date)

        var bodyHash: Data {
            switch self {
            case .running(let hash, _), .done(let hash, _, _): hash
            }
        }

        var time: Date {
            switch self {
            case .running(_, let time), .done(_, _, let time): time
            }
        }
    }

    /// What to do with a request that carries a key.
    enum Claim {
        /// First time: run it, then `finish` or `abandon`.
        case proceed
        case replay(Stored)
        /// Same key, other body.
        case mismatch
        /// Same key while the first request is still running.
        case inFlight
    }

    private var entries: [String: Entry] = [:]
    private let capacity: Int
    private let lifetime: TimeInterval
    private let clock: @Sendable () -> Date

    /// Creates a store of at most `capacity` keys, each kept `lifetime` seconds.
    public init(capacity: Int = 10_000, lifetime: TimeInterval = 24 * 3600, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.capacity = capacity
        self.lifetime = lifetime
        self.clock = clock
    }

    /// The hash a body is compared by.
    static func hash(_ body: ByteBuffer) -> Data { Data(SHA256.hash(data: Data(body.readableBytesView))) }

    /// Looks the key up and, when new, marks it running.
    func claim(_ key: String, principal: String, bodyHash: Data) -> Claim {
        let id = principal + "\u{0}" + key
        let now = clock()
        if let entry = entries[id], now.timeIntervalSince(entry.time) < lifetime {
            guard entry.bodyHash == bodyHash else { return .mismatch }
            if case .done(_, let response, _) = entry { return .replay(response) }
            return .inFlight
        }
        evict(now)
        entries[id] = .running(bodyHash: bodyHash, since: now)
        return .proceed
    }

    /// Records the first response for replay.
    func finish(_ key: String, principal: String, bodyHash: Data, response: Stored) {
        entries[principal + "\u{0}" + key] = .done(bodyHash: bodyHash, response: response, at: clock())
    }

    /// Forgets a key whose request failed before it answered, so a retry runs again.
    func abandon(_ key: String, principal: String) {
        entries[principal + "\u{0}" + key] = nil
    }

    /// Drops expired entries, then the oldest ones while over capacity.
    private func evict(_ now: Date) {
        guard entries.count >= capacity else { return }
        entries = entries.filter { now.timeIntervalSince($0.value.time) < lifetime }
        if entries.count >= capacity {
            let oldest = entries.sorted { $0.value.time < $1.value.time }.prefix(entries.count - capacity + 1)
            for (id, _) in oldest { entries[id] = nil }
        }
    }
}
