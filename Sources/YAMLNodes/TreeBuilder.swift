/// Builds node trees from libyaml events and enforces govctl's strictness and limits on the way.
///
/// Finished nodes wait on one flat stack until their collection ends, so building costs one array
/// slice per collection and no allocation per scalar beyond its string.
struct TreeBuilder {
    /// A broken limit or a syntax error: the file stops here.
    struct Stop: Error {
        var error: YAMLError
    }

    private struct Frame {
        var isMapping: Bool
        var mark: YAMLMark
        var anchor: String?
        var tag: CoreTag
        /// Where this collection's children start on `pending`.
        var base: Int
        var nodesAtStart: Int
        /// Pairs (by index) whose key was refused, so they are left out of the mapping.
        var refusedPairs: [Int] = []
    }

    private struct Anchored {
        var node: YAMLNode
        var nodeCount: Int
    }

    let file: String
    let limits: YAMLLimits
    private(set) var documents: [YAMLDocument] = []
    private(set) var errors: [YAMLError] = []

    private var pending: [YAMLNode] = []
    private var frames: [Frame] = []
    private var anchors: [String: Anchored] = [:]
    private var documentMark = YAMLMark(line: 1, column: 1)
    private var documentCount = 0
    private var nodeCount = 0
    private var aliasNodeCount = 0

    init(file: String, limits: YAMLLimits) {
        self.file = file
        self.limits = limits
    }

    /// Reads every event of `reader`; a fatal problem ends up last in `errors`.
    mutating func build(from reader: YAMLEventReader) {
        do {
            while let event = try reader.next() { try handle(event) }
        } catch let error as YAMLError {
            errors.append(error)
        } catch let stop as Stop {
            errors.append(stop.error)
        } catch {
            errors.append(YAMLError(code: "yaml-syntax", location: location(documentMark), message: "\(error)"))
        }
    }

    private mutating func handle(_ event: YAMLEvent) throws(Stop) {
        switch event.kind {
        case .streamStart, .streamEnd:
            break
        case let .documentStart(_, version, tagDirectives):
            try startDocument(at: event.mark, version: version, tagDirectives: tagDirectives)
        case .documentEnd:
            let root = pending.popLast() ?? YAMLNode(.scalar(YAMLScalar(text: "", style: .plain, value: .null)), at: documentMark)
            documents.append(YAMLDocument(file: file, mark: documentMark, root: root))
            pending.removeAll(keepingCapacity: true)
        case let .scalar(scalar):
            try countNodes(1, at: event.mark)
            addScalar(scalar, at: event.mark)
        case let .alias(anchor):
            try addAlias(anchor, at: event.mark)
        case let .sequenceStart(start):
            try open(isMapping: false, start, at: event.mark)
        case let .mappingStart(start):
            try open(isMapping: true, start, at: event.mark)
        case .sequenceEnd, .mappingEnd:
            close()
        }
    }

    private mutating func startDocument(at mark: YAMLMark, version: YAMLVersionDirective?, tagDirectives: [YAMLTagDirective]) throws(Stop) {
        documentCount += 1
        if documentCount > limits.maxDocumentsPerFile {
            throw Stop(error: error("too-many-documents", at: mark,
                                    "more than \(limits.maxDocumentsPerFile) documents in one file; split it into several files"))
        }
        documentMark = mark
        anchors.removeAll(keepingCapacity: true)
        nodeCount = 0
        aliasNodeCount = 0
        if let version, version.major != 1 || version.minor != 2 {
            report("yaml-version", at: mark,
                   "%YAML \(version.major).\(version.minor) is not supported: govctl reads YAML 1.2; write %YAML 1.2 or drop the directive")
        }
        for directive in tagDirectives {
            report("unsupported-tag", at: mark,
                   "%TAG \(directive.handle) \(directive.prefix) is not supported: manifests use no custom tags; remove the directive")
        }
    }

