import Governance
import YAMLNodes

/// Agents, API keys, credentials and settings: the kinds that hold no policies.
extension DocumentDecoder {
    /// Fields of a credential spec that would hold the secret itself are refused with `inline-secret`.
    static func isSecretLike(_ key: String) -> Bool {
        let lowered = key.lowercased()
        let exact: Set<String> = ["value", "key", "pin", "data", "stringdata", "plaintext", "credential", "credentials", "apikey", "api_key"]
        return exact.contains(lowered)
            || ["secret", "password", "passwd", "passphrase", "token", "privatekey", "private_key"].contains { lowered.contains($0) }
    }

    func agent(_ document: ObjectReader) {
        let meta = metadata(document, kind: "Agent", fields: ["name", "environment"])
        let name = meta?.string("name", required: true)
        if let name { checkName(name, what: "agent") }
        let environment = meta?.string("environment", required: true)
        let labels = meta?.stringMap("labels") ?? [:]
        let owner = "Agent '\(name.map { NodeDescription.shortened($0.value) } ?? "?")'"
        let spec = document.nested("spec", object: "spec of \(owner)", known: ["description", "missionScope", "status"], required: true,
                                   claim: misplacedMetadata(in: "spec of \(owner)", file: document.file))
        let description = spec?.string("description")?.value
        let missionScope = spec?.string("missionScope")?.value
        let status = spec?.choice("status", AgentStatus.self)?.value ?? .active
        guard let name, let environment else { return }
        declarations.agents.append(AgentDecl(
            spec: AgentSpec(environment: environment.value, name: name.value, description: description,
                            missionScope: missionScope, status: status, labels: labels),
            location: name.location, environmentLocation: environment.location))
    }

    func apiKey(_ document: ObjectReader) {
        let meta = metadata(document, kind: "ApiKey", fields: ["name", "environment"])
        let name = meta?.string("name", required: true)
        if let name { checkName(name, what: "API key") }
        let environment = meta?.string("environment")
        let labels = meta?.stringMap("labels") ?? [:]
        let owner = "ApiKey '\(name.map { NodeDescription.shortened($0.value) } ?? "?")'"
        let spec = document.nested("spec", object: "spec of \(owner)", known: ["role"], required: true,
                                   claim: misplacedMetadata(in: "spec of \(owner)", file: document.file))
        let role = spec?.choice("role", Role.self, required: true)?.value
        guard let name else { return }
        declarations.apiKeys.append(ApiKeyDecl(
            spec: ApiKeySpec(name: name.value, environment: environment?.value, role: role ?? .viewer, labels: labels),
            location: name.location, environmentLocation: environment?.location))
    }

    func credential(_ document: ObjectReader) {
        let meta = metadata(document, kind: "Credential", fields: ["name", "environment"])
        let name = meta?.string("name", required: true)
        if let name { checkName(name, what: "credential") }
        let environment = meta?.string("environment")
        let labels = meta?.stringMap("labels") ?? [:]
        let owner = "Credential '\(name.map { NodeDescription.shortened($0.value) } ?? "?")'"
        var inlineSecret = false
        // Claimed before the unknown-field check: the key is named, its value never is.
        let claimSecret: (YAMLEntry) -> Bool = { [sink] entry in
            guard Self.isSecretLike(entry.key) else { return false }
            inlineSecret = true
            sink.error(.inlineSecret, at: SourceLocation(file: document.file, mark: entry.keyMark),
                       "\(owner) writes its secret inline in '\(entry.key)'; secrets never stand in a manifest: use valueFrom: {env: NAME} or valueFrom: {file: PATH}")
            return true
        }
        guard let specNode = document.entry("spec")?.value else {
            document.reportMissing("spec")
            return
        }
        markSensitive(specNode, file: document.file)
        let misplaced = misplacedMetadata(in: "spec of \(owner)", file: document.file)
        guard let spec = ObjectReader(specNode, object: "spec of \(owner)", known: ["type", "valueFrom", "grants"],
                                      file: document.file, sink: sink, redacted: true, claim: { claimSecret($0) || misplaced($0) })
        else { return }
        let type = spec.choice("type", CredentialType.self, required: true)?.value
        let source = valueFrom(spec, owner: owner, claim: claimSecret, inlineSecret: inlineSecret)
        let grants = spec.strings("grants")
        guard let name else { return }
        declarations.credentials.append(CredentialDecl(
            spec: CredentialSpec(name: name.value, environment: environment?.value, type: type ?? .apiKey,
                                 valueFrom: source ?? .env(""), grants: grants.map(\.value).sorted(), labels: labels),
            location: name.location, environmentLocation: environment?.location, grants: grants))
    }

    /// Records where each scalar under `node` starts, so YAML errors there are shown without their text.
    private func markSensitive(_ node: YAMLNode, file: String) {
        switch node.content {
        case .scalar: sensitiveLocations.insert(SourceLocation(file: file, mark: node.mark))
        case .sequence(let items): for item in items { markSensitive(item, file: file) }
        case .mapping(let entries): for entry in entries { markSensitive(entry.value, file: file) }
        }
    }

