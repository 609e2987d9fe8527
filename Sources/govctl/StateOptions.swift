import ArgumentParser
import ControlPlane
import Foundation

/// Where the embedded control plane keeps its state, shared by every command that reads or changes it.
struct StateOptions: ParsableArguments {
    /// The variable that names the state file when `--state` is absent.
    static let environmentVariable = "GOVCTL_STATE"
    static let defaultPath = ".govctl/state.db"

    @Option(name: .long, help: ArgumentHelp(
        "The embedded control plane's SQLite file, created with the default environment if missing (default: $GOVCTL_STATE, then .govctl/state.db).",
        valueName: "path"))
    var state: String?

    /// The state file this invocation uses.
    var path: String {
        state ?? ProcessInfo.processInfo.environment[Self.environmentVariable].flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultPath
    }

    /// Opens (or creates) the embedded control plane.
    func open() throws -> ControlPlane {
        try ControlPlane(.init(path: path))
    }
}

/// How list commands print: a table for people, JSON for tools.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

/// Runs a command's body, printing control-plane errors as `error: message [code]` and exiting 1.
func reportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as ControlPlaneError {
        FileHandle.standardError.write(Data("error: \(error.message) [\(error.code.rawValue)]\n".utf8))
        throw ExitCode.failure
    }
}
