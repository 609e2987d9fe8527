import Governance
import YAMLNodes

/// Expands a `Strategy` document into the environments it generates, with the vendor's defaults and the
/// document's overrides; each generated environment is located at its tier, region or team entry.
struct StrategyExpander {
    /// The strategy types and the fields of their specs.
    enum Kind: String, CaseIterable {
        case threeTier = "three-tier"
        case regional
        case teamBased = "team-based"

        var fields: [String] {
            switch self {
            case .threeTier: ["type"] + StrategyExpander.tiers.map(\.slug)
            case .regional: ["type", "policySets", "regions"]
            case .teamBased: ["type", "policySets", "teams"]
            }
        }
    }

    /// A three-tier tier and its defaults.
    struct Tier {
        var slug: String
        var name: String
        var mode: EnforcementMode
        var production: Bool
        var mirror: String?
    }

    /// The vendor's three tiers: development monitors, staging alerts and mirrors production, production enforces.
    static let tiers = [
        Tier(slug: "development", name: "Development", mode: .monitor, production: false, mirror: nil),
        Tier(slug: "staging", name: "Staging", mode: .alert, production: false, mirror: "production"),
        Tier(slug: "production", name: "Production", mode: .enforce, production: true, mirror: nil),
    ]
    static let tierFields = ["name", "description", "enforcementMode", "policySets", "policies", "labels"]
    static let regionFields = ["slug", "name", "region", "description", "policySets", "policies"]
    static let teamFields = ["slug", "name", "team", "description", "enforcementMode", "policySets", "policies"]

    let document: ObjectReader
    let decoder: DocumentDecoder

    private var sink: DiagnosticSink { decoder.sink }

    /// Reads the strategy and adds every environment it generates to the decoder.
    func expand() {
        let meta = decoder.metadata(document, kind: "Strategy", fields: ["name"])
        let name = meta?.string("name", required: true)
        if let name {
            decoder.checkName(name, what: "strategy")
            // A second strategy of the same name is reported as a duplicate; expanding it too would add a
            // duplicate error for every environment it generates.
            let repeated = decoder.declarations.strategies.contains { $0.value == name.value }
            decoder.addStrategy(name)
            if repeated { return }
        }
        let labels = meta?.stringMap("labels") ?? [:]
        let strategy = name?.value ?? "?"
        let origin = EnvironmentOrigin.strategy(name: strategy, location: name?.location ?? document.location)
        guard let specEntry = document.entry("spec") else {
            document.reportMissing("spec")
            unexpanded(nil)
            return
        }
        let kind = Self.peekType(specEntry.value).flatMap(Kind.init(rawValue:))
        let known = kind?.fields ?? Array(Set(Kind.allCases.flatMap(\.fields))).sorted()
        // A field of another strategy type gets a message that says so, rather than a bare unknown-field.
        let otherType: (YAMLEntry) -> Bool = { [sink] entry in
            guard let kind, let owner = Kind.allCases.first(where: { $0.fields.contains(entry.key) }) else { return false }
            sink.error(.unknownField, at: document.location(entry.keyMark),
                       "unknown field '\(entry.key)' in spec of Strategy '\(strategy)': it belongs to type \(owner.rawValue), and this strategy is \(kind.rawValue)")
            return true
        }
        let misplaced = decoder.misplacedMetadata(in: "spec of Strategy '\(strategy)'", file: document.file)
        guard let spec = document.reader(for: specEntry.value, object: "spec of Strategy '\(strategy)'", known: known,
                                         claim: { otherType($0) || misplaced($0) }),
              let type = spec.choice("type", Kind.self, required: true) else {
            unexpanded(specEntry.value)
            return
        }
        let context = Context(spec: spec, strategy: strategy, origin: origin, labels: labels)
        switch type.value {
        case .threeTier: threeTier(context)
        case .regional: entries(context, key: "regions", label: "region", fields: Self.regionFields, production: true, mode: .enforce)
        case .teamBased: entries(context, key: "teams", label: "team", fields: Self.teamFields, production: false, mode: .alert)
        }
    }

    /// What every generated environment of one strategy shares.
    struct Context {
        var spec: ObjectReader
        var strategy: String
        var origin: EnvironmentOrigin
        var labels: [String: String]
    }

