import Foundation
import Governance
import Planning
import Reconciler

/// A plan made, with what it was made against.
struct MadePlan {
    let plan: Plan
    let live: LiveState
    let request: PlanRequest
    /// Declared live credentials whose value could not be read, so a value changed outside git would not show.
    var uncomparedCredentials: [String] = []

    /// Writes the saved plan to `path`, mode 0600, atomically.
    func save(to path: String) throws {
        let saved = SavedPlan(plan: plan, live: live, options: request.options, desiredDigest: request.digest,
                              govctlVersion: GovctlVersion.current)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try PrivateFile.write(try encoder.encode(saved), to: path)
    }
}
