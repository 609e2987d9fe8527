import ArgumentParser
import Crypto
import Foundation
import Governance
import Manifests
import Planning
import Reconciler

/// The steps every planning command shares: read the manifests, refuse an empty desired state, plan.
struct PlanRequest {
    let desired: DesiredState
    let sources: [String: SourceLocationText]
    /// The manifests' warnings, which the plan carries into its Markdown and JSON forms.
    let warnings: [PlanWarning]
    private(set) var options: DiffOptions

    /// A manifest location as text, for relative credential files.
    typealias SourceLocationText = String

    /// Reads and checks the manifests; prints diagnostics and fails on errors (on warnings too when
    /// `warningsAsErrors`), or on a desired state that declares nothing.
    init(paths: [String], prune: Bool, environments: [String], warningsAsErrors: Bool = false) throws {
        let loaded = ManifestLoader().load(paths: paths)
        for diagnostic in loaded.diagnostics { StandardError.print(DiagnosticPrinter.line(diagnostic)) }
        guard let state = loaded.state else { throw ExitCode(1) }
        warnings = loaded.diagnostics.filter { $0.severity == .warning }.map {
            PlanWarning(code: $0.code, message: $0.message, location: $0.location?.description)
        }
        if warningsAsErrors && !warnings.isEmpty {
            throw CommandFailure(code: "warnings-as-errors",
                                 "\(warnings.count) warning\(warnings.count == 1 ? "" : "s") above, and --warnings-as-errors makes them fail the plan; fix them or drop the flag")
        }
        guard !state.isEmpty else {
            throw CommandFailure(code: "empty-desired-state",
                                 "the manifests declare nothing; an empty desired state never means \"delete everything\" — declare what should exist")
        }
        let pruning = prune || state.settings?.prune == true
        guard !pruning || !state.environments.isEmpty else {
            // Settings or keys alone are not a statement about environments: pruning from them would delete them all.
            throw CommandFailure(code: "prune-without-environments",
                                 "pruning deletes what govctl created and the manifests do not declare, and these manifests declare no environment: "
                                     + "every environment govctl made would go. Declare the environments to keep, or plan without --prune "
                                     + "(and without `prune: true` in Settings)")
        }
        desired = state
        sources = loaded.sources.mapValues { $0.file }
        options = DiffOptions(prune: pruning, environments: environments.isEmpty ? nil : Set(environments))
    }

    /// A digest of the desired state, recorded in saved plans; computed only when asked (it renders the whole state).
    var digest: String {
        let rendered = JSONText.sorted(RenderedState.tree(desired))
        return SHA256.hash(data: Data(rendered.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// A resolver for credential values, relative `file:` sources resolved against their manifest's directory.
    var secrets: SecretResolver {
        var directories: [String: String] = [:]
        for credential in desired.credentials {
            let address = Address.credential(credential.environment, credential.name).description
            guard let file = sources[address] else { continue }
            let dir = (file as NSString).deletingLastPathComponent
            directories[address] = dir.isEmpty ? "." : dir
        }
        return SecretResolver(baseDirectories: directories)
    }

    /// Plans against `backend`.
    func make(with backend: any LiveBackend) async throws -> MadePlan {
        var request = self
        request.options.environments = try PrincipalScope.environments(options.environments, for: backend.principal)
        if let own = backend.principal.environment, options.environments == nil {
            StandardError.print("note: the API key is scoped to environment '\(own)': the plan covers only that environment")
        }
        return try await request.planned(with: backend)
    }

    private func planned(with backend: any LiveBackend) async throws -> MadePlan {
        let result = try await Planner(backend: backend, secrets: secrets)
            .plan(desired, prune: options.prune, environments: options.environments)
        let known = Set(desired.environments.map(\.slug) + result.live.environments.map(\.slug))
        if let unknown = options.environments?.sorted().first(where: { !known.contains($0) }) {
            // A typo in --env would otherwise plan nothing at all and report success.
            throw CommandFailure(code: "unknown-environment", "--env \(unknown): no environment with that slug is declared or live")
        }
        var plan = result.plan
        plan.warnings = warnings
        return MadePlan(plan: plan, live: result.live, request: self, uncomparedCredentials: result.uncomparedCredentials)
    }
}
