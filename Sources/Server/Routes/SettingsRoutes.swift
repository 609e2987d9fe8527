import ControlPlane
import Governance
import Hummingbird

/// `/settings`: the tenant's settings, read by anyone, changed by a tenant-wide Owner or Manager.
struct SettingsRoutes {
    let controlPlane: ControlPlane

    func register(on api: RouterGroup<APIContext>) {
        api.get("settings", use: get)
        api.patch("settings", use: patch)
    }

    @Sendable func get(_ request: Request, context: APIContext) async throws -> Response {
        let live = try await controlPlane.settings(as: context.requirePrincipal())
        return try Reply.data(SettingsBody(live), context, revision: live.revision)
    }

    @Sendable func patch(_ request: Request, context: APIContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let p = try await StrictDecoder.decode(SettingsPatch.self, from: request, context: context).value
        let role = try StrictDecoder.enumValue(p.defaultRole, "default_role", as: Role.self)
        let updated: LiveSettings = try await ReadMergeWrite.run(ifMatch: try ETag.expectedRevision(request)) {
            let current = try await controlPlane.settings(as: principal)
            var settings = current.settings
            if let mfa = p.mfaRequired { settings.mfaRequired = mfa }
            if let role { settings.defaultRole = role }
            if let channels = p.notificationChannels {
                settings.notificationChannels = channels.map { NotificationChannel(type: $0.type, target: $0.target) }
            }
            if let prune = p.prune { settings.prune = prune }
            return (current.revision, { expected in
                try await controlPlane.updateSettings(settings, expectedRevision: expected, as: principal)
            })
        }
        return try Reply.data(SettingsBody(updated), context, revision: updated.revision)
    }
}
