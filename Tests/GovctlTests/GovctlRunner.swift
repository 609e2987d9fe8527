import Foundation
import Testing

/// Runs the built `govctl` binary the way a user or CI would, and captures what it prints.
struct GovctlRunner {
    /// What one run produced.
    struct Output {
        let status: Int32
        let stdout: String
        let stderr: String
        /// True when the process ended by a signal (a crash), not by exiting.
        let crashed: Bool
    }

    /// The repository root, found from this file's path.
    static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The fixture directory of the end-to-end tests.
    static let fixtures = repoRoot.appendingPathComponent("Tests/GovctlTests/Fixtures")

    /// The `govctl` binary next to the test bundle in the build products directory.
    static func binary() throws -> URL {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("govctl")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        throw RunnerError.binaryNotFound(CommandLine.arguments[0])
    }

    enum RunnerError: Error { case binaryNotFound(String) }

    /// Runs `govctl args…` in `directory` (the repository root by default) and waits for it.
    static func run(_ args: [String], in directory: URL = repoRoot, environment: [String: String] = [:],
                    stdin: String? = nil) throws -> Output {
        try execute(try binary(), args, in: directory, environment: environment, stdin: stdin)
    }

    /// `run` on a thread of its own, not on Swift's cooperative pool (see `Shell.offThePool`): what async tests use,
    /// so a story running beside the in-process servers of other suites cannot starve them.
    static func run(_ args: [String], in directory: URL = repoRoot, environment: [String: String] = [:]) async throws -> Output {
        try await Shell.offThePool(try binary(), args, in: directory, environment: environment)
    }

    /// Runs any program (a repository script, python3) the same way, with `NO_COLOR` set.
    static func execute(_ executable: URL, _ args: [String], in directory: URL = repoRoot, environment: [String: String] = [:],
                        stdin: String? = nil) throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = args
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Read both pipes before waiting so a large output cannot block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self),
                      crashed: process.terminationReason == .uncaughtSignal)
    }

    /// A fresh temporary directory, removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("govctl-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
