import ControlPlane
import Foundation

/// Where the remote API is: a checked base URL ending in `/api/v1`.
///
/// Keys travel in a header, so plain `http://` is accepted only to a loopback address unless the caller insists;
/// a URL that carries credentials or a query is refused, since URLs end up in logs.
public struct RemoteEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// The API's base URL without a trailing slash, such as `https://api.example.com/api/v1`.
    public let base: String

    /// Checks `text`; `allowInsecureHTTP` permits `http://` to a host that is not loopback.
    public init(_ text: String, allowInsecureHTTP: Bool = false) throws {
        func refuse(_ why: String) -> ControlPlaneError {
            ControlPlaneError(.invalidValue, resource: "", "--endpoint \(why)")
        }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty else {
            throw refuse("must be a URL such as https://api.example.com or http://127.0.0.1:8080")
        }
        guard components.user == nil, components.password == nil, components.query == nil, components.fragment == nil else {
            throw refuse("must not carry a user, password, query or fragment; the key comes from MITRITY_API_KEY or --api-key-file")
        }
        switch scheme {
        case "https": break
        case "http" where Self.isLoopback(host) || allowInsecureHTTP: break
        case "http":
            throw refuse("uses plain http to \(host), which would send the API key unencrypted; use https, or pass --insecure-http")
        default: throw refuse("must use https (or http to a loopback address)")
        }
        var path = components.path
        while path.hasSuffix("/") { path.removeLast() }
        if !path.hasSuffix("/api/v1") { path += "/api/v1" }
        var clean = components
        clean.scheme = scheme
        clean.path = path
        guard let string = clean.string else { throw refuse("could not be read as a URL") }
        base = string
    }

    /// Whether `host` names this machine: `localhost`, 127.0.0.0/8 or ::1.
    static func isLoopback(_ host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        return bare == "localhost" || bare == "::1" || bare.hasPrefix("127.")
    }

    /// The URL of `path` (relative to the base) with `query`, percent-encoded.
    func url(_ path: String, query: [(String, String)] = []) -> String {
        guard !query.isEmpty else { return base + path }
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+?#")
        let pairs = query.map { name, value in
            "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)"
        }
        return base + path + "?" + pairs.joined(separator: "&")
    }

    public var description: String { base }
}

/// An API key held so that it cannot leak by accident: every description shows only its non-secret prefix.
public struct RemoteAPIKey: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The secret, read only where the `Authorization` header is built.
    let secret: String

    /// Wraps `secret`; surrounding whitespace (a key file's newline) is dropped.
    public init(_ secret: String) throws {
        let trimmed = secret.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, !trimmed.contains(where: { $0.isWhitespace || $0.isNewline }) else {
            throw ControlPlaneError(.unauthorized, resource: "", "the API key is empty or holds whitespace; give the key alone")
        }
        self.secret = trimmed
    }

    /// The non-secret first 8 characters, which the API shows in lists and audit events.
    public var prefix: String { String(secret.prefix(8)) }

    /// The `Authorization` header's value.
    var authorization: String { "Bearer " + secret }

    public var description: String { "\(prefix)…(redacted)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["prefix": prefix]) }
}
