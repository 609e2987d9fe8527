import Governance
import Testing

@Suite("BestPractices: advice, as warnings")
struct BestPracticesTests {
    private func env(_ slug: String, name: String = "Purposeful", production: Bool = false,
                     mode: EnforcementMode = .monitor, mirror: String? = nil) -> EnvironmentSpec {
        EnvironmentSpec(slug: slug, name: name, production: production, enforcementMode: mode, mirror: mirror)
    }

    @Test("ambiguous names warn, by display name or slug", arguments: [
        ("team-sales", "Test"), ("team-sales", "Env1"), ("team-sales", "env 2"), ("tmp-3", "Sales"), ("sandbox", "Sales"), ("team-sales", "TESTING"),
        ("team-sales", "Environment"), ("team-sales", "Environment 2"), ("team-sales", "Test Env"), ("team-sales", "New Environment"),
        ("test-env-2", "Sales"),
    ])
    func ambiguous(_ slug: String, _ name: String) {
        #expect(BestPractices.ambiguousName(env(slug, name: name))?.code == "ambiguous-name")
    }

    @Test("clear names do not warn", arguments: [
        ("staging", "Staging"), ("eu-production", "EU Production"), ("team-test-automation", "Test Automation"),
        ("sales-sandbox", "Sales Sandbox"), ("load-test", "Load Test"), ("us-east-2", "US East 2"),
    ])
    func clear(_ slug: String, _ name: String) {
        #expect(BestPractices.ambiguousName(env(slug, name: name)) == nil)
    }

    @Test("a production environment not in enforce mode warns")
    func productionNotEnforcing() {
        #expect(BestPractices.productionNotEnforcing(env("production", production: true, mode: .alert))?.code == "production-not-enforcing")
        #expect(BestPractices.productionNotEnforcing(env("production", production: true, mode: .enforce)) == nil)
        #expect(BestPractices.productionNotEnforcing(env("staging", production: false, mode: .monitor)) == nil)
    }

    @Test("a development environment in enforce mode warns", arguments: ["development", "dev-eu", "sales-dev"])
    func developmentEnforcing(_ slug: String) {
        #expect(BestPractices.developmentEnforcing(env(slug, mode: .enforce))?.code == "development-enforcing")
        #expect(BestPractices.developmentEnforcing(env(slug, mode: .alert)) == nil)
    }

    @Test("development-enforcing only concerns development environments")
    func notDevelopment() {
        #expect(BestPractices.developmentEnforcing(env("devops-tools", mode: .enforce)) == nil)
    }

    @Test("a staging that does not mirror production warns")
    func stagingNotMirroring() {
        #expect(BestPractices.stagingNotMirroring(env("staging"), production: "production")?.code == "staging-not-mirroring")
        #expect(BestPractices.stagingNotMirroring(env("staging", mirror: "development"), production: "production") != nil)
        #expect(BestPractices.stagingNotMirroring(env("staging", mirror: "production"), production: "production") == nil)
    }

    @Test("only resources labelled managed-by: govctl count as govctl's")
    func managedLabels() {
        #expect(ManagedLabels.isManaged(["managed-by": "govctl"]))
        #expect(!ManagedLabels.isManaged(["managed-by": "terraform"]))
        #expect(!ManagedLabels.isManaged([:]))
    }
}
