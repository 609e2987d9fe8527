import ArgumentParser
import ControlPlane
import Foundation
import Reconciler

/// Where the live state is, shared by every command that reads or changes it: the embedded control plane's SQLite file.
struct BackendOptions: ParsableArguments {
    /// The variable that names the state file when `--state` is absent.
    static let environmentVariable = "GOVCTL_STATE"
    static let defaultPath = ".govctl/state.db"

    @Option(name: .long, help: ArgumentHelp(
        "The embedded control plane's SQLite file, created with the default environment if missing (default: $GOVCTL_STATE, then .govctl/state.db).",
        valueName: "path"))
    var state: String?

    /// The state file this invocation uses.
    var statePath: String {
        state ?? ProcessInfo.processInfo.environment[Self.environmentVariable].flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultPath
    }

    /// Opens the live state, creating a new one with the default environment on first use.
    func backend() throws -> any LiveBackend {
        try EmbeddedBackend(path: statePath)
    }

    /// Opens (or creates) the embedded control plane itself, for commands that list what it holds.
    func controlPlane() throws -> ControlPlane {
        try ControlPlane(.init(path: statePath))
    }
}

/// Whether to colour output: only on a terminal, and never with `NO_COLOR` or `--no-color`.
struct ColorOptions: ParsableArguments {
    @Flag(name: .long, help: "Never colour the output (NO_COLOR is honoured too).")
    var noColor = false

    var enabled: Bool {
        !noColor && ProcessInfo.processInfo.environment["NO_COLOR"] == nil && isatty(STDOUT_FILENO) == 1
    }
}
