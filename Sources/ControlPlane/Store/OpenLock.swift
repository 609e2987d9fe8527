import Foundation

/// An exclusive advisory lock (`flock`) on `<state>.lock`, held while a process opens and migrates the store.
///
/// GRDB's migrator decides what to apply outside a write transaction, so two processes opening a new
/// file at once would both create the tables; the lock makes the second wait and find them made.
enum OpenLock {
    static func holding<T>(_ path: String, _ body: () throws -> T) throws -> T {
        let lockPath = path + ".lock"
        let fd = open(lockPath, O_RDWR | O_CREAT, 0o600)
        guard fd >= 0 else {
            throw ControlPlaneError(.storeError, resource: "", "cannot open lock file '\(lockPath)': \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else {
                throw ControlPlaneError(.storeError, resource: "", "cannot lock '\(lockPath)': \(String(cString: strerror(errno)))")
            }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}
