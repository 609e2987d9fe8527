import Foundation
import Testing

extension PipelineSuites {
@Suite("Installing govctl without building it")
struct InstallTests {
    /// The libraries the binary may load, each from a Debian package the README names.
    static let systemLibraries: [String: String] = [
        "linux-vdso.so.1": "the kernel", "ld-linux-x86-64.so.2": "libc6", "ld-linux-aarch64.so.1": "libc6",
        "libc.so.6": "libc6", "libm.so.6": "libc6", "libstdc++.so.6": "libstdc++6", "libgcc_s.so.1": "libgcc-s1",
        "libz.so.1": "zlib1g", "libyaml-0.so.2": "libyaml-0-2", "libsqlite3.so.0": "libsqlite3-0",
    ]

    @Test("the binary loads only the system's own libraries, none from the Swift toolchain")
    func onlySystemLibraries() async throws {
        let ldd = try await GovctlRunner.execute(URL(fileURLWithPath: "/usr/bin/ldd"), [try GovctlRunner.binary().path])
        #expect(ldd.status == 0, "\(ldd.stderr)")
        let toolchain = URL(fileURLWithPath: try await Self.swiftPath()).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().path
        let names = ldd.stdout.split(separator: "\n").compactMap { $0.split(whereSeparator: \.isWhitespace).first.map(String.init) }
        #expect(!names.isEmpty)
        for line in ldd.stdout.split(separator: "\n") {
            #expect(!line.contains(toolchain), "loads from the Swift toolchain: \(line)")
            #expect(!line.contains("swift"), "a Swift library: \(line)")
        }
        for name in names {
            let file = (name as NSString).lastPathComponent
            #expect(Self.systemLibraries[file] != nil, "\(name) is in no package the README names")
        }
        let readme = try String(contentsOf: GovctlRunner.repoRoot.appendingPathComponent("README.md"), encoding: .utf8)
        for package in Set(Self.systemLibraries.values) where package != "the kernel" {
            #expect(readme.contains("`\(package)`"), "the README does not name \(package)")
        }
    }

