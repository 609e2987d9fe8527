/// Gives a tagged scalar its value: core tags force or check the type, other tags are refused.
enum TaggedScalar {
    /// The value of `text` written with `tag`, and the problem to report when the pair does not fit.
    static func value(of text: String, tag: String, style: ScalarStyle) -> (value: ScalarValue, problem: (code: String, message: String)?) {
        let core = CoreTag(tag)
        switch core {
        case .none:
            return untagged(text, style: style)
        case .nonSpecific, .str:
            return (.string(text), nil)
        case .null, .bool, .int, .float:
            // An explicit type tag applies whatever the style: `!!int "12"` is the int 12.
            let resolution = ScalarResolver.resolve(plain: text)
            if let problem = resolution.problem { return (resolution.value, problem) }
            switch (core, resolution.value) {
            case (.null, .null), (.bool, .bool), (.int, .int), (.float, .double):
                return (resolution.value, nil)
            case let (.float, .int(int)):
                return (.double(Double(int)), nil)
            default:
                return (.string(text), ("invalid-value",
                                        "'\(Excerpt.of(text))' is not a valid \(CoreTag.display(tag)); write a matching value or remove the tag"))
            }
        case .seq, .map:
            return (.string(text), ("invalid-value", "tag \(CoreTag.display(tag)) cannot be used on a scalar"))
        case let .unsupported(name):
            // The value is still read as if untagged, so later checks see the best guess.
            return (untagged(text, style: style).value, ("unsupported-tag", CoreTag.unsupportedMessage(name)))
        }
    }

    private static func untagged(_ text: String, style: ScalarStyle) -> (value: ScalarValue, problem: (code: String, message: String)?) {
        guard style == .plain else { return (.string(text), nil) }
        let resolution = ScalarResolver.resolve(plain: text)
        return (resolution.value, resolution.problem)
    }
}
