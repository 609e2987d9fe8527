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
            confirmation.

            \(OwnershipHelp.paragraph)

            Exit codes: 0 the plan can be applied (with --detailed-exitcode: and nothing changes), 1 error, \
            2 changes present (with --detailed-exitcode), 3 the plan holds refused changes.

            Examples:
              govctl plan examples/three-tier
              govctl plan governance/ --format markdown --out plan.json > plan.md
              # A GitLab note holds 1000000 bytes; leave room for a marker line:
              govctl plan governance/ --format markdown --max-bytes 999000 > note.md
              govctl plan governance/ --out plan.json --detailed-exitcode
              govctl plan governance/ --env staging --env production --prune
            """
    )

    @OptionGroup var manifests: ManifestPaths

    @OptionGroup var backend: BackendOptions
    @OptionGroup var color: ColorOptions

    @Option(help: "Output format: text, markdown (for a pull-request comment) or json.")
    var format: PlanFormat = .text

    @OptionGroup var markdown: MarkdownOptions

    @Option(help: ArgumentHelp("Also save the plan to this file (mode 0600) for `apply --plan`.", valueName: "file"))
    var out: String?

    @Flag(help: "Exit 2 when the plan has changes (0 when nothing would change).")
    var detailedExitcode = false

    @Flag(help: ArgumentHelp(OwnershipHelp.prune))
    var prune = false

    @OptionGroup var scope: EnvironmentScope

    @Flag(help: "Fail (exit 1) on the manifests' warnings too, such as ambiguous-name or staging-not-mirroring.")
    var warningsAsErrors = false

    func validate() throws { try markdown.check(format) }

    func run() async throws {
        let request = try PlanRequest(paths: manifests.paths, prune: prune, environments: scope.environments, warningsAsErrors: warningsAsErrors)
        let live = try await backend.backend()
        let made = try await request.make(with: live)
        if !made.plan.isEmpty, let readOnly = PrincipalScope.cannotApply(live.principal) {
            StandardError.print("warning: \(readOnly.message) [\(readOnly.code)]")
        }
        print(try format.render(made.plan, color: color.enabled, markdown: markdown), terminator: "")
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

extension PlanFormat {
    /// `plan` in this format, as `plan` and `show` print it.
    func render(_ plan: Plan, color: Bool, markdown: MarkdownOptions) throws -> String {
        switch self {
        case .text: TextRenderer(color: color).render(plan)
        case .markdown: markdown.renderer.render(plan)
        case .json: try JSONRenderer().render(plan)
        }
    }
}

/// How `--format markdown` fits a pull-request comment; `plan` and `show` share them.
struct MarkdownOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "With --format markdown: at most this many bytes; the summary is kept whole and the largest environments' details are cut first "
            + "(default \(MarkdownRenderer.defaultMaxBytes), below GitHub's comment limit; 999000 for a GitLab note; 0 for no limit).",
        valueName: "n"))
    var maxBytes: Int?

    @Flag(help: "With --format markdown: only the summary (counts, refusals, confirmations, warnings), no details.")
    var summaryOnly = false

    @Option(help: ArgumentHelp("With --format markdown: where the full plan is (the CI job's artifacts), linked from the comment.",
                               valueName: "url"))
    var detailsUrl: String?

    /// Refuses the Markdown options with another format, and a budget too small to hold a summary.
    func check(_ format: PlanFormat) throws {
        if format != .markdown && (maxBytes != nil || summaryOnly || detailsUrl != nil) {
            throw ValidationError("--max-bytes, --summary-only and --details-url shape the Markdown plan: add --format markdown")
        }
        if let maxBytes, maxBytes != 0 && maxBytes < MarkdownRenderer.minimumMaxBytes {
            throw ValidationError("--max-bytes \(maxBytes): give 0 (no limit) or at least \(MarkdownRenderer.minimumMaxBytes), room for the summary")
        }
    }

    var renderer: MarkdownRenderer {
        let limit = maxBytes ?? MarkdownRenderer.defaultMaxBytes
        return MarkdownRenderer(maxBytes: limit == 0 ? nil : limit, summaryOnly: summaryOnly, detailsURL: detailsUrl)
    }
}
