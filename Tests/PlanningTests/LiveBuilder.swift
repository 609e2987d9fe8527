import Foundation
import Governance

/// Builds live states for diff tests without a store: every resource at revision 1, dates fixed.
struct LiveBuilder {
    static let epoch = Date(timeIntervalSince1970: 1_700_000_000)
    var environments: [LiveEnvironment] = []
    var agents: [LiveAgent] = []
    var policies: [LivePolicy] = []
    var apiKeys: [LiveApiKey] = []
    var credentials: [LiveCredential] = []
    var settings = SettingsSpec()

    /// A tenant as new: the default production environment only.
    static func fresh() -> LiveBuilder {
        var b = LiveBuilder()
        b.environment("production", name: "Production", production: true, mode: .enforce, isDefault: true, labels: [:])
        return b
    }

    mutating func environment(_ slug: String, name: String, production: Bool = false, mode: EnforcementMode = .monitor,
                              isDefault: Bool = false, labels: [String: String] = ["managed-by": "govctl"]) {
        environments.append(LiveEnvironment(slug: slug, name: name, description: nil, isProduction: production, enforcementMode: mode,
                                            labels: labels, isDefault: isDefault, agentCount: 0, policyCount: 0, revision: 1,
                                            createdAt: Self.epoch, updatedAt: Self.epoch))
    }

    mutating func policy(_ environment: String, _ policy: Policy) {
        policies.append(LivePolicy(id: "pol_\(policies.count)", environment: environment, policy: policy, labels: ["managed-by": "govctl"],
                                   revision: 1, createdAt: Self.epoch, updatedAt: Self.epoch))
    }

    mutating func agent(_ environment: String, _ name: String, status: AgentStatus = .active, labels: [String: String] = ["managed-by": "govctl"]) {
        agents.append(LiveAgent(id: "agt_\(agents.count)", environment: environment, name: name, description: nil, missionScope: nil,
                                status: status, labels: labels, revision: 1, createdAt: Self.epoch, updatedAt: Self.epoch))
    }

    mutating func apiKey(_ environment: String?, _ name: String, role: Role, labels: [String: String] = ["managed-by": "govctl"]) {
        apiKeys.append(LiveApiKey(id: "key_\(apiKeys.count)", name: name, environment: environment, role: role, prefix: "mk_12345",
                                  labels: labels, revokedAt: nil, revision: 1, createdAt: Self.epoch, updatedAt: Self.epoch))
    }

    mutating func credential(_ environment: String?, _ name: String, type: CredentialType = .apiKey, grants: [AgentReference] = []) {
        credentials.append(LiveCredential(id: "cred_\(credentials.count)", name: name, environment: environment, type: type,
                                          fingerprint: "fp", grants: grants, labels: ["managed-by": "govctl"], revision: 1,
                                          createdAt: Self.epoch, updatedAt: Self.epoch))
    }

    var state: LiveState {
        LiveState(revision: 1, environments: environments.sorted { $0.slug < $1.slug }, agents: agents, policies: policies,
                  apiKeys: apiKeys, credentials: credentials, settings: LiveSettings(settings: settings, revision: 1, updatedAt: Self.epoch))
    }
}

/// Short constructors for desired-state values in tests.
enum Desired {
    static func policy(_ name: String, _ type: PolicyType = .deny, pattern: String = "db.*", priority: Int = 100) -> Policy {
        Policy(name: name, type: type, actionPattern: .glob(pattern), priority: priority)
    }

    static func env(_ slug: String, _ name: String, production: Bool = false, mode: EnforcementMode = .monitor,
                    policies: [Policy] = [], mirror: String? = nil) -> EnvironmentSpec {
        EnvironmentSpec(slug: slug, name: name, production: production, enforcementMode: mode, policies: policies, mirror: mirror)
    }
}
