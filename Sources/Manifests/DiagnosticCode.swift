import Governance

/// Every code the manifest layer gives of its own, in one catalog; the rules' codes come from Governance's
/// `RuleCode` and the YAML layer's from `YAMLError`. docs/manifests.md lists them all; a test holds it to this list.
public enum DiagnosticCode: String, CaseIterable, Hashable, Sendable {
    /// Two sources bring one policy name into an environment, or a set lists a name or a set twice.
    case duplicatePolicy = "duplicate-policy"
    /// One identity declared twice.
    case duplicateResource = "duplicate-resource"
    /// `exclude` without `mirror`.
    case excludeWithoutMirror = "exclude-without-mirror"
    /// An Environment document repeats a strategy's slug.
    case generatedEnvironment = "generated-environment"
    /// A credential's value written in the manifest.
    case inlineSecret = "inline-secret"
    /// A value outside the allowed ones.
    case invalidValue = "invalid-value"
    /// An environment mirrors through more than 16 others.
    case mirrorChainTooLong = "mirror-chain-too-long"
    /// Mirrors form a cycle.
    case mirrorCycle = "mirror-cycle"
    /// A required field is absent or null.
    case missingField = "missing-field"
    /// A named directory holds no manifest.
    case noManifests = "no-manifests"
    /// A named path does not exist.
    case pathNotFound = "path-not-found"
    /// All environments together hold more than 500,000 policies.
    case tooManyPolicies = "too-many-policies"
    /// A value of the wrong form.
    case typeMismatch = "type-mismatch"
    /// Excluding a policy the mirror does not have.
    case unknownExclude = "unknown-exclude"
    /// A key the object does not have.
    case unknownField = "unknown-field"
    /// A `kind` outside the seven.
    case unknownKind = "unknown-kind"
    /// A reference that names nothing declared.
    case unknownReference = "unknown-reference"
    /// A directory that cannot be listed.
    case unreadablePath = "unreadable-path"
}
