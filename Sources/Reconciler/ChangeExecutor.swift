import ControlPlane
import Governance
import Planning

/// Carries out one change of a plan as the service calls its address and action name, each write conditional on
/// the revision the plan read and sent again after a transient failure. It decides nothing: the diff did.
struct ChangeExecutor: Sendable {
    let writer: any LiveWriter
    let liveLabels: LiveLabels
    let secrets: SecretResolver
    let keySecrets: any KeySecretSink
    let retry: RetryPolicy

    /// Applies `change`.
    func execute(_ change: Change) async throws {
        switch change.address.kind {
        case .environment: try await environment(change)
        case .policy: try await policy(change)
        case .agent: try await agent(change)
        case .apikey: try await apiKey(change)
        case .credential: try await credential(change)
        case .settings:
            guard change.action == .update else { throw ApplyError.malformed(change.address, "the tenant's settings can only be updated") }
            let settings = try ChangeFields(change).settings()
            try await send { try await $0.updateSettings(settings, expectedRevision: change.revision) }
        }
    }

    /// Creates the policies of `changes` in one all-or-none call.
    func createPolicies(_ changes: [Change]) async throws {
        let drafts = try changes.map { change in
            PolicyDraft(environment: try Self.slug(change.address), policy: try ChangeFields(change).policy(), labels: LiveLabels.created([:]))
        }
        try await send { try await $0.createPolicies(drafts) }
    }

    /// One write through the writer, sent again after a transient failure.
    private func send<T>(_ write: (any LiveWriter) async throws -> T) async throws -> T {
        try await retry.run { try await write(writer) }
    }

    private func environment(_ change: Change) async throws {
        let slug = try Self.slug(change.address), revision = change.revision
        switch change.action {
        case .create:
            let fields = try ChangeFields(change).environment(labels: LiveLabels.created)
            try await send { try await $0.createEnvironment(slug, fields) }
        case .update:
            let fields = try ChangeFields(change).environment { liveLabels.updated($0, at: change.address) }
            try await send { try await $0.updateEnvironment(slug, to: fields, expectedRevision: revision) }
        case .delete:
            try await send { try await $0.deleteEnvironment(slug, expectedRevision: revision) }
        }
    }

    private func policy(_ change: Change) async throws {
        let (slug, name) = (try Self.slug(change.address), try Self.name(change.address))
        switch change.action {
        case .create:
            try await createPolicies([change])
        case .update:
            // Manifests declare no policy labels: the live ones, `managed-by` among them, stay as they are.
            let (policy, labels) = (try ChangeFields(change).policy(), liveLabels.labels(at: change.address))
            try await send { try await $0.updatePolicy(name, in: slug, to: policy, labels: labels, expectedRevision: change.revision) }
        case .delete:
            try await send { try await $0.deletePolicy(name, in: slug, expectedRevision: change.revision) }
        }
    }

    private func agent(_ change: Change) async throws {
        let (slug, name) = (try Self.slug(change.address), try Self.name(change.address))
        switch change.action {
        case .create:
            let fields = try ChangeFields(change).agent(labels: LiveLabels.created)
            try await send { try await $0.createAgent(name, in: slug, fields) }
        case .update:
            // A move is an update whose address is the new environment; the old one is in `before`.
            var from = slug
            if case .value(.string(let old))? = change.before?["environment"] { from = old }
            let fields = try ChangeFields(change).agent { liveLabels.updated($0, at: .agent(from, name)) }
            let moveTo = from == slug ? nil : slug
            try await send { try await $0.updateAgent(name, in: from, to: fields, moveTo: moveTo, expectedRevision: change.revision) }
        case .delete:
            try await send { try await $0.deleteAgent(name, in: slug, expectedRevision: change.revision) }
        }
    }

    private func apiKey(_ change: Change) async throws {
        let (address, environment, name) = (change.address, change.address.environment, try Self.name(change.address))
        let fields = ChangeFields(change)
        switch change.action {
        case .create:
            let (role, labels) = (try fields.choice("role", Role.self), LiveLabels.created(try fields.labels()))
            let issued = try await send { try await $0.createApiKey(name, in: environment, role: role, labels: labels) }
            do {
                try await keySecrets.store(issued.secret, for: address.description)
            } catch {
                throw ApplyError(.secretNotStored,
                                 "\(address) was issued but its secret could not be kept (\(error)); revoke the key and apply again")
            }
        case .update:
            let (role, labels) = (try fields.choice("role", Role.self), liveLabels.updated(try fields.labels(), at: address))
            try await send { try await $0.updateApiKey(name, in: environment, role: role, labels: labels, expectedRevision: change.revision) }
        case .delete:
            try await send { try await $0.revokeApiKey(name, in: environment, expectedRevision: change.revision) }
        }
    }

    private func credential(_ change: Change) async throws {
        let (address, environment, name) = (change.address, change.address.environment, try Self.name(change.address))
        let fields = ChangeFields(change)
        switch change.action {
        case .create:
            let (type, value, labels) = (try fields.choice("type", CredentialType.self), try credentialValue(fields),
                                         LiveLabels.created(try fields.labels()))
            try await send { try await $0.createCredential(name, in: environment, type: type, value: value, labels: labels) }
            let agents = try fields.grants()
            if !agents.isEmpty { try await send { try await $0.setCredentialGrants(name, in: environment, to: agents, expectedRevision: nil) } }
        case .update:
            let value = change.after?["value"] == .sensitiveChanged ? try credentialValue(fields) : nil
            let (type, labels) = (try fields.choice("type", CredentialType.self), liveLabels.updated(try fields.labels(), at: address))
            // The conditional write comes first; it moves the revision, so the grants that follow are not conditional.
            try await send {
                try await $0.updateCredential(name, in: environment, type: type, value: value, labels: labels, expectedRevision: change.revision)
            }
            guard change.fields.contains(where: { $0.field == "grants" }) else { return }
            let agents = try fields.grants()
            try await send { try await $0.setCredentialGrants(name, in: environment, to: agents, expectedRevision: nil) }
        case .delete:
            try await send { try await $0.deleteCredential(name, in: environment, expectedRevision: change.revision) }
        }
    }

    /// The credential's value, read now from its source; the error names the source, never a value.
    private func credentialValue(_ fields: ChangeFields) throws -> String {
        switch secrets.value(of: try fields.secretSource(), for: fields.address.description) {
        case .success(let value): return value
        case .failure(let failure):
            throw ApplyError(.secretUnavailable, "the value of \(fields.address) cannot be read: \(failure.description)")
        }
    }

    private static func slug(_ address: Address) throws -> String {
        guard let slug = address.environment else { throw ApplyError.malformed(address, "it names no environment") }
        return slug
    }

    private static func name(_ address: Address) throws -> String {
        guard let name = address.name else { throw ApplyError.malformed(address, "it names no resource") }
        return name
    }
}
