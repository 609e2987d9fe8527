import Governance
import Testing

@Suite("Role: the vendor's permission matrix")
struct RoleTests {
    /// The matrix as the vendor documents it: permission → roles allowed.
    static let matrix: [Role.Permission: Set<Role>] = [
        .read: [.owner, .manager, .member, .viewer],
        .runSimulation: [.owner, .manager, .member],
        .changeConfiguration: [.owner, .manager],
        .manageKeys: [.owner, .manager],
        .removeProductionFlag: [.owner],
    ]

    @Test("every role and permission matches the matrix", arguments: Role.allCases)
    func matrix(_ role: Role) {
        for permission in Role.Permission.allCases {
            let expected = Self.matrix[permission]?.contains(role) ?? false
            #expect(role.allows(permission) == expected, "\(role) \(permission)")
        }
    }

    @Test("broader roles sort first")
    func order() {
        #expect(Role.allCases.sorted() == [.owner, .manager, .member, .viewer])
        #expect(Role.owner < Role.viewer)
        #expect(!(Role.member < Role.manager))
    }
}
