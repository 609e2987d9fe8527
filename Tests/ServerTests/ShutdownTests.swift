import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import Server
import ServiceLifecycle
import Testing

/// Graceful shutdown through swift-service-lifecycle: a request in flight when shutdown starts still completes.
@Suite struct ShutdownTests {
    /// Hands the bound port from `onServerRunning` to the test.
    actor PortBox {
        private var port: Int?
        private var waiters: [CheckedContinuation<Int, Never>] = []

        func set(_ value: Int) {
            port = value
            for waiter in waiters { waiter.resume(returning: value) }
            waiters = []
        }

        func wait() async -> Int {
            if let port { return port }
            return await withCheckedContinuation { waiters.append($0) }
        }
    }

    @Test func inFlightRequestFinishesAfterShutdownStarts() async throws {
        let fixture = try await ServerFixture()
        var logger = Logger(label: "govctl.serve.test")
        logger.logLevel = .warning
        let box = PortBox()
        let app = APIServer.application(APIServer.Configuration(port: 0, logger: logger), fixture.dependencies) { await box.set($0) }
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [.init(service: app)], logger: logger))
        let owner = fixture.keys["owner", default: ""]
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let port = await box.wait()
            let body = Array(policyJSON("deny-late", environment: "env_staging").utf8)
            let (chunks, continuation) = AsyncStream<ByteBuffer>.makeStream()
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/api/v1/policies")
            request.method = .POST
            request.headers.add(name: "Authorization", value: "Bearer \(owner)")
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .stream(chunks, length: .known(Int64(body.count)))
            async let answer = HTTPClient.shared.execute(request, timeout: .seconds(30))
            // Half the body is in: the handler is waiting for the rest when shutdown begins.
            continuation.yield(ByteBuffer(bytes: body.prefix(10)))
            try await Task.sleep(for: .milliseconds(300))
            await group.triggerGracefulShutdown()
            try await Task.sleep(for: .milliseconds(200))
            continuation.yield(ByteBuffer(bytes: body.dropFirst(10)))
            continuation.finish()
            let response = try await answer
            #expect(response.status == .created)
            // The server then stops: the group's run returns.
            try await tasks.next()
        }
        let stored = try await fixture.plane.policies(in: "staging", as: .cli)
        #expect(stored.map(\.policy.name) == ["deny-late"])
    }
}
