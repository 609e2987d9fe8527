import Governance
import Planning
import Reconciler

/// The plan an apply carries out, with the live state it was checked against and where credential values come from.
struct ApplySource {
    let plan: Plan
    let live: LiveState
    let secrets: SecretResolver

    /// Plans now from the manifests at `paths`.
    static func fresh(paths: [String], prune: Bool, environments: [String], backend: any LiveBackend) async throws -> ApplySource {
        let request = try PlanRequest(paths: paths, prune: prune, environments: environments)
        let made = try await request.make(with: backend)
        return ApplySource(plan: made.plan, live: made.live, secrets: request.secrets)
    }

    /// The plan saved at `path`, read and checked as a plan before any live state is opened.
    static func read(_ path: String) throws -> (saved: SavedPlan, plan: Plan) {
        let saved = try SavedPlanFile.read(path)
        return (saved, try SavedPlanFile.plan(of: saved, path: path))
    }

    /// Checks a saved plan (from `read`) against a fresh snapshot; refuses it as a whole when it is stale or already
    /// applied. `paths`, when given, must be the manifests the plan was made from.
    static func saved(_ file: (saved: SavedPlan, plan: Plan), at path: String, paths: [String],
                      backend: any LiveBackend) async throws -> ApplySource {
        let (saved, plan) = file
        var secrets = SecretResolver()
        if !paths.isEmpty {
            let request = try PlanRequest(paths: paths, prune: saved.prune, environments: saved.environments ?? [])
            guard request.digest == saved.desiredDigest else {
                throw CommandFailure(code: "plan-manifests-differ",
                                     "\(path) was made from other manifests than \(paths.joined(separator: " ")); plan again from these")
            }
            secrets = request.secrets
        }
        let live = try await backend.snapshot()
        if let refusal = SavedPlanCheck.refusal(saved, plan, against: live) { throw refusal }
        return ApplySource(plan: plan, live: live, secrets: secrets)
    }
}
