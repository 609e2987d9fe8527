import Crypto
import DequeModule
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

    private enum State {
        case running
        case done(Stored)
    }

    private struct Entry {
        var state: State
        var bodyHash: Data
        /// When the key was first claimed: the age eviction goes by.
        var since: Date
        /// Tells this entry from an older one of the same key in `order`.
        var sequence: UInt64
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
    /// Keys in the order they were claimed, oldest first, so eviction takes the front: O(1) per request at any
    /// fill level (a full scan per request made POST 25 times slower past 10,000 keys).
    private var order: Deque<(id: String, sequence: UInt64)> = []
    private var nextSequence: UInt64 = 0
    private let capacity: Int
    private let lifetime: TimeInterval
    private let clock: @Sendable () -> Date

    /// Creates a store of at most `capacity` keys, each kept `lifetime` seconds from its first use.
    public init(capacity: Int = 10_000, lifetime: TimeInterval = 24 * 3600, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.capacity = max(1, capacity)
        self.lifetime = lifetime
        self.clock = clock
    }

    /// The hash a body is compared by.
    static func hash(_ body: ByteBuffer) -> Data { Data(SHA256.hash(data: Data(body.readableBytesView))) }

    /// How many keys are held, for tests and metrics.
    var count: Int { entries.count }
    /// How many items the eviction order holds (live and stale), for tests.
    var queued: Int { order.count }

    /// Looks the key up and, when new, marks it running.
    func claim(_ key: String, principal: String, bodyHash: Data) -> Claim {
        let id = principal + "\u{0}" + key
        let now = clock()
        evict(now)
        if let entry = entries[id] {
            guard entry.bodyHash == bodyHash else { return .mismatch }
            if case .done(let response) = entry.state { return .replay(response) }
            return .inFlight
        }
        insert(id, Entry(state: .running, bodyHash: bodyHash, since: now, sequence: 0))
        return .proceed
    }

    /// Records the first response for replay.
    func finish(_ key: String, principal: String, bodyHash: Data, response: Stored) {
        let id = principal + "\u{0}" + key
        if var entry = entries[id] {
            entry.state = .done(response)
            entries[id] = entry
        } else {
            // Evicted while it ran (a full store): kept again, as the newest.
            insert(id, Entry(state: .done(response), bodyHash: bodyHash, since: clock(), sequence: 0))
        }
    }

    /// Forgets a key whose request failed before it answered, so a retry runs again.
    func abandon(_ key: String, principal: String) {
        entries[principal + "\u{0}" + key] = nil
    }

    private func insert(_ id: String, _ entry: Entry) {
        var entry = entry
        nextSequence += 1
        entry.sequence = nextSequence
        entries[id] = entry
        order.append((id, nextSequence))
        evict(entry.since)
    }

    /// Drops from the front of `order`: entries forgotten or replaced (stale), expired, or beyond capacity. Each
    /// claim adds one to `order` and every item leaves it once, so this is amortised O(1); `order` never holds more
    /// than twice the capacity, whatever mix of claims and abandons arrives.
    private func evict(_ now: Date) {
        while let first = order.first {
            guard let entry = entries[first.id], entry.sequence == first.sequence else {
                order.removeFirst()
                continue
            }
            guard entries.count > capacity || order.count > 2 * capacity || now.timeIntervalSince(entry.since) >= lifetime else { return }
            entries[first.id] = nil
            order.removeFirst()
        }
    }
}
