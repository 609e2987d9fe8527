import Crypto
import Foundation
import GRDB
import Governance

/// The control plane: every rule of the domain, enforced once, over an embedded SQLite store.
///
/// Safe to share between tasks and to open from several processes on one file: writes are
/// SQLite IMMEDIATE transactions in WAL mode, with a busy timeout and retries on `SQLITE_BUSY`.
///
/// On disk, beside `state.db` (and SQLite's `-wal` and `-shm`):
/// - `state.db.key`: the master key (32 random bytes, hex, mode 0600), made on first open unless
///   `Configuration.masterKey` is given. Credential values are sealed with AES-GCM under a key derived
///   from it (HKDF-SHA256) and fingerprinted with HMAC-SHA256 under another; without this file the
///   values cannot be decrypted, so back it up with the database and never commit it.
/// - `state.db.lock`: an advisory lock held only while a process opens and migrates the store.
///
/// Every call takes a `Principal`; every mutation bumps the tenant revision and writes its audit
/// event in the same transaction. Errors are always `ControlPlaneError`.
public final class ControlPlane: Sendable {
    /// Where the store lives and what it runs with.
    public struct Configuration: Sendable {
        /// The SQLite file; its directory is created when missing.
        public var path: String
        /// The master key for credential values; nil keeps one in `<path>.key` (mode 0600), made on first use.
        public var masterKey: SymmetricKey?
        /// The time source for timestamps and audit retention; tests move it.
        public var clock: @Sendable () -> Date
        /// How long one write waits for another process's lock before retrying.
        public var busyTimeout: TimeInterval

        /// Creates a configuration for the store at `path`.
        public init(path: String, masterKey: SymmetricKey? = nil, clock: @escaping @Sendable () -> Date = { Date() },
                    busyTimeout: TimeInterval = 5) {
            self.path = path
            self.masterKey = masterKey
            self.clock = clock
            self.busyTimeout = busyTimeout
        }

        /// The key file used when no master key is given.
        public var keyFilePath: String { path + ".key" }
    }

    let pool: DatabasePool
    let secrets: SecretBox
    let clock: @Sendable () -> Date

    /// Opens the store at `configuration.path`, creating it with the tenant and its default environment if new.
    public init(_ configuration: Configuration) throws {
        let directory = (configuration.path as NSString).deletingLastPathComponent
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                // A directory govctl made holds the key file: keep all of it out of the repository it sits in.
                _ = FileManager.default.createFile(atPath: (directory as NSString).appendingPathComponent(".gitignore"),
                                               contents: Data("# Made by govctl: state and its key never belong in git.\n*\n".utf8))
            } catch {
                throw ControlPlaneError(.storeError, resource: "", "cannot create the state directory '\(directory)': \(error.localizedDescription)")
            }
        }
        var config = GRDB.Configuration()
        config.busyMode = .timeout(configuration.busyTimeout)
        config.foreignKeysEnabled = true
        let clock = configuration.clock
        try StateFile.check(configuration.path)
        (pool, secrets) = try OpenLock.holding(configuration.path) {
            let size = (try? FileManager.default.attributesOfItem(atPath: configuration.path)[.size] as? Int) ?? nil
            let masterKey = try configuration.masterKey
                ?? KeyFile.loadOrCreate(at: configuration.keyFilePath, create: (size ?? 0) == 0)
            if (size ?? 0) == 0 {
                // The store holds key hashes and sealed credential values: only its owner reads it. SQLite makes its
                // -wal and -shm files with the database's mode.
                _ = FileManager.default.createFile(atPath: configuration.path, contents: nil, attributes: [.posixPermissions: 0o600])
            }
            let pool = try Self.retryingBusy { try DatabasePool(path: configuration.path, configuration: config) }
            try Self.retryingBusy {
                try pool.read { db in try StateFile.checkOwnership(db, configuration.path) }
                try Schema.migrator.migrate(pool)
                try pool.write { db in
                    try Bootstrap.run(db, now: clock())
                    _ = try Self.purgeExpiredAuditEvents(db, now: clock())
                }
            }
            return (pool, SecretBox(masterKey: masterKey))
        }
        self.clock = clock
    }

    /// Retries `body` while another process holds the lock past the busy timeout.
    static func retryingBusy<T>(_ body: () throws -> T) throws -> T {
        var attempt = 0
        while true {
            do {
                return try body()
            } catch let error as DatabaseError where Self.isBusy(error) && attempt < 20 {
                attempt += 1
                usleep(UInt32(10_000 * attempt))
            } catch {
                throw Self.lift(error)
            }
        }
    }

    static func isBusy(_ error: DatabaseError) -> Bool {
        error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
    }

    /// Every error leaves the service as a `ControlPlaneError`.
    static func lift(_ error: Error) -> ControlPlaneError {
        if let error = error as? ControlPlaneError { return error }
        if let error = error as? DatabaseError, error.resultCode == .SQLITE_CONSTRAINT {
            // The service checks names and slugs first; reaching a constraint means a concurrent write won the race.
            return ControlPlaneError(.conflict, resource: "", "the change conflicts with another one made at the same time; read again and retry (\(error.message ?? "constraint"))")
        }
        if let error = error as? DatabaseError, error.resultCode == .SQLITE_READONLY || error.resultCode == .SQLITE_CANTOPEN {
            // Opening migrates and applies retention, so even a read needs a writable file and directory.
            return ControlPlaneError(.storeError, resource: "",
                                     "the state store cannot be opened for writing (\(error.message ?? "\(error.resultCode)")); govctl needs write access to the state file and its directory, even to read")
        }
        if let error = error as? DatabaseError {
            return ControlPlaneError(.storeError, resource: "", "the state store failed: \(error.message ?? "\(error.resultCode)")")
        }
        return ControlPlaneError(.storeError, resource: "", "the state store failed: \(error)")
    }

    /// Runs `body` in one write transaction that bumps the tenant revision; audit events go in the same transaction.
    func write<T: Sendable>(_ principal: Principal, _ body: @escaping @Sendable (inout WriteTransaction) throws -> T) async throws -> T {
        var attempt = 0
        while true {
            do {
                return try await pool.write { [clock] db in
                    var change = try WriteTransaction(db: db, principal: principal, now: clock())
                    return try body(&change)
                }
            } catch let error as DatabaseError where Self.isBusy(error) && attempt < 20 {
                attempt += 1
                try? await Task.sleep(nanoseconds: UInt64(10_000_000 * attempt))
            } catch {
                throw Self.lift(error)
            }
        }
    }

    /// Runs `body` in one read transaction: a consistent view even while others write.
    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.read(body)
        } catch {
            throw Self.lift(error)
        }
    }

    /// The current time, from the injected clock.
    var now: Date { clock() }
}
