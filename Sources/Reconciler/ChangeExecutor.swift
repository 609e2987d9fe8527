import ControlPlane
import Governance
import Planning

/// Carries out one change of a plan as the service call its address and action name, conditional on the revision
/// the plan read. It decides nothing: what to change was decided by the diff.
struct ChangeExecutor: Sendable {
    let writer: any LiveWriter
    let liveLabels: LiveLabels
    let secrets: SecretResolver
    let keySecrets: any KeySecretSink

    /// Applies `change`.
    func execute(_ change: Change) async throws {
        let a = change.address
        switch (a.kind, change.action) {
        case (.environment, .create): try await writer.createEnvironment(try slug(a), try ChangeFields(change).environment(labels: LiveLabels.created))
        case (.environment, .update):
            try await writer.updateEnvironment(try slug(a), to: try ChangeFields(change).environment { liveLabels.updated($0, at: a) },
                                               expectedRevision: change.revision)
        case (.environment, .delete): try await writer.deleteEnvironment(try slug(a), expectedRevision: change.revision)
        case (.policy, .create): try await createPolicies([change])
        case (.policy, .update):
            try await writer.updatePolicy(try name(a), in: try slug(a), to: try ChangeFields(change).policy(), labels: liveLabels.labels(at: a),
                                          expectedRevision: change.revision)
        case (.policy, .delete): try await writer.deletePolicy(try name(a), in: try slug(a), expectedRevision: change.revision)
        case (.agent, .create): try await writer.createAgent(try name(a), in: try slug(a), try ChangeFields(change).agent(labels: LiveLabels.created))
        case (.agent, .update): try await updateAgent(change)
        case (.agent, .delete): try await writer.deleteAgent(try name(a), in: try slug(a), expectedRevision: change.revision)
        case (.apikey, .create): try await createApiKey(change)
        case (.apikey, .update):
            let fields = ChangeFields(change)
            try await writer.updateApiKey(try name(a), in: a.environment, role: try fields.choice("role", Role.self),
                                          labels: liveLabels.updated(try fields.labels(), at: a), expectedRevision: change.revision)
        case (.apikey, .delete): try await writer.revokeApiKey(try name(a), in: a.environment, expectedRevision: change.revision)
        case (.credential, .create): try await createCredential(change)
        case (.credential, .update): try await updateCredential(change)
        case (.credential, .delete): try await writer.deleteCredential(try name(a), in: a.environment, expectedRevision: change.revision)
        case (.settings, .update): try await writer.updateSettings(try ChangeFields(change).settings(), expectedRevision: change.revision)
        case (.settings, _): throw ApplyError.malformed(a, "the tenant's settings can only be updated")
        }
    }

    /// Creates the policies of `changes` in one all-or-none call.
    func createPolicies(_ changes: [Change]) async throws {
        let drafts = try changes.map { change in
            PolicyDraft(environment: try slug(change.address), policy: try ChangeFields(change).policy(), labels: LiveLabels.created([:]))
        }
        try await writer.createPolicies(drafts)
    }

    private func updateAgent(_ change: Change) async throws {
        let a = change.address
        // A move is an update whose address is the new environment; the old one is in `before`.
        let from: String
        if case .value(.string(let old))? = change.before?["environment"] { from = old } else { from = try slug(a) }
        let to = try slug(a), agent = try name(a)
        let fields = try ChangeFields(change).agent { liveLabels.updated($0, at: .agent(from, agent)) }
        try await writer.updateAgent(agent, in: from, to: fields, moveTo: from == to ? nil : to, expectedRevision: change.revision)
    }

    private func createApiKey(_ change: Change) async throws {
        let a = change.address
        let fields = ChangeFields(change)
        let issued = try await writer.createApiKey(try name(a), in: a.environment, role: try fields.choice("role", Role.self),
                                                   labels: LiveLabels.created(try fields.labels()))
        do {
            try await keySecrets.store(issued.secret, for: a.description)
        } catch {
            throw ApplyError(code: "secret-not-stored",
                             "\(a) was issued but its secret could not be kept (\(error)); revoke the key and apply again")
        }
    }

    private func createCredential(_ change: Change) async throws {
        let a = change.address
        let fields = ChangeFields(change)
        let value = try credentialValue(fields)
        try await writer.createCredential(try name(a), in: a.environment, type: try fields.choice("type", CredentialType.self),
                                          value: value, labels: LiveLabels.created(try fields.labels()))
        let agents = try fields.grants()
        if !agents.isEmpty { try await writer.setCredentialGrants(try name(a), in: a.environment, to: agents, expectedRevision: nil) }
    }

    private func updateCredential(_ change: Change) async throws {
        let a = change.address
        let fields = ChangeFields(change)
        let value = change.after?["value"] == .sensitiveChanged ? try credentialValue(fields) : nil
        // The conditional write comes first; it moves the revision, so the grants that follow are not conditional.
        try await writer.updateCredential(try name(a), in: a.environment, type: try fields.choice("type", CredentialType.self),
                                          value: value, labels: liveLabels.updated(try fields.labels(), at: a),
                                          expectedRevision: change.revision)
        if change.fields.contains(where: { $0.field == "grants" }) {
            try await writer.setCredentialGrants(try name(a), in: a.environment, to: try fields.grants(),
                                                 expectedRevision: nil)
        }
    }

    /// The credential's value, read now from its source; the error names the source, never a value.
    private func credentialValue(_ fields: ChangeFields) throws -> String {
        switch secrets.value(of: try fields.secretSource(), for: fields.address.description) {
        case .success(let value): return value
        case .failure(let failure):
            throw ApplyError(code: "secret-unavailable", "the value of \(fields.address) cannot be read: \(failure.description)")
        }
    }

    private func slug(_ address: Address) throws -> String {
        guard let slug = address.environment else { throw ApplyError.malformed(address, "it names no environment") }
        return slug
    }

    private func name(_ address: Address) throws -> String {
        guard let name = address.name else { throw ApplyError.malformed(address, "it names no resource") }
        return name
    }
}
