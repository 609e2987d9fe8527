/// The order of application: changes of one wave are independent and may run in parallel; waves run in order.
extension Change {
    /// 0: production-flag removals; 1: environment creates and updates; 2: agents; 3: other scoped creates and
    /// updates (policies, keys, credentials, whose grants need the agents); 4: scoped deletes but agents; 5: agent
    /// deletes, after the credentials that grant them; 6: environment deletes.
    public var wave: Int {
        switch (address.kind, action) {
        case (.environment, .update) where needs.contains(.owner): 0
        case (.environment, .create), (.environment, .update): 1
        case (.agent, .create), (.agent, .update): 2
        case (_, .create), (_, .update): 3
        case (.credential, .delete), (.apikey, .delete), (.policy, .delete): 4
        case (.agent, .delete): 5
        case (.environment, .delete): 6
        case (.settings, .delete): 4
        }
    }
}
