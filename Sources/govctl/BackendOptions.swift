import ArgumentParser
import ControlPlane
import Foundation
import Reconciler

/// Where the live state is, shared by every command that reads or changes it: the embedded control plane's SQLite
/// file, or a remote API at `--endpoint` (or `GOVCTL_ENDPOINT`) with the key from `MITRITY_API_KEY` or `--api-key-file`.
struct BackendOptions: ParsableArguments {
    /// The variable that names the API when `--endpoint` is absent.
    static let endpointVariable = "GOVCTL_ENDPOINT"
    /// The variable that holds the API key; a key is never taken from a flag's value or a URL.
    static let keyVariable = "MITRITY_API_KEY"

    @OptionGroup var store: StateOption

    @Option(name: .long, help: ArgumentHelp(
        "Use the control-plane API at this URL instead of the embedded store (default: $GOVCTL_ENDPOINT); the key comes from $MITRITY_API_KEY or --api-key-file.",
        valueName: "url"))
    var endpoint: String?

    @Option(name: .customLong("api-key-file"), help: ArgumentHelp(
        "A file holding only the API key for --endpoint (instead of $MITRITY_API_KEY).", valueName: "path"))
    var apiKeyFile: String?

    @Flag(name: .customLong("insecure-http"), help: "Allow --endpoint over plain http to a host that is not loopback (the key travels unencrypted).")
    var insecureHTTP = false

    @Option(name: .customLong("retry-deadline"), help: ArgumentHelp(
        "With --endpoint: give up retrying one API call after this many seconds; one attempt gets at most half.", valueName: "seconds"))
    var retryDeadline: SecondsArgument = 60

    /// The state file this invocation uses.
    var statePath: String { store.path }

    /// The API this invocation uses, or nil for the embedded store; an explicit `--state` outranks `GOVCTL_ENDPOINT`.
    var endpointURL: String? {
        endpoint ?? (store.state == nil ? Self.variable(Self.endpointVariable) : nil)
    }

    /// Opens the live state for plan and apply, the two commands that may make a new tenant: a state file that does
    /// not exist yet is created with the default environment, and a note says so, so a mistyped path shows.
    func backend() async throws -> any LiveBackend {
        if let remote = try await remoteBackend() { return remote }
        if !FileManager.default.fileExists(atPath: statePath) {
            StandardError.print("note: no live state at \(statePath); a new tenant is created there (its default environment only)")
        }
        return try EmbeddedBackend(path: statePath, principal: .commandLine(CommandLineIdentity.current()))
    }

    /// The remote backend when `--endpoint` or `GOVCTL_ENDPOINT` names one: checked, keyed and connected.
    func remoteBackend() async throws -> RemoteBackend? {
        guard let url = endpointURL else { return nil }
        if endpoint != nil && store.state != nil {
            throw CommandFailure(code: "two-live-states", "--state and --endpoint name two live states; give one of them")
        }
        let endpoint = try RemoteEndpoint(url, allowInsecureHTTP: insecureHTTP)
        // One attempt gets at most half the deadline, so even a server that never answers is tried twice.
        let policy = RemoteRetryPolicy(deadline: max(1, retryDeadline.value), requestTimeout: min(30, max(1, retryDeadline.value / 2)))
        return try await RemoteBackend.connect(endpoint, key: try apiKey(for: endpoint), policy: policy)
    }

    /// The options that name this live state to a later command in the same shell: an explicit `--state` or
    /// `--endpoint`; one read from the environment is there for the next command too.
    var sameLiveStateArguments: [String] {
        if let endpoint { return ["--endpoint", endpoint] + (apiKeyFile.map { ["--api-key-file", $0] } ?? []) }
        return store.state.map { ["--state", $0] } ?? []
    }

    /// The audit log: the API's when remote, else the embedded store's, which must exist.
    func history() async throws -> any LiveHistory {
        try await existingBackend()
    }

    /// The key for `endpoint`, from `--api-key-file` or `MITRITY_API_KEY`.
    private func apiKey(for endpoint: RemoteEndpoint) throws -> RemoteAPIKey {
        if let apiKeyFile {
            guard let text = try? String(contentsOfFile: apiKeyFile, encoding: .utf8) else {
                throw CommandFailure(code: "no-api-key", "cannot read the API key file '\(apiKeyFile)'; give a readable file holding only the key")
            }
            return try RemoteAPIKey(text)
        }
        guard let secret = Self.variable(Self.keyVariable) else {
            throw CommandFailure(code: "no-api-key",
                                 "--endpoint \(endpoint) needs an API key: set \(Self.keyVariable) or pass --api-key-file PATH (a file holding only the key)")
        }
        return try RemoteAPIKey(secret)
    }

    /// Opens the embedded control plane itself, which must exist, for commands that list what it holds.
    func controlPlane() throws -> ControlPlane {
        try requireExistingState()
        return try ControlPlane(.init(path: statePath))
    }

    static func variable(_ name: String) -> String? {
        ProcessInfo.processInfo.environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }
}

extension BackendOptions {
    /// Opens the live state only when it exists: every command but plan and apply reads, and must not create a
    /// tenant by looking. A remote API always exists; its backend is returned as it is.
    func existingBackend() async throws -> any LiveBackend & LiveHistory {
        if let remote = try await remoteBackend() { return remote }
        try requireExistingState()
        return try EmbeddedBackend(path: statePath)
    }

    /// Refuses a state file that does not exist, so a mistyped `--state` is an error, not an empty tenant.
    func requireExistingState() throws {
        guard FileManager.default.fileExists(atPath: statePath) else {
            throw CommandFailure(code: "no-live-state",
                                 "no live state at \(statePath); pass --state PATH (or set GOVCTL_STATE) to the state file to read (only plan and apply create a new one)")
        }
    }
}

/// `--state`: the embedded control plane's SQLite file, for every command that opens one, `serve` included.
struct StateOption: ParsableArguments {
    /// The variable that names the state file when `--state` is absent.
    static let environmentVariable = "GOVCTL_STATE"
    static let defaultPath = ".govctl/state.db"

    @Option(name: .long, help: ArgumentHelp(
        "The embedded control plane's SQLite file (default: $GOVCTL_STATE, then .govctl/state.db). plan, apply and serve create a missing one with the default environment; every other command refuses it (no-live-state).",
        valueName: "path"))
    var state: String?

    /// The state file `--state` names, else `$GOVCTL_STATE`, else the default.
    var path: String { state ?? BackendOptions.variable(Self.environmentVariable) ?? Self.defaultPath }
}
