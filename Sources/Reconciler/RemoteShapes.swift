import Foundation
import Governance

/// The API's JSON shapes as the remote backend reads them, each turned into the live value the planner uses.
enum RemoteShapes {
    /// `{"data": ..., "meta": {...}}`.
    struct Envelope<Payload: Decodable>: Decodable {
        var data: Payload
        var meta: Meta?
    }

    /// The `meta` of a list page.
    struct Meta: Decodable {
        var total: Int?
        var nextCursor: String?
        enum CodingKeys: String, CodingKey { case total, nextCursor = "next_cursor" }
    }

    /// The slug of an `env_<slug>` id (an id in another form is taken as the slug itself).
    static func slug(_ id: String) -> String { id.hasPrefix("env_") ? String(id.dropFirst(4)) : id }

    /// JSON with RFC 3339 times, with or without fractions of a second. Each shape names its snake_case keys itself:
    /// converting every key of a 100k-policy state costs more than reading it.
    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = time(text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an RFC 3339 time: \(text)"))
            }
            return date
        }
        return decoder
    }()

    // Format styles are values, safe to share across tasks, and far cheaper than a formatter made per time.
    private static let wholeSeconds = Date.ISO8601FormatStyle()
    private static let fractionalSeconds = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    /// An RFC 3339 time, with or without fractions of a second.
    static func time(_ text: String) -> Date? {
        (try? wholeSeconds.parse(text)) ?? (try? fractionalSeconds.parse(text))
    }

    /// Fields the vendor does not document (`is_default`, `enforcement_mode`, `labels`, `revision`) are optional, so a
    /// server without them still reads: the default environment is then the one the vendor creates, `production`.
    struct Environment: Decodable {
        var slug: String
        var name: String
        var description: String?
        var isProduction: Bool
        var enforcementMode: EnforcementMode?
        var labels: [String: String]?
        var isDefault: Bool?
        var agentCount, policyCount: Int?
        var revision: Int64?
        var createdAt, updatedAt: Date

        enum CodingKeys: String, CodingKey {
            case slug, name, description, isProduction = "is_production", enforcementMode = "enforcement_mode", labels
            case isDefault = "is_default", agentCount = "agent_count", policyCount = "policy_count", revision
            case createdAt = "created_at", updatedAt = "updated_at"
        }

        var live: LiveEnvironment {
            LiveEnvironment(slug: slug, name: name, description: description, isProduction: isProduction,
                            enforcementMode: enforcementMode ?? .monitor, labels: labels ?? [:], isDefault: isDefault ?? (slug == "production"),
                            agentCount: agentCount ?? 0, policyCount: policyCount ?? 0, revision: revision ?? 0,
                            createdAt: createdAt, updatedAt: updatedAt)
        }
    }

    struct Agent: Decodable {
        var id, environmentId, name: String
        var description, missionScope: String?
        var status: AgentStatus?
        var labels: [String: String]?
        var revision: Int64?
        var createdAt, updatedAt: Date

        enum CodingKeys: String, CodingKey {
            case id, environmentId = "environment_id", name, description, missionScope = "mission_scope", status, labels, revision
            case createdAt = "created_at", updatedAt = "updated_at"
        }

        var live: LiveAgent {
            LiveAgent(id: id, environment: RemoteShapes.slug(environmentId), name: name, description: description,
                      missionScope: missionScope, status: status ?? .active, labels: labels ?? [:], revision: revision ?? 0,
                      createdAt: createdAt, updatedAt: updatedAt)
        }
    }

    struct Policy: Decodable {
        var id, environmentId, name: String
        var type: PolicyType
        var actionPattern: String
        var priority: Int?
        var constraints: [String: JSONValue]?
        var description: String?
        var labels: [String: String]?
        var revision: Int64?
        var createdAt, updatedAt: Date

        enum CodingKeys: String, CodingKey {
            case id, environmentId = "environment_id", name, type, actionPattern = "action_pattern", priority, constraints
            case description, labels, revision, createdAt = "created_at", updatedAt = "updated_at"
        }

        func live() throws -> LivePolicy {
            let pattern: ActionPattern
            do { pattern = try ActionPattern(parsing: actionPattern) } catch {
                throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "policy \(id): \(error.message)"))
            }
            let policy = Governance.Policy(name: name, type: type, actionPattern: pattern, priority: priority ?? 0,
                                           constraints: constraints ?? [:], description: description)
            return LivePolicy(id: id, environment: RemoteShapes.slug(environmentId), policy: policy, labels: labels ?? [:],
                              revision: revision ?? 0, createdAt: createdAt, updatedAt: updatedAt)
        }
    }

    struct ApiKey: Decodable {
        var id, name: String
        var environmentId: String?
        var role: Role
        var prefix: String?
        var labels: [String: String]?
        var revokedAt: Date?
        var revision: Int64?
        var createdAt, updatedAt: Date

        enum CodingKeys: String, CodingKey {
            case id, name, environmentId = "environment_id", role, prefix, labels, revokedAt = "revoked_at", revision
            case createdAt = "created_at", updatedAt = "updated_at"
        }

        var live: LiveApiKey {
            LiveApiKey(id: id, name: name, environment: environmentId.map(RemoteShapes.slug), role: role, prefix: prefix ?? "",
                       labels: labels ?? [:], revokedAt: revokedAt, revision: revision ?? 0, createdAt: createdAt, updatedAt: updatedAt)
        }
    }

    /// A key just issued: its metadata and its secret.
    struct IssuedKey: Decodable {
        var secret: String
    }

    struct Credential: Decodable {
        struct Grant: Decodable {
            var environmentId, agent: String
            enum CodingKeys: String, CodingKey { case environmentId = "environment_id", agent }
        }
        var id, name: String
        var environmentId: String?
        var type: CredentialType
        var grants: [Grant]?
        var labels: [String: String]?
        var revision: Int64?
        var createdAt, updatedAt: Date

        enum CodingKeys: String, CodingKey {
            case id, name, environmentId = "environment_id", type, grants, labels, revision, createdAt = "created_at", updatedAt = "updated_at"
        }

        var live: LiveCredential {
            let grants = (grants ?? []).map { AgentReference(environment: RemoteShapes.slug($0.environmentId), name: $0.agent) }
            return LiveCredential(id: id, name: name, environment: environmentId.map(RemoteShapes.slug), type: type,
                                  fingerprint: RemoteBackend.unknownFingerprint, grants: grants.sorted(), labels: labels ?? [:],
                                  revision: revision ?? 0, createdAt: createdAt, updatedAt: updatedAt)
        }
    }

    struct Settings: Decodable {
        struct Channel: Codable {
            var type, target: String
        }
        var mfaRequired: Bool?
        var defaultRole: Role?
        var notificationChannels: [Channel]?
        var prune: Bool?
        var revision: Int64?
        var updatedAt: Date?

        enum CodingKeys: String, CodingKey {
            case mfaRequired = "mfa_required", defaultRole = "default_role", notificationChannels = "notification_channels", prune
            case revision, updatedAt = "updated_at"
        }

        var live: LiveSettings {
            let spec = SettingsSpec(mfaRequired: mfaRequired ?? false, defaultRole: defaultRole ?? .viewer,
                                    notificationChannels: (notificationChannels ?? []).map { NotificationChannel(type: $0.type, target: $0.target) },
                                    prune: prune ?? false)
            return LiveSettings(settings: spec, revision: revision ?? 0, updatedAt: updatedAt ?? Date(timeIntervalSince1970: 0))
        }
    }

    /// `GET /state`: everything in one read, with the tenant revision.
    struct State: Decodable {
        var revision: Int64
        var environments: [Environment]
        var agents: [Agent]
        var policies: [Policy]
        var apiKeys: [ApiKey]
        var credentials: [Credential]
        var settings: Settings

        enum CodingKeys: String, CodingKey { case revision, environments, agents, policies, apiKeys = "api_keys", credentials, settings }
    }
}