    private func valueFrom(_ spec: ObjectReader, owner: String, claim: (YAMLEntry) -> Bool, inlineSecret: Bool) -> SecretSource? {
        guard let entry = spec.entry("valueFrom") else {
            // An inline secret already told the user to write valueFrom; saying it twice adds nothing.
            if !inlineSecret { spec.reportMissing("valueFrom") }
            return nil
        }
        if ObjectReader.string(of: entry.value) != nil {
            // A string here is most likely the secret itself, so it is refused as one and never shown.
            sink.error(.inlineSecret, at: spec.location(entry.value.mark),
                       "valueFrom of \(owner) holds a value inline; secrets never stand in a manifest: use valueFrom: {env: NAME} or valueFrom: {file: PATH}")
            return nil
        }
        guard let source = spec.reader(for: entry.value, object: "valueFrom of \(owner)", known: ["env", "file"], claim: claim) else { return nil }
        // A claimed inline secret already said what to write instead.
        let claimedSecret = source.entries.contains { Self.isSecretLike($0.key) }
        let env = source.string("env")
        let file = source.string("file")
        switch (env, file) {
        case let (env?, nil) where !env.value.isEmpty:
            guard let violation = VariableNameRule.check(env.value) else { return .env(env.value) }
            sink.error(violation, at: env.location,
                       message: "valueFrom.env of \(owner) is not a variable name (its text is not shown, as it may be a secret): \(violation.message)")
        case let (nil, file?) where !file.value.isEmpty: return .file(file.value)
        case (_?, _?):
            sink.error(.invalidValue, at: source.location, "valueFrom of \(owner) names both env and file; write exactly one")
        case let (env?, nil):
            sink.error(.invalidValue, at: env.location, "valueFrom.env of \(owner) is empty; name an environment variable")
        case let (nil, file?):
            sink.error(.invalidValue, at: file.location, "valueFrom.file of \(owner) is empty; name a file")
        case (nil, nil) where !claimedSecret:
            sink.error(.missingField, at: source.location, "valueFrom of \(owner) needs exactly one of env or file")
        case (nil, nil):
            break
        }
        return nil
    }

    func settings(_ document: ObjectReader) {
        // Settings have no identity, so metadata is optional and holds at most a name.
        let meta = document.nested("metadata", object: "Settings metadata", known: ["name"])
        _ = meta?.string("name")
        guard let spec = document.nested("spec", object: "spec of Settings",
                                         known: ["mfaRequired", "defaultRole", "notificationChannels", "prune", "drift"], required: true)
        else { return }
        var settings = SettingsSpec()
        settings.mfaRequired = spec.bool("mfaRequired") ?? false
        settings.defaultRole = spec.choice("defaultRole", Role.self)?.value ?? .viewer
        settings.prune = spec.bool("prune") ?? false
        for item in spec.list("notificationChannels") ?? [] {
            guard let channel = spec.reader(for: item, object: "notification channel of Settings", known: ["type", "target"]) else { continue }
            let type = channel.string("type", required: true)
            let target = channel.string("target", required: true)
            if let type, !NotificationChannel.knownTypes.contains(type.value) {
                sink.error(.invalidValue, at: type.location,
                           "field 'type' of notification channel of Settings must be one of \(NotificationChannel.knownTypes.joined(separator: ", ")), found '\(NodeDescription.shortened(type.value))'\(EditDistance.hint(for: type.value, in: NotificationChannel.knownTypes))")
            }
            if let type, let target { settings.notificationChannels.append(NotificationChannel(type: type.value, target: target.value)) }
        }
        settings.driftIgnores = driftIgnores(spec)
        declarations.settings.append(Located(value: settings, location: meta?.location ?? document.location))
    }

    /// `spec.drift.ignore` of Settings: each rule with its address pattern, classes, fields and required reason.
    private func driftIgnores(_ spec: ObjectReader) -> [DriftIgnoreRule] {
        guard let drift = spec.nested("drift", object: "drift of Settings", known: ["ignore"]) else { return [] }
        let classNames = DriftClass.ignorable.map(\.rawValue)
        var rules: [DriftIgnoreRule] = []
        for item in drift.list("ignore") ?? [] {
            guard let reader = drift.reader(for: item, object: "drift ignore rule of Settings",
                                            known: ["address", "classes", "fields", "reason"]) else { continue }
            let address = reader.string("address", required: true)
            let reason = reader.string("reason", required: true)
            var classes: [DriftClass] = []
            var classLocations: [SourceLocation] = []
            for name in reader.strings("classes") {
                guard let driftClass = DriftClass(rawValue: name.value) else {
                    sink.error(.invalidValue, at: name.location,
                               "field 'classes' of drift ignore rule of Settings must hold \(classNames.joined(separator: ", ")), found '\(NodeDescription.shortened(name.value))'\(EditDistance.hint(for: name.value, in: classNames))")
                    continue
                }
                classes.append(driftClass)
                classLocations.append(name.location)
            }
            let fields = reader.strings("fields")
            guard let address, let reason else { continue }
            let rule = DriftIgnoreRule(address: address.value, classes: classes, fields: fields.map(\.value), reason: reason.value)
            if let (violation, part) = rule.problem() {
                let location = switch part {
                case .address: address.location
                case .reason: reason.location
                case .driftClass(let index): classLocations[index]
                case .field(let index): fields[index].location
                }
                sink.error(violation, at: location)
                continue
            }
            rules.append(rule)
        }
        return rules
    }
}