    // MARK: - Nodes

    private var inKeyPosition: Bool {
        guard let frame = frames.last, frame.isMapping else { return false }
        return (pending.count - frame.base) % 2 == 0
    }

    private mutating func addScalar(_ event: YAMLScalarEvent, at mark: YAMLMark) {
        let value = resolve(event, at: mark)
        if event.style == .plain, event.tag == nil, event.value == "<<", inKeyPosition {
            report("merge-key", at: mark, "merge keys are not supported; repeat the fields or use a PolicySet")
            refuseCurrentKey()
        }
        let node = YAMLNode(.scalar(YAMLScalar(text: event.value, style: event.style, value: value)), at: mark)
        if let anchor = event.anchor { anchors[anchor] = Anchored(node: node, nodeCount: 1) }
        pending.append(node)
    }

    private mutating func addAlias(_ anchor: String, at mark: YAMLMark) throws(Stop) {
        guard let anchored = anchors[anchor] else {
            let enclosing = frames.contains { $0.anchor == anchor }
            throw Stop(error: error("yaml-syntax", at: mark, enclosing
                ? "alias *\(anchor) refers to a node that contains it; recursive aliases are not supported"
                : "found undefined alias *\(anchor)"))
        }
        aliasNodeCount += anchored.nodeCount
        if aliasNodeCount > limits.maxAliasExpansion {
            throw Stop(error: error("alias-limit", at: mark,
                                    "aliases expand to more than \(limits.maxAliasExpansion) nodes in this document; use fewer or smaller aliases"))
        }
        try countNodes(anchored.nodeCount, at: mark)
        if case .scalar = anchored.node.content {} else if inKeyPosition {
            report("non-scalar-key", at: mark, "a mapping key must be a scalar; *\(anchor) is a collection")
            refuseCurrentKey()
        }
        pending.append(anchored.node)
    }

    private mutating func open(isMapping: Bool, _ start: YAMLCollectionStart, at mark: YAMLMark) throws(Stop) {
        // Checked before counting or keeping anything, so deep flow nesting stops before libyaml's cost grows.
        if frames.count >= limits.maxDepth {
            throw Stop(error: error("max-depth", at: mark,
                                    "nesting is deeper than \(limits.maxDepth) levels; flatten this part of the document"))
        }
        try countNodes(1, at: mark)
        if inKeyPosition {
            report("non-scalar-key", at: mark, "a mapping key must be a scalar, not a \(isMapping ? "mapping" : "sequence")")
            refuseCurrentKey()
        }
        let tag = CoreTag(start.tag)
        switch tag {
        case .none, .nonSpecific:
            break
        case .seq where !isMapping, .map where isMapping:
            break
        case let .unsupported(name):
            report("unsupported-tag", at: mark, CoreTag.unsupportedMessage(name))
        default:
            report("invalid-value", at: mark,
                   "tag \(CoreTag.display(start.tag ?? "")) cannot be used on a \(isMapping ? "mapping" : "sequence")")
        }
        frames.append(Frame(isMapping: isMapping, mark: mark, anchor: start.anchor, tag: tag,
                            base: pending.count, nodesAtStart: nodeCount - 1))
    }

    private mutating func close() {
        guard let frame = frames.popLast() else { return }
        let content: YAMLContent
        if frame.isMapping {
            content = .mapping(entries(of: frame))
        } else {
            content = .sequence(Array(pending[frame.base...]))
        }
        pending.removeSubrange(frame.base...)
        let node = YAMLNode(content, at: frame.mark)
        if let anchor = frame.anchor { anchors[anchor] = Anchored(node: node, nodeCount: nodeCount - frame.nodesAtStart) }
        pending.append(node)
    }

    private mutating func refuseCurrentKey() {
        guard let last = frames.indices.last else { return }
        frames[last].refusedPairs.append((pending.count - frames[last].base) / 2)
    }

