import Foundation
import Governance

/// The documented JSON form of a drift report (`schemas/drift.schema.json`), made for alerting.
public struct DriftDocument: Encodable, Hashable, Sendable {
    /// Bumped on any change a consumer could notice.
    public static let currentFormatVersion = "1"

    public var formatVersion: String
    /// When the report was made, ISO 8601 in UTC.
    public var generatedAt: String
    public var inSync: Bool
    /// Items per class, every class present.
    public var counts: [String: Int]
    public var unchanged: Int
    public var items: [ItemDocument]

    /// One difference.
    public struct ItemDocument: Encodable, Hashable, Sendable {
        public var driftClass: String
        public var address: String
        public var environment: String?
        public var fields: [FieldDocument]
        /// Where `before` and `after` come from: `live` and `git`, or a mirror's and its source's slugs.
        public var sides: [String: String]
        public var message: String

        enum CodingKeys: String, CodingKey {
            case driftClass = "class", address, environment, fields, sides, message
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
        }
    }

    /// One field: `before` live, `after` git (or the mirrored source); a secret is the string `(sensitive)`.
    public struct FieldDocument: Encodable, Hashable, Sendable {
        public var field: String
        public var before: JSONValue
        public var after: JSONValue
        public var sensitive: Bool
    }

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version", generatedAt = "generated_at", inSync = "in_sync", counts, unchanged, items
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
        counts = Dictionary(uniqueKeysWithValues: report.counts.map { ($0.key.rawValue, $0.value) })
        unchanged = report.unchanged
        items = report.items.map { item in
            ItemDocument(driftClass: item.driftClass.rawValue, address: item.address.description,
                         environment: item.address.environment, fields: item.fields.map(FieldDocument.init),
                         sides: ["before": item.sides.before, "after": item.sides.after], message: item.message)
        }
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
