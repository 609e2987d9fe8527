import Foundation
import Planning
import Reconciler

/// The file `apply --secrets-file` names: a JSON object of new API key secrets by address (`{"apikey/staging/ci": "mk_…"}`),
/// mode 0600, rewritten atomically after each key so a later failure never loses one. Entries already there are kept.
/// `apply` refuses one that git would commit (`refuseCommittable`) before it plans.
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

extension SecretsFile {
    /// Refuses a file that `git add` would pick up: inside a git work tree and not ignored there. Key secrets in a
    /// repository are leaked for good, so this is an error, not a warning.
    static func refuseCommittable(_ path: String) throws {
        let file = URL(fileURLWithPath: path).standardizedFileURL
        let directory = file.deletingLastPathComponent()
        guard let root = workTree(containing: directory) else { return }
        let way = "write it outside the work tree (in CI under $RUNNER_TEMP or /tmp) or have git ignore it (for example `.govctl/` in .gitignore; a tracked file must also leave the index: `git rm --cached FILE`)"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // From the work tree's root: the file's own directory (such as .govctl/) may not exist yet.
        process.arguments = ["git", "-C", root.path, "check-ignore", "-q", file.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            process.waitUntilExit()
        } catch {
            throw CommandFailure(code: "secrets-file-in-work-tree",
                                 "--secrets-file \(path) is inside the git work tree \(root.path), and git cannot be run to tell whether it is ignored; \(way)")
        }
        switch process.terminationStatus {
        case 0: return
        case 1:
            throw CommandFailure(code: "secrets-file-in-work-tree",
                                 "--secrets-file \(path) is inside the git work tree \(root.path) and git does not ignore it (or already tracks it), so new API key secrets could be committed; \(way)")
        default:
            throw CommandFailure(code: "secrets-file-in-work-tree",
                                 "--secrets-file \(path) is inside the git work tree \(root.path), and `git check-ignore` could not tell whether it is ignored; \(way)")
        }
    }

    /// The nearest directory at or above `directory` that holds `.git` (a directory, or a file in a linked work tree).
    private static func workTree(containing directory: URL) -> URL? {
        var current = directory
        while true {
            if FileManager.default.fileExists(atPath: current.appendingPathComponent(".git").path) { return current }
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { return nil }
            current = parent
        }
    }
}
