/// The vendor's four roles, broadest first.
public enum Role: String, CaseIterable, Hashable, Sendable, Codable, Comparable {
    case owner, manager, member, viewer

    /// Something a principal may want to do; the permission matrix maps roles to them.
    public enum Permission: Hashable, Sendable, CaseIterable {
        case read
        case runSimulation
        case changeConfiguration
        case removeProductionFlag
        case manageKeys
    }

    /// The role of a key issued without one: the least privilege with which the vendor's documented flow works
    /// (a staging key that creates staging's policies). The issuer's own role still bounds it.
    public static let newKeyDefault: Role = .manager

    /// Whether this role may do `permission` (the vendor's matrix).
    public func allows(_ permission: Permission) -> Bool {
        switch permission {
        case .read: true
        case .runSimulation: self <= .member
        case .changeConfiguration, .manageKeys: self <= .manager
        case .removeProductionFlag: self == .owner
        }
    }

    private var rank: Int {
        switch self {
        case .owner: 0
        case .manager: 1
        case .member: 2
        case .viewer: 3
        }
    }

    /// Broader roles sort first: `.owner < .viewer`.
    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }
}
