import CYAML

/// Reads libyaml's event stream over a byte buffer, one `YAMLEvent` at a time.
///
/// This is the raw layer: tags, `%TAG` directives and anchors pass through unchecked. Strictness lives
/// in `YAMLReader`. The parser and the bytes it reads are owned here and freed in `deinit`.
public final class YAMLEventReader {
    /// How the input is named in errors.
    public let file: String
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    // libyaml reads from this copy for the parser's whole life, so it must not move.
    private let input: UnsafeMutableBufferPointer<UInt8>
    private let inputCount: Int
    private let initialized: Bool
    private var finished = false

    /// Creates a reader over `bytes` (UTF-8; a leading BOM is allowed), naming it `file` in errors.
    public convenience init(bytes: [UInt8], file: String = "<input>") {
        self.init(slice: bytes[...], file: file)
    }

    /// Creates a reader over a slice of bytes; a leading UTF-8 BOM is dropped so columns on line 1 stay right.
    init(slice: ArraySlice<UInt8>, file: String) {
        self.file = file
        var bytes = slice
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        input = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        _ = input.initialize(from: bytes)
        inputCount = bytes.count
        parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        initialized = yaml_parser_initialize(parser) != 0
        if initialized {
            yaml_parser_set_input_string(parser, input.baseAddress, bytes.count)
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        }
    }

    deinit {
        if initialized { yaml_parser_delete(parser) }
        parser.deallocate()
        input.deallocate()
    }

    /// The next event, or nil after the stream has ended; a libyaml error is thrown as `yaml-syntax`.
    public func next() throws(YAMLError) -> YAMLEvent? {
        var event = yaml_event_t()
        guard try parseRaw(&event) else { return nil }
        defer { yaml_event_delete(&event) }
        return Self.convert(&event)
    }

    /// Fills `event` with libyaml's next event and returns true, or returns false after the stream has
    /// ended. The caller owns a filled event and must `yaml_event_delete` it. This is the tree builder's
    /// path: it reads the event's buffers in place instead of converting every event to a `YAMLEvent`.
    func parseRaw(_ event: inout yaml_event_t) throws(YAMLError) -> Bool {
        if finished { return false }
        guard initialized else {
            finished = true
            throw YAMLError(code: "yaml-syntax", location: SourceLocation(file: file, line: 1, column: 1),
                            message: "cannot start the YAML parser: out of memory")
        }
        guard yaml_parser_parse(parser, &event) != 0 else {
            finished = true
            throw parserError()
        }
        if event.type == YAML_STREAM_END_EVENT || event.type == YAML_NO_EVENT { finished = true }
        return event.type != YAML_NO_EVENT
    }

    /// Every remaining event; stops at the first error and throws it.
    public func readAll() throws(YAMLError) -> [YAMLEvent] {
        var events: [YAMLEvent] = []
        while let event = try next() { events.append(event) }
        return events
    }

