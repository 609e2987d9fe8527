import ArgumentParser
import Governance
import Manifests

/// `govctl validate`: read manifests, report every problem at once.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check manifests and report every error and warning with its file, line and column.",
        discussion: """
            Reads every *.yaml and *.yml file under each PATH (files or directories, read recursively; \
            other files are ignored). Errors are printed to stderr as PATH:LINE:COL: error: MESSAGE [code]; \
            warnings point at best practices and leave the exit code at 0.

            Exit codes: 0 valid (perhaps with warnings), 1 at least one error (or warning, with --warnings-as-errors).

            Examples:
              govctl validate examples/three-tier
              govctl validate manifests/ extra/eu.yaml --format json
            """
    )

    @OptionGroup var manifests: ManifestPaths

    @Option(help: "How to print diagnostics: text (stderr) or json (stdout).")
    var format: DiagnosticsFormat = .text

    @Flag(help: "Fail (exit 1) on warnings too, such as ambiguous-name or staging-not-mirroring.")
    var warningsAsErrors = false

    func run() throws {
        let result = ManifestLoader().load(paths: manifests.paths)
        let warnings = result.diagnostics.filter { $0.severity == .warning }.count
        switch format {
        case .json:
            print(try DiagnosticPrinter.json(result.diagnostics))
        case .text:
            for diagnostic in result.diagnostics { StandardError.print(DiagnosticPrinter.line(diagnostic)) }
            if let state = result.state {
                print("valid: \(StateSummary(state).text)\(warnings > 0 ? ", \(warnings) warning\(warnings == 1 ? "" : "s")" : "")")
            } else {
                let errors = result.diagnostics.filter { $0.severity == .error }.count
                StandardError.print("\(errors) error\(errors == 1 ? "" : "s")")
            }
        }
        if result.state == nil { throw ExitCode(1) }
        if warningsAsErrors && warnings > 0 {
            if format == .text { StandardError.print("\(warnings) warning\(warnings == 1 ? "" : "s"), and --warnings-as-errors makes them fail") }
            throw ExitCode(1)
        }
    }
}

/// A one-line count of what a desired state holds.
struct StateSummary {
    let text: String

    init(_ state: DesiredState) {
        func count(_ n: Int, _ one: String, _ many: String? = nil) -> String { "\(n) \(n == 1 ? one : many ?? one + "s")" }
        let policies = state.environments.reduce(0) { $0 + $1.policies.count }
        text = [
            count(state.environments.count, "environment"), count(policies, "policy", "policies"),
            count(state.agents.count, "agent"), count(state.apiKeys.count, "API key"), count(state.credentials.count, "credential"),
        ].joined(separator: ", ")
    }
}
