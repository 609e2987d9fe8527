import Foundation
import Manifests

/// Measures the whole manifest load in-process: read, parse, decode, expand, check.
enum LoadBench {
    static func run(directory: String, runs: Int) -> Int32 {
        var times: [Double] = []
        var summary = ""
        for _ in 0..<max(1, runs) {
            times.append(Clock.measure {
                let result = ManifestLoader().load(paths: [directory])
                let policies = result.state?.environments.reduce(0) { $0 + $1.policies.count } ?? -1
                summary = "environments=\(result.state?.environments.count ?? -1) policies=\(policies) diagnostics=\(result.diagnostics.count)"
            })
        }
        print(summary + String(format: " load=%.3fs", times.min() ?? 0))
        return 0
    }
}
