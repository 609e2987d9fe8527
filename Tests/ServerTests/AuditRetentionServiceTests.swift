import ControlPlane
import Crypto
import Foundation
import Governance
import Logging
import Server
import ServiceLifecycle
import Testing

/// The server purges expired audit events itself, since it may run for months without reopening its store.
@Suite struct AuditRetentionServiceTests {
    final class Clock: @unchecked Sendable {
        private let lock = NSLock()
        private var current = Date(timeIntervalSince1970: 1_790_000_000)
        var now: Date { lock.withLock { current } }
        func advance(days: Double) { lock.withLock { current += days * 86_400 } }
    }

    @Test func purgesOnItsScheduleAndStopsOnShutdown() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("retention-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let clock = Clock()
        let plane = try ControlPlane(.init(path: directory.appendingPathComponent("state.db").path,
                                           masterKey: SymmetricKey(size: .bits256), clock: { clock.now }))
        _ = try await plane.createEnvironment(slug: "staging", EnvironmentFields(name: "Staging"), as: .cli)
        clock.advance(days: 91)
        let service = AuditRetentionService(controlPlane: plane, interval: .milliseconds(20), logger: Logger(label: "test"))
        let group = ServiceGroup(services: [service], logger: Logger(label: "test"))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var purged = false
            for _ in 0..<250 where !purged {
                purged = try await plane.auditEvents(in: "staging", as: .cli).isEmpty
                if !purged { try await Task.sleep(for: .milliseconds(20)) }
            }
            #expect(purged, "the service purged the 91-day-old staging events")
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }
}