    @Test("install.sh installs the binary, the CI helpers and completions for three shells, and says what it installed")
    func installScript() async throws {
        let prefix = try GovctlRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: prefix) }
        let run = try await Shell.script("scripts/install.sh", ["--prefix", prefix.path, "--binary", try GovctlRunner.binary().path])
        #expect(run.status == 0, "\(run.stderr)")
        let expected = ["bin/govctl", "bin/govctl-post-mr-note", "bin/govctl-store-new-keys", "bin/govctl-gitlab-store-variable",
                        "share/bash-completion/completions/govctl", "share/zsh/site-functions/_govctl",
                        "share/fish/vendor_completions.d/govctl.fish"]
        for path in expected {
            let file = prefix.appendingPathComponent(path).path
            #expect(run.stdout.contains("installed \(file)"), "not reported: \(path)")
            let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
            #expect(size > 0, "missing or empty: \(path)")
        }
        let bash = try String(contentsOfFile: prefix.appendingPathComponent(expected[4]).path, encoding: .utf8)
        #expect(bash.contains("complete") && bash.contains("apply") && bash.contains("--secrets-file"))
        let version = try await GovctlRunner.execute(prefix.appendingPathComponent("bin/govctl"), ["version", "--format", "json"])
        let fields = try JSONSerialization.jsonObject(with: Data(version.stdout.utf8)) as? [String: Any]
        #expect(fields?["version"] as? String == "0.1.0")
        #expect((fields?["commit"] as? String)?.count == 40, "\(version.stdout)")
        #expect((fields?["swift"] as? String)?.hasPrefix("6.") == true)
        let bad = try await Shell.script("scripts/install.sh", ["--prefx", prefix.path])
        #expect(bad.status == 1 && bad.stderr.contains("unknown option: --prefx"))
    }

    @Test("package.sh makes the release tarball with its checksum: binary, helpers, completions, LICENSE, README")
    func packageScript() async throws {
        let release = try await Release.get()
        #expect(release.tarball.lastPathComponent.hasPrefix("govctl-0.1.0-linux-"))
        #expect(release.packageOutput.contains(release.tarball.path) && release.packageOutput.contains("size: "))
        let check = try await Shell.bash(["-c", "sha256sum -c \(release.checksum.lastPathComponent)"], in: release.directory)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let listing = try await GovctlRunner.execute(URL(fileURLWithPath: "/bin/tar"), ["-tzvf", release.tarball.path])
        let root = release.tarball.deletingPathExtension().deletingPathExtension().lastPathComponent
        for path in ["bin/govctl", "bin/govctl-store-new-keys", "share/zsh/site-functions/_govctl", "LICENSE", "README.md"] {
            #expect(listing.stdout.contains("\(root)/\(path)"), "the tarball lacks \(path)")
        }
        // Reproducible: owner and time are fixed, so the same binary gives the same bytes.
        #expect(!listing.stdout.contains(NSUserName()) || NSUserName() == "root")
        #expect(listing.stdout.contains("root/root") || listing.stdout.contains("0/0"))
    }

    @Test("the action's script installs a tarball by URL, checks its SHA-256, caches, and refuses a wrong checksum")
    func setupAction() async throws {
        let release = try await Release.get()
        let home = try GovctlRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        let path = home.appendingPathComponent("github_path"), output = home.appendingPathComponent("github_output")
        let env = ["GOVCTL_TARBALL_URL": release.tarball.absoluteString, "RUNNER_TOOL_CACHE": home.path,
                   "GITHUB_PATH": path.path, "GITHUB_OUTPUT": output.path]
        let first = try await Shell.script("scripts/ci/setup-govctl.sh", [], environment: env)
        #expect(first.status == 0, "\(first.stderr)")
        let bin = try String(contentsOf: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let version = try await GovctlRunner.execute(URL(fileURLWithPath: bin).appendingPathComponent("govctl"), ["version"])
        #expect(version.stdout.hasPrefix("govctl \(release.version)"))
        #expect(try String(contentsOf: output, encoding: .utf8).contains("version=\(release.version)"))
        // A second run finds the installed release and downloads nothing.
        let again = try await Shell.script("scripts/ci/setup-govctl.sh", [], environment: env)
        #expect(again.status == 0)
        #expect(first.stdout.contains("downloading \(release.tarball.absoluteString)"))
        #expect(again.stdout.contains("(cached)") && !again.stdout.contains("downloading"), "\(again.stdout)")
        let wrong = String(repeating: "0", count: 64)
        // A pin the tarball does not match is refused, even with a good install of the same URL in the cache.
        let pinned = try await Shell.script("scripts/ci/setup-govctl.sh", [], environment: env.merging(["GOVCTL_SHA256": wrong]) { $1 })
        #expect(pinned.status == 1 && pinned.stderr.contains("checksum mismatch"), "\(pinned.stdout)\(pinned.stderr)")
        let notHex = try await Shell.script("scripts/ci/setup-govctl.sh", [], environment: env.merging(["GOVCTL_SHA256": "nothex"]) { $1 })
        #expect(notHex.status == 1 && notHex.stderr.contains("is not a SHA-256"))
        let refused = try await Shell.script("scripts/ci/setup-govctl.sh", [],
                                       environment: env.merging(["GOVCTL_SHA256": wrong, "RUNNER_TOOL_CACHE": home.appendingPathComponent("other").path]) { $1 })
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("SHA-256") || refused.stderr.contains("checksum"), "\(refused.stderr)")
        let other = home.appendingPathComponent("other")
        let left = (try? FileManager.default.subpathsOfDirectory(atPath: other.path)) ?? []
        #expect(!left.contains { $0.hasSuffix("bin/govctl") }, "a refused tarball was installed: \(left)")
    }

    static func swiftPath() async throws -> String {
        let which = try await Shell.bash(["-c", "command -v swift"])
        guard which.status == 0 else { throw Shell.Failure("swift is not on the PATH") }
        return which.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
}
