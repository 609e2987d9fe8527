import AsyncHTTPClient
import Foundation
import Testing

/// The built `govctl serve`: the bootstrap key goes to a 0600 file and nowhere else, and SIGTERM ends it cleanly.
@Suite(.serialized) struct ServeBinaryTests {
    /// A running `govctl serve` child process and what it has written to stderr so far.
    final class ServeProcess: @unchecked Sendable {
        let process = Process()
        private let lock = NSLock()
        private var output = Data()

        init(_ arguments: [String]) throws {
            process.executableURL = try Self.binary()
            process.arguments = ["serve"] + arguments
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            for pipe in [out, err] {
                pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
                    let data = handle.availableData
                    self?.lock.withLock { self?.output.append(data) }
                }
            }
            try process.run()
        }

        /// Everything printed on stdout and stderr.
        var printed: String { lock.withLock { String(decoding: output, as: UTF8.self) } }

        /// The port from the "listening" log line, once it appears.
        func port(timeout: Duration = .seconds(30)) async throws -> Int {
            let deadline = ContinuousClock.now + timeout
            while ContinuousClock.now < deadline {
                if let range = printed.range(of: "address=127.0.0.1:") {
                    let digits = printed[range.upperBound...].prefix { $0.isNumber }
                    if let port = Int(digits) { return port }
                }
                guard process.isRunning else { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            throw ServeError.notListening(printed)
        }

        /// Sends SIGTERM and waits for the exit status.
        func terminate() async throws -> (status: Int32, bySignal: Bool) {
            process.terminate()
            return try await exit()
        }

        func exit(timeout: Duration = .seconds(30)) async throws -> (status: Int32, bySignal: Bool) {
            let deadline = ContinuousClock.now + timeout
            while process.isRunning {
                guard ContinuousClock.now < deadline else {
                    kill(process.processIdentifier, SIGKILL)
                    throw ServeError.didNotExit(printed)
                }
                try await Task.sleep(for: .milliseconds(50))
            }
            return (process.terminationStatus, process.terminationReason == .uncaughtSignal)
        }

        static func binary() throws -> URL {
            var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            for _ in 0..<4 {
                let candidate = dir.appendingPathComponent("govctl")
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
                dir = dir.deletingLastPathComponent()
            }
            throw ServeError.binaryNotFound
        }
    }

    enum ServeError: Error { case binaryNotFound, notListening(String), didNotExit(String) }

    static func get(_ port: Int, _ path: String, key: String) async throws -> (Int, String) {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.headers.add(name: "Authorization", value: "Bearer \(key)")
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), String(buffer: body))
    }

    @Test func firstStartWritesTheKeyTo0600FileAndNeverPrintsIt() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("serve-bin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let state = dir.appendingPathComponent("state.db").path
        let keyFile = dir.appendingPathComponent("owner.key").path

        let server = try ServeProcess(["--listen", "127.0.0.1:0", "--state", state, "--bootstrap-key-file", keyFile])
        let port = try await server.port()
        let secret = try String(contentsOfFile: keyFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(secret.hasPrefix("mk_") && secret.count == 67)
        let mode = try FileManager.default.attributesOfItem(atPath: keyFile)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let (status, body) = try await Self.get(port, "/api/v1/environments", key: secret)
        #expect(status == 200)
        #expect(body.contains("env_production"))
        let (refused, _) = try await Self.get(port, "/api/v1/environments", key: "mk_" + String(repeating: "0", count: 64))
        #expect(refused == 401)

        let exit = try await server.terminate()
        #expect(exit == (0, false), "serve did not exit cleanly: \(server.printed)")
        #expect(!server.printed.contains(secret))
        #expect(!server.printed.contains(String(secret.dropFirst(8))))

        // The second start finds a key and needs no file; the key still works.
        let again = try ServeProcess(["--listen", "127.0.0.1:0", "--state", state])
        let secondPort = try await again.port()
        #expect(try await Self.get(secondPort, "/api/v1/state", key: secret).0 == 200)
        let secondExit = try await again.terminate()
        #expect(secondExit == (0, false), "\(again.printed)")
    }

    @Test func firstStartWithoutKeyFileSaysWhatToDo() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("serve-bin-\(UUID().uuidString)")
        let server = try ServeProcess(["--listen", "127.0.0.1:0", "--state", dir.appendingPathComponent("state.db").path])
        let exit = try await server.exit()
        #expect(exit == (1, false))
        #expect(server.printed.contains("--bootstrap-key-file"))
        #expect(server.printed.contains("[bootstrap-key-file-required]"))
    }
}
