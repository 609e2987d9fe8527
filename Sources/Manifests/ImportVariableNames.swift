/// Names the environment variable each imported credential reads its value from (`crm-token` → `CRM_TOKEN`):
/// the live value cannot be read back, so the one who applies must provide it.
///
/// A name two credentials would share is prefixed with each one's scope (`STAGING_CRM_TOKEN`, `TENANT_CRM_TOKEN`);
/// a name still taken gets a numeric suffix, so every credential has its own variable.
enum ImportVariableNames {
    /// A credential's identity: its environment (nil when tenant-wide) and name.
    struct Credential: Hashable {
        let environment: String?
        let name: String
    }

    /// One variable name per credential.
    static func names(for credentials: [Credential]) -> [Credential: String] {
        let plain = Dictionary(grouping: credentials) { variable($0.name) }
        var taken: Set<String> = []
        var out: [Credential: String] = [:]
        for credential in credentials.sorted(by: { ($0.environment ?? "", $0.name) < ($1.environment ?? "", $1.name) }) {
            var name = variable(credential.name)
            if plain[name, default: []].count > 1 { name = variable(credential.environment ?? "tenant") + "_" + name }
            if name.first?.isNumber == true { name = "CREDENTIAL_" + name }
            var unique = name
            var suffix = 2
            while !taken.insert(unique).inserted {
                unique = "\(name)_\(suffix)"
                suffix += 1
            }
            out[credential] = unique
        }
        return out
    }

    /// Upper case, every character outside A–Z and 0–9 an underscore: what a shell accepts.
    static func variable(_ text: String) -> String {
        String(text.uppercased().map { ("A"..."Z").contains($0) || ("0"..."9").contains($0) ? $0 : "_" })
    }
}
