import Foundation
import Testing

/// The suites that package, install and play whole pipelines, one test at a time: each starts servers and packs a
/// 200 MB binary, and side by side they would starve the timing-sensitive server tests of CPU.
@Suite(.serialized) struct PipelineSuites {}

/// The release tarball `scripts/package.sh` makes of the built binary: made once per test run, for every test that
/// installs govctl the way a CI runner does.
enum Release {
    /// What package.sh produced.
    struct Made: Sendable {
        let directory: URL
        let tarball: URL
        let checksum: URL
        let version: String
        let packageOutput: String
    }

    private static let cache = Cache()

    /// The release, made on first use; a failure carries package.sh's own words.
    static func get() async throws -> Made { try await cache.made() }

    private actor Cache {
        private var task: Task<Made, any Error>?

        func made() async throws -> Made {
            if task == nil { task = Task { try await Release.package() } }
            return try await task!.value
        }
    }

    private static func package() async throws -> Made {
        let out = try GovctlRunner.temporaryDirectory()
        let run = try await Shell.script("scripts/package.sh", ["--binary", try GovctlRunner.binary().path, "--out", out.path])
        guard run.status == 0 else { throw Shell.Failure("scripts/package.sh failed (\(run.status)): \(run.stderr)\(run.stdout)") }
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path)
        guard let name = files.first(where: { $0.hasSuffix(".tar.gz") }) else { throw Shell.Failure("no tarball in \(files)") }
        let version = String(name.dropFirst("govctl-".count).prefix { $0 != "-" })
        return Made(directory: out, tarball: out.appendingPathComponent(name), checksum: out.appendingPathComponent(name + ".sha256"),
                    version: version, packageOutput: run.stdout)
    }
}

/// Repository scripts and other programs, run as a user would run them.
enum Shell {
    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// Runs the repository script at `path` (relative to the repository root) with bash.
    static func script(_ path: String, _ args: [String], in directory: URL = GovctlRunner.repoRoot,
                       environment: [String: String] = [:]) async throws -> GovctlRunner.Output {
        try await bash([GovctlRunner.repoRoot.appendingPathComponent(path).path] + args, in: directory, environment: environment)
    }

    /// `bash ARGS…`.
    static func bash(_ args: [String], in directory: URL = GovctlRunner.repoRoot, environment: [String: String] = [:]) async throws -> GovctlRunner.Output {
        try await offThePool(URL(fileURLWithPath: "/bin/bash"), args, in: directory, environment: environment)
    }

    /// `python3 ARGS…`, found on the PATH.
    static func python(_ args: [String], in directory: URL = GovctlRunner.repoRoot, environment: [String: String] = [:]) async throws -> GovctlRunner.Output {
        try await offThePool(URL(fileURLWithPath: "/usr/bin/env"), ["python3"] + args, in: directory, environment: environment)
    }

    /// Runs a program on a thread of its own, not on Swift's cooperative pool: that pool has one thread per core,
    /// and a test blocking it while a job plays for half a minute starves the in-process servers of other suites.
    static func offThePool(_ executable: URL, _ args: [String], in directory: URL = GovctlRunner.repoRoot,
                           environment: [String: String] = [:]) async throws -> GovctlRunner.Output {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try GovctlRunner.execute(executable, args, in: directory, environment: environment) })
            }
        }
    }
}
