import Foundation
import Manifests

/// A directory of manifests written whole or not at all: files go to a temporary sibling, which then takes the
/// directory's place by renames, so a failure leaves the old directory (or none) and never a half-written one.
struct ManifestDirectory {
    let path: String

    /// Writes `files` as the directory's only content; refuses a non-empty directory unless `force`, and even
    /// then one that holds a git repository or `keep` (the state file), which replacing would delete.
    func replace(with files: [ImportedManifests.File], force: Bool, keep: String) throws {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        let exists = fm.fileExists(atPath: path, isDirectory: &isDirectory)
        if exists && !isDirectory.boolValue { throw failure("\(path) is a file, not a directory") }
        let occupied = exists && !((try? fm.contentsOfDirectory(atPath: path)) ?? []).isEmpty
        if occupied && !force { throw CommandFailure(code: "output-not-empty", "\(path) is not empty; choose another --out, or pass --force to replace it") }
        let base = URL(fileURLWithPath: path).standardizedFileURL
        if occupied {
            let kept = URL(fileURLWithPath: keep).standardizedFileURL.path
            if fm.fileExists(atPath: base.appendingPathComponent(".git").path) || kept.hasPrefix(base.path + "/") {
                throw CommandFailure(code: "output-not-empty",
                                     "\(path) holds a git repository or the state file, which --force would delete; choose a directory of manifests only")
            }
        }

        let staging = sibling(of: base, "import")
        defer { try? fm.removeItem(at: staging) }
        do {
            for file in files {
                let target = staging.appendingPathComponent(file.path)
                try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.text.utf8).write(to: target)
            }
        } catch {
            throw failure("cannot write the manifests: \(error.localizedDescription)")
        }
        try fm.createDirectory(at: base.deletingLastPathComponent(), withIntermediateDirectories: true)
        try swap(staging, into: base, replacing: exists)
    }

    /// Moves `staging` to `base`; an existing directory moves aside first and comes back if the move fails.
    private func swap(_ staging: URL, into base: URL, replacing exists: Bool) throws {
        guard exists else {
            guard rename(staging.path, base.path) == 0 else { throw failure(errnoText()) }
            return
        }
        let old = sibling(of: base, "old")
        guard rename(base.path, old.path) == 0 else { throw failure(errnoText()) }
        guard rename(staging.path, base.path) == 0 else {
            let reason = errnoText()
            _ = rename(old.path, base.path)
            throw failure(reason)
        }
        try? FileManager.default.removeItem(at: old)
    }

    private func sibling(of base: URL, _ purpose: String) -> URL {
        base.deletingLastPathComponent().appendingPathComponent(".\(base.lastPathComponent).\(purpose)-\(getpid())")
    }

    private func errnoText() -> String { String(cString: strerror(errno)) }

    private func failure(_ reason: String) -> CommandFailure {
        CommandFailure(code: "write-failed", "cannot write \(path): \(reason)")
    }
}
