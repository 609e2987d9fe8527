import ControlPlane
import Foundation
import Governance

/// Turns live resources into table rows and JSON; it never sees a key secret or a credential value.
struct LiveRenderer {
    let now: Date

    func table(_ environments: [LiveEnvironment]) -> TableRenderer {
        TableRenderer(headers: ["SLUG", "NAME", "PRODUCTION", "MODE", "AGENTS", "POLICIES", "AGE"], rows: environments.map {
            [$0.slug, $0.name, $0.isProduction ? "yes" : "no", $0.enforcementMode.rawValue, String($0.agentCount),
             String($0.policyCount), age($0.createdAt)]
        })
    }

    func table(_ agents: [LiveAgent]) -> TableRenderer {
        TableRenderer(headers: ["ENVIRONMENT", "NAME", "STATUS", "AGE"], rows: agents.map {
            [$0.environment, $0.name, $0.status.rawValue, age($0.createdAt)]
        })
    }

    func table(_ policies: [LivePolicy]) -> TableRenderer {
        TableRenderer(headers: ["ENVIRONMENT", "NAME", "TYPE", "PATTERN", "PRIORITY", "AGE"], rows: policies.map {
            [$0.environment, $0.policy.name, $0.policy.type.rawValue, $0.policy.actionPattern.description,
             String($0.policy.priority), age($0.createdAt)]
        })
    }

    func table(_ keys: [LiveApiKey]) -> TableRenderer {
        TableRenderer(headers: ["ENVIRONMENT", "NAME", "ROLE", "PREFIX", "STATUS", "AGE"], rows: keys.map {
            [$0.environment ?? "(tenant)", $0.name, $0.role.rawValue, $0.prefix, $0.revokedAt == nil ? "active" : "revoked",
             age($0.createdAt)]
        })
    }

    func table(_ credentials: [LiveCredential]) -> TableRenderer {
        TableRenderer(headers: ["ENVIRONMENT", "NAME", "TYPE", "GRANTS", "FINGERPRINT", "AGE"], rows: credentials.map {
            [$0.environment ?? "(tenant)", $0.name, $0.type.rawValue, String($0.grants.count),
             $0.fingerprint.hasPrefix("hmac-sha256:") ? String($0.fingerprint.dropFirst("hmac-sha256:".count).prefix(12)) : "-",
             age($0.createdAt)]
        })
    }

    func table(_ events: [AuditEvent]) -> TableRenderer {
        TableRenderer(headers: ["TIME", "PRINCIPAL", "ACTION", "RESOURCE"], rows: events.map {
            [Timestamp.text($0.time), $0.principal, $0.action, $0.resource]
        })
    }

    func json(_ e: LiveEnvironment) -> JSONValue {
        .object(["id": .string(e.id), "slug": .string(e.slug), "name": .string(e.name), "description": optional(e.description),
                 "is_production": .bool(e.isProduction), "is_default": .bool(e.isDefault),
                 "enforcement_mode": .string(e.enforcementMode.rawValue), "labels": labels(e.labels),
                 "agent_count": .int(e.agentCount), "policy_count": .int(e.policyCount)].merging(common(e.revision, e.createdAt, e.updatedAt)) { a, _ in a })
    }

    func json(_ a: LiveAgent) -> JSONValue {
        .object(["id": .string(a.id), "environment": .string(a.environment), "name": .string(a.name),
                 "description": optional(a.description), "mission_scope": optional(a.missionScope),
                 "status": .string(a.status.rawValue), "labels": labels(a.labels)].merging(common(a.revision, a.createdAt, a.updatedAt)) { a, _ in a })
    }

    func json(_ p: LivePolicy) -> JSONValue {
        .object(["id": .string(p.id), "environment": .string(p.environment), "name": .string(p.policy.name),
                 "type": .string(p.policy.type.rawValue), "action_pattern": .string(p.policy.actionPattern.description),
                 "priority": .int(p.policy.priority), "constraints": .object(p.policy.constraints),
                 "description": optional(p.policy.description), "labels": labels(p.labels)].merging(common(p.revision, p.createdAt, p.updatedAt)) { a, _ in a })
    }

    func json(_ k: LiveApiKey) -> JSONValue {
        .object(["id": .string(k.id), "environment": optional(k.environment), "name": .string(k.name), "role": .string(k.role.rawValue),
                 "prefix": .string(k.prefix), "revoked_at": k.revokedAt.map { .string(Timestamp.text($0)) } ?? .null,
                 "labels": labels(k.labels)].merging(common(k.revision, k.createdAt, k.updatedAt)) { a, _ in a })
    }

    func json(_ c: LiveCredential) -> JSONValue {
        .object(["id": .string(c.id), "environment": optional(c.environment), "name": .string(c.name), "type": .string(c.type.rawValue),
                 "fingerprint": .string(c.fingerprint), "grants": .array(c.grants.map { .string($0.description) }),
                 "labels": labels(c.labels)].merging(common(c.revision, c.createdAt, c.updatedAt)) { a, _ in a })
    }

    func json(_ e: AuditEvent) -> JSONValue {
        .object(["id": .string(e.id), "time": .string(Timestamp.text(e.time)), "principal": .string(e.principal),
                 "action": .string(e.action), "resource": .string(e.resource), "environment": optional(e.environment),
                 "before": e.before ?? .null, "after": e.after ?? .null])
    }

    private func common(_ revision: Int64, _ created: Date, _ updated: Date) -> [String: JSONValue] {
        ["revision": .int(Int(revision)), "created_at": .string(Timestamp.text(created)), "updated_at": .string(Timestamp.text(updated))]
    }

    private func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }

    private func labels(_ labels: [String: String]) -> JSONValue { .object(labels.mapValues(JSONValue.string)) }

    private func age(_ date: Date) -> String { Age.text(seconds: now.timeIntervalSince(date)) }
}

/// RFC 3339 UTC timestamps, as the vendor's API writes them.
enum Timestamp {
    static func text(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC") ?? .current))
    }
}
