import Foundation
import Governance

/// The documented JSON form of a drift report (`schemas/drift.schema.json`), made for alerting.
public struct DriftDocument: Encodable, Hashable, Sendable {
    /// Bumped on any change a consumer could notice.
    public static let currentFormatVersion = "2"

    public var formatVersion: String
    /// When the report was made, ISO 8601 in UTC.
    public var generatedAt: String
    public var inSync: Bool
    /// The classes that make the command fail (`--fail-on`), sorted.
    public var failOn: [String]
    /// True when an item is of a class in `failOn`: the command then exits 2.
    public var failed: Bool
    /// Items per class, every class present.
    public var counts: [String: Int]
    public var unchanged: Int
    public var items: [ItemDocument]
    /// Findings the drift ignore rules of Settings set aside, each with its rule.
    public var ignored: [ItemDocument]
    /// What is worth knowing and is not drift, such as an undeclared default environment.
    public var notes: [String]

    /// One difference; `rule` only on an ignored one.
    public struct ItemDocument: Codable, Hashable, Sendable {
        public var driftClass: String
        public var address: String
        public var environment: String?
        public var fields: [FieldDocument]
        /// Where `before` and `after` come from: `live` and `git`, or a mirror's and its source's slugs.
        public var sides: [String: String]
        public var message: String
        /// The ignore rule that set the finding aside.
        public var rule: RuleDocument?

        enum CodingKeys: String, CodingKey {
            case driftClass = "class", address, environment, fields, sides, message, rule
        }

        /// Writes an absent environment as `null` so every documented key is always present.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(driftClass, forKey: .driftClass)
            try c.encode(address, forKey: .address)
            try c.encode(environment, forKey: .environment)
            try c.encode(fields, forKey: .fields)
            try c.encode(sides, forKey: .sides)
            try c.encode(message, forKey: .message)
            try c.encodeIfPresent(rule, forKey: .rule)
        }
    }

    /// An ignore rule as the manifests wrote it.
    public struct RuleDocument: Codable, Hashable, Sendable {
        public var address: String
        public var classes: [String]
        public var fields: [String]
        public var reason: String
    }

    /// One field: `before` live, `after` git (or the mirrored source); a secret is the string `(sensitive)`.
    public struct FieldDocument: Codable, Hashable, Sendable {
        public var field: String
        public var before: JSONValue
        public var after: JSONValue
        public var sensitive: Bool
    }

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version", generatedAt = "generated_at", inSync = "in_sync", failOn = "fail_on", failed,
             counts, unchanged, items, ignored, notes
    }
}

extension DriftDocument {
    /// The document form of `report`, stamped with `generatedAt` (read from the clock by the caller).
    public init(_ report: DriftReport, generatedAt: Date) {
        formatVersion = Self.currentFormatVersion
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        self.generatedAt = formatter.string(from: generatedAt)
        inSync = report.isInSync
        failOn = report.failOn.sorted().map(\.rawValue)
        failed = report.failed
        counts = Dictionary(uniqueKeysWithValues: report.counts.map { ($0.key.rawValue, $0.value) })
        unchanged = report.unchanged
        items = report.items.map { ItemDocument($0) }
        ignored = report.ignored.map(ItemDocument.init)
        notes = report.notes
    }
}

extension DriftDocument.ItemDocument {
    /// The document form of a finding, with the rule when one set it aside.
    init(_ item: DriftItem, rule: DriftIgnoreRule? = nil) {
        driftClass = item.driftClass.rawValue
        address = item.address.description
        environment = item.address.environment
        fields = item.fields.map(DriftDocument.FieldDocument.init)
        sides = ["before": item.sides.before, "after": item.sides.after]
        message = item.message
        self.rule = rule.map(DriftDocument.RuleDocument.init)
    }

    /// The document form of an ignored finding.
    init(_ ignored: IgnoredFinding) {
        self.init(ignored.item, rule: ignored.rule)
    }

    /// The finding read back from a saved plan; nil when its class or address does not read back.
    func ignoredFinding() -> IgnoredFinding? {
        guard let driftClass = DriftClass(rawValue: driftClass), let address = Address(parsing: address), let rule,
              let ruleValue = rule.rule() else { return nil }
        let item = DriftItem(driftClass: driftClass, address: address, fields: fields.map(\.change),
                             sides: .init(before: sides["before"] ?? "live", after: sides["after"] ?? "git"), message: message)
        return IgnoredFinding(item: item, rule: ruleValue)
    }
}

extension DriftDocument.RuleDocument {
    init(_ rule: DriftIgnoreRule) {
        address = rule.address
        classes = rule.classes.map(\.rawValue)
        fields = rule.fields
        reason = rule.reason
    }

    func rule() -> DriftIgnoreRule? {
        let parsed = classes.compactMap(DriftClass.init(rawValue:))
        guard parsed.count == classes.count else { return nil }
        return DriftIgnoreRule(address: address, classes: parsed, fields: fields, reason: reason)
    }
}

extension DriftDocument.FieldDocument {
    init(_ change: FieldChange) {
        func plain(_ value: PlanValue) -> JSONValue {
            if case .value(let json) = value { return json }
            return .string(ValueText.text(value))
        }
        field = change.field
        before = plain(change.before)
        after = plain(change.after)
        sensitive = change.before.isSensitive || change.after.isSensitive
    }

    /// The field change read back; a secret reads back as sensitive, never as a value.
    var change: FieldChange {
        guard !sensitive else { return FieldChange(field: field, before: .sensitive, after: .sensitive) }
        return FieldChange(field: field, before: .value(before), after: .value(after))
    }
}

extension PlanValue {
    /// True for a secret, which is shown only as `(sensitive)`.
    var isSensitive: Bool {
        if case .value = self { return false }
        return true
    }
}

/// Renders a drift report as its JSON document, keys sorted so equal reports print equal bytes.
public struct DriftJSONRenderer: Sendable {
    /// Creates a renderer.
    public init() {}

    /// The report as pretty-printed JSON, ending with a newline.
    public func render(_ report: DriftReport, generatedAt: Date) throws -> String {
        try JSONRenderer.encode(DriftDocument(report, generatedAt: generatedAt)) + "\n"
    }
}
