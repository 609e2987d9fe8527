import Foundation
import Governance
import Testing
@testable import Manifests

/// Import keeps the design: mirrors, shared policy sets and strategy shapes recognised in the live policies, and
/// the rest written plainly; every result reads back as the live policies.
@Suite("import structure")
struct ImportStructureTests {
    static let epoch = Date(timeIntervalSince1970: 1_700_000_000)

    static func policy(_ name: String, priority: Int = 100) -> Policy {
        Policy(name: name, type: .deny, actionPattern: .glob("\(name).*"), priority: priority)
    }

    static let denyDrop = policy("deny-drop", priority: 900)
    static let holdExport = Policy(name: "hold-export", type: .hold, actionPattern: .glob("*_export_*"), priority: 800,
                                   description: "Hold bulk exports")
    static let alertPii = Policy(name: "alert-pii", type: .alert, actionPattern: .glob("pii.*"), priority: 500,
                                 constraints: ["maxRows": .int(10)])

    /// One live environment: its slug, production flag, labels and policies.
    struct Env {
        var slug: String
        var production = false
        var mode: EnforcementMode?
        var labels: [String: String] = [:]
        var policies: [Policy]
    }

    static func live(_ envs: [Env]) -> LiveState {
        let environments = envs.map { env in
            LiveEnvironment(slug: env.slug, name: env.slug.capitalized, description: nil, isProduction: env.production,
                            enforcementMode: env.mode ?? (env.production ? .enforce : .alert), labels: env.labels,
                            isDefault: env.slug == "production", agentCount: 0, policyCount: env.policies.count, revision: 1,
                            createdAt: epoch, updatedAt: epoch)
        }.sorted { $0.slug < $1.slug }
        let policies = envs.flatMap { env in
            env.policies.map { LivePolicy(id: "\(env.slug)/\($0.name)", environment: env.slug, policy: $0, labels: [:], revision: 1,
                                          createdAt: epoch, updatedAt: epoch) }
        }.sorted { ($0.environment, $0.policy.name) < ($1.environment, $1.policy.name) }
        return LiveState(revision: 1, environments: environments, agents: [], policies: policies, apiKeys: [], credentials: [],
                         settings: LiveSettings(settings: SettingsSpec(), revision: 1, updatedAt: epoch))
    }

    static func reload(_ imported: ImportedManifests, edit: (URL) throws -> Void = { _ in }) throws -> DesiredState {
        try #require(try ImportTests.reload(imported, edit: edit))
    }

    /// Every environment's effective policies read back as the live ones.
    static func expectSamePolicies(_ state: DesiredState, _ live: LiveState) {
        for env in live.environments {
            let declared = state.environments.first { $0.slug == env.slug }?.policies
            #expect(declared == live.policies.filter { $0.environment == env.slug }.map(\.policy), "\(env.slug)")
        }
    }

    static func text(_ imported: ImportedManifests, _ path: String) -> String {
        imported.files.first { $0.path == path }?.text ?? ""
    }

    @Test("staging holding production's policies is imported as its mirror, and production's edits then reach staging")
    func stagingMirrorsProduction() throws {
        let live = Self.live([Env(slug: "production", production: true, policies: [Self.denyDrop, Self.holdExport]),
                              Env(slug: "staging", policies: [Self.denyDrop, Self.holdExport])])
        let imported = try ImportedManifests(live: live)
        #expect(imported.structure.mirrors == [.init(environment: "staging", source: "production", exclude: [], own: [])])
        let staging = Self.text(imported, "environments/staging.yaml")
        #expect(staging.contains("mirror: production"))
        #expect(!staging.contains("policies:"), "a mirror without differences declares nothing else")
        Self.expectSamePolicies(try Self.reload(imported), live)

        let edited = try Self.reload(imported) { dir in
            let file = dir.appendingPathComponent("environments/production.yaml")
            let text = try String(contentsOf: file, encoding: .utf8)
            try Data(text.replacingOccurrences(of: "priority: 900", with: "priority: 10").utf8).write(to: file)
        }
        let stagingDrop = edited.environments.first { $0.slug == "staging" }?.policies.first { $0.name == "deny-drop" }
        #expect(stagingDrop?.priority == 10)
    }

