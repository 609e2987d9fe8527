import ArgumentParser

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
        subcommands: [Get.self, Audit.self]
    )
}

/// The version printed by `--version` and recorded in saved plans.
enum GovctlVersion {
    static let current = "0.1.0"
}
