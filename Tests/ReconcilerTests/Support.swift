import ControlPlane
import Foundation
import Governance
import Planning
import Reconciler
import Testing

/// A fresh embedded store in a temporary directory, with helpers to plan and apply against it.
struct TestStore {
    let directory: URL
    let backend: EmbeddedBackend

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("reconciler-\(UUID().uuidString)")
        backend = try EmbeddedBackend(path: directory.appendingPathComponent("state.db").path)
    }

    var plane: ControlPlane { backend.controlPlane }

    /// Plans `desired` against the store, reading credential values from `environment`.
    func plan(_ desired: DesiredState, environment: [String: String] = [:], prune: Bool = false) async throws -> Planner.Result {
        try await Planner(backend: backend, secrets: SecretResolver(environment: environment))
            .plan(desired, prune: prune, environments: nil)
    }

    /// Plans `desired` and applies the plan through `writer` (the store itself by default).
    func apply(_ desired: DesiredState, environment: [String: String] = [:], prune: Bool = false,
               writer: (any LiveWriter)? = nil, sink: MemorySecrets = MemorySecrets(),
               options: Applier.Options = Applier.Options()) async throws -> ApplyReport {
        let made = try await plan(desired, environment: environment, prune: prune)
        return await applier(made.live, environment: environment, writer: writer, sink: sink, options: options).apply(made.plan)
    }

    /// An applier over this store (or `writer`).
    func applier(_ live: LiveState, environment: [String: String] = [:], writer: (any LiveWriter)? = nil,
                 sink: MemorySecrets = MemorySecrets(), options: Applier.Options = Applier.Options()) -> Applier {
        Applier(writer: writer ?? backend, live: live, secrets: SecretResolver(environment: environment), keySecrets: sink, options: options)
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}

/// Key secrets kept in memory, as the secrets file would keep them.
actor MemorySecrets: KeySecretSink {
    private(set) var secrets: [String: String] = [:]

    func store(_ secret: String, for address: String) async throws {
        secrets[address] = secret
    }
}

extension ApplyReport {
    /// The outcome of the change at `address`.
    func outcome(_ address: String) -> Outcome? {
        entries.first { $0.change.address.description == address }?.outcome
    }

    /// The error code of a failed change at `address`.
    func failureCode(_ address: String) -> String? {
        if case .failed(let code, _)? = outcome(address) { return code }
        return nil
    }
}

/// Short constructors for desired states.
enum Desired {
    static func policy(_ name: String, _ type: PolicyType = .deny, pattern: String = "db.*", priority: Int = 100) -> Policy {
        Policy(name: name, type: type, actionPattern: .glob(pattern), priority: priority)
    }

    /// Staging and development with a few policies, an agent in each, a key, a credential granted to an agent, settings.
    static func tiers(stagingPriority: Int = 900) -> DesiredState {
        DesiredState(
            environments: [
                EnvironmentSpec(slug: "staging", name: "Staging", enforcementMode: .alert, labels: ["tier": "staging"],
                                policies: [policy("deny-drop", priority: stagingPriority), policy("alert-export", .alert, pattern: "crm.export.*")]),
                EnvironmentSpec(slug: "development", name: "Development", policies: [policy("allow-all", .allow, pattern: "*")]),
            ],
            agents: [AgentSpec(environment: "staging", name: "pr-reviewer", missionScope: "Review pull requests"),
                     AgentSpec(environment: "development", name: "pr-reviewer")],
            apiKeys: [ApiKeySpec(name: "ci", environment: "staging", role: .manager)],
            credentials: [CredentialSpec(name: "crm-token", environment: "staging", type: .oauthToken, valueFrom: .env("CRM_TOKEN"),
                                         grants: ["pr-reviewer"])],
            settings: SettingsSpec(mfaRequired: true, notificationChannels: [NotificationChannel(type: "slack", target: "#gov")]))
    }
}
