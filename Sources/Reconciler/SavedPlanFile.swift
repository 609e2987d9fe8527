import ControlPlane
import Foundation
import Planning

/// Reads a plan saved by `plan --out`, telling a missing file, an unreadable one, something that is not a plan, and
/// a plan of another format apart.
public enum SavedPlanFile {
    /// The saved plan at `path`.
    public static func read(_ path: String) throws -> SavedPlan {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ApplyError(.planNotFound, "the saved plan \(path) does not exist; make one with `govctl plan --out \(path)`")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ApplyError(.planUnreadable, "the saved plan \(path) cannot be read; check that it is a file govctl may read")
        }
        struct Header: Decodable {
            let formatVersion: String?
            let plan: PlanDocument?
            enum CodingKeys: String, CodingKey { case formatVersion = "format_version", plan }
        }
        let notAPlan = ApplyError(.notAPlan, "\(path) is not a plan saved by `govctl plan --out`")
        guard let header = try? JSONCoding.decode(Header.self, from: data), let version = header.formatVersion else { throw notAPlan }
        guard version == SavedPlan.currentFormatVersion else {
            throw ApplyError(.planFormatVersion,
                             "\(path) was saved in plan format \(version); this govctl reads format \(SavedPlan.currentFormatVersion) — make the plan again with this govctl")
        }
        do {
            return try JSONCoding.decode(SavedPlan.self, from: data)
        } catch {
            throw notAPlan
        }
    }

    /// The plan a saved plan holds, or `not-a-plan` when a change does not read back.
    public static func plan(of saved: SavedPlan, path: String) throws -> Plan {
        guard let plan = saved.plan.plan() else {
            throw ApplyError(.notAPlan, "\(path) holds a change govctl cannot read back; make the plan again")
        }
        return plan
    }
}
