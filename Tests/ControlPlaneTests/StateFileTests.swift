import Foundation
import GRDB
import Testing
@testable import ControlPlane

/// A wrong `--state` path is named for what it is, and nothing is written to it.
@Suite("state file")
struct StateFileTests {
    private static func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("govctl-statefile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    private static func refusal(_ path: String) -> String? {
        do {
            _ = try ControlPlane(.init(path: path))
            return nil
        } catch let error as ControlPlaneError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    @Test("a directory is refused as a directory, with a file to name instead")
    func directory() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let message = try #require(Self.refusal(dir.path))
        #expect(message.contains("is a directory"), "\(message)")
        #expect(message.contains("state.db"))
        #expect(!FileManager.default.fileExists(atPath: dir.path + ".key"), "no key file was made beside it")
    }

    @Test("a file that is not an SQLite database is refused as such, not as a store without its key")
    func notSQLite() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("notes.db").path
        let bytes = Data((0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        try bytes.write(to: URL(fileURLWithPath: path))
        let message = try #require(Self.refusal(path))
        #expect(message.contains("not an SQLite database"), "\(message)")
        #expect(!message.contains("key file"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes, "the file is untouched")
    }

    @Test("another program's SQLite database is refused, not migrated")
    func foreignDatabase() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("other.db").path
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "CREATE TABLE invoices (id INTEGER PRIMARY KEY)") }
        try queue.close()
        // The key file exists as it would beside a store, so only the database itself can be at fault.
        FileManager.default.createFile(atPath: path + ".key", contents: Data(String(repeating: "ab", count: 32).utf8))
        let message = try #require(Self.refusal(path))
        #expect(message.contains("another program"), "\(message)")
        let tables = try DatabaseQueue(path: path).read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        #expect(tables == ["invoices"], "nothing was added to it")
    }

    @Test("a store opens again after the checks: they pass a real store")
    func realStoreReopens() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("state.db").path
        _ = try ControlPlane(.init(path: path))
        _ = try ControlPlane(.init(path: path))
        FileManager.default.createFile(atPath: dir.appendingPathComponent("empty.db").path, contents: nil)
        _ = try ControlPlane(.init(path: dir.appendingPathComponent("empty.db").path))
    }
}
