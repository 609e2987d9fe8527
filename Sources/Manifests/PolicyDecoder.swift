import Governance
import YAMLNodes

/// Decodes policy lists wherever they appear: policy sets, environments, strategy tiers, regions and teams.
final class PolicyDecoder {
    static let fields = ["name", "type", "actionPattern", "priority", "constraints", "description"]

    /// Parsed regular expressions by text: many policies may share one, and compiling it is costly.
    /// Globs are cheap to check and not kept: caching a hundred thousand distinct ones costs more than it saves.
    private var expressions: [String: Result<ActionPattern, RuleViolation>] = [:]

    /// Decodes the list under `key` of `reader`; `owner` names where it is ("PolicySet 'baseline'").
    /// Returns the policies that decoded whole, and whether any failed.
    func policies(_ reader: ObjectReader, key: String = "policies", owner: String, required: Bool = false) -> (policies: [PolicyDecl], broken: Bool) {
        let before = reader.sink.errorCount
        guard let items = reader.list(key, required: required) else { return ([], reader.sink.errorCount > before) }
        var out: [PolicyDecl] = []
        out.reserveCapacity(items.count)
        for item in items {
            if let decl = policy(item, owner: owner, reader: reader) { out.append(decl) }
        }
        return (out, reader.sink.errorCount > before)
    }

    private func policy(_ node: YAMLNode, owner: String, reader parent: ObjectReader) -> PolicyDecl? {
        let before = parent.sink.errorCount
        let object = Self.peekName(node).map { "policy '\(NodeDescription.shortened($0))' of \(owner)" } ?? "policy of \(owner)"
        guard let reader = parent.reader(for: node, object: object, known: Self.fields) else { return nil }
        let name = reader.string("name", required: true)
        if let name, let violation = NameRule.check(name.value, what: "policy") {
            reader.sink.error(violation, at: name.location)
        }
        let type = reader.choice("type", PolicyType.self, required: true)
        let pattern = reader.string("actionPattern", required: true).flatMap { parsePattern($0, sink: reader.sink) }
        let priority = reader.int("priority") ?? 0
        let constraints = self.constraints(reader)
        let description = reader.string("description")?.value
        guard parent.sink.errorCount == before, let name, let type, let pattern else { return nil }
        let policy = Policy(name: name.value, type: type.value, actionPattern: pattern, priority: priority,
                            constraints: constraints, description: description)
        return PolicyDecl(policy: policy, location: name.location)
    }

    private func parsePattern(_ text: Located<String>, sink: DiagnosticSink) -> ActionPattern? {
        let result: Result<ActionPattern, RuleViolation>
        if let cached = expressions[text.value] {
            result = cached
        } else {
            do {
                result = .success(try ActionPattern(parsing: text.value))
            } catch {
                result = .failure(error)
            }
            if text.value.hasPrefix(ActionPattern.regexPrefix) { expressions[text.value] = result }
        }
        switch result {
        case .success(let pattern): return pattern
        case .failure(let violation):
            sink.error(violation, at: text.location)
            return nil
        }
    }

    private func constraints(_ reader: ObjectReader) -> [String: JSONValue] {
        guard let entry = reader.entry("constraints") else { return [:] }
        guard case .mapping(let pairs) = entry.value.content else {
            reader.reportMismatch(entry, expected: .object)
            return [:]
        }
        var out: [String: JSONValue] = [:]
        var refused: Set<YAMLMark> = []
        for pair in pairs { out[pair.key] = Self.json(pair.value, reader: reader, refused: &refused) }
        if let violation = ConstraintsRule.check(out) {
            reader.sink.error(violation, at: reader.location(entry.keyMark))
        }
        return out
    }

    /// Any YAML value as JSON; the YAML layer already bounds its depth. A number JSON cannot hold (`.nan`, `.inf`,
    /// `1e400`) is an error, once per place however often an alias repeats it, rather than a null in the render.
    private static func json(_ node: YAMLNode, reader: ObjectReader, refused: inout Set<YAMLMark>) -> JSONValue {
        switch node.content {
        case .scalar(let s):
            switch s.value {
            case .null: return .null
            case .bool(let b): return .bool(b)
            case .int(let i): return .int(i)
            case .double(let d):
                if !d.isFinite, refused.insert(node.mark).inserted {
                    reader.sink.error(.invalidValue, at: reader.location(node.mark),
                                      "constraint value '\(NodeDescription.shortened(s.text))' is not a finite number, which JSON cannot hold; write a number within ±1.7e308, or quote it to keep it as a string")
                }
                return .double(d)
            case .string(let t): return .string(t)
            }
        case .sequence(let items): return .array(items.map { json($0, reader: reader, refused: &refused) })
        case .mapping(let pairs):
            var out: [String: JSONValue] = [:]
            for pair in pairs { out[pair.key] = json(pair.value, reader: reader, refused: &refused) }
            return .object(out)
        }
    }

    /// The `name` of a policy mapping, read ahead so every message about the policy can name it.
    static func peekName(_ node: YAMLNode) -> String? {
        guard case .mapping(let entries) = node.content, let entry = entries.first(where: { $0.key == "name" }) else { return nil }
        return ObjectReader.string(of: entry.value)
    }
}
