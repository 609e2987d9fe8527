import Governance
import Manifests
import Testing

@Suite("Valid manifests expand to the desired state")
struct ValidFixtureTests {
    @Test("three-tier: vendor defaults, overrides, mirror with exclude, agents, keys, credentials, settings")
    func threeTier() throws {
        let result = try Fixtures.load("valid/three-tier")
        #expect(result.diagnostics == [])
        let state = try #require(result.state)
        #expect(state.environments.map(\.slug) == ["development", "production", "staging"])
        let dev = try #require(result.environment("development"))
        #expect(dev.name == "Development")
        #expect(dev.enforcementMode == .monitor)
        #expect(!dev.production)
        #expect(dev.policies.map(\.name) == ["alert-external-email"])
        let prod = try #require(result.environment("production"))
        #expect(prod.name == "Production (EU)")
        #expect(prod.enforcementMode == .enforce)
        #expect(prod.production)
        #expect(prod.policies.map(\.name) == ["alert-external-email", "deny-destructive-db", "hold-bulk-export"])
        let deny = try #require(prod.policies.first { $0.name == "deny-destructive-db" })
        #expect(deny.type == .deny)
        #expect(deny.actionPattern == .regex("^db\\.(drop|truncate)"))
        #expect(deny.priority == 900)
        #expect(deny.constraints == ["maxRows": .int(1000), "tables": .array([.string("users"), .string("orders")]), "strict": .bool(true)])
        #expect(deny.description == "Never drop or truncate")
        let staging = try #require(result.environment("staging"))
        #expect(staging.enforcementMode == .alert)
        #expect(!staging.production)
        #expect(staging.mirror == "production")
        #expect(staging.policies.map(\.name) == ["alert-external-email", "deny-destructive-db"])

        #expect(state.agents.map { "\($0.environment)/\($0.name)" } == ["production/sales-bot", "staging/test-bot"])
        #expect(state.agents[0].labels == ["team": "sales"])
        #expect(state.agents[0].status == .active)
        #expect(state.agents[1].status == .suspended)
        #expect(state.apiKeys == [
            ApiKeySpec(name: "admin", environment: nil, role: .owner),
            ApiKeySpec(name: "ci", environment: "staging", role: .manager),
        ])
        #expect(state.credentials.map(\.name) == ["shared-db", "crm-token"])
        #expect(state.credentials[0].valueFrom == .file("secrets/db.txt"))
        #expect(state.credentials[0].grants == ["production/sales-bot", "staging/test-bot"])
        #expect(state.credentials[1].valueFrom == .env("CRM_TOKEN"))
        #expect(state.settings == SettingsSpec(mfaRequired: true, defaultRole: .member,
                                               notificationChannels: [NotificationChannel(type: "slack", target: "#governance-alerts")]))
    }

    @Test("sources: every resource is located where it was declared")
    func sources() throws {
        let result = try Fixtures.load("valid/three-tier")
        let sources = result.sources.mapValues(\.description)
        #expect(sources["environment/development"] == "valid/three-tier/strategy.yaml:6:3")
        #expect(sources["environment/staging"] == "valid/three-tier/strategy.yaml:8:3")
        #expect(sources["environment/production"] == "valid/three-tier/strategy.yaml:10:3")
        #expect(sources["policy/staging/deny-destructive-db"] == "valid/three-tier/policy-sets.yaml:14:13")
        #expect(sources["policy/development/alert-external-email"] == "valid/three-tier/policy-sets.yaml:7:14")
        #expect(sources["agent/production/sales-bot"] == "valid/three-tier/envs/agents.yml:3:18")
        #expect(sources["apikey/staging/ci"] == "valid/three-tier/envs/agents.yml:15:18")
        #expect(sources["apikey/admin"] == "valid/three-tier/envs/agents.yml:20:18")
        #expect(sources["credential/production/crm-token"] == "valid/three-tier/envs/agents.yml:25:18")
        #expect(sources["credential/shared-db"] == "valid/three-tier/envs/agents.yml:33:18")
        #expect(sources["policyset/baseline"] == "valid/three-tier/policy-sets.yaml:3:18")
        #expect(sources["strategy/main"] == "valid/three-tier/strategy.yaml:3:18")
        #expect(sources["settings"] != nil)
    }

    @Test("regional: each region is a production environment in enforce mode, labelled with its region")
    func regional() throws {
        let result = try Fixtures.load("valid/regional")
        #expect(result.diagnostics == [])
        let eu = try #require(result.environment("eu-production"))
        #expect(eu.name == "EU Production")
        #expect(eu.description == "GDPR")
        #expect(eu.production)
        #expect(eu.enforcementMode == .enforce)
        #expect(eu.labels == ["region": "eu-west-1"])
        #expect(eu.policies.map(\.name) == ["deny-delete", "hold-pii-export"])
        let us = try #require(result.environment("us-production"))
        #expect(us.production)
        #expect(us.enforcementMode == .enforce)
        #expect(us.labels == ["region": "us-east-1"])
        #expect(us.policies.map(\.name) == ["deny-delete"])
        #expect(result.sources["environment/us-production"]?.description == "valid/regional/regions.yaml:23:7")
    }

    @Test("team-based: alert unless the team overrides, labelled with the team")
    func teamBased() throws {
        let result = try Fixtures.load("valid/team-based")
        #expect(result.diagnostics == [])
        let sales = try #require(result.environment("team-sales"))
        #expect(sales.enforcementMode == .alert)
        #expect(!sales.production)
        #expect(sales.labels == ["owner": "platform", "team": "sales"])
        #expect(sales.policies.map(\.name) == ["alert-all-writes"])
        let finance = try #require(result.environment("team-finance"))
        #expect(finance.enforcementMode == .enforce)
        #expect(finance.labels == ["owner": "platform", "team": "finance"])
        #expect(finance.policies.map(\.name) == ["alert-all-writes", "deny-wire-transfer"])
    }

    @Test("a mirror of a mirror gets the root's policies minus each step's excludes, plus each step's own")
    func mirrorChain() throws {
        let result = try Fixtures.load("valid/mirror-chain")
        #expect(result.diagnostics == [])
        #expect(result.environment("root-env")?.policies.map(\.name) == ["deny-a", "deny-b", "deny-c"])
        #expect(result.environment("root-env")?.enforcementMode == .enforce)
        #expect(result.environment("middle")?.policies.map(\.name) == ["alert-m", "deny-b", "deny-c"])
        #expect(result.environment("leaf")?.policies.map(\.name) == ["alert-m", "allow-l", "deny-c"])
        #expect(result.environment("leaf")?.mirror == "middle")
        #expect(result.environment("leaf")?.enforcementMode == .monitor)
        #expect(result.environment("leaf")?.labels == ["tier": "leaf"])
        #expect(result.sources["policy/leaf/deny-c"]?.description == "valid/mirror-chain/envs.yaml:8:14")
    }
}
