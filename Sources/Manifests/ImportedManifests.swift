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

    /// How much one imported document and file may hold, so every file stays well inside what the reader accepts
    /// (`YAMLLimits`: 4 MiB and 10,000 documents a file) and small enough to review.
    public struct Limits: Sendable {
        /// An environment with more policies than this gets them from policy sets of at most this many.
        public var policiesPerDocument = 1_000
        /// Documents in one file; more go on to `<name>.part-2.yaml` and so on.
        public var documentsPerFile = 1_000

        /// The defaults above.
        public init() {}
    }

    /// `policy-sets/<name>.yaml` for each shared policy set, then `environments/<slug>.yaml` for each environment
    /// (continued in `<slug>.part-N.yaml` and, for too many policies of its own, `policy-sets/<slug>.part-N.yaml`),
    /// then `tenant.yaml` when the whole tenant is imported.
    public let files: [File]
    /// The variables to set before applying, sorted by name.
    public let variables: [Variable]
    /// What live holds that the manifests cannot express, each with why; left out of the files.
    public let skipped: [String]
    /// The mirrors and shared policy sets recognised among the imported environments, and what was written inline.
    public let structure: ImportStructure

    /// The first line of every file: editors validate against the manifest schema as you type.
    ///
    /// The schema ships in the repository (`schemas/manifest.schema.json`); imported files live in the user's own
    /// repository, so they name it by URL: the raw file on the main branch of govctl/govctl, the repository the
    /// README and the setup action install from. A fork or a pinned release changes `main` to its own ref.
    public static let schemaComment =
        "# yaml-language-server: $schema=https://raw.githubusercontent.com/govctl/govctl/main/schemas/manifest.schema.json"

    /// Builds the manifests of `live`; `environments` limits them to those slugs (and then leaves out tenant-wide
    /// resources and settings, which belong to no environment).
    public init(live: LiveState, environments: Set<String>? = nil, limits: Limits = Limits()) throws(YAMLError) {
        let chosen = live.environments.filter { environments?.contains($0.slug) ?? true }
        let names = ImportVariableNames.names(for: live.credentials.map { .init(environment: $0.environment, name: $0.name) })
        var builder = ImportDocuments(variableNames: names)
        let structure = ImportStructure(environments: chosen, policies: live.policies, perDocument: limits.policiesPerDocument)
        var files = try structure.sharedFiles.map(Self.file)
        for env in chosen {
            files += try (structure.ownFiles[env.slug] ?? []).map(Self.file)
            let environment = builder.environment(env, structure.layouts[env.slug] ?? .init())
            let documents = [environment]
                + live.agents.filter { $0.environment == env.slug }.map { builder.agent($0) }
                + live.apiKeys.filter { $0.environment == env.slug }.compactMap { builder.apiKey($0) }
                + live.credentials.filter { $0.environment == env.slug }.map { builder.credential($0) }
            files += try Self.files("environments/\(env.slug)", documents, about: "environment \(env.slug)", limits: limits)
        }
        if environments == nil {
            let documents = live.apiKeys.filter { $0.environment == nil }.compactMap { builder.apiKey($0) }
                + live.credentials.filter { $0.environment == nil }.map { builder.credential($0) }
                + [builder.settings(live.settings.settings)]
            files += try Self.files("tenant", documents, about: "tenant-wide keys, credentials and settings", limits: limits)
        }
        self.files = files
        self.structure = structure
        variables = builder.variables.sorted { $0.name < $1.name }
        skipped = builder.skipped
    }

    /// `documents` as `<stem>.yaml`, continued in `<stem>.part-2.yaml`…; a dot never occurs in a slug, so no
    /// continuation can be mistaken for another environment's file.
    private static func files(_ stem: String, _ documents: [YAMLOutput], about what: String,
                              limits: Limits) throws(YAMLError) -> [File] {
        let parts = chunks(documents, of: limits.documentsPerFile)
        var out: [File] = []
        for (index, part) in parts.enumerated() {
            let path = index == 0 ? "\(stem).yaml" : "\(stem).part-\(index + 1).yaml"
            let about = parts.count == 1 ? what : "\(what), part \(index + 1) of \(parts.count)"
            out.append(File(path: path, text: try text(part, about: about)))
        }
        return out
    }

    /// A policy set's own file.
    private static func file(_ set: ImportStructure.SetFile) throws(YAMLError) -> File {
        File(path: set.path, text: try text([ImportDocuments.policySet(set.name, policies: set.policies)], about: set.about))
    }

    /// A file's text: the schema line, a note that it was imported, then the documents.
    static func text(_ documents: [YAMLOutput], about what: String) throws(YAMLError) -> String {
        Self.schemaComment + "\n# Imported from the live state by `govctl import` (\(what)); review it, then commit.\n"
            + (try YAMLWriter.string(fromDocuments: documents))
    }
}
