import ControlPlane
import Foundation
import Governance
import Reconciler

/// A writer that forwards to a real one, recording the order of calls and how many ran at once; the first
/// `transientFailures` calls fail as a busy store would, before reaching it.
final class RecordingWriter: LiveWriter, @unchecked Sendable {
    let inner: any LiveWriter
    let delay: UInt64
    private let lock = NSLock()
    private var transientFailures: Int
    private var running = 0
    private(set) var maxRunning = 0
    private(set) var calls: [String] = []

    init(_ inner: any LiveWriter, delayMilliseconds: UInt64 = 0, transientFailures: Int = 0) {
        self.inner = inner
        delay = delayMilliseconds * 1_000_000
        self.transientFailures = transientFailures
    }

    var recorded: (calls: [String], maxRunning: Int) { lock.withLock { (calls, maxRunning) } }

    private func track<T>(_ call: String, _ body: () async throws -> T) async throws -> T {
        let fails = lock.withLock {
            calls.append(call)
            running += 1
            maxRunning = max(maxRunning, running)
            transientFailures -= 1
            return transientFailures >= 0
        }
        if fails {
            lock.withLock { running -= 1 }
            throw ControlPlaneError(.storeError, resource: "", "the state store failed: database is locked")
        }
        defer { lock.withLock { running -= 1 } }
        if delay > 0 { try await Task.sleep(nanoseconds: delay) }
        return try await body()
    }

    func createEnvironment(_ slug: String, _ fields: EnvironmentFields) async throws {
        try await track("create environment/\(slug)") { try await inner.createEnvironment(slug, fields) }
    }
    func updateEnvironment(_ slug: String, to fields: EnvironmentFields, expectedRevision: Int64?) async throws {
        try await track("update environment/\(slug)") { try await inner.updateEnvironment(slug, to: fields, expectedRevision: expectedRevision) }
    }
    func deleteEnvironment(_ slug: String, expectedRevision: Int64?) async throws {
        try await track("delete environment/\(slug)") { try await inner.deleteEnvironment(slug, expectedRevision: expectedRevision) }
    }
    func createPolicies(_ drafts: [PolicyDraft]) async throws {
        try await track("create policies \(drafts.count)") { try await inner.createPolicies(drafts) }
    }
    func updatePolicy(_ name: String, in environment: String, to policy: Policy, labels: [String: String], expectedRevision: Int64?) async throws {
        try await track("update policy/\(environment)/\(name)") {
            try await inner.updatePolicy(name, in: environment, to: policy, labels: labels, expectedRevision: expectedRevision)
        }
    }
    func deletePolicy(_ name: String, in environment: String, expectedRevision: Int64?) async throws {
        try await track("delete policy/\(environment)/\(name)") { try await inner.deletePolicy(name, in: environment, expectedRevision: expectedRevision) }
    }
    func createAgent(_ name: String, in environment: String, _ fields: AgentFields) async throws {
        try await track("create agent/\(environment)/\(name)") { try await inner.createAgent(name, in: environment, fields) }
    }
    func updateAgent(_ name: String, in environment: String, to fields: AgentFields, moveTo: String?, expectedRevision: Int64?) async throws {
        try await track("update agent/\(environment)/\(name)") {
            try await inner.updateAgent(name, in: environment, to: fields, moveTo: moveTo, expectedRevision: expectedRevision)
        }
    }
    func deleteAgent(_ name: String, in environment: String, expectedRevision: Int64?) async throws {
        try await track("delete agent/\(environment)/\(name)") { try await inner.deleteAgent(name, in: environment, expectedRevision: expectedRevision) }
    }
    func createApiKey(_ name: String, in environment: String?, role: Role, labels: [String: String]) async throws -> IssuedApiKey {
        try await track("create apikey/\(name)") { try await inner.createApiKey(name, in: environment, role: role, labels: labels) }
    }
    func updateApiKey(_ name: String, in environment: String?, role: Role, labels: [String: String], expectedRevision: Int64?) async throws {
        try await track("update apikey/\(name)") {
            try await inner.updateApiKey(name, in: environment, role: role, labels: labels, expectedRevision: expectedRevision)
        }
    }
    func revokeApiKey(_ name: String, in environment: String?, expectedRevision: Int64?) async throws {
        try await track("delete apikey/\(name)") { try await inner.revokeApiKey(name, in: environment, expectedRevision: expectedRevision) }
    }
    func createCredential(_ name: String, in environment: String?, type: CredentialType, value: String, labels: [String: String]) async throws {
        try await track("create credential/\(name)") {
            try await inner.createCredential(name, in: environment, type: type, value: value, labels: labels)
        }
    }
    func updateCredential(_ name: String, in environment: String?, type: CredentialType, value: String?, labels: [String: String],
                          expectedRevision: Int64?) async throws {
        try await track("update credential/\(name)") {
            try await inner.updateCredential(name, in: environment, type: type, value: value, labels: labels, expectedRevision: expectedRevision)
        }
    }
    func deleteCredential(_ name: String, in environment: String?, expectedRevision: Int64?) async throws {
        try await track("delete credential/\(name)") { try await inner.deleteCredential(name, in: environment, expectedRevision: expectedRevision) }
    }
    func setCredentialGrants(_ name: String, in environment: String?, to agents: [AgentReference], expectedRevision: Int64?) async throws {
        try await track("grants credential/\(name)") {
            try await inner.setCredentialGrants(name, in: environment, to: agents, expectedRevision: expectedRevision)
        }
    }
    func updateSettings(_ settings: SettingsSpec, expectedRevision: Int64?) async throws {
        try await track("update settings") { try await inner.updateSettings(settings, expectedRevision: expectedRevision) }
    }
}
