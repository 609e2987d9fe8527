import Foundation
import Hummingbird
import Testing
@testable import Server

/// The idempotency store stays bounded and O(1) per request at any fill level: eviction takes the oldest key,
/// never scans.
@Suite("idempotency store")
struct IdempotencyStoreTests {
    final class Clock: @unchecked Sendable {
        var now = Date(timeIntervalSince1970: 1_800_000_000)
    }

    static let hash = Data([1, 2, 3])
    static let answer = IdempotencyStore.Stored(status: .created, headers: [:], body: ByteBuffer(string: "{}"))

    @Test("full, it forgets the oldest key first and replays the rest")
    func capacity() async {
        let store = IdempotencyStore(capacity: 3)
        for i in 0..<5 {
            #expect(await store.claim("k\(i)", principal: "p", bodyHash: Self.hash).isProceed)
            await store.finish("k\(i)", principal: "p", bodyHash: Self.hash, response: Self.answer)
        }
        #expect(await store.count == 3)
        #expect(await store.claim("k4", principal: "p", bodyHash: Self.hash).isReplay)
        #expect(await store.claim("k2", principal: "p", bodyHash: Self.hash).isReplay)
        #expect(await store.claim("k0", principal: "p", bodyHash: Self.hash).isProceed, "the oldest was forgotten")
    }

    @Test("a key expires its lifetime after it was first used")
    func lifetime() async {
        let clock = Clock()
        let store = IdempotencyStore(capacity: 100, lifetime: 60, clock: { clock.now })
        #expect(await store.claim("k", principal: "p", bodyHash: Self.hash).isProceed)
        await store.finish("k", principal: "p", bodyHash: Self.hash, response: Self.answer)
        clock.now += 59
        #expect(await store.claim("k", principal: "p", bodyHash: Self.hash).isReplay)
        #expect(await store.claim("k", principal: "p", bodyHash: Data([9])).isMismatch)
        clock.now += 2
        #expect(await store.claim("k", principal: "p", bodyHash: Data([9])).isProceed, "expired: a fresh key")
    }

    @Test("abandoned keys run again, and churn never grows the store past its bound")
    func churn() async {
        let store = IdempotencyStore(capacity: 10)
        for i in 0..<10_000 {
            _ = await store.claim("k\(i % 7)", principal: "p", bodyHash: Self.hash)
            await store.abandon("k\(i % 7)", principal: "p")
        }
        #expect(await store.count == 0)
        #expect(await store.queued <= 20)
        #expect(await store.claim("k1", principal: "p", bodyHash: Self.hash).isProceed)
        #expect(await store.claim("k1", principal: "p", bodyHash: Self.hash).isInFlight)
    }

    @Test("200,000 keys through a store of 10,000: each claim stays cheap, the store at its bound")
    func staysFlat() async {
        let store = IdempotencyStore(capacity: 10_000)
        for i in 0..<200_000 {
            _ = await store.claim("k\(i)", principal: "p", bodyHash: Self.hash)
            await store.finish("k\(i)", principal: "p", bodyHash: Self.hash, response: Self.answer)
        }
        #expect(await store.count == 10_000)
        #expect(await store.queued == 10_000)
    }
}

extension IdempotencyStore.Claim {
    var isProceed: Bool { if case .proceed = self { true } else { false } }
    var isReplay: Bool { if case .replay = self { true } else { false } }
    var isMismatch: Bool { if case .mismatch = self { true } else { false } }
    var isInFlight: Bool { if case .inFlight = self { true } else { false } }
}
