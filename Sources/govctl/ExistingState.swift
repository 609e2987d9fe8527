import Foundation
import Reconciler

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
