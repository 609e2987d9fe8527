import Governance
import YAMLNodes

/// Decodes manifest documents one at a time into declarations, reporting every problem it finds.
final class DocumentDecoder {
    /// The only `apiVersion` this release reads.
    static let apiVersion = "govctl/v1"
    /// The document kinds, in the order the reference lists them.
    static let kinds = ["Environment", "PolicySet", "Strategy", "Agent", "ApiKey", "Credential", "Settings"]
    static let topLevelFields = ["apiVersion", "kind", "metadata", "spec"]

    let sink: DiagnosticSink
    let policyDecoder = PolicyDecoder()
    var declarations = Declarations()
    /// Where every scalar of a credential's spec starts: a YAML error there must not echo the text, which may be a secret.
    var sensitiveLocations: Set<SourceLocation> = []

    /// Creates a decoder reporting into `sink`.
    init(sink: DiagnosticSink) {
        self.sink = sink
    }

    /// Decodes one document; an empty document (a stray `---`) is skipped. Returns false when the document has
    /// no known kind: nothing in it may then be quoted, as nothing tells whether it holds a secret.
    @discardableResult
    func decode(_ document: YAMLDocument) -> Bool {
        if case .scalar(let s) = document.root.content, s.value == .null { return true }
        guard let reader = ObjectReader(document.root, object: "manifest document", known: Self.topLevelFields,
                                        file: document.file, sink: sink) else { return false }
        if let version = reader.string("apiVersion", required: true), version.value != Self.apiVersion {
            sink.error(.invalidValue, at: version.location,
                       "apiVersion must be \(Self.apiVersion), found '\(NodeDescription.shortened(version.value))'")
        }
        guard let kind = reader.string("kind", required: true) else { return false }
        switch kind.value {
        case "Environment": environment(reader)
        case "PolicySet": policySet(reader)
        case "Strategy": StrategyExpander(document: reader, decoder: self).expand()
        case "Agent": agent(reader)
        case "ApiKey": apiKey(reader)
        case "Credential": credential(reader)
        case "Settings": settings(reader)
        default:
            let hint = EditDistance.hint(for: kind.value, in: Self.kinds)
            sink.error(.unknownKind, at: kind.location, "unknown kind '\(NodeDescription.shortened(kind.value))'"
                       + (hint.isEmpty ? "; kinds are \(Self.kinds.joined(separator: ", "))" : hint))
            return false
        }
        return true
    }

    /// Adds an environment, generated or declared.
    func add(_ environment: EnvironmentDecl) {
        declarations.environments.append(environment)
    }

    /// Adds a strategy's identity.
    func addStrategy(_ name: Located<String>) {
        declarations.strategies.append(name)
    }

    /// Reports a slug that breaks the vendor's rule.
    func checkSlug(_ slug: Located<String>) {
        if let violation = SlugRule.check(slug.value) { sink.error(violation, at: slug.location) }
    }

    /// Reports a name that breaks the naming rule.
    func checkName(_ name: Located<String>, what: String) {
        if let violation = NameRule.check(name.value, what: what) { sink.error(violation, at: name.location) }
    }

    /// Fields that identify or label a resource, and so live under `metadata`.
    static let metadataFields: Set<String> = ["slug", "name", "environment", "labels"]

    /// A claim for spec readers: a metadata field written under `spec` is a common slip, so the error says where it goes.
    func misplacedMetadata(in object: String, file: String) -> (YAMLEntry) -> Bool {
        { [sink] entry in
            guard Self.metadataFields.contains(entry.key) else { return false }
            sink.error(.unknownField, at: SourceLocation(file: file, mark: entry.keyMark),
                       "unknown field '\(entry.key)' in \(object): it belongs under metadata")
            return true
        }
    }

    /// Reads the required `metadata` with the kind's identity `fields`; `labels` is allowed on every kind that uses this.
    func metadata(_ document: ObjectReader, kind: String, fields: [String]) -> ObjectReader? {
        document.nested("metadata", object: "\(kind) metadata", known: fields + ["labels"], required: true)
    }

    private func environment(_ document: ObjectReader) {
        let before = sink.errorCount
        let meta = metadata(document, kind: "Environment", fields: ["slug"])
        let slug = meta?.string("slug", required: true)
        if let slug { checkSlug(slug) }
        let labels = meta?.stringMap("labels") ?? [:]
        let owner = "Environment '\(slug.map { NodeDescription.shortened($0.value) } ?? "?")'"
        guard let spec = document.nested("spec", object: "spec of \(owner)", known: EnvironmentFields.all, required: true,
                                         claim: misplacedMetadata(in: "spec of \(owner)", file: document.file)) else {
            if let slug { add(EnvironmentFields.placeholder(slug: slug)) }
            return
        }
        let fields = EnvironmentFields(spec, decoder: self, owner: owner)
        guard let slug else { return }
        let production = spec.bool("production") ?? false
        let name = spec.string("name", required: true)?.value ?? ""
        add(EnvironmentDecl(
            slug: slug.value, location: slug.location, origin: .document, name: name,
            description: fields.description, production: production,
            enforcementMode: fields.mode?.value ?? (production ? .enforce : .monitor), modeLocation: fields.mode?.location,
            labels: labels,
            policySets: fields.policySets, policies: fields.policies,
            mirror: spec.string("mirror"), exclude: spec.strings("exclude"),
            broken: sink.errorCount > before || fields.broken))
    }

    private func policySet(_ document: ObjectReader) {
        let before = sink.errorCount
        let meta = metadata(document, kind: "PolicySet", fields: ["name"])
        let name = meta?.string("name", required: true)
        if let name { checkName(name, what: "policy set") }
        _ = meta?.stringMap("labels")
        let owner = "PolicySet '\(name.map { NodeDescription.shortened($0.value) } ?? "?")'"
        let spec = document.nested("spec", object: "spec of \(owner)", known: ["description", "policies"], required: true,
                                   claim: misplacedMetadata(in: "spec of \(owner)", file: document.file))
        _ = spec?.string("description")
        let decoded = spec.map { policyDecoder.policies($0, owner: owner, required: true) } ?? (policies: [], broken: true)
        guard let name else { return }
        var seen: [String: SourceLocation] = [:]
        var unique: [PolicyDecl] = []
        for decl in decoded.policies {
            if let first = seen[decl.policy.name] {
                sink.error(.duplicatePolicy, at: decl.location,
                           "policy '\(decl.policy.name)' appears twice in \(owner): at \(first) and at \(decl.location)")
            } else {
                seen[decl.policy.name] = decl.location
                unique.append(decl)
            }
        }
        declarations.policySets.append(PolicySetDecl(name: name.value, location: name.location, policies: unique,
                                                     broken: decoded.broken || sink.errorCount > before))
    }
}
