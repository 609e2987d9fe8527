import Foundation

/// A real `govctl serve` on a free loopback port over its own state file, started with a bootstrap key file as the
/// README starts it; the tests' one way to run the server binary.
final class ServedGovctl: @unchecked Sendable {
    let process: Process
    let port: Int
    /// The Owner key the first start wrote to its bootstrap key file.
    let ownerKey: String
    let log: URL

    private init(process: Process, port: Int, ownerKey: String, log: URL) {
        self.process = process
        self.port = port
        self.ownerKey = ownerKey
        self.log = log
    }

    /// Starts `govctl serve --state DIR/served.db --listen 127.0.0.1:0 --bootstrap-key-file DIR/owner.key` and waits
    /// until it says which port it listens on.
    static func start(in directory: URL) async throws -> ServedGovctl {
        let keyFile = directory.appendingPathComponent("owner.key")
        let process = Process()
        process.executableURL = try GovctlRunner.binary()
        process.arguments = ["serve", "--state", directory.appendingPathComponent("served.db").path, "--listen", "127.0.0.1:0",
                             "--bootstrap-key-file", keyFile.path]
        let log = directory.appendingPathComponent("serve.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        var port = 0
        for _ in 0..<400 where port == 0 {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if let range = text.range(of: "address=127.0.0.1:") { port = Int(text[range.upperBound...].prefix { $0.isNumber }) ?? 0 }
            if port == 0 { try await Task.sleep(for: .milliseconds(50)) }
        }
        guard port > 0, let key = try? String(contentsOf: keyFile, encoding: .utf8) else {
            process.terminate()
            throw Shell.Failure("govctl serve did not start: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
        }
        return ServedGovctl(process: process, port: port, ownerKey: key.trimmingCharacters(in: .whitespacesAndNewlines), log: log)
    }

    var endpoint: String { "http://127.0.0.1:\(port)" }

    /// Stops the server and waits for it.
    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}
