import CYAML

/// Builds node trees from libyaml events and enforces govctl's strictness and limits on the way.
///
/// Events are read in place (no `YAMLEvent` per event), finished nodes wait on one flat stack until
/// their collection ends, so building costs one array per collection and one `String` per scalar.
/// A thrown `YAMLError` is fatal: a syntax error or a broken limit stops the file.
struct TreeBuilder {
    private struct Frame {
        var isMapping: Bool
        var mark: YAMLMark
        var anchor: String?
        /// Where this collection's children start on `pending`.
        var base: Int
        var nodesAtStart: Int
        /// The greatest height among children so far (a scalar is 0), to know the height of aliased nodes.
        var childHeight = 0
        /// Pairs (by index) whose key was refused, so they are left out of the mapping.
        var refusedPairs: [Int] = []
    }

    private struct Anchored {
        var node: YAMLNode
        var nodeCount: Int
        /// Collection levels inside the node: an alias must not take the tree past `maxDepth`.
        var height: Int
    }

    let file: String
    let limits: YAMLLimits
    private(set) var documents: [YAMLDocument] = []
    private(set) var errors: [YAMLError] = []

    private let pending = NodeStack()
    private var frames: [Frame] = []
    private var anchors: [String: Anchored] = [:]
    private var documentMark = YAMLMark(line: 1, column: 1)
    /// How many errors there were when the open document started; nil between documents.
    private var errorsBeforeOpenDocument: Int?
    private var documentCount = 0
    private var nodeCount = 0
    /// Nodes that alias uses added to this file, over every document.
    private(set) var aliasNodeCount = 0
    /// Nodes that alias uses added to the files read before this one in the same run.
    private let aliasNodesBefore: Int

    init(file: String, limits: YAMLLimits, aliasNodesBefore: Int = 0) {
        self.file = file
        self.limits = limits
        self.aliasNodesBefore = aliasNodesBefore
    }

    /// Reads every event of `reader`; a fatal problem ends up last in `errors`.
    mutating func build(from reader: YAMLEventReader) {
        var event = yaml_event_t()
        do throws(YAMLError) {
            while try reader.parseRaw(&event) {
                defer { yaml_event_delete(&event) }
                try handle(&event)
            }
        } catch {
            // The open document never reaches a consumer, so nothing can tell whether its text is safe to
            // show (a credential's value, a document of unknown kind): its collected problems go with it.
            if let start = errorsBeforeOpenDocument { errors.removeSubrange(start...) }
            errors.append(error)
        }
    }

    private mutating func handle(_ event: inout yaml_event_t) throws(YAMLError) {
        let mark = YAMLMark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
        switch event.type {
        case YAML_SCALAR_EVENT:
            try countNodes(1, at: mark)
            addScalar(event.data.scalar, at: mark)
        case YAML_SEQUENCE_START_EVENT:
            let data = event.data.sequence_start
            try open(isMapping: false, anchor: data.anchor, tag: data.tag, at: mark)
        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            try open(isMapping: true, anchor: data.anchor, tag: data.tag, at: mark)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            close()
        case YAML_ALIAS_EVENT:
            try addAlias(YAMLEventReader.string(event.data.alias.anchor) ?? "", at: mark)
        case YAML_DOCUMENT_START_EVENT:
            try startDocument(event.data.document_start, at: mark)
        case YAML_DOCUMENT_END_EVENT:
            let root = pending.popLast() ?? YAMLNode(.scalar(YAMLScalar(text: "", style: .plain, value: .null)), at: documentMark)
            let end = YAMLMark(line: Int(event.end_mark.line) + 1, column: Int(event.end_mark.column) + 1)
            documents.append(YAMLDocument(file: file, mark: documentMark, end: end, root: root))
            pending.removeAll()
            errorsBeforeOpenDocument = nil
        default:
            break
        }
    }

