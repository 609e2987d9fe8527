// A helper for two jobs that need real processes and a release build, not a unit test:
//
//   controlplane-stress write STATE WRITER COUNT   one process's share of the two-process test:
//       creates the store if it is new, credential cred-WRITER, COUNT policies named WRITER-i in
//       `production` (each its own transaction), and COUNT read-modify-write increments of the priority
//       of policy `counter` (created by whichever writer comes first; retried on revision-mismatch).
//   controlplane-stress bench STATE [ENVIRONMENTS] [POLICIES]
//       creates ENVIRONMENTS (default 1000) environments, then ENVIRONMENTS × POLICIES (default 100)
//       policies through `createPolicies` in one call, then times `snapshot`; prints the figures.
import ControlPlane
import Foundation
import Governance

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("controlplane-stress: \(message)\n".utf8))
    exit(1)
}

func seconds(since start: ContinuousClock.Instant) -> Double {
    let d = ContinuousClock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

/// CPU seconds this process has used: on a shared, loaded machine wall time alone misleads.
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

func write(state: String, writer: String, count: Int) async throws {
    // Both writers may be the first to open the file: creating the store, its key file and `counter` races on purpose.
    let plane = try ControlPlane(.init(path: state))
    do {
        _ = try await plane.createPolicy(Policy(name: "counter", type: .alert, actionPattern: .glob("*"), priority: 0), in: "production", as: .cli)
    } catch let error as ControlPlaneError where error.code == .nameTaken || error.code == .conflict {
        // The other writer made it first.
    }
    // Sealed with whichever key file won the race; the test compares both fingerprints.
    _ = try await plane.createCredential("cred-\(writer)", in: nil, type: .apiKey, value: "same-value", as: .cli)
    for i in 0..<count {
        _ = try await plane.createPolicy(Policy(name: "\(writer)-\(i)", type: .deny, actionPattern: .glob("db.*")), in: "production", as: .cli)
        while true {
            let current = try await plane.policies(in: "production", as: .cli).first { $0.policy.name == "counter" }
            guard var counter = current else { fail("policy 'counter' is missing") }
            counter.policy.priority += 1
            do {
                _ = try await plane.updatePolicy("counter", in: "production", to: counter.policy, expectedRevision: counter.revision, as: .cli)
                break
            } catch let error as ControlPlaneError where error.code == .revisionMismatch {
                continue
            }
        }
    }
}

func bench(state: String, environments: Int, policiesEach: Int) async throws {
    let plane = try ControlPlane(.init(path: state))
    var start = ContinuousClock.now
    for e in 0..<environments {
        _ = try await plane.createEnvironment(slug: "env-\(e)", EnvironmentFields(name: "Env \(e)", enforcementMode: .alert), as: .cli)
    }
    print("create \(environments) environments (one transaction each): \(String(format: "%.2f", seconds(since: start))) s")
    var drafts: [PolicyDraft] = []
    drafts.reserveCapacity(environments * policiesEach)
    for e in 0..<environments {
        for p in 0..<policiesEach {
            let policy = Policy(name: "policy-\(p)", type: p % 2 == 0 ? .deny : .allow, actionPattern: .glob("tool_\(p).*"),
                                priority: p, constraints: p % 10 == 0 ? ["rate": .object(["per_minute": .int(p)])] : [:])
            drafts.append(PolicyDraft(environment: "env-\(e)", policy: policy, labels: ["managed-by": "govctl"]))
        }
    }
    start = ContinuousClock.now
    var cpu = cpuSeconds()
    let created = try await plane.createPolicies(drafts, as: .cli)
    print("createPolicies \(created.count) policies (one transaction, audited): \(String(format: "%.2f", seconds(since: start))) s wall, \(String(format: "%.2f", cpuSeconds() - cpu)) s CPU")
    var timings: [Double] = []
    var count = 0
    cpu = cpuSeconds()
    for _ in 0..<5 {
        start = ContinuousClock.now
        let state = try await plane.snapshot(as: .cli)
        timings.append(seconds(since: start))
        count = state.policies.count
    }
    timings.sort()
    print("snapshot of \(environments) environments, \(count) policies: best \(String(format: "%.3f", timings[0])) s, median \(String(format: "%.3f", timings[2])) s wall, \(String(format: "%.3f", (cpuSeconds() - cpu) / 5)) s CPU each")
}

let args = CommandLine.arguments
do {
    switch args.dropFirst().first {
    case "write":
        guard args.count == 5, let count = Int(args[4]) else { fail("usage: write STATE WRITER COUNT") }
        try await write(state: args[2], writer: args[3], count: count)
    case "bench":
        guard args.count >= 3 else { fail("usage: bench STATE [ENVIRONMENTS] [POLICIES]") }
        try await bench(state: args[2], environments: args.count > 3 ? Int(args[3]) ?? 1000 : 1000,
                        policiesEach: args.count > 4 ? Int(args[4]) ?? 100 : 100)
    default:
        fail("usage: controlplane-stress write STATE WRITER COUNT | bench STATE [ENVIRONMENTS] [POLICIES]")
    }
} catch {
    fail("\(error)")
}
