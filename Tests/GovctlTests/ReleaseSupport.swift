import Foundation
import Testing

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

    static let made: Result<Made, any Error> = Result { try package() }

    /// The release, or the test fails with package.sh's own words.
    static func get() throws -> Made { try made.get() }

    private static func package() throws -> Made {
        let out = try GovctlRunner.temporaryDirectory()
        let run = try Shell.script("scripts/package.sh", ["--binary", try GovctlRunner.binary().path, "--out", out.path])
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
                       environment: [String: String] = [:]) throws -> GovctlRunner.Output {
        try bash([GovctlRunner.repoRoot.appendingPathComponent(path).path] + args, in: directory, environment: environment)
    }

    /// `bash ARGS…`.
    static func bash(_ args: [String], in directory: URL = GovctlRunner.repoRoot, environment: [String: String] = [:]) throws -> GovctlRunner.Output {
        try GovctlRunner.execute(URL(fileURLWithPath: "/bin/bash"), args, in: directory, environment: environment)
    }

    /// `python3 ARGS…`, found on the PATH.
    static func python(_ args: [String], in directory: URL = GovctlRunner.repoRoot, environment: [String: String] = [:]) throws -> GovctlRunner.Output {
        try GovctlRunner.execute(URL(fileURLWithPath: "/usr/bin/env"), ["python3"] + args, in: directory, environment: environment)
    }
}
