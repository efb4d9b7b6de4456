/// A store that announces committed changes as they happen (PostgreSQL's `LISTEN`/`NOTIFY`),
/// so that server replicas re-render their feeds at once instead of looking every few seconds.
public protocol ChangeAnnouncingStore: Store {
    /// Calls `onChange` after writes of articles or related lists that other processes (other
    /// store instances) commit, until the task is cancelled or the connection is lost (it throws).
    func watchChanges(byOthers onChange: @escaping @Sendable () async -> Void) async throws
}
