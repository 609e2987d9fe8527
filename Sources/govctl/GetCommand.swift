import ArgumentParser
import ControlPlane
import Foundation
import Governance

/// `govctl get`: lists live resources of the embedded control plane.
struct Get: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List live environments, agents, policies, API keys or credentials.",
        discussion: """
            Reads the embedded control plane's state file, or the API at --endpoint. Key secrets and credential \
            values are never shown: keys show their 8-character prefix, credentials a fingerprint of their value \
            (the API gives none).

            Examples:
              govctl get environments
              govctl get policies -e staging
              govctl get policy --env production
              govctl get apikeys --format json
              govctl get credentials --state /tmp/state.db
            """)

    /// The kinds `get` lists, named in the plural or the singular, as kubectl takes them.
    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case environments, agents, policies, apikeys, credentials

        /// The other spellings of each kind; help shows only the plurals.
        static let aliases: [String: Kind] = [
            "environment": .environments, "env": .environments, "envs": .environments,
            "agent": .agents, "policy": .policies,
            "apikey": .apikeys, "key": .apikeys, "keys": .apikeys,
            "credential": .credentials, "cred": .credentials, "creds": .credentials,
        ]

        init?(argument: String) {
            guard let kind = Kind(rawValue: argument) ?? Self.aliases[argument] else { return nil }
            self = kind
        }
    }

    @Argument(help: "What to list (singular or plural: policy or policies, env or environments, key or apikeys).")
    var kind: Kind

    @Option(name: [.customShort("e"), .customLong("env")], help: ArgumentHelp("Only this environment.", valueName: "slug"))
    var environment: String?

    @Option(help: "Output format: table or json.")
    var format: ListFormat = .table

    @OptionGroup var backend: BackendOptions

    func run() async throws {
        let renderer = LiveRenderer(now: Date())
        if let remote = try await backend.remoteBackend() {
            try await listRemote(remote, renderer)
            return
        }
        let plane = try backend.controlPlane()
        let env = environment
        switch kind {
        case .environments:
            var items = try await plane.environments(as: .cli)
            if let env { items = [try await plane.environment(env, as: .cli)] }
            emit(items.map(renderer.json), renderer.table(items))
        case .agents:
            let items = try await plane.agents(in: env, as: .cli)
            emit(items.map(renderer.json), renderer.table(items))
        case .policies:
            let items = try await plane.policies(in: env, as: .cli)
            emit(items.map(renderer.json), renderer.table(items))
        case .apikeys:
            let items = try await plane.apiKeys(in: env, as: .cli)
            emit(items.map(renderer.json), renderer.table(items))
        case .credentials:
            let items = try await plane.credentials(in: env, as: .cli)
            emit(items.map(renderer.json), renderer.table(items))
        }
    }

    private func emit(_ json: [JSONValue], _ table: TableRenderer) {
        Output.emit(format: format, json: json, table: table,
                    empty: "No \(kind.rawValue) found\(environment.map { " in environment '\($0)'" } ?? "").")
    }
}

/// Prints a list as JSON or as a table; an empty table says so on stderr, like kubectl.
enum Output {
    static func emit(format: ListFormat, json: [JSONValue], table: TableRenderer, empty: String) {
        switch format {
        case .json:
            print(JSONCoding.prettyText(.array(json)))
        case .table where table.rows.isEmpty:
            FileHandle.standardError.write(Data((empty + "\n").utf8))
        case .table:
            print(table.render(), terminator: "")
        }
    }
}
