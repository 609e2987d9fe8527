/// A position in a file, 1-based, as libyaml reports it.
public struct YAMLMark: Hashable, Sendable, Comparable {
    public var line: Int
    public var column: Int

    /// Creates a mark at a 1-based line and column.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: YAMLMark, b: YAMLMark) -> Bool { (a.line, a.column) < (b.line, b.column) }
}

/// A file plus a position in it; every diagnostic carries one.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// The location of `mark` in `file`.
    public init(file: String, mark: YAMLMark) {
        self.init(file: file, line: mark.line, column: mark.column)
    }

    /// `file:line:col`.
    public var description: String { "\(file):\(line):\(column)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// How a scalar was written.
public enum ScalarStyle: Hashable, Sendable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

/// A scalar's value under the YAML 1.2 core schema (`no` is a string; only `true`/`false` are bools).
public enum ScalarValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
}

/// A scalar as written and as resolved.
public struct YAMLScalar: Hashable, Sendable {
    /// The scalar's text after YAML unescaping and folding.
    public var text: String
    public var style: ScalarStyle
    /// The core-schema value: quoted and block scalars are always strings.
    public var value: ScalarValue

    /// Creates a scalar.
    public init(text: String, style: ScalarStyle, value: ScalarValue) {
        self.text = text
        self.style = style
        self.value = value
    }
}

/// One `key: value` pair of a mapping; keys are always scalars in govctl's YAML.
public struct YAMLEntry: Sendable {
    public var key: String
    public var keyMark: YAMLMark
    public var value: YAMLNode

    /// Creates an entry.
    public init(key: String, keyMark: YAMLMark, value: YAMLNode) {
        self.key = key
        self.keyMark = keyMark
        self.value = value
    }
}

/// What a node holds.
public enum YAMLContent: Sendable {
    case scalar(YAMLScalar)
    case sequence([YAMLNode])
    /// Entries in document order; keys are unique (duplicates are errors).
    case mapping([YAMLEntry])
}

/// A node of the tree with the position where it starts; alias uses share the anchored node's position.
public struct YAMLNode: Sendable {
    public var content: YAMLContent
    public var mark: YAMLMark

    /// Creates a node.
    public init(_ content: YAMLContent, at mark: YAMLMark) {
        self.content = content
        self.mark = mark
    }
}

/// One document of a file.
public struct YAMLDocument: Sendable {
    /// The path the document was read from, as it is shown to users.
    public var file: String
    /// Where the document starts.
    public var mark: YAMLMark
    /// Where the document ends (exclusive): every problem found in the document lies in `mark..<end`.
    public var end: YAMLMark
    public var root: YAMLNode

    /// Creates a document.
    public init(file: String, mark: YAMLMark, end: YAMLMark, root: YAMLNode) {
        self.file = file
        self.mark = mark
        self.end = end
        self.root = root
    }

    /// Whether `location` lies in this document.
    public func contains(_ location: SourceLocation) -> Bool {
        location.file == file && (mark..<end).contains(YAMLMark(line: location.line, column: location.column))
    }
}

/// A problem found while reading YAML: a stable kebab-case code, where, and what to do.
public struct YAMLError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Fatal (the file stops): `yaml-syntax`, `yaml-version` (when libyaml refuses the version), `alias-limit`,
    /// `max-depth`, `too-many-documents`, `too-many-nodes`, `file-too-large`, `invalid-utf8`, `read-error`.
    /// Collected (reading goes on): `duplicate-key`, `unsupported-tag`, `yaml-version`, `merge-key`,
    /// `non-scalar-key`, `ambiguous-number`, `invalid-value`. `YAMLWriter` alone throws `yaml-emit`.
    public var code: String
    public var location: SourceLocation
    public var message: String

    /// Creates an error.
    public init(code: String, location: SourceLocation, message: String) {
        self.code = code
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): \(message) [\(code)]" }
}

/// Bounds that keep a hostile file from costing more than a few milliseconds and megabytes.
public struct YAMLLimits: Sendable {
    /// Files larger than this are refused before they are read whole.
    public var maxFileBytes: Int = 4 * 1024 * 1024
    /// Deeper nesting fails at the opening bracket or indentation that crosses it.
    public var maxDepth: Int = 64
    public var maxDocumentsPerFile: Int = 10_000
    /// Nodes of one document, counting every alias expansion.
    public var maxNodesPerDocument: Int = 2_000_000
    /// Nodes that alias uses may add to one file in all, over every document: a budget per document would let
    /// ten thousand documents expand ten thousand times as far.
    public var maxAliasExpansion: Int = 100_000
    /// Nodes that alias uses may add to every file of one run in all (the caller carries the count from file to
    /// file), so many files within the per-file budget cannot add up to what one file may not.
    public var maxAliasExpansionPerRun: Int = 500_000

    /// The defaults above.
    public init() {}
}

/// What reading one file produced: the documents read, and every problem found.
///
/// Problems that leave the tree trustworthy (a duplicate key, an unsupported tag) are collected and
/// reading goes on; a syntax error or a broken limit stops the file. The document it stops in is dropped
/// whole, with the problems collected in it: only the fatal one is reported there.
public struct YAMLParseResult: Sendable {
    public var documents: [YAMLDocument]
    public var errors: [YAMLError]
    /// Nodes that alias uses added to this file's trees, to carry into the next file's `aliasNodesBefore`.
    public var aliasNodes: Int

    /// Creates a result.
    public init(documents: [YAMLDocument] = [], errors: [YAMLError] = [], aliasNodes: Int = 0) {
        self.documents = documents
        self.errors = errors
        self.aliasNodes = aliasNodes
    }
}
