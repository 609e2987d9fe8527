import ArgumentParser
import Governance
import Planning
import Reconciler

/// Everything that must be said yes to before an apply starts: the gate's checks (Owner, secrets file, production
/// confirmation) and the person's or pipeline's approval. Every problem is printed at once.
struct ApplyApproval {
    let command: ApplyCommand
    let principal: Principal
    /// Where credential values are read from, to check before anything changes that each one can be.
    let secrets: SecretResolver

    /// Returns when `plan` may be applied; prints every blocker and fails otherwise. A saved plan was approved
    /// when it was reviewed, so it is not asked about again.
    func obtain(for plan: Plan, saved: Bool) throws {
        let interactive = Terminal.isInteractive
        var grant = ApplyGate.Grant(principal: principal, hasSecretsFile: command.secretsFile != nil,
                                    confirmsAll: command.confirmProduction || interactive)
        var blockers = ApplyGate.blockers(plan, grant) + SecretPreflight.problems(in: plan, secrets: secrets)
        if !saved && !command.autoApprove && !interactive {
            blockers.append(ApplyError(.approvalRequired,
                                       "not on a terminal, apply needs --auto-approve to change anything (or save a reviewed plan with `plan --out FILE` and apply it with `apply --plan FILE`)"))
        }
        try fail(blockers)
        if !saved && !command.autoApprove {
            guard Terminal.ask("\nApply these changes? Only 'yes' is accepted: ") == "yes" else {
                throw CommandFailure(code: "apply-cancelled", "apply cancelled; nothing was changed")
            }
        }
        guard !command.confirmProduction, interactive else { return }
        // On a terminal, typing an environment's slug confirms its production policy changes.
        for slug in ApplyGate.environmentsToConfirm(plan) {
            let what = ApplyGate.reasons(plan, in: slug).joined(separator: ", ")
            let answer = Terminal.ask("Environment '\(slug)': \(what) need confirmation. Type its slug to confirm: ")
            if answer == slug { grant.confirmed.insert(slug) }
        }
        grant.confirmsAll = false
        try fail(ApplyGate.blockers(plan, grant))
    }

    private func fail(_ blockers: [ApplyError]) throws {
        guard !blockers.isEmpty else { return }
        for blocker in blockers { StandardError.print("error: \(blocker.message) [\(blocker.code)]") }
        throw ExitCode(1)
    }
}
