/// The tags govctl accepts: the YAML core schema's and the non-specific `!`.
enum CoreTag {
    case none, nonSpecific, str, int, float, bool, null, seq, map
    /// Any other tag, kept as written for the error message.
    case unsupported(String)

    private static let prefix = "tag:yaml.org,2002:"

    /// Classifies a tag as libyaml resolved it (`!!str` arrives as `tag:yaml.org,2002:str`).
    init(_ tag: String?) {
        guard let tag else { self = .none; return }
        if tag == "!" { self = .nonSpecific; return }
        guard tag.hasPrefix(Self.prefix) else { self = .unsupported(tag); return }
        switch tag.dropFirst(Self.prefix.count) {
        case "str": self = .str
        case "int": self = .int
        case "float": self = .float
        case "bool": self = .bool
        case "null": self = .null
        case "seq": self = .seq
        case "map": self = .map
        default: self = .unsupported(tag)
        }
    }

    /// How a tag reads in a message: `!!python/object` rather than its resolved form.
    static func display(_ tag: String) -> String {
        Excerpt.of(tag.hasPrefix(prefix) ? "!!" + tag.dropFirst(prefix.count) : tag)
    }

    /// The message for a tag govctl refuses.
    static func unsupportedMessage(_ tag: String) -> String {
        "tag \(display(tag)) is not supported: manifests are plain data; only !!str, !!int, !!float, !!bool, !!null, !!seq and !!map are allowed"
    }
}