    private static func convert(_ event: inout yaml_event_t) -> YAMLEvent? {
        let mark = YAMLMark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
        switch event.type {
        case YAML_STREAM_START_EVENT:
            return YAMLEvent(.streamStart, at: mark)
        case YAML_STREAM_END_EVENT:
            return YAMLEvent(.streamEnd, at: mark)
        case YAML_DOCUMENT_START_EVENT:
            let data = event.data.document_start
            var version: YAMLVersionDirective?
            if let directive = data.version_directive {
                version = YAMLVersionDirective(major: Int(directive.pointee.major), minor: Int(directive.pointee.minor))
            }
            var tags: [YAMLTagDirective] = []
            if var cursor = data.tag_directives.start, let end = data.tag_directives.end {
                while cursor < end {
                    tags.append(YAMLTagDirective(handle: string(cursor.pointee.handle) ?? "",
                                                 prefix: string(cursor.pointee.prefix) ?? ""))
                    cursor += 1
                }
            }
            return YAMLEvent(.documentStart(implicit: data.implicit != 0, version: version, tagDirectives: tags), at: mark)
        case YAML_DOCUMENT_END_EVENT:
            return YAMLEvent(.documentEnd(implicit: event.data.document_end.implicit != 0), at: mark)
        case YAML_SEQUENCE_START_EVENT:
            let data = event.data.sequence_start
            let start = YAMLCollectionStart(anchor: string(data.anchor), tag: string(data.tag),
                                            implicit: data.implicit != 0, flow: data.style == YAML_FLOW_SEQUENCE_STYLE)
            return YAMLEvent(.sequenceStart(start), at: mark)
        case YAML_SEQUENCE_END_EVENT:
            return YAMLEvent(.sequenceEnd, at: mark)
        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            let start = YAMLCollectionStart(anchor: string(data.anchor), tag: string(data.tag),
                                            implicit: data.implicit != 0, flow: data.style == YAML_FLOW_MAPPING_STYLE)
            return YAMLEvent(.mappingStart(start), at: mark)
        case YAML_MAPPING_END_EVENT:
            return YAMLEvent(.mappingEnd, at: mark)
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            // The value is a counted buffer (it may hold NUL characters), not a C string.
            let value = data.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: data.length), as: UTF8.self) } ?? ""
            let scalar = YAMLScalarEvent(value: value, anchor: string(data.anchor), tag: string(data.tag),
                                         style: style(data.style), plainImplicit: data.plain_implicit != 0,
                                         quotedImplicit: data.quoted_implicit != 0)
            return YAMLEvent(.scalar(scalar), at: mark)
        case YAML_ALIAS_EVENT:
            return YAMLEvent(.alias(anchor: string(event.data.alias.anchor) ?? ""), at: mark)
        default:
            return nil
        }
    }

    static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    static func style(_ style: yaml_scalar_style_t) -> ScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }

    private func parserError() -> YAMLError {
        let state = parser.pointee
        let problem = state.problem.map { String(cString: $0) } ?? "invalid YAML"
        var mark = YAMLMark(line: Int(state.problem_mark.line) + 1, column: Int(state.problem_mark.column) + 1)
        var message = problem
        switch state.error {
        case YAML_READER_ERROR:
            // Reader errors carry a byte offset, not a line and column.
            mark = Self.mark(ofByte: Int(state.problem_offset), in: inputBytes)
            if state.problem_value != -1 {
                message += " (byte 0x" + String(state.problem_value, radix: 16) + ")"
            }
        case YAML_MEMORY_ERROR:
            message = "out of memory while parsing YAML"
        default:
            if let context = state.context.map({ String(cString: $0) }) {
                message += " (\(context) at line \(state.context_mark.line + 1), column \(state.context_mark.column + 1))"
            }
        }
        if problem.hasPrefix("found incompatible YAML document") {
            return YAMLError(code: "yaml-version", location: SourceLocation(file: file, mark: mark),
                             message: "unsupported %YAML version: govctl reads YAML 1.2; write %YAML 1.2 or drop the directive")
        }
        if state.error != YAML_READER_ERROR, Self.byte(at: mark, in: inputBytes) == UInt8(ascii: "\t") {
            message += "; YAML cannot indent with tabs: use spaces"
        }
        return YAMLError(code: "yaml-syntax", location: SourceLocation(file: file, mark: mark), message: message)
    }

    private var inputBytes: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: input[..<inputCount])
    }

    /// The byte where the character at `mark` starts, or nil past the end.
    static func byte(at mark: YAMLMark, in bytes: UnsafeBufferPointer<UInt8>) -> UInt8? {
        var index = 0
        var line = 1
        while line < mark.line, index < bytes.count {
            if bytes[index] == 0x0A { line += 1 }
            index += 1
        }
        var column = 1
        while column < mark.column, index < bytes.count {
            index += 1
            while index < bytes.count, bytes[index] & 0xC0 == 0x80 { index += 1 }
            column += 1
        }
        return index < bytes.count ? bytes[index] : nil
    }

    /// The 1-based line and column (in characters) of byte `offset`.
    static func mark(ofByte offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> YAMLMark {
        var line = 1
        var column = 1
        var index = 0
        let end = min(offset, bytes.count)
        while index < end {
            let byte = bytes[index]
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return YAMLMark(line: line, column: column)
    }
}
