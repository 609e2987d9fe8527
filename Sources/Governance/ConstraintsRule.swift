/// The rule for a policy's `constraints`: an object whose values nest at most `maxDepth` levels, the object itself
/// counted (`{amount: {max: 100}}` is 2).
///
/// Constraints are conditions on an action's parameters (amounts, recipients, hosts, time windows), a few levels
/// at most. The bound keeps every part of govctl that walks them (encoders, renderers, the evaluator) cheap:
/// JSON encoding pays the square of the depth for every value.
public enum ConstraintsRule {
    /// The deepest constraints may nest, the object itself counted.
    public static let maxDepth = 8

    /// Why `constraints` break the rule, or nil; never walks more than `maxDepth` levels down.
    public static func check(_ constraints: [String: JSONValue]) -> RuleViolation? {
        guard constraints.values.allSatisfy({ fits($0, below: maxDepth - 1) }) else {
            return RuleViolation(.invalidValue,
                                 message: "constraints nest more than \(maxDepth) levels deep; a constraint is a condition such as {amount: {max: 100}}, a few levels at most")
        }
        return nil
    }

    /// Whether `value` nests at most `levels` containers deep.
    private static func fits(_ value: JSONValue, below levels: Int) -> Bool {
        switch value {
        case .array(let items): levels > 0 && items.allSatisfy { fits($0, below: levels - 1) }
        case .object(let fields): levels > 0 && fields.values.allSatisfy { fits($0, below: levels - 1) }
        case .null, .bool, .int, .double, .string: true
        }
    }
}
