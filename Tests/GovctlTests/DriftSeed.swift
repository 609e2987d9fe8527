import ControlPlane
import Foundation
import Governance

/// Live states for the drift and import stories, written through the control plane's own API as the CLI would.
enum DriftSeed {
    static let managed = ["managed-by": "govctl"]
    static let denyDrop = Policy(name: "deny-drop", type: .deny, actionPattern: .glob("db.drop*"), priority: 900)
    static let holdExport = Policy(name: "hold-export", type: .hold, actionPattern: .glob("*_export_*"), priority: 800,
                                   description: "Hold bulk exports")

    /// The live state that matches `Fixtures/drift/manifests` exactly.
    static func inSync(at path: String) async throws -> ControlPlane {
        let cp = try ControlPlane(.init(path: path))
        _ = try await cp.createEnvironment(slug: "staging", .init(name: "Staging", enforcementMode: .alert, labels: managed), as: .cli)
        for env in ["production", "staging"] {
            _ = try await cp.createPolicies([denyDrop, holdExport].map { PolicyDraft(environment: env, policy: $0, labels: managed) }, as: .cli)
        }
        _ = try await cp.createAgent("sales-bot", in: "production", .init(description: "Answers sales questions", labels: managed), as: .cli)
        _ = try await cp.createAgent("test-bot", in: "staging", .init(labels: managed), as: .cli)
        _ = try await cp.createCredential("crm-token", in: "production", type: .oauthToken, value: "s3cret-crm", labels: managed, as: .cli)
        _ = try await cp.grantCredential("crm-token", in: "production", to: AgentReference(environment: "production", name: "sales-bot"), as: .cli)
        return cp
    }

    /// One of each drift class: a changed production policy (and so staging's mirror out of sync), a missing
    /// agent, an unmanaged environment, and an environment untouched for 40 days.
    static func drifted(at path: String) async throws {
        // Opened first with a clock 40 days back, so the lab's only audit event is old.
        let past = try ControlPlane(.init(path: path, clock: { Date().addingTimeInterval(-40 * 86_400) }))
        _ = try await past.createEnvironment(slug: "old-lab", .init(name: "Old lab"), as: .cli)
        let cp = try await inSync(at: path)
        var edited = denyDrop
        edited.priority = 10
        _ = try await cp.updatePolicy("deny-drop", in: "production", to: edited, labels: managed, as: .cli)
        try await cp.deleteAgent("test-bot", in: "staging", as: .cli)
        _ = try await cp.createEnvironment(slug: "sandbox", .init(name: "Sandbox"), as: .cli)
        _ = try await cp.createAgent("tinker-bot", in: "sandbox", as: .cli)
    }

    /// A tenant that grew without govctl: everything the manifest format can hold, and a revoked key it cannot.
    static func adopted(at path: String) async throws {
        let cp = try await inSync(at: path)
        _ = try await cp.updateEnvironment("production", to: .init(name: "Production", description: "Live agents, GDPR scope",
                                                                   isProduction: true, enforcementMode: .enforce,
                                                                   labels: ["region": "eu-west-1"]), as: .cli)
        let capped = Policy(name: "cap-rows", type: .alert, actionPattern: try ActionPattern(parsing: "regex:^db\\.(select|read)$"),
                            priority: 5, constraints: ["maxRows": .int(1000), "tables": .array([.string("orders")]), "ratio": .double(0.5)])
        _ = try await cp.createPolicy(capped, in: "staging", as: .cli)
        _ = try await cp.createAgent("night-bot", in: "staging", .init(missionScope: "Nightly reports\nonly", status: .suspended), as: .cli)
        _ = try await cp.createApiKey("ci", in: "staging", role: .manager, as: .cli)
        _ = try await cp.createApiKey("admin", in: nil, role: .owner, labels: ["team": "platform"], as: .cli)
        _ = try await cp.createApiKey("old", in: nil, role: .viewer, as: .cli)
        try await cp.revokeApiKey("old", in: nil, as: .cli)
        _ = try await cp.createCredential("crm-token", in: nil, type: .apiKey, value: "tenant-crm", as: .cli)
        _ = try await cp.grantCredential("crm-token", in: nil, to: AgentReference(environment: "staging", name: "night-bot"), as: .cli)
        _ = try await cp.createCredential("db.password", in: "staging", type: .dbPassword, value: "pw", as: .cli)
        _ = try await cp.updateSettings(SettingsSpec(mfaRequired: true, defaultRole: .member,
                                                     notificationChannels: [NotificationChannel(type: "slack", target: "#governance-alerts")]),
                                        as: .cli)
    }
}
