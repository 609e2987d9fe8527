import ArgumentParser
import Foundation
import Reconciler

/// Where the live state is: the embedded control plane's SQLite file.
struct BackendOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The embedded state file (default: $GOVCTL_STATE, else .govctl/state.db).", valueName: "path"))
    var state: String?

    /// The state file path after the flag, the environment and the default.
    var statePath: String {
        state ?? ProcessInfo.processInfo.environment["GOVCTL_STATE"].flatMap { $0.isEmpty ? nil : $0 } ?? ".govctl/state.db"
    }

    /// Opens the live state, creating a new one with the default environment on first use.
    func backend() throws -> any LiveBackend {
        try EmbeddedBackend(path: statePath)
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
