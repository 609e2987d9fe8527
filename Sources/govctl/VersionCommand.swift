import ArgumentParser
import Foundation
import Planning

/// `govctl version`: which govctl this is, so a CI log or a bug report names the exact build.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Print govctl's version, the git commit it was built from and the Swift compiler that built it.",
        discussion: """
            Examples:
              govctl version
              govctl version --format json | jq -r .version
            """
    )

    @Option(help: "Output format: text or json.")
    var format: DiagnosticsFormat = .text

    func run() throws {
        let build = GovctlVersion.build
        switch format {
        case .text:
            print("govctl \(build.version)")
            print("commit   \(build.commit)\(build.dirty ? " (with uncommitted changes)" : "")")
            print("swift    \(build.swift)")
            print("platform \(build.platform)")
        case .json:
            print(try JSONRenderer.encode(build))
        }
    }
}

/// The version printed by `--version` and `version`, and recorded in saved plans.
enum GovctlVersion {
    static let current = "0.1.0"

    /// What `govctl version --format json` prints.
    struct Build: Encodable {
        let version: String
        let commit: String
        let dirty: Bool
        let swift: String
        let platform: String
    }

    static var build: Build {
        Build(version: current, commit: BuildStamp.commit, dirty: BuildStamp.dirty, swift: swiftVersion, platform: platform)
    }

    /// The compiler's version, known only at compile time.
    static var swiftVersion: String {
        #if compiler(>=6.5)
        return ">=6.5"
        #elseif compiler(>=6.4)
        return "6.4"
        #elseif compiler(>=6.3)
        return "6.3"
        #elseif compiler(>=6.2)
        return "6.2"
        #elseif compiler(>=6.1)
        return "6.1"
        #else
        return "6.0"
        #endif
    }

    /// The platform as release archives name it (`linux-x86_64`).
    static var platform: String {
        var name = utsname()
        uname(&name)
        let machine = withUnsafeBytes(of: &name.machine) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
        #if os(Linux)
        return "linux-\(machine)"
        #else
        return "macos-\(machine)"
        #endif
    }
}

/// `govctl completion SHELL`: the shell completion script, as `scripts/install.sh` installs it.
struct CompletionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "completion",
        abstract: "Print the completion script for bash, zsh or fish.",
        discussion: """
            scripts/install.sh installs all three. By hand:
              govctl completion bash > ~/.local/share/bash-completion/completions/govctl
              govctl completion zsh > "${fpath[1]}/_govctl"
              govctl completion fish > ~/.config/fish/completions/govctl.fish
            """
    )

    @Argument(help: "bash, zsh or fish.")
    var shell: Shell

    /// The shells argument-parser writes completions for.
    enum Shell: String, ExpressibleByArgument, CaseIterable {
        case bash, zsh, fish
    }

    func run() throws {
        let shell: CompletionShell = switch self.shell {
        case .bash: .bash
        case .zsh: .zsh
        case .fish: .fish
        }
        print(Govctl.completionScript(for: shell), terminator: "")
    }
}
