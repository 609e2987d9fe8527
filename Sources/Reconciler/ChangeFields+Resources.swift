import ControlPlane
import Governance
import Planning

/// The service's values built from a change's `after` fields, one per kind of resource.
extension ChangeFields {
    /// An environment's fields; `labels` decides what the declared labels become (stamped on create, kept on update).
    func environment(labels: ([String: String]) -> [String: String]) throws -> EnvironmentFields {
        EnvironmentFields(name: try string("name"), description: try optionalString("description"), isProduction: try bool("production"),
                          enforcementMode: try choice("enforcementMode", EnforcementMode.self), labels: labels(try self.labels()))
    }

    /// An agent's fields, labels as for an environment.
    func agent(labels: ([String: String]) -> [String: String]) throws -> AgentFields {
        AgentFields(description: try optionalString("description"), missionScope: try optionalString("missionScope"),
                    status: try choice("status", AgentStatus.self), labels: labels(try self.labels()))
    }

    /// The policy, named by the change's address; its pattern is checked as the manifests check it.
    func policy() throws -> Policy {
        guard let name = address.name else { throw ApplyError.malformed(address, "it names no policy") }
        let pattern: ActionPattern
        do {
            pattern = try ActionPattern(parsing: try string("actionPattern"))
        } catch let violation as RuleViolation {
            throw ApplyError(code: violation.code, "\(address): \(violation.message)")
        }
        return Policy(name: name, type: try choice("type", PolicyType.self), actionPattern: pattern, priority: try int("priority"),
                      constraints: try object("constraints"), description: try optionalString("description"))
    }

    /// The tenant's settings.
    func settings() throws -> SettingsSpec {
        guard case .array(let items) = try json("notificationChannels") else {
            throw ApplyError.malformed(address, "notificationChannels is not a list")
        }
        let channels = try items.map { item -> NotificationChannel in
            guard case .object(let o) = item, case .string(let type)? = o["type"], case .string(let target)? = o["target"] else {
                throw ApplyError.malformed(address, "a notification channel lacks its type or target")
            }
            return NotificationChannel(type: type, target: target)
        }
        return SettingsSpec(mfaRequired: try bool("mfaRequired"), defaultRole: try choice("defaultRole", Role.self),
                            notificationChannels: channels, prune: try bool("prune"))
    }

    /// A credential's grants, written `environment/agent`.
    func grants() throws -> [AgentReference] {
        try strings("grants").map { text in
            guard let slash = text.firstIndex(of: "/") else { throw ApplyError.malformed(address, "grant '\(text)' is not environment/agent") }
            return AgentReference(environment: String(text[..<slash]), name: String(text[text.index(after: slash)...]))
        }
    }
}
