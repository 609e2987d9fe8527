/// Reads YAML files into node trees, strictly and within limits.
public enum YAMLReader {
    /// Reads the file at `path`, refusing files over the size limit before reading them whole.
    /// `displayPath` is how the file is named in errors; `aliasNodesBefore` is what aliases of earlier files in
    /// the same run added, counted against `limits.maxAliasExpansionPerRun`.
    public static func read(path: String, displayPath: String, limits: YAMLLimits = YAMLLimits(),
                            aliasNodesBefore: Int = 0) -> YAMLParseResult {
        switch BoundedFile.read(path: path, limit: limits.maxFileBytes) {
        case let .bytes(bytes):
            return parse(bytes, file: displayPath, limits: limits, aliasNodesBefore: aliasNodesBefore)
        case let .tooLarge(size):
            return YAMLParseResult(errors: [tooLarge(file: displayPath, size: size, limits: limits)])
        case let .failed(reason):
            return YAMLParseResult(errors: [YAMLError(code: "read-error", location: SourceLocation(file: displayPath, line: 1, column: 1),
                                                      message: "cannot read the file: \(reason)")])
        }
    }

    /// Parses `bytes` as the contents of `file`; `aliasNodesBefore` as for `read`.
    public static func parse(_ bytes: [UInt8], file: String, limits: YAMLLimits = YAMLLimits(),
                             aliasNodesBefore: Int = 0) -> YAMLParseResult {
        if bytes.count > limits.maxFileBytes {
            return YAMLParseResult(errors: [tooLarge(file: file, size: bytes.count, limits: limits)])
        }
        if let problem = bytes.withUnsafeBufferPointer({ UTF8Check.firstProblem(in: $0, file: file) }) {
            return YAMLParseResult(errors: [problem])
        }
        var builder = TreeBuilder(file: file, limits: limits, aliasNodesBefore: aliasNodesBefore)
        builder.build(from: YAMLEventReader(bytes: bytes, file: file))
        // Sorting keeps equal positions in the order found: Swift's sort is stable.
        let errors = builder.errors.sorted { $0.location < $1.location }
        return YAMLParseResult(documents: builder.documents, errors: errors, aliasNodes: builder.aliasNodeCount)
    }

    private static func tooLarge(file: String, size: Int?, limits: YAMLLimits) -> YAMLError {
        let actual = size.map { "the file is \($0) bytes" } ?? "the file is larger than \(limits.maxFileBytes) bytes"
        return YAMLError(code: "file-too-large", location: SourceLocation(file: file, line: 1, column: 1),
                         message: "\(actual); a manifest file may hold at most \(limits.maxFileBytes) bytes: split it into several files")
    }
}
