import Hummingbird

/// Environment ids as the vendor shows them: `env_` followed by the slug.
enum EnvironmentId {
    static func format(_ slug: String) -> String { "env_" + slug }

    /// The slug in an `env_<slug>` id; `field` names where it came from when it is not one.
    static func slug(_ id: String, field: String) throws -> String {
        // Bytes, not characters: `env_` followed by a combining mark is still the prefix and a (bad) slug.
        guard id.utf8.starts(with: "env_".utf8), id.utf8.count > 4 else {
            throw APIError.invalidRequest("field '\(field)' must be an environment id such as 'env_staging'")
        }
        return String(Substring(id.utf8.dropFirst(4)))
    }

    /// The slug of an optional `env_<slug>` id.
    static func slug(_ id: String?, field: String) throws -> String? {
        try id.map { try slug($0, field: field) }
    }

    /// The `environment_id` query parameter, as a slug.
    static func query(_ request: Request) throws -> String? {
        try request.uri.queryParameters["environment_id"].map { try slug(String($0), field: "environment_id") }
    }
}

/// The `{id}` path parameter.
extension APIContext {
    func pathId() throws -> String {
        guard let id = parameters.get("id") else { throw APIError.invalidRequest("the path needs a resource id") }
        return id
    }
}
