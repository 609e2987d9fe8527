import Foundation
import GRDB

/// What the store's path must be before it is opened: a new path, or a file SQLite wrote for this store.
///
/// Checked before the key file, so a wrong path is named as such instead of as a store that lost its key.
enum StateFile {
    private static let sqliteHeader = Array("SQLite format 3\u{0}".utf8)

    /// Refuses a directory, a file that is not an SQLite database, and a file that cannot be read.
    static func check(_ path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return }
        if isDirectory.boolValue {
            throw failure("'\(path)' is a directory; the state store is a file: name a file in it, such as '\((path as NSString).appendingPathComponent("state.db"))'")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw failure("cannot read the state store '\(path)': \(String(cString: strerror(errno)))")
        }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: sqliteHeader.count)) ?? Data()
        guard head.isEmpty || Array(head) == sqliteHeader else {
            throw failure("'\(path)' is not a state store (it is not an SQLite database); name the store's file, or a new path to start a fresh store")
        }
    }

    /// Refuses an SQLite database that holds tables but none of this store's migrations: another program's file.
    static func checkOwnership(_ db: Database, _ path: String) throws {
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        guard !tables.isEmpty, !tables.contains("grdb_migrations") else { return }
        throw failure("'\(path)' is an SQLite database of another program (tables \(tables.prefix(3).joined(separator: ", "))), not a state store; name the store's file, or a new path")
    }

    private static func failure(_ message: String) -> ControlPlaneError {
        ControlPlaneError(.storeError, resource: "", message)
    }
}