    private func threeTier(_ context: Context) {
        let fallback: SourceLocation = if case .strategy(_, let at) = context.origin { at } else { context.spec.location }
        for tier in Self.tiers {
            let before = sink.errorCount
            let entry = context.spec.entry(tier.slug)
            let location = entry.map { context.spec.location($0.keyMark) } ?? fallback
            let owner = "the '\(tier.slug)' tier of Strategy '\(context.strategy)'"
            let known = tier.mirror == nil ? Self.tierFields : Self.tierFields + ["mirror", "exclude"]
            let reader = entry.flatMap { context.spec.reader(for: $0.value, object: owner, known: known) }
            let fields = reader.map { EnvironmentFields($0, decoder: decoder, owner: owner, readsLabels: true) }
            var mirror = tier.mirror.map { Located(value: $0, location: location) }
            if let reader, reader.isWritten("mirror") {
                // `mirror: null` turns mirroring off on purpose; the best-practice warning then says why not to.
                mirror = reader.string("mirror")
            }
            decoder.add(EnvironmentDecl(
                slug: tier.slug, location: location, origin: context.origin,
                name: reader?.string("name")?.value ?? tier.name, description: fields?.description,
                production: tier.production, enforcementMode: fields?.mode?.value ?? tier.mode, modeLocation: fields?.mode?.location,
                labels: context.labels.merging(fields?.labels ?? [:]) { _, tierValue in tierValue },
                policySets: fields?.policySets ?? [], policies: fields?.policies ?? [],
                mirror: mirror, exclude: reader?.strings("exclude") ?? [],
                isThreeTierStaging: tier.mirror != nil,
                broken: sink.errorCount > before || (entry != nil && reader == nil)))
        }
    }

    /// Regions and teams: one environment per list entry, labelled with the entry's region or team.
    private func entries(_ context: Context, key: String, label: String, fields known: [String], production: Bool, mode: EnforcementMode) {
        let shared = context.spec.strings("policySets")
        guard let items = context.spec.list(key, required: true) else { return }
        if items.isEmpty, let entry = context.spec.entry(key) {
            sink.error(.invalidValue, at: context.spec.location(entry.value.mark),
                       "'\(key)' of Strategy '\(context.strategy)' is empty; list at least one \(label), or remove the strategy")
        }
        for item in items {
            let before = sink.errorCount
            let slugText = Self.peek("slug", in: item).map { " '\(NodeDescription.shortened($0))'" } ?? ""
            let owner = "\(label)\(slugText) of Strategy '\(context.strategy)'"
            guard let reader = context.spec.reader(for: item, object: owner, known: known) else { continue }
            let slug = reader.string("slug", required: true)
            if let slug { decoder.checkSlug(slug) }
            let name = reader.string("name", required: true)
            let value = reader.string(label, required: true)
            let fields = EnvironmentFields(reader, decoder: decoder, owner: owner)
            guard let slug else { continue }
            var labels = context.labels
            if let value { labels[label] = value.value }
            decoder.add(EnvironmentDecl(
                slug: slug.value, location: reader.location, origin: context.origin,
                name: name?.value ?? slug.value, description: fields.description,
                production: production, enforcementMode: fields.mode?.value ?? mode, modeLocation: fields.mode?.location,
                labels: labels, policySets: shared + fields.policySets, policies: fields.policies,
                mirror: nil, exclude: [], broken: sink.errorCount > before))
        }
    }

    /// Records what a strategy that cannot be expanded may have generated: the three tiers, and the slug of each
    /// region or team it lists, whichever type was meant.
    private func unexpanded(_ spec: YAMLNode?) {
        var slugs = Set(Self.tiers.map(\.slug))
        if let spec, case .mapping(let entries) = spec.content {
            for entry in entries where entry.key == "regions" || entry.key == "teams" {
                guard case .sequence(let items) = entry.value.content else { continue }
                slugs.formUnion(items.compactMap { Self.peek("slug", in: $0) })
            }
        }
        decoder.declarations.unexpandedSlugs.formUnion(slugs)
    }

    /// The `type` of a strategy spec, read ahead so the spec's known fields can depend on it.
    static func peekType(_ node: YAMLNode) -> String? { peek("type", in: node) }

    /// A string field of a mapping, read ahead of strict decoding.
    static func peek(_ key: String, in node: YAMLNode) -> String? {
        guard case .mapping(let entries) = node.content, let entry = entries.first(where: { $0.key == key }) else { return nil }
        return ObjectReader.string(of: entry.value)
    }
}
