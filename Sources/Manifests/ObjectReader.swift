import YAMLNodes

/// A typed, strict view of one YAML mapping: reads fields by name and reports every key it does not know,
/// wrong types and missing required fields, each at the offending key or value.
struct ObjectReader {
    /// What the mapping is, as named in messages: "Environment spec", "policy".
    let object: String
    let file: String
    let sink: DiagnosticSink
    let mark: YAMLMark
    let entries: [YAMLEntry]
    /// Hide string values in messages: set for credentials, whose values may be secrets.
    let redacted: Bool
    /// The fields this object has; reads of any other key find nothing, so an unknown field is reported once.
    let known: [String]
    /// Known fields offered as "did you mean" for a misspelt key: saying they are missing too would repeat the error.
    let suggested: [String]

    /// Reads `node` as the mapping `object`; reports a non-mapping and every key outside `known`.
    /// `claim` may take an unknown key first (to report it as something more precise) by returning true.
    init?(_ node: YAMLNode, object: String, known: [String], file: String, sink: DiagnosticSink,
          redacted: Bool = false, claim: (YAMLEntry) -> Bool = { _ in false }) {
        guard case .mapping(let entries) = node.content else {
            sink.error(.typeMismatch, at: SourceLocation(file: file, mark: node.mark),
                       "\(object): expected a mapping, found \(NodeDescription.of(node, redacted: redacted))")
            return nil
        }
        self.object = object
        self.file = file
        self.sink = sink
        self.mark = node.mark
        self.entries = entries
        self.redacted = redacted
        self.known = known
        var suggested: [String] = []
        for entry in entries where !known.contains(entry.key) && !claim(entry) {
            let nearest = EditDistance.nearest(to: entry.key, in: known)
            if let nearest { suggested.append(nearest) }
            sink.error(.unknownField, at: SourceLocation(file: file, mark: entry.keyMark),
                       "unknown field '\(NodeDescription.shortened(entry.key))' in \(object)" + (nearest.map { "; did you mean '\($0)'?" } ?? ""))
        }
        self.suggested = suggested
    }

    /// Where the mapping starts.
    var location: SourceLocation { SourceLocation(file: file, mark: mark) }

    /// `mark` in this reader's file.
    func location(_ mark: YAMLMark) -> SourceLocation { SourceLocation(file: file, mark: mark) }

    /// The entry for `key`, unless absent or null (a null value counts as not written).
    func entry(_ key: String) -> YAMLEntry? {
        guard known.contains(key), let found = entries.first(where: { $0.key == key }) else { return nil }
        if case .scalar(let s) = found.value.content, s.value == .null { return nil }
        return found
    }

    /// Whether `key` is written at all, even as null.
    func isWritten(_ key: String) -> Bool { known.contains(key) && entries.contains { $0.key == key } }

    /// Reports that the required `key` is missing, at the key when it is written as null, else at the mapping.
    func reportMissing(_ key: String) {
        guard !suggested.contains(key) else { return }
        let at = entries.first(where: { $0.key == key })?.keyMark ?? mark
        sink.error(.missingField, at: location(at), "\(object) is missing the required field '\(key)'")
    }

    /// Reports that `entry` holds the wrong kind of value.
    func reportMismatch(_ entry: YAMLEntry, expected: NodeDescription.Expected) {
        reportMismatch(field: entry.key, node: entry.value, expected: expected)
    }

    /// Reports that `node` (the value of `field`, or an item of it) holds the wrong kind of value.
    func reportMismatch(field: String, node: YAMLNode, expected: NodeDescription.Expected) {
        let found = NodeDescription.of(node, redacted: redacted)
        let hint = redacted ? "" : NodeDescription.hint(for: node, expecting: expected)
        sink.error(.typeMismatch, at: location(node.mark),
                   "field '\(field)' of \(object): expected \(expected.words), found \(found)\(hint)")
    }

    /// The string value of `key`; reports a missing required field or a non-string.
    func string(_ key: String, required: Bool = false) -> Located<String>? {
        guard let entry = entry(key) else {
            if required { reportMissing(key) }
            return nil
        }
        guard let text = Self.string(of: entry.value) else {
            reportMismatch(entry, expected: .string)
            return nil
        }
        return Located(value: text, location: location(entry.value.mark))
    }