    private mutating func startDocument(_ data: yaml_event_s.__Unnamed_union_data.__Unnamed_struct_document_start,
                                        at mark: YAMLMark) throws(YAMLError) {
        documentCount += 1
        if documentCount > limits.maxDocumentsPerFile {
            throw error("too-many-documents", at: mark,
                        "more than \(limits.maxDocumentsPerFile) documents in one file; split it into several files")
        }
        documentMark = mark
        errorsBeforeOpenDocument = errors.count
        anchors.removeAll(keepingCapacity: true)
        nodeCount = 0
        if let version = data.version_directive?.pointee, version.major != 1 || version.minor != 2 {
            report("yaml-version", at: mark,
                   "%YAML \(version.major).\(version.minor) is not supported: govctl reads YAML 1.2; write %YAML 1.2 or drop the directive")
        }
        if var directive = data.tag_directives.start, let end = data.tag_directives.end {
            while directive < end {
                let handle = YAMLEventReader.string(directive.pointee.handle) ?? ""
                let prefix = YAMLEventReader.string(directive.pointee.prefix) ?? ""
                report("unsupported-tag", at: mark,
                       "%TAG \(handle) \(prefix) is not supported: manifests use no custom tags; remove the directive")
                directive += 1
            }
        }
    }

    // MARK: - Nodes

    private var inKeyPosition: Bool {
        guard let frame = frames.last, frame.isMapping else { return false }
        return (pending.count - frame.base) % 2 == 0
    }

    private mutating func addScalar(_ data: yaml_event_s.__Unnamed_union_data.__Unnamed_struct_scalar, at mark: YAMLMark) {
        let bytes = UnsafeBufferPointer(start: data.value, count: data.value == nil ? 0 : data.length)
        let text = String(decoding: bytes, as: UTF8.self)
        let style = YAMLEventReader.style(data.style)
        // A `"\0"` escape: no value govctl keeps may hold U+0000, which the state store would cut the text at.
        if bytes.contains(0) {
            report("nul-character", at: mark, "this value holds the character U+0000 (\\0), which no manifest value may hold; remove it")
        }
        let value: ScalarValue
        if data.tag == nil {
            if style == .plain {
                value = resolvePlain(bytes, text: text, at: mark)
                if bytes.count == 2, bytes[0] == UInt8(ascii: "<"), bytes[1] == UInt8(ascii: "<"), inKeyPosition {
                    report("merge-key", at: mark, "merge keys are not supported; repeat the fields or use a PolicySet")
                    refuseCurrentKey()
                }
            } else {
                value = .string(text)
            }
        } else {
            let resolved = TaggedScalar.value(of: text, tag: YAMLEventReader.string(data.tag) ?? "!", style: style)
            if let problem = resolved.problem { report(problem.code, at: mark, problem.message) }
            value = resolved.value
        }
        let node = YAMLNode(.scalar(YAMLScalar(text: text, style: style, value: value)), at: mark)
        if let anchor = YAMLEventReader.string(data.anchor) { anchors[anchor] = Anchored(node: node, nodeCount: 1, height: 0) }
        pending.push(node)
    }

    private mutating func addAlias(_ anchor: String, at mark: YAMLMark) throws(YAMLError) {
        guard let anchored = anchors[anchor] else {
            let enclosing = frames.contains { $0.anchor == anchor }
            throw error("yaml-syntax", at: mark, enclosing
                ? "alias *\(anchor) refers to a node that contains it; recursive aliases are not supported"
                : "found undefined alias *\(anchor)")
        }
        aliasNodeCount += anchored.nodeCount
        if aliasNodeCount > limits.maxAliasExpansion {
            throw error("alias-limit", at: mark,
                        "aliases expand to more than \(limits.maxAliasExpansion) nodes in this file; use fewer or smaller aliases")
        }
        if aliasNodesBefore + aliasNodeCount > limits.maxAliasExpansionPerRun {
            throw error("alias-limit", at: mark,
                        "aliases expand to more than \(limits.maxAliasExpansionPerRun) nodes in all the files read so far; use fewer or smaller aliases")
        }
        try countNodes(anchored.nodeCount, at: mark)
        if case .scalar = anchored.node.content {} else if inKeyPosition {
            report("non-scalar-key", at: mark, "a mapping key must be a scalar; *\(anchor) is a collection")
            refuseCurrentKey()
        }
        // Chained aliases could otherwise nest without bound, and deep trees overflow the stack of
        // every recursive consumer (and of their own deallocation).
        if frames.count + anchored.height > limits.maxDepth {
            throw error("max-depth", at: mark,
                        "*\(anchor) nests the tree deeper than \(limits.maxDepth) levels; flatten the anchored node")
        }
        raiseParentHeight(to: anchored.height)
        pending.push(anchored.node)
    }

