import Foundation
import Governance
import Planning

/// Measures the pure diff on synthetic states of N policies over 1,000 environments, live equal to desired
/// except 1% of policies (changed priority), to show the diff is linear in the number of resources.
enum DiffBench {
    static func run(policies: Int, runs: Int) -> Int32 {
        let environments = 1000
        let perEnvironment = max(1, policies / environments)
        let epoch = Date(timeIntervalSince1970: 0)
        var desired: [EnvironmentSpec] = []
        var liveEnvironments: [LiveEnvironment] = []
        var livePolicies: [LivePolicy] = []
        livePolicies.reserveCapacity(policies)
        var counter = 0
        for e in 0..<environments {
            let slug = "fleet-\(e)"
            var specs: [Policy] = []
            for p in 0..<perEnvironment {
                let policy = Policy(name: "rule-\(p)", type: .deny, actionPattern: .glob("tool.\(p).*"), priority: p,
                                    constraints: ["maxPerHour": .int(p % 100)], description: "rule \(p)")
                specs.append(policy)
                var live = policy
                counter += 1
                if counter % 100 == 0 { live.priority += 1 }
                livePolicies.append(LivePolicy(id: "pol_\(counter)", environment: slug, policy: live, labels: ["managed-by": "govctl"],
                                               revision: 1, createdAt: epoch, updatedAt: epoch))
            }
            desired.append(EnvironmentSpec(slug: slug, name: "Fleet \(e)", enforcementMode: .alert, policies: specs))
            liveEnvironments.append(LiveEnvironment(slug: slug, name: "Fleet \(e)", description: nil, isProduction: false,
                                                    enforcementMode: .alert, labels: [:], isDefault: e == 0, agentCount: 0,
                                                    policyCount: perEnvironment, revision: 1, createdAt: epoch, updatedAt: epoch))
        }
        let state = DesiredState(environments: desired)
        let live = LiveState(revision: 1, environments: liveEnvironments, agents: [], policies: livePolicies, apiKeys: [],
                             credentials: [], settings: LiveSettings(settings: SettingsSpec(), revision: 1, updatedAt: epoch))
        var times: [Double] = []
        var changes = 0
        for _ in 0..<max(1, runs) {
            times.append(Clock.measure { changes = diff(state, live).changes.count })
        }
        let best = times.min() ?? 0
        print(String(format: "policies=%d changes=%d diff=%.3fs per-resource=%.2fus", perEnvironment * environments, changes, best,
                     best / Double(perEnvironment * environments + environments) * 1e6))
        return 0
    }
}
