import Crypto
import Foundation
import Governance
import Testing
@testable import ControlPlane

/// A clock tests can move.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date(timeIntervalSince1970: 1_790_000_000)

    var now: Date { lock.withLock { current } }

    func advance(days: Double) { lock.withLock { current += days * 86_400 } }
}

/// A fresh store in its own temporary directory.
struct Fixture {
    let directory: URL
    let clock = TestClock()
    let plane: ControlPlane
    let masterKey: SymmetricKey?

    init(masterKey: SymmetricKey? = SymmetricKey(size: .bits256)) throws {
        self.masterKey = masterKey
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("cp-\(UUID().uuidString)")
        let clock = self.clock
        plane = try ControlPlane(.init(path: directory.appendingPathComponent("state.db").path, masterKey: masterKey,
                                       clock: { clock.now }))
    }

    var path: String { directory.appendingPathComponent("state.db").path }

    /// Every byte the store has on disk: the database and its write-ahead log.
    func rawBytes() throws -> Data {
        var out = Data()
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            out.append(try Data(contentsOf: directory.appendingPathComponent(name)))
        }
        return out
    }
}

extension Principal {
    static func key(_ role: Role, _ slug: String? = nil) -> Principal {
        Principal(role: role, scope: slug.map(Scope.environment) ?? .tenant, name: "mk_test0")
    }
}

/// Asserts that `body` fails with a `ControlPlaneError` of `code`.
func expectCode<T>(_ code: ControlPlaneError.Code, sourceLocation: SourceLocation = #_sourceLocation,
                   _ body: () async throws -> T) async {
    do {
        _ = try await body()
        Issue.record("expected \(code.rawValue), but the call succeeded", sourceLocation: sourceLocation)
    } catch let error as ControlPlaneError {
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected ControlPlaneError \(code.rawValue), got \(error)", sourceLocation: sourceLocation)
    }
}

extension ControlPlane {
    /// Creates an environment with defaults, as the CLI would.
    @discardableResult
    func env(_ slug: String, production: Bool = false) async throws -> LiveEnvironment {
        try await createEnvironment(slug: slug, EnvironmentFields(name: slug.capitalized, isProduction: production), as: .cli)
    }
}

func glob(_ name: String, _ pattern: String = "db.*", type: PolicyType = .deny) -> Policy {
    Policy(name: name, type: type, actionPattern: .glob(pattern), priority: 100)
}
