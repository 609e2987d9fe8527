/// One libyaml parser event as a Swift value, with the 1-based position where it starts.
public struct YAMLEvent: Hashable, Sendable {
    /// What happened, with the event's data.
    public enum Kind: Hashable, Sendable {
        case streamStart
        case streamEnd
        /// `implicit` is false when the document starts with `---`.
        case documentStart(implicit: Bool, version: YAMLVersionDirective?, tagDirectives: [YAMLTagDirective])
        /// `implicit` is false when the document ends with `...`.
        case documentEnd(implicit: Bool)
        case sequenceStart(YAMLCollectionStart)
        case sequenceEnd
        case mappingStart(YAMLCollectionStart)
        case mappingEnd
        case scalar(YAMLScalarEvent)
        case alias(anchor: String)
    }

    public var kind: Kind
    public var mark: YAMLMark

    /// Creates an event.
    public init(_ kind: Kind, at mark: YAMLMark) {
        self.kind = kind
        self.mark = mark
    }
}

/// A `%YAML major.minor` directive.
public struct YAMLVersionDirective: Hashable, Sendable {
    public var major: Int
    public var minor: Int

    /// Creates a version directive.
    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }
}

/// A `%TAG handle prefix` directive.
public struct YAMLTagDirective: Hashable, Sendable {
    public var handle: String
    public var prefix: String

    /// Creates a tag directive.
    public init(handle: String, prefix: String) {
        self.handle = handle
        self.prefix = prefix
    }
}

/// The data of a sequence or mapping start event.
public struct YAMLCollectionStart: Hashable, Sendable {
    public var anchor: String?
    /// The resolved tag (`tag:yaml.org,2002:map`, `!local`, `!`), or nil when none was written.
    public var tag: String?
    public var implicit: Bool
    /// True for `[...]` / `{...}`, false for block style.
    public var flow: Bool

    /// Creates collection start data.
    public init(anchor: String?, tag: String?, implicit: Bool, flow: Bool) {
        self.anchor = anchor
        self.tag = tag
        self.implicit = implicit
        self.flow = flow
    }
}

/// The data of a scalar event.
public struct YAMLScalarEvent: Hashable, Sendable {
    /// The scalar's text after unescaping and folding.
    public var value: String
    public var anchor: String?
    /// The resolved tag, or nil when none was written.
    public var tag: String?
    public var style: ScalarStyle
    /// True when the scalar is plain and untagged, so a schema resolves its type.
    public var plainImplicit: Bool
    /// True when the scalar is quoted or block and untagged.
    public var quotedImplicit: Bool

    /// Creates scalar data.
    public init(value: String, anchor: String?, tag: String?, style: ScalarStyle, plainImplicit: Bool, quotedImplicit: Bool) {
        self.value = value
        self.anchor = anchor
        self.tag = tag
        self.style = style
        self.plainImplicit = plainImplicit
        self.quotedImplicit = quotedImplicit
    }
}
