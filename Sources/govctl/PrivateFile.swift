import Foundation

/// Writes files only their owner can read (saved plans, key secrets), atomically: never half-written.
enum PrivateFile {
    /// Writes `data` to `path` with mode 0600 through a temporary file and a rename, making its directory if missing.
    static func write(_ data: Data, to path: String) throws {
        // A missing directory (`.govctl/` in a fresh checkout) is made, private too.
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty && !FileManager.default.fileExists(atPath: directory) {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                     attributes: [.posixPermissions: 0o700])
        }
        let temporary = path + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw CommandFailure(code: "write-failed", "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw CommandFailure(code: "write-failed", "cannot write \(path): \(reason)")
        }
    }
}
