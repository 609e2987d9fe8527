import ArgumentParser
import ControlPlane
import Foundation
import Logging
import Server

/// `govctl serve`: the vendor's REST API over the same control plane and state file as the embedded mode.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the control plane's REST API (/api/v1) over the state file.",
        discussion: """
            Serves the vendor's API over the same SQLite state as the embedded mode, so `govctl plan --state PATH` \
            and the server can share one file. Requests authenticate with `Authorization: Bearer <key>`.

            The first start on a state with no API key issues one Owner key and writes it to --bootstrap-key-file \
            (created with mode 0600; the key is never printed); on a state whose keys are all narrower than a \
            tenant-wide Owner (say, CI keys from an embedded apply) it does so when the file is named. SIGTERM or SIGINT stops accepting connections, lets \
            requests in flight finish, and exits 0.

            Examples:
              govctl serve --state .govctl/state.db --bootstrap-key-file owner.key
              govctl serve --listen 0.0.0.0:8080 --rate-limit 600/min
            """
    )

    @Option(help: ArgumentHelp("The address to listen on, host:port.", valueName: "host:port"))
    var listen = "127.0.0.1:8080"

    // Only the state file: serve is the API, so the remote options of the other commands make no sense here.
    @OptionGroup var store: StateOption

    @Option(help: ArgumentHelp("Where the first start writes the Owner key it issues (mode 0600).", valueName: "file"))
    var bootstrapKeyFile: String?

    @Option(help: ArgumentHelp("Requests a minute per key, such as 600/min (default: no limit).", valueName: "N/min"))
    var rateLimit: String?

    func validate() throws {
        _ = try address()
        _ = try limit()
    }

    func run() async throws {
        let (host, port) = try address()
        let logger = Logger(label: "govctl.serve")
        let statePath = store.path
        let controlPlane = try ControlPlane(ControlPlane.Configuration(path: statePath))
        do {
            switch try await BootstrapKey.ensure(controlPlane, file: bootstrapKeyFile) {
            case .issued:
                logger.notice("issued the bootstrap Owner key", metadata: ["file": "\(bootstrapKeyFile ?? "")"])
            case .ownerKeyExists where bootstrapKeyFile != nil:
                logger.notice("the store already has an active Owner key: no bootstrap key was issued and the file was not written",
                              metadata: ["file": "\(bootstrapKeyFile ?? "")"])
            case .noOwnerKey:
                logger.notice("the store has API keys but no active tenant-wide Owner key; start with --bootstrap-key-file FILE to issue one")
            case .ownerKeyExists:
                break
            }
        } catch let failure as BootstrapKey.Failure {
            throw CommandFailure(code: failure.code, failure.message)
        }
        let configuration = APIServer.Configuration(host: host, port: port, rateLimit: try limit(), logger: logger)
        try await Serve.run(configuration, controlPlane: controlPlane) { port in
            logger.notice("listening", metadata: ["address": "\(host):\(port)", "state": "\(statePath)"])
        }
    }

    /// `--listen` as host and port.
    func address() throws -> (String, Int) {
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]),
              (0...65_535).contains(port), colon != listen.startIndex else {
            throw ValidationError("--listen must be host:port, such as 127.0.0.1:8080")
        }
        return (String(listen[..<colon]), port)
    }

    /// `--rate-limit` as requests a minute.
    func limit() throws -> Int? {
        guard let rateLimit else { return nil }
        let number = rateLimit.hasSuffix("/min") ? rateLimit.dropLast(4) : Substring(rateLimit)
        guard let limit = Int(number), limit > 0 else {
            throw ValidationError("--rate-limit must be requests a minute, such as 600/min")
        }
        return limit
    }
}