    @Test("a mirror leaves out what staging lacks, replaces what it changed, and adds its own")
    func mirrorWithExcludeAndOwn() throws {
        var changed = Self.holdExport
        changed.type = .alert
        let extra = Self.policy("alert-staging-only")
        let live = Self.live([Env(slug: "production", production: true, policies: [Self.denyDrop, Self.holdExport, Self.alertPii]),
                              Env(slug: "staging", policies: [Self.denyDrop, changed, Self.alertPii, extra])])
        let imported = try ImportedManifests(live: live)
        #expect(imported.structure.mirrors == [.init(environment: "staging", source: "production", exclude: ["hold-export"],
                                                     own: [extra, changed].sorted { $0.name < $1.name })])
        let staging = Self.text(imported, "environments/staging.yaml")
        #expect(staging.contains("exclude:"))
        Self.expectSamePolicies(try Self.reload(imported), live)

        let fewer = Self.live([Env(slug: "production", production: true, policies: [Self.denyDrop, Self.holdExport, Self.alertPii]),
                               Env(slug: "staging", policies: [Self.denyDrop, Self.alertPii])])
        let excluded = try ImportedManifests(live: fewer)
        #expect(excluded.structure.mirrors.first?.exclude == ["hold-export"])
        #expect(excluded.structure.mirrors.first?.own == [])
        Self.expectSamePolicies(try Self.reload(excluded), fewer)
    }

    @Test("environments sharing little are not mirrors, nor are two equal teams; an empty one never mirrors")
    func notMirrors() throws {
        let team = [Self.policy("x"), Self.policy("y")]
        let live = Self.live([Env(slug: "production", production: true, policies: [Self.denyDrop, Self.holdExport]),
                              Env(slug: "sandbox", policies: [Self.denyDrop, Self.policy("a"), Self.policy("b")]),
                              Env(slug: "team-a", policies: team), Env(slug: "team-b", policies: team),
                              Env(slug: "lab-one", policies: []), Env(slug: "lab-two", policies: [])])
        let imported = try ImportedManifests(live: live)
        #expect(imported.structure.mirrors == [])
        #expect(imported.structure.sharedSets.map(\.name) == ["production-and-sandbox", "team-a-and-team-b"])
        #expect(imported.structure.empty == ["lab-one", "lab-two"])
        #expect(Self.text(imported, "environments/lab-two.yaml").contains("policies: []"))
        Self.expectSamePolicies(try Self.reload(imported), live)
    }

    @Test("production environments never mirror: what they share verbatim becomes a named policy set")
    func sharedPolicySet() throws {
        let live = Self.live([Env(slug: "production", production: true, policies: [Self.denyDrop, Self.holdExport, Self.alertPii]),
                              Env(slug: "eu-production", production: true, policies: [Self.denyDrop, Self.holdExport, Self.policy("gdpr")])])
        let imported = try ImportedManifests(live: live)
        #expect(imported.structure.mirrors == [])
        #expect(imported.structure.sharedSets == [.init(name: "production-and-eu-production", environments: ["production", "eu-production"],
                                                        policies: [Self.denyDrop, Self.holdExport])])
        #expect(imported.files.map(\.path).first == "policy-sets/production-and-eu-production.yaml")
        #expect(Self.text(imported, "environments/eu-production.yaml").contains("policySets:"))
        Self.expectSamePolicies(try Self.reload(imported), live)
    }

    @Test("an environment that looks like nothing else is written plainly, and said so")
    func plain() throws {
        let live = Self.live([Env(slug: "production", production: true, policies: [Self.denyDrop]),
                              Env(slug: "research", policies: [Self.holdExport, Self.alertPii])])
        let imported = try ImportedManifests(live: live)
        #expect(imported.structure.mirrors == [] && imported.structure.sharedSets == [])
        #expect(imported.structure.inline == ["production", "research"])
        #expect(!imported.files.contains { $0.path.hasPrefix("policy-sets/") })
        Self.expectSamePolicies(try Self.reload(imported), live)
    }

    @Test("with --env, structure is found among the imported environments only, so every reference resolves")
    func scoped() throws {
        let live = Self.live([Env(slug: "production", production: true, policies: [Self.denyDrop]),
                              Env(slug: "staging", policies: [Self.denyDrop])])
        let imported = try ImportedManifests(live: live, environments: ["staging"])
        #expect(imported.structure.mirrors == [])
        #expect(!Self.text(imported, "environments/staging.yaml").contains("mirror:"))
    }

    @Test("the imported files of a mixed tenant are the expected ones", arguments: ["environments/eu-production.yaml",
        "environments/production.yaml", "environments/staging.yaml", "environments/development.yaml",
        "policy-sets/production-and-eu-production.yaml"])
    func golden(_ path: String) throws {
        let imported = try ImportedManifests(live: Self.mixed)
        let expected = try String(contentsOfFile: try Fixtures.root() + "/import/mixed/" + path, encoding: .utf8)
        #expect(Self.text(imported, path) == expected)
    }

    /// Three tiers (staging mirrors production, less one hold) beside an EU production sharing two policies.
    static let mixed = live([
        Env(slug: "production", production: true, policies: [denyDrop, holdExport, alertPii]),
        Env(slug: "staging", policies: [denyDrop, alertPii]),
        Env(slug: "development", mode: .monitor, policies: [policy("dev-only")]),
        Env(slug: "eu-production", production: true, labels: ["region": "eu-west-1"], policies: [denyDrop, holdExport, policy("gdpr")]),
    ])

    @Test("strategy shapes are suggested: three tiers, regions, teams")
    func strategies() throws {
        let mixed = try ImportedManifests(live: Self.mixed)
        #expect(mixed.structure.strategies == [.init(type: "three-tier", environments: ["development", "staging", "production"], note: nil)])
        Self.expectSamePolicies(try Self.reload(mixed), Self.mixed)

        let regions = Self.live([Env(slug: "eu-production", production: true, labels: ["region": "eu-west-1"], policies: [Self.denyDrop]),
                                 Env(slug: "us-production", production: true, labels: ["region": "us-east-1"], policies: [Self.holdExport]),
                                 Env(slug: "team-sales", labels: ["team": "sales"], policies: []),
                                 Env(slug: "team-ops", labels: ["team": "ops"], policies: [])])
        #expect(try ImportedManifests(live: regions).structure.strategies == [
            .init(type: "regional", environments: ["eu-production", "us-production"], note: nil),
            .init(type: "team-based", environments: ["team-ops", "team-sales"], note: nil),
        ])
    }

    @Test("a shared set too large for one document is split, and every part is listed by both environments")
    func largeSharedSet() throws {
        let many = (0..<7).map { Self.policy(String(format: "p-%02d", $0)) }
        let live = Self.live([Env(slug: "production", production: true, policies: many),
                              Env(slug: "eu-production", production: true, policies: many + [Self.policy("gdpr")])])
        var limits = ImportedManifests.Limits()
        limits.policiesPerDocument = 3
        let imported = try ImportedManifests(live: live, limits: limits)
        #expect(imported.files.map(\.path).filter { $0.hasPrefix("policy-sets/") } == [
            "policy-sets/production-and-eu-production.part-1.yaml", "policy-sets/production-and-eu-production.part-2.yaml",
            "policy-sets/production-and-eu-production.part-3.yaml",
        ])
        Self.expectSamePolicies(try Self.reload(imported), live)
    }
}
