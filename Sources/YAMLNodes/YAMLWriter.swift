import CYAML

/// Writes `YAMLOutput` values as block-style YAML through libyaml's emitter, deterministically.
///
/// Strings are quoted whenever a plain scalar would read back as something else under YAML 1.2 core or
/// YAML 1.1 (`yes`, `0777`, `1_000`, `12:30`, `~`…), so the output means the same to every parser.
public enum YAMLWriter {
    /// `value` as one YAML document.
    public static func string(from value: YAMLOutput) throws(YAMLError) -> String {
        try string(fromDocuments: [value])
    }

    /// `values` as a stream of documents, the second and later ones starting with `---`.
    public static func string(fromDocuments values: [YAMLOutput]) throws(YAMLError) -> String {
        let emitter = Emitter()
        guard emitter.ready else { throw failure("cannot start the YAML emitter: out of memory") }
        var event = yaml_event_t()
        var ok = yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING) != 0 && emitter.emit(&event)
        for value in values where ok {
            ok = yaml_document_start_event_initialize(&event, nil, nil, nil, 1) != 0 && emitter.emit(&event)
                && emit(value, to: emitter)
                && yaml_document_end_event_initialize(&event, 1) != 0 && emitter.emit(&event)
        }
        ok = ok && yaml_stream_end_event_initialize(&event) != 0 && emitter.emit(&event)
        guard ok else { throw failure(emitter.problem) }
        return String(decoding: emitter.sink.bytes, as: UTF8.self)
    }

    private static func emit(_ value: YAMLOutput, to emitter: Emitter) -> Bool {
        var event = yaml_event_t()
        switch value {
        case .null: return scalar("null", quoted: false, to: emitter)
        case let .bool(flag): return scalar(flag ? "true" : "false", quoted: false, to: emitter)
        case let .int(number): return scalar(String(number), quoted: false, to: emitter)
        case let .double(number): return scalar(PlainSafety.text(of: number), quoted: false, to: emitter)
        case let .string(text): return scalar(text, quoted: PlainSafety.needsQuotes(text), to: emitter)
        case let .sequence(items):
            let style = items.isEmpty ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE
            guard yaml_sequence_start_event_initialize(&event, nil, nil, 1, style) != 0, emitter.emit(&event) else { return false }
            for item in items where !emit(item, to: emitter) { return false }
            return yaml_sequence_end_event_initialize(&event) != 0 && emitter.emit(&event)
        case let .mapping(entries):
            let style = entries.isEmpty ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE
            guard yaml_mapping_start_event_initialize(&event, nil, nil, 1, style) != 0, emitter.emit(&event) else { return false }
            for entry in entries {
                guard scalar(entry.key, quoted: PlainSafety.needsQuotes(entry.key), to: emitter),
                      emit(entry.value, to: emitter) else { return false }
            }
            return yaml_mapping_end_event_initialize(&event) != 0 && emitter.emit(&event)
        }
    }

    private static func scalar(_ text: String, quoted: Bool, to emitter: Emitter) -> Bool {
        var event = yaml_event_t()
        // Multi-line text reads best as a literal block; libyaml falls back to quotes where a block cannot hold it.
        let style = quoted ? YAML_DOUBLE_QUOTED_SCALAR_STYLE
            : text.utf8.contains(UInt8(ascii: "\n")) ? YAML_LITERAL_SCALAR_STYLE : YAML_ANY_SCALAR_STYLE
        var bytes = Array(text.utf8)
        bytes.append(0) // libyaml wants a non-null pointer even for the empty string
        let created = bytes.withUnsafeMutableBufferPointer { buffer in
            yaml_scalar_event_initialize(&event, nil, nil, buffer.baseAddress, Int32(buffer.count - 1),
                                         quoted ? 0 : 1, 1, style)
        }
        return created != 0 && emitter.emit(&event)
    }

    private static func failure(_ message: String) -> YAMLError {
        YAMLError(code: "yaml-emit", location: SourceLocation(file: "<output>", line: 1, column: 1), message: message)
    }
}

/// Owns a libyaml emitter writing into a byte buffer.
private final class Emitter {
    final class Sink {
        var bytes: [UInt8] = []
    }

    let sink = Sink()
    private let emitter = UnsafeMutablePointer<yaml_emitter_t>.allocate(capacity: 1)
    let ready: Bool

    init() {
        ready = yaml_emitter_initialize(emitter) != 0
        guard ready else { return }
        yaml_emitter_set_output(emitter, { data, buffer, size in
            guard let data, let buffer else { return 0 }
            let sink = Unmanaged<Sink>.fromOpaque(data).takeUnretainedValue()
            sink.bytes.append(contentsOf: UnsafeBufferPointer(start: buffer, count: size))
            return 1
        }, Unmanaged.passUnretained(sink).toOpaque())
        yaml_emitter_set_unicode(emitter, 1)
        yaml_emitter_set_indent(emitter, 2)
        // No line folding: a long string stays on one line, which keeps diffs of rendered output small.
        yaml_emitter_set_width(emitter, -1)
        yaml_emitter_set_break(emitter, YAML_LN_BREAK)
    }

    deinit {
        if ready { yaml_emitter_delete(emitter) }
        emitter.deallocate()
    }

    /// Hands `event` to libyaml, which takes ownership of it.
    func emit(_ event: inout yaml_event_t) -> Bool {
        yaml_emitter_emit(emitter, &event) != 0
    }

    var problem: String {
        emitter.pointee.problem.map { String(cString: $0) } ?? "the YAML emitter failed"
    }
}
