import Foundation
import Reconciler

extension BackendOptions {
    /// Opens the live state only when it exists: `drift` and `import` read, and must not create a tenant by looking.
    /// A remote API always exists; its backend is returned as it is.
    func existingBackend() async throws -> any LiveBackend & LiveHistory {
        if let remote = try await remoteBackend() { return remote }
        guard FileManager.default.fileExists(atPath: statePath) else {
            throw CommandFailure(code: "no-live-state",
                                 "no live state at \(statePath); pass --state PATH (or set GOVCTL_STATE) to the state file to read")
        }
        return try EmbeddedBackend(path: statePath)
    }
}