    private mutating func countNodes(_ count: Int, at mark: YAMLMark) throws(Stop) {
        nodeCount += count
        if nodeCount > limits.maxNodesPerDocument {
            throw Stop(error: error("too-many-nodes", at: mark,
                                    "the document has more than \(limits.maxNodesPerDocument) nodes; split it into several documents"))
        }
    }

    // MARK: - Mappings

    /// The mapping's entries, leaving out refused keys and reporting duplicates (the first one stays).
    private mutating func entries(of frame: Frame) -> [YAMLEntry] {
        let pairCount = (pending.count - frame.base) / 2
        var entries: [YAMLEntry] = []
        entries.reserveCapacity(pairCount)
        // Small mappings are searched linearly; a dictionary only pays off for large ones.
        var index: [String: Int]? = pairCount > 12 ? Dictionary(minimumCapacity: pairCount) : nil
        var pair = 0
        var position = frame.base
        while position + 1 < pending.count {
            let keyNode = pending[position]
            let value = pending[position + 1]
            defer { pair += 1; position += 2 }
            if !frame.refusedPairs.isEmpty, frame.refusedPairs.contains(pair) { continue }
            guard case let .scalar(key) = keyNode.content else { continue }
            let existing: Int?
            if index != nil {
                existing = index?[key.text]
            } else {
                existing = entries.firstIndex { $0.key == key.text }
            }
            if let existing {
                let first = entries[existing].keyMark
                report("duplicate-key", at: keyNode.mark,
                       "duplicate key '\(key.text)': defined at line \(first.line) and again at line \(keyNode.mark.line); keep one")
                continue
            }
            index?[key.text] = entries.count
            entries.append(YAMLEntry(key: key.text, keyMark: keyNode.mark, value: value))
        }
        return entries
    }

    // MARK: - Scalars

    private mutating func resolve(_ event: YAMLScalarEvent, at mark: YAMLMark) -> ScalarValue {
        let tag = CoreTag(event.tag)
        switch tag {
        case .none:
            return event.style == .plain ? resolvePlain(event.value, at: mark) : .string(event.value)
        case .nonSpecific, .str:
            return .string(event.value)
        case .null, .bool, .int, .float:
            let resolution = ScalarResolver.resolve(plain: event.value)
            if let problem = resolution.problem {
                report(problem.code, at: mark, problem.message)
                return resolution.value
            }
            switch (tag, resolution.value) {
            case (.null, .null), (.bool, .bool), (.int, .int), (.float, .double):
                return resolution.value
            case let (.float, .int(int)):
                return .double(Double(int))
            default:
                report("invalid-value", at: mark,
                       "'\(event.value)' is not a valid \(CoreTag.display(event.tag ?? "")); write a matching value or remove the tag")
                return .string(event.value)
            }
        case .seq, .map:
            report("invalid-value", at: mark, "tag \(CoreTag.display(event.tag ?? "")) cannot be used on a scalar")
            return .string(event.value)
        case let .unsupported(name):
            report("unsupported-tag", at: mark, CoreTag.unsupportedMessage(name))
            return event.style == .plain ? resolvePlain(event.value, at: mark) : .string(event.value)
        }
    }

    private mutating func resolvePlain(_ text: String, at mark: YAMLMark) -> ScalarValue {
        let resolution = ScalarResolver.resolve(plain: text)
        if let problem = resolution.problem { report(problem.code, at: mark, problem.message) }
        return resolution.value
    }

    // MARK: - Errors

    private func location(_ mark: YAMLMark) -> SourceLocation { SourceLocation(file: file, mark: mark) }

    private func error(_ code: String, at mark: YAMLMark, _ message: String) -> YAMLError {
        YAMLError(code: code, location: location(mark), message: message)
    }

    private mutating func report(_ code: String, at mark: YAMLMark, _ message: String) {
        errors.append(error(code, at: mark, message))
    }
}
