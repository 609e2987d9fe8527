/// Reads YAML files into node trees, strictly and within limits.
public enum YAMLReader {
    /// Reads the file at `path`, refusing files over the size limit before reading them whole.
    /// `displayPath` is how the file is named in errors.
    public static func read(path: String, displayPath: String, limits: YAMLLimits = YAMLLimits()) -> YAMLParseResult {
        YAMLParseResult() // replaced by the real reader
    }

    /// Parses `bytes` as the contents of `file`.
    public static func parse(_ bytes: [UInt8], file: String, limits: YAMLLimits = YAMLLimits()) -> YAMLParseResult {
        YAMLParseResult() // replaced by the real reader
    }
}
