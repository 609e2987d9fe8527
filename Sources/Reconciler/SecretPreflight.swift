import Planning

/// Reads, before an apply starts, every credential value the plan will write, so a missing secret stops the apply
/// before anything changes instead of halfway through. A plan made without the secret (a pull-request job) marks such
/// creates `needs secret-value`; this is where that need is met or refused.
public enum SecretPreflight {
    /// One error per change whose value cannot be read, naming the source and never a value.
    public static func problems(in plan: Plan, secrets: SecretResolver) -> [ApplyError] {
        plan.changes.compactMap { change -> ApplyError? in
            guard change.address.kind == .credential, !change.isRefused,
                  change.action == .create || change.after?["value"] == .sensitiveChanged else { return nil }
            let fields = ChangeFields(change)
            do {
                if case .failure(let failure) = secrets.value(of: try fields.secretSource(), for: change.address.description) {
                    return ApplyError(.secretUnavailable,
                                      "the value of \(change.address) cannot be read: \(failure.description); make it available to govctl apply, then apply again")
                }
                return nil
            } catch let error as ApplyError {
                return error
            } catch {
                return ApplyError(.secretUnavailable, "the value of \(change.address) cannot be read: \(error)")
            }
        }
    }
}
