import CYAML
import Foundation
import Manifests
import YAMLNodes

// govctl-bench: generates manifest trees of a given size and measures the YAML layer against a plain
// libyaml event scan of the same bytes (the floor). `scripts/bench.sh` drives it and times `govctl validate`.

/// Entry point; see `usage`.
enum Bench {
    static let usage = """
        usage: govctl-bench generate DIR POLICIES [ENVIRONMENTS] [VARY]
               govctl-bench yaml DIR [RUNS]
               govctl-bench load DIR [RUNS]
               govctl-bench diff POLICIES [RUNS]
        """

    static func main(_ args: [String]) -> Int32 {
        switch args.first {
        case "generate" where args.count >= 3:
            guard let policies = Int(args[2]) else { break }
            let environments = args.count > 3 ? Int(args[3]) ?? 1000 : 1000
            let vary = args.count > 4 ? Int(args[4]) ?? 0 : 0
            do {
                try ManifestGenerator.write(to: args[1], policies: policies, environments: environments, vary: vary)
                return 0
            } catch {
                FileHandle.standardError.write(Data("generate: \(error)\n".utf8))
                return 1
            }
        case "yaml" where args.count >= 2:
            return YAMLBench.run(directory: args[1], runs: args.count > 2 ? Int(args[2]) ?? 5 : 5)
        case "diff" where args.count >= 2:
            guard let policies = Int(args[1]) else { break }
            return DiffBench.run(policies: policies, runs: args.count > 2 ? Int(args[2]) ?? 3 : 3)
        case "load" where args.count >= 2:
            return LoadBench.run(directory: args[1], runs: args.count > 2 ? Int(args[2]) ?? 3 : 3)
        default:
            break
        }
        FileHandle.standardError.write(Data((usage + "\n").utf8))
        return 2
    }
}

exit(Bench.main(Array(CommandLine.arguments.dropFirst())))
