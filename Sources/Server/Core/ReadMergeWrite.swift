import ControlPlane

/// A PATCH: read the resource, merge the sent fields, write it back only if nothing changed in between.
///
/// With `If-Match` the caller's revision is the condition and a mismatch is theirs to see (412). Without it the
/// server uses the revision it read, and a concurrent change makes it read and merge again, so no write is lost.
enum ReadMergeWrite {
    static let attempts = 5

    static func run<T>(ifMatch: Int64?,
                       _ step: () async throws -> (revision: Int64, write: (Int64) async throws -> T)) async throws -> T {
        var attempt = 0
        while true {
            attempt += 1
            let (revision, write) = try await step()
            do {
                return try await write(ifMatch ?? revision)
            } catch let error as ControlPlaneError where error.code == .revisionMismatch && ifMatch == nil && attempt < attempts {
                continue
            }
        }
    }
}
