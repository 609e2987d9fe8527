import ArgumentParser
import ControlPlane
import Foundation
import Governance
import Reconciler

/// The `govctl` command: GitOps for AI-agent governance environments.
@main

struct Govctl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "govctl",
        abstract: "GitOps for AI-agent governance: environments, policies, agents, keys and credentials as YAML in git.",
        discussion: """
            Keep a tenant's governance environments in a directory of YAML manifests, check them in every \
            pull request, and see exactly what would change before anything does.

            Examples:
              govctl validate examples/three-tier
              govctl render examples/three-tier --format json
            """,
        version: GovctlVersion.current,
        subcommands: [
            ValidateCommand.self, RenderCommand.self, PlanCommand.self, ApplyCommand.self, DriftCommand.self, ImportCommand.self,
            Get.self, Audit.self, ServeCommand.self, ShowCommand.self, VersionCommand.self, CompletionCommand.self,
        ]
    )
}

extension Govctl {
    /// Runs the command, printing the errors govctl knows as `error: message [code]` with exit code 1; argument
    /// errors and exit codes go through the argument parser as usual.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as any CodedError {
            StandardError.print("error: \(error.errorMessage) [\(error.errorCode)]")
            Foundation.exit(1)
        } catch {
            // Usage errors exit 1 like every other error (the documented codes are 0, 1, 2, 3); help and
            // explicit exit codes keep theirs.
            let code = exitCode(for: error)
            guard code == .validationFailure else { exit(withError: error) }
            StandardError.print(fullMessage(for: error))
            Foundation.exit(1)
        }
    }
}
