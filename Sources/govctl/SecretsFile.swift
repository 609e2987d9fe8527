import Foundation
import Planning
import Reconciler

/// The file `apply --secrets-file` names: a JSON object of new API key secrets by address (`{"apikey/staging/ci": "mk_…"}`),
/// mode 0600, rewritten atomically after each key so a later failure never loses one. Entries already there are kept.
actor SecretsFile: KeySecretSink {
    let path: String
    private var entries: [String: String]

    /// Opens `path`, reading the secrets already in it; a missing file is created empty now, so a file that cannot
    /// be written fails the apply before any key is issued rather than after.
    init(path: String) throws {
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else {
            entries = [:]
            try PrivateFile.write(Data("{}\n".utf8), to: path)
            return
        }
        guard let data = FileManager.default.contents(atPath: path),
              let existing = try? JSONDecoder().decode([String: String].self, from: data) else {
            throw CommandFailure(code: "secrets-file-invalid",
                                 "\(path) exists but is not a secrets file (a JSON object of key secrets by address); name another file")
        }
        entries = existing
    }

    func store(_ secret: String, for address: String) async throws {
        entries[address] = secret
        try PrivateFile.write(Data((try JSONRenderer.encode(entries) + "\n").utf8), to: path)
    }
}