    /// The text of a string scalar, or nil for anything else.
    static func string(of node: YAMLNode) -> String? {
        if case .scalar(let s) = node.content, case .string(let text) = s.value { return text }
        return nil
    }

    /// The boolean value of `key`, or nil when absent or wrong.
    func bool(_ key: String) -> Bool? {
        guard let entry = entry(key) else { return nil }
        if case .scalar(let s) = entry.value.content, case .bool(let b) = s.value { return b }
        reportMismatch(entry, expected: .bool)
        return nil
    }

    /// The integer value of `key`, or nil when absent or wrong.
    func int(_ key: String) -> Int? {
        guard let entry = entry(key) else { return nil }
        if case .scalar(let s) = entry.value.content, case .int(let i) = s.value { return i }
        reportMismatch(entry, expected: .int)
        return nil
    }

    /// One of `E`'s cases by raw value; reports a non-string or a value outside the allowed list.
    func choice<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type, required: Bool = false) -> Located<E>?
    where E.RawValue == String {
        guard let text = string(key, required: required) else { return nil }
        if let value = E(rawValue: text.value) { return Located(value: value, location: text.location) }
        let allowed = E.allCases.map(\.rawValue)
        let found = redacted ? "another value (not shown, as it may be a secret)" : "'\(NodeDescription.shortened(text.value))'"
        sink.error(.invalidValue, at: text.location,
                   "field '\(key)' of \(object) must be one of \(allowed.joined(separator: ", ")), found \(found)\(EditDistance.hint(for: text.value, in: allowed))")
        return nil
    }

    /// The items of the list `key`, or nil when absent; reports a non-list.
    func list(_ key: String, required: Bool = false) -> [YAMLNode]? {
        guard let entry = entry(key) else {
            if required { reportMissing(key) }
            return nil
        }
        guard case .sequence(let items) = entry.value.content else {
            reportMismatch(entry, expected: .list)
            return nil
        }
        return items
    }

    /// A list of strings, each with its location; reports items that are not strings.
    func strings(_ key: String) -> [Located<String>] {
        guard let items = list(key) else { return [] }
        var out: [Located<String>] = []
        out.reserveCapacity(items.count)
        for item in items {
            if let text = Self.string(of: item) {
                out.append(Located(value: text, location: location(item.mark)))
            } else {
                reportMismatch(field: key, node: item, expected: .string)
            }
        }
        return out
    }

    /// The mapping `key` as its own reader, with its own known fields.
    func nested(_ key: String, object: String, known: [String], required: Bool = false,
                claim: (YAMLEntry) -> Bool = { _ in false }) -> ObjectReader? {
        guard let entry = entry(key) else {
            if required { reportMissing(key) }
            return nil
        }
        return ObjectReader(entry.value, object: object, known: known, file: file, sink: sink, redacted: redacted, claim: claim)
    }

    /// A reader over another node of the same file.
    func reader(for node: YAMLNode, object: String, known: [String],
                claim: (YAMLEntry) -> Bool = { _ in false }) -> ObjectReader? {
        ObjectReader(node, object: object, known: known, file: file, sink: sink, redacted: redacted, claim: claim)
    }

    /// A string-to-string map such as `labels`; keys must be non-empty and values strings.
    func stringMap(_ key: String) -> [String: String] {
        guard let entry = entry(key) else { return [:] }
        guard case .mapping(let pairs) = entry.value.content else {
            reportMismatch(entry, expected: .mapping)
            return [:]
        }
        var out: [String: String] = [:]
        for pair in pairs {
            if pair.key.isEmpty {
                sink.error(.invalidValue, at: location(pair.keyMark), "a key of '\(key)' in \(object) is empty")
            } else if let text = Self.string(of: pair.value) {
                out[pair.key] = text
            } else {
                reportMismatch(field: "\(key).\(pair.key)", node: pair.value, expected: .string)
            }
        }
        return out
    }
}
