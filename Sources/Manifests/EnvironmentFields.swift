import Governance
import YAMLNodes

/// The policy-bearing fields an environment and every strategy entry share: read once, the same way.
struct EnvironmentFields {
    /// Every field of an `Environment` spec.
    static let all = ["name", "description", "production", "enforcementMode", "policySets", "policies", "mirror", "exclude"]

    var description: String?
    var mode: Located<EnforcementMode>?
    var labels: [String: String]
    var policySets: [Located<String>]
    var policies: [PolicyDecl]
    /// Some policy failed to decode.
    var broken: Bool

    /// Reads description, enforcementMode, policySets, policies and (when `readsLabels`: strategy tiers) labels.
    init(_ reader: ObjectReader, decoder: DocumentDecoder, owner: String, readsLabels: Bool = false) {
        description = reader.string("description")?.value
        mode = reader.choice("enforcementMode", EnforcementMode.self)
        labels = readsLabels ? reader.stringMap("labels") : [:]
        policySets = reader.strings("policySets")
        let decoded = decoder.policyDecoder.policies(reader, owner: owner)
        policies = decoded.policies
        broken = decoded.broken
    }

    /// An environment whose spec could not be read at all; it still counts as declared, so references to it
    /// do not pile up errors on top of the one already reported.
    static func placeholder(slug: Located<String>) -> EnvironmentDecl {
        EnvironmentDecl(slug: slug.value, location: slug.location, origin: .document, name: slug.value, description: nil,
                        production: false, enforcementMode: .monitor, modeLocation: nil, labels: [:], policySets: [],
                        policies: [], mirror: nil, exclude: [], broken: true)
    }
}
