import Governance
import YAMLNodes

/// Manifests written from a live state so an existing tenant can adopt govctl: planning them against the same
/// state shows no changes. Pure: the caller reads the state and writes the files.
public struct ImportedManifests: Sendable {
    /// One manifest file, its path relative to the output directory.
    public struct File: Hashable, Sendable {
        public let path: String
        public let text: String
    }

    /// An environment variable an imported credential reads its value from.
    public struct Variable: Hashable, Sendable {
        public let name: String
        /// The credential's address, such as `credential/production/crm-token`.
        public let credential: String
    }

    /// `environments/<slug>.yaml` for each environment, then `tenant.yaml` when the whole tenant is imported.
    public let files: [File]
    /// The variables to set before applying, sorted by name.
    public let variables: [Variable]
    /// What live holds that the manifests cannot express, each with why; left out of the files.
    public let skipped: [String]

    /// The first line of every file: editors validate against the manifest schema as you type.
    public static let schemaComment = "# yaml-language-server: $schema=https://govctl.dev/schemas/manifest.schema.json"

    /// Builds the manifests of `live`; `environments` limits them to those slugs (and then leaves out tenant-wide
    /// resources and settings, which belong to no environment).
    public init(live: LiveState, environments: Set<String>? = nil) throws(YAMLError) {
        let chosen = live.environments.filter { environments?.contains($0.slug) ?? true }
        let names = ImportVariableNames.names(for: live.credentials.map { .init(environment: $0.environment, name: $0.name) })
        var builder = ImportDocuments(variableNames: names)
        var files: [File] = []
        for env in chosen {
            let documents = [builder.environment(env, policies: live.policies.filter { $0.environment == env.slug })]
                + live.agents.filter { $0.environment == env.slug }.map { builder.agent($0) }
                + live.apiKeys.filter { $0.environment == env.slug }.compactMap { builder.apiKey($0) }
                + live.credentials.filter { $0.environment == env.slug }.map { builder.credential($0) }
            files.append(File(path: "environments/\(env.slug).yaml",
                              text: try Self.text(documents, about: "environment \(env.slug)")))
        }
        if environments == nil {
            let documents = live.apiKeys.filter { $0.environment == nil }.compactMap { builder.apiKey($0) }
                + live.credentials.filter { $0.environment == nil }.map { builder.credential($0) }
                + [builder.settings(live.settings.settings)]
            files.append(File(path: "tenant.yaml", text: try Self.text(documents, about: "tenant-wide keys, credentials and settings")))
        }
        self.files = files
        variables = builder.variables.sorted { $0.name < $1.name }
        skipped = builder.skipped
    }

    /// A file's text: the schema line, a note that it was imported, then the documents.
    static func text(_ documents: [YAMLOutput], about what: String) throws(YAMLError) -> String {
        Self.schemaComment + "\n# Imported from the live state by `govctl import` (\(what)); review it, then commit.\n"
            + (try YAMLWriter.string(fromDocuments: documents))
    }
}
