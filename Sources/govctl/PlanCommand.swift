import ArgumentParser
import Crypto
import Foundation
import Governance
import Manifests
import Planning
import Reconciler

/// `govctl plan`: what would change, for a person, a pull request or a tool.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what apply would change in the live state to match the manifests.",
        discussion: """
            Compares the manifests with the live state and prints every change: + create, ~ update, - delete, \
            ! refused (with the rule and the way out). Changes to production policies are marked as needing \
            confirmation; removing a production flag needs the Owner role. Live resources the manifests do not \
            declare are listed as unmanaged and left alone unless --prune is given (and then only what govctl created).

            Exit codes: 0 the plan can be applied (with --detailed-exitcode: and nothing changes), 1 error, \
            2 changes present (with --detailed-exitcode), 3 the plan holds refused changes.

            Examples:
              govctl plan examples/three-tier
              govctl plan governance/ --format markdown > plan.md
              govctl plan governance/ --out plan.json --detailed-exitcode
              govctl plan governance/ --env staging --env production --prune
            """
    )

    @Argument(help: "Manifest files or directories (default: the current directory).")
    var paths: [String] = ["."]

    @OptionGroup var backend: BackendOptions
    @OptionGroup var color: ColorOptions

    @Option(help: "Output format: text, markdown (for a pull-request comment) or json.")
    var format: PlanFormat = .text

    @Option(help: ArgumentHelp("Also save the plan to this file (mode 0600) for `apply --plan`.", valueName: "file"))
    var out: String?

    @Flag(help: "Exit 2 when the plan has changes (0 when nothing would change).")
    var detailedExitcode = false

    @Flag(help: "Delete live resources govctl created that the manifests no longer declare.")
    var prune = false

    @Option(name: .customLong("env"), help: ArgumentHelp("Limit the plan to this environment (repeatable).", valueName: "slug"))
    var environments: [String] = []

    func run() async throws {
        let request = try PlanRequest(paths: paths, prune: prune, environments: environments)
        let live = try await backend.backend()
        let made = try await request.make(with: live)
        if !made.plan.isEmpty, let readOnly = PrincipalScope.cannotApply(live.principal) {
            StandardError.print("warning: \(readOnly.message) [\(readOnly.code)]")
        }
        print(try made.render(format, color: color.enabled), terminator: "")
        if let out {
            try made.save(to: out)
        }
        throw ExitCode(made.plan.exitCode(detailed: detailedExitcode))
    }
}

/// Output formats of `plan`, `apply` and `drift`.
enum PlanFormat: String, ExpressibleByArgument, CaseIterable {
    case text, markdown, json
}

extension Plan {
    /// 3 when refused, 2 when `detailed` and something changes, else 0.
    func exitCode(detailed: Bool) -> Int32 {
        if !isApplicable { return 3 }
        return detailed && !isEmpty ? 2 : 0
    }
}
