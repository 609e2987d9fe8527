import Governance
import YAMLNodes

/// What loading manifests produced: the desired state when there is no error, every diagnostic, and where
/// each resource was declared.
public struct ManifestLoadResult: Sendable {
    /// The fully expanded desired state; nil when any diagnostic is an error.
    public var state: DesiredState?
    /// Every error and warning, sorted by file, line and column.
    public var diagnostics: [Diagnostic]
    /// Where each resource was declared, by address: `environment/staging`, `policy/staging/deny-x`,
    /// `agent/production/sales-bot`, `apikey/staging/ci`, `apikey/admin` (tenant-wide), `credential/production/crm-token`,
    /// `policyset/baseline`, `strategy/main`, `settings`.
    public var sources: [String: SourceLocation]

    /// Creates a result.
    public init(state: DesiredState?, diagnostics: [Diagnostic], sources: [String: SourceLocation]) {
        self.state = state
        self.diagnostics = diagnostics
        self.sources = sources
    }

    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// Reads manifest files and directories into a validated, fully expanded desired state.
public struct ManifestLoader: Sendable {
    /// Bounds applied to every YAML file.
    public var limits: YAMLLimits

    /// Creates a loader with the given YAML limits.
    public init(limits: YAMLLimits = YAMLLimits()) {
        self.limits = limits
    }

    /// Reads every manifest under `paths` (files, or directories searched recursively for `*.yaml`/`*.yml`)
    /// and resolves them; diagnostics name files as the paths were given.
    public func load(paths: [String]) -> ManifestLoadResult {
        let sink = DiagnosticSink()
        let files = ManifestFiles(paths: paths, sink: sink).files
        let decoder = DocumentDecoder(sink: sink)
        // Each file's tree is decoded and dropped before the next is read, so memory holds one tree at a time;
        // what aliases expanded to stays in the decoded values, so their budget spans the run.
        var aliasNodes = 0
        for file in files {
            let parsed = YAMLReader.read(path: file.path, displayPath: file.displayPath, limits: limits, aliasNodesBefore: aliasNodes)
            aliasNodes += parsed.aliasNodes
            Self.decode(parsed.documents, yamlErrors: parsed.errors, with: decoder)
        }
        return Self.finish(decoder)
    }

    /// Resolves already-parsed documents (in reading order): decoding, strategies, references, mirrors, warnings.
    /// Pure: no file is read.
    public func resolve(documents: [YAMLDocument]) -> ManifestLoadResult {
        let decoder = DocumentDecoder(sink: DiagnosticSink())
        Self.decode(documents, yamlErrors: [], with: decoder)
        return Self.finish(decoder)
    }

    /// Reads the manifest text `bytes` as the file `file` would be read, and resolves it: the path `load`
    /// takes for one file, without the file (the fuzz targets feed it).
    public func load(bytes: [UInt8], file: String) -> ManifestLoadResult {
        let decoder = DocumentDecoder(sink: DiagnosticSink())
        let parsed = YAMLReader.parse(bytes, file: file, limits: limits)
        Self.decode(parsed.documents, yamlErrors: parsed.errors, with: decoder)
        return Self.finish(decoder)
    }

    private static func decode(_ documents: [YAMLDocument], yamlErrors: [YAMLError], with decoder: DocumentDecoder) {
        let firstDecoded = decoder.sink.items.count
        let unknownKind = documents.filter { !decoder.decode($0) }
        // YAML errors are added after decoding, once it is known which values belong to credentials and which
        // documents have no known kind: such a document reports only that, so a misspelt `kind: Credential`
        // cannot echo its secret.
        // Both lists are in file order, so one pass pairs each error with the document that may hold it.
        var hiding = unknownKind[...]
        let shown = yamlErrors.filter { error in
            let mark = YAMLMark(line: error.location.line, column: error.location.column)
            while let document = hiding.first, document.end <= mark { hiding.removeFirst() }
            return hiding.first?.contains(error.location) != true
        }
        // A value the YAML layer refused gets no second error from decoding (`priority: 0777` is ambiguous,
        // not also a string where an integer belongs).
        decoder.sink.dropErrors(since: firstDecoded, at: Set(shown.map(\.location)))
        for var error in shown {
            if decoder.sensitiveLocations.contains(error.location) {
                error.message = "this credential value is not valid YAML 1.2 as written (its text is not shown, as it may be a secret); credentials take valueFrom, never a value"
            }
            decoder.sink.yaml(error)
        }
    }

    private static func finish(_ decoder: DocumentDecoder) -> ManifestLoadResult {
        let sink = decoder.sink
        let declarations = decoder.declarations
        let catalog = Catalog(declarations, sink: sink)
        References(declarations: declarations, catalog: catalog, sink: sink).check()
        let effective = PolicyResolver(declarations: declarations, catalog: catalog, sink: sink).resolve()
        let assembled = StateAssembler(declarations: declarations, catalog: catalog, effective: effective, sink: sink).assemble()
        return ManifestLoadResult(state: assembled.state, diagnostics: sink.items.sorted(), sources: assembled.sources)
    }
}
