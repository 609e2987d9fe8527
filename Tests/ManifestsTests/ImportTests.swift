import Foundation
import Governance
import Testing
@testable import Manifests

/// Importing live state: documents that read back as the same desired state, secrets named but never written.
@Suite("import")
struct ImportTests {
    static let epoch = Date(timeIntervalSince1970: 1_700_000_000)

    static func live(credentials: [(String?, String)] = [], revokedKey: Bool = false) -> LiveState {
        let production = LiveEnvironment(slug: "production", name: "Production", description: nil, isProduction: true,
                                         enforcementMode: .enforce, labels: ["managed-by": "govctl", "tier": "prod"], isDefault: true,
                                         agentCount: 0, policyCount: 1, revision: 1, createdAt: epoch, updatedAt: epoch)
        let policy = LivePolicy(id: "pol_1", environment: "production",
                                policy: Policy(name: "deny-drop", type: .deny, actionPattern: .glob("db.drop*"), priority: 9,
                                               constraints: ["max": .int(3)]),
                                labels: [:], revision: 1, createdAt: epoch, updatedAt: epoch)
        let keys = revokedKey ? [LiveApiKey(id: "k", name: "old", environment: nil, role: .viewer, prefix: "mk_1234",
                                            labels: [:], revokedAt: epoch, revision: 2, createdAt: epoch, updatedAt: epoch)] : []
        let creds = credentials.map { env, name in
            LiveCredential(id: name, name: name, environment: env, type: .apiKey, fingerprint: "fp", grants: [], labels: [:],
                           revision: 1, createdAt: epoch, updatedAt: epoch)
        }
        return LiveState(revision: 3, environments: [production], agents: [], policies: [policy], apiKeys: keys, credentials: creds,
                         settings: LiveSettings(settings: SettingsSpec(), revision: 1, updatedAt: epoch))
    }

    /// Loads the imported files as the user would after writing them, and after `edit` changed them.
    static func reload(_ imported: ImportedManifests, edit: (URL) throws -> Void = { _ in }) throws -> DesiredState? {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("import-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        for file in imported.files {
            let url = dir.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.text.utf8).write(to: url)
        }
        try edit(dir)
        let result = ManifestLoader().load(paths: [dir.path])
        #expect(!result.hasErrors, "\(result.diagnostics)")
        return result.state
    }

    @Test("the imported files read back as the live environment, policies and settings, without managed-by")
    func roundTrip() throws {
        let imported = try ImportedManifests(live: Self.live())
        #expect(imported.files.map(\.path) == ["environments/production.yaml", "tenant.yaml"])
        #expect(imported.files.allSatisfy { $0.text.hasPrefix(ImportedManifests.schemaComment + "\n# Imported") })
        // The schema line names the schema this repository ships, not a site that does not serve it.
        let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../schemas/manifest.schema.json")
        #expect(ImportedManifests.schemaComment.hasSuffix("githubusercontent.com/govctl/govctl/main/schemas/manifest.schema.json"))
        #expect(FileManager.default.fileExists(atPath: shipped.standardized.path))
        let state = try #require(try Self.reload(imported))
        let env = try #require(state.environments.first)
        #expect(env.labels == ["tier": "prod"])
        #expect(env.production && env.enforcementMode == .enforce)
        #expect(env.policies == Self.live().policies.map(\.policy))
        #expect(state.settings == SettingsSpec())
    }

    @Test("credential variables: the name in upper case, prefixed with the scope when two would share it")
    func variableNames() throws {
        let imported = try ImportedManifests(live: Self.live(credentials: [("production", "crm-token"), (nil, "crm-token"), (nil, "db.pass")]))
        #expect(imported.variables.map(\.name) == ["DB_PASS", "PRODUCTION_CRM_TOKEN", "TENANT_CRM_TOKEN"])
        let state = try #require(try Self.reload(imported))
        #expect(Set(state.credentials.map(\.valueFrom)) == [.env("DB_PASS"), .env("PRODUCTION_CRM_TOKEN"), .env("TENANT_CRM_TOKEN")])
        #expect(ImportVariableNames.names(for: [.init(environment: nil, name: "9lives")]).values.first == "CREDENTIAL_9LIVES")
    }

    @Test("a revoked key is skipped and said so; --env leaves out tenant.yaml")
    func skippedAndScoped() throws {
        let all = try ImportedManifests(live: Self.live(revokedKey: true))
        #expect(all.skipped == ["apikey/old: revoked; a manifest declares only active keys"])
        #expect(!all.files.contains { $0.text.contains("name: old") })
        let scoped = try ImportedManifests(live: Self.live(credentials: [(nil, "t")]), environments: ["production"])
        #expect(scoped.files.map(\.path) == ["environments/production.yaml"])
        #expect(scoped.variables.isEmpty)
    }

    @Test("a large environment is split: policies into policy sets, documents across part files, all read back the same")
    func largeEnvironmentSplits() throws {
        var live = Self.live()
        let template = live.policies[0]
        live.policies = (0..<25).map { i in
            var p = template
            p.policy.name = String(format: "policy-%03d", i)
            return p
        }
        live.agents = (0..<12).map { i in
            LiveAgent(id: "a\(i)", environment: "production", name: "agent-\(i)", description: nil, missionScope: nil,
                      status: .active, labels: [:], revision: 1, createdAt: Self.epoch, updatedAt: Self.epoch)
        }
        var limits = ImportedManifests.Limits()
        limits.policiesPerDocument = 10
        limits.documentsPerFile = 5
        let imported = try ImportedManifests(live: live, limits: limits)
        #expect(imported.files.map(\.path) == [
            "policy-sets/production.part-1.yaml", "policy-sets/production.part-2.yaml", "policy-sets/production.part-3.yaml",
            "environments/production.yaml", "environments/production.part-2.yaml", "environments/production.part-3.yaml",
            "tenant.yaml",
        ])
        let state = try #require(try Self.reload(imported))
        #expect(state.environments.first?.policies.map(\.name) == live.policies.map(\.policy.name))
        #expect(state.agents.count == 12)
    }
}

