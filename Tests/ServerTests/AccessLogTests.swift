import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Server
import Testing

/// The access log: one structured line per request with the key's prefix, never the key or its header.
@Suite struct AccessLogTests {
    /// Keeps every log line in memory.
    final class Recorder: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        func append(_ line: String) { lock.withLock { lines.append(line) } }
        var all: [String] { lock.withLock { lines } }
    }

    struct RecordingHandler: LogHandler {
        let recorder: Recorder
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .info
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String,
                 function: String, line: UInt) {
            let fields = self.metadata.merging(metadata ?? [:]) { $1 }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            recorder.append("\(message) \(fields.joined(separator: " "))")
        }
    }

    @Test func linesNameThePrefixNeverTheKey() async throws {
        let fixture = try await ServerFixture()
        let recorder = Recorder()
        let logger = Logger(label: "govctl.serve.test") { _ in RecordingHandler(recorder: recorder) }
        let app = APIServer.application(APIServer.Configuration(port: 0, logger: logger), fixture.dependencies)
        let owner = fixture.keys["owner", default: ""]
        try await app.test(.ahc(.http)) { client in
            _ = try await client.execute(uri: "/api/v1/environments", method: .get, headers: [.authorization: "Bearer \(owner)"])
            _ = try await client.execute(uri: "/api/v1/environments", method: .get, headers: [.authorization: "Bearer mk_wrong"])
        }
        let requests = recorder.all.filter { $0.hasPrefix("request ") }
        #expect(requests.count == 2)
        let first = try #require(requests.first)
        #expect(first.contains("method=GET") && first.contains("path=/api/v1/environments") && first.contains("status=200"))
        #expect(first.contains("key_prefix=\(owner.prefix(8))"))
        #expect(first.contains("duration_ms="))
        #expect(requests.last?.contains("status=401") == true)
        for line in recorder.all {
            #expect(!line.contains(owner))
            #expect(!line.contains("mk_wrong"))
            #expect(!line.lowercased().contains("bearer"))
        }
    }
}
