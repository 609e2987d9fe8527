import Governance
import Planning

/// Makes a plan: reads the live state once, fingerprints declared credential values, and runs the pure diff.
public struct Planner: Sendable {
    public let backend: any LiveBackend
    public let secrets: SecretResolver

    /// Creates a planner over `backend`, reading credential values through `secrets`.
    public init(backend: any LiveBackend, secrets: SecretResolver) {
        self.backend = backend
        self.secrets = secrets
    }

    /// A plan and the live state it was made against.
    public struct Result: Sendable {
        public let plan: Plan
        public let live: LiveState
        /// Live credentials the manifests declare whose value could not be read here, so it was not compared.
        public let uncomparedCredentials: [String]
    }

    /// Plans `desired` against the live state; `prune` and `environments` as the command line says.
    public func plan(_ desired: DesiredState, prune: Bool, environments: Set<String>?) async throws -> Result {
        let live = try await backend.snapshot()
        let liveFingerprints = Dictionary(live.credentials.map { (Address.credential($0.environment, $0.name), $0.fingerprint) },
                                          uniquingKeysWith: { a, _ in a })
        var changed: [Address: Bool] = [:]
        var uncompared: [String] = []
        for credential in desired.credentials {
            let address = Address.credential(credential.environment, credential.name)
            guard case .success(let value) = secrets.value(of: credential.valueFrom, for: address.description) else {
                if liveFingerprints[address] != nil, environments.map({ credential.environment.map($0.contains) ?? false }) ?? true {
                    uncompared.append(address.description)
                }
                continue
            }
            let fingerprint = try await backend.credentialFingerprint(of: value)
            changed[address] = liveFingerprints[address].map { $0 != fingerprint } ?? true
        }
        let options = DiffOptions(prune: prune || desired.settings?.prune == true, environments: environments,
                                  credentialValueChanged: changed)
        return Result(plan: diff(desired, live, options: options), live: live, uncomparedCredentials: uncompared.sorted())
    }
}