    private mutating func open(isMapping: Bool, anchor: UnsafeMutablePointer<yaml_char_t>?, tag tagText: UnsafeMutablePointer<yaml_char_t>?,
                               at mark: YAMLMark) throws(YAMLError) {
        // Checked before counting or keeping anything, so deep flow nesting stops before libyaml's cost grows.
        if frames.count >= limits.maxDepth {
            throw error("max-depth", at: mark, "nesting is deeper than \(limits.maxDepth) levels; flatten this part of the document")
        }
        try countNodes(1, at: mark)
        if inKeyPosition {
            report("non-scalar-key", at: mark, "a mapping key must be a scalar, not a \(isMapping ? "mapping" : "sequence")")
            refuseCurrentKey()
        }
        let tagName = YAMLEventReader.string(tagText)
        let tag = CoreTag(tagName)
        switch tag {
        case .none, .nonSpecific:
            break
        case .seq where !isMapping, .map where isMapping:
            break
        case let .unsupported(name):
            report("unsupported-tag", at: mark, CoreTag.unsupportedMessage(name))
        default:
            report("invalid-value", at: mark,
                   "tag \(CoreTag.display(tagName ?? "")) cannot be used on a \(isMapping ? "mapping" : "sequence")")
        }
        frames.append(Frame(isMapping: isMapping, mark: mark, anchor: YAMLEventReader.string(anchor),
                            base: pending.count, nodesAtStart: nodeCount - 1))
    }

    private mutating func close() {
        guard let frame = frames.popLast() else { return }
        let content: YAMLContent
        if frame.isMapping {
            content = .mapping(entries(of: frame))
        } else {
            content = .sequence(pending.take(from: frame.base))
        }
        let node = YAMLNode(content, at: frame.mark)
        let height = frame.childHeight + 1
        if let anchor = frame.anchor {
            anchors[anchor] = Anchored(node: node, nodeCount: nodeCount - frame.nodesAtStart, height: height)
        }
        raiseParentHeight(to: height)
        pending.push(node)
    }

    private mutating func raiseParentHeight(to height: Int) {
        guard height > 0, let last = frames.indices.last, frames[last].childHeight < height else { return }
        frames[last].childHeight = height
    }

    private mutating func refuseCurrentKey() {
        guard let last = frames.indices.last else { return }
        frames[last].refusedPairs.append((pending.count - frames[last].base) / 2)
    }

    private mutating func countNodes(_ count: Int, at mark: YAMLMark) throws(YAMLError) {
        nodeCount += count
        if nodeCount > limits.maxNodesPerDocument {
            throw error("too-many-nodes", at: mark,
                        "the document has more than \(limits.maxNodesPerDocument) nodes; split it into several documents")
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
        // Every pair is moved out of the stack, kept or not, so the stack can simply forget them.
        var pair = 0
        // Refused pairs were recorded in order, so one cursor walks them: a lookup per pair would be quadratic.
        var refused = frame.refusedPairs[...]
        var position = frame.base
        while position + 1 < pending.count {
            let keyNode = pending.moveOut(at: position)
            let value = pending.moveOut(at: position + 1)
            defer { pair += 1; position += 2 }
            if refused.first == pair {
                refused.removeFirst()
                continue
            }
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
                       "duplicate key '\(Excerpt.of(key.text))': first at line \(first.line), column \(first.column), again at line \(keyNode.mark.line), column \(keyNode.mark.column); keep one")
                continue
            }
            index?[key.text] = entries.count
            entries.append(YAMLEntry(key: key.text, keyMark: keyNode.mark, value: value))
        }
        // libyaml always pairs keys with values; an odd node is dropped rather than leaked.
        if position < pending.count { _ = pending.moveOut(at: position) }
        pending.forget(from: frame.base)
        return entries
    }

    // MARK: - Scalars

    private mutating func resolvePlain(_ bytes: UnsafeBufferPointer<UInt8>, text: String, at mark: YAMLMark) -> ScalarValue {
        switch ScalarResolver.kind(of: bytes) {
        case .string:
            return .string(text)
        case let .value(value):
            return value
        case let .problem(code, message):
            report(code, at: mark, message)
            return .string(text)
        }
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
