import Governance

/// The order of application, stated here once and quoted by `apply --help` and docs/apply.md: the changes of one
/// wave are independent and may run side by side; waves run in this order.
///
/// Production-flag removals come first, so nothing later in the plan runs against a flag the plan drops;
/// environments before what lives in them; agents before the credentials whose grants name them; deletes after
/// every create and update, agents after the credentials that grant them, environments last.
public enum Wave: Int, CaseIterable, Comparable, Hashable, Sendable {
    case productionFlagRemovals
    case environments
    case agents
    /// Policies, keys, credentials and settings.
    case scopedCreatesAndUpdates
    /// Deletes of policies, keys and credentials.
    case scopedDeletes
    case agentDeletes
    case environmentDeletes

    /// The wave in words, as the help lists it.
    public var summary: String {
        switch self {
        case .productionFlagRemovals: "production-flag removals"
        case .environments: "environment creates and updates"
        case .agents: "agents"
        case .scopedCreatesAndUpdates: "policies, keys, credentials and settings"
        case .scopedDeletes: "scoped deletes"
        case .agentDeletes: "agent deletes"
        case .environmentDeletes: "environment deletes"
        }
    }

    /// Every wave in order, as one sentence: what help and docs quote.
    public static let order = allCases.map(\.summary).joined(separator: "; ")

    public static func < (a: Wave, b: Wave) -> Bool { a.rawValue < b.rawValue }
}

extension Change {
    /// The wave this change runs in.
    public var wave: Wave {
        switch (address.kind, action) {
        case (.environment, .update) where needs.contains(.owner): .productionFlagRemovals
        case (.environment, .create), (.environment, .update): .environments
        case (.agent, .create), (.agent, .update): .agents
        case (_, .create), (_, .update): .scopedCreatesAndUpdates
        case (.credential, .delete), (.apikey, .delete), (.policy, .delete), (.settings, .delete): .scopedDeletes
        case (.agent, .delete): .agentDeletes
        case (.environment, .delete): .environmentDeletes
        }
    }
}
