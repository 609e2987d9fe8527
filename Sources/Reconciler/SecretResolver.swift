import Foundation
import Governance

/// Reads credential values from where the manifests say they come from: an environment variable, or a file
/// relative to the manifest that names it. The values stay in memory only as long as a plan or apply needs them.
public struct SecretResolver: Sendable {
    /// Why a value could not be read; never includes the value.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    let environment: [String: String]
    /// The directory a credential's manifest lives in, by credential address, for relative `file:` sources.
    let baseDirectories: [String: String]

    /// Creates a resolver over the process environment (or `environment`, for tests).
    public init(environment: [String: String] = ProcessInfo.processInfo.environment, baseDirectories: [String: String] = [:]) {
        self.environment = environment
        self.baseDirectories = baseDirectories
    }

    /// The value of `source` for the credential at `address`.
    public func value(of source: SecretSource, for address: String) -> Result<String, Failure> {
        switch source {
        case .env(let name):
            guard let value = environment[name], !value.isEmpty else {
                return .failure(Failure(description: "environment variable \(name) is not set"))
            }
            return .success(value)
        case .file(let path):
            let full = path.hasPrefix("/") ? path : (baseDirectories[address].map { $0 + "/" } ?? "") + path
            guard let data = FileManager.default.contents(atPath: full) else {
                guard !path.hasPrefix("/"), baseDirectories[address] == nil else {
                    return .failure(Failure(description: "file \(full) cannot be read"))
                }
                // Only the manifests say where a relative file is; a saved plan applied alone does not carry them.
                return .failure(Failure(description: "file \(full) cannot be read from the current directory, and no manifest says what it is "
                                            + "relative to: with `apply --plan FILE`, give the manifests' paths too (`govctl apply DIR --plan FILE`)"))
            }
            var text = String(decoding: data, as: UTF8.self)
            // Files written by editors and `echo` end in a newline that is not part of the secret.
            while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
            return text.isEmpty ? .failure(Failure(description: "file \(full) is empty")) : .success(text)
        }
    }
}
