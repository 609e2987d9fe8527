import Foundation
import Governance

/// Who this process runs as, read from the OS and the CI system's documented variables, for the audit events the
/// embedded store writes.
enum CommandLineIdentity {
    /// The CI systems recognised, each by the variable that says it runs the job and the ones naming run, commit
    /// and repository (first set one wins).
    private struct System {
        let name: String
        let marker: String
        let run: [String]
        let attempt: String?
        let commit: [String]
        let repository: [String]
        let actor: [String]
    }

    private static let systems = [
        System(name: "github-actions", marker: "GITHUB_ACTIONS", run: ["GITHUB_RUN_ID"], attempt: "GITHUB_RUN_ATTEMPT",
               commit: ["GITHUB_SHA"], repository: ["GITHUB_REPOSITORY"], actor: ["GITHUB_ACTOR"]),
        System(name: "gitlab-ci", marker: "GITLAB_CI", run: ["CI_JOB_ID", "CI_PIPELINE_ID"], attempt: nil,
               commit: ["CI_COMMIT_SHA"], repository: ["CI_PROJECT_PATH"], actor: ["GITLAB_USER_LOGIN"]),
        System(name: "circleci", marker: "CIRCLECI", run: ["CIRCLE_BUILD_NUM"], attempt: nil,
               commit: ["CIRCLE_SHA1"], repository: ["CIRCLE_PROJECT_REPONAME"], actor: ["CIRCLE_USERNAME"]),
        System(name: "buildkite", marker: "BUILDKITE", run: ["BUILDKITE_BUILD_NUMBER"], attempt: nil,
               commit: ["BUILDKITE_COMMIT"], repository: ["BUILDKITE_PIPELINE_SLUG"], actor: ["BUILDKITE_BUILD_CREATOR"]),
        System(name: "azure-pipelines", marker: "TF_BUILD", run: ["BUILD_BUILDID"], attempt: nil,
               commit: ["BUILD_SOURCEVERSION"], repository: ["BUILD_REPOSITORY_NAME"], actor: ["BUILD_REQUESTEDFOR"]),
        System(name: "jenkins", marker: "JENKINS_URL", run: ["BUILD_NUMBER"], attempt: nil,
               commit: ["GIT_COMMIT"], repository: ["JOB_NAME"], actor: []),
        System(name: "ci", marker: "CI", run: ["BUILD_ID", "CI_JOB_ID"], attempt: nil,
               commit: ["CI_COMMIT_SHA", "GIT_COMMIT"], repository: [], actor: []),
    ]

    /// The operator of this process in `environment` (the process's own by default).
    static func current(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> CommandLineOperator {
        func value(_ names: [String]) -> String? { names.lazy.compactMap { environment[$0].flatMap { $0.isEmpty ? nil : $0 } }.first }
        let user = osUser() ?? value(["USER", "LOGNAME"])
        guard let system = systems.first(where: { value([$0.marker]) != nil }) else { return CommandLineOperator(user: user) }
        var run = value(system.run)
        if let attempt = system.attempt.flatMap({ value([$0]) }), let id = run { run = "\(id)/\(attempt)" }
        // In CI the OS user is the runner's account; the person who started the run says more.
        let actor = value(system.actor)
        return CommandLineOperator(user: actor ?? user, ci: system.name, run: run, commit: value(system.commit),
                                   repository: value(system.repository))
    }

    /// The name of the effective user, from the password database.
    private static func osUser() -> String? {
        guard let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name else { return nil }
        return String(cString: name)
    }
}
