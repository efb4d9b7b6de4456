public import NashraStore
import PostgresNIO

extension PostgresStore: ChangeAnnouncingStore {
    public func watchChanges(byOthers onChange: @escaping @Sendable () async -> Void) async throws {
        let own = instanceID
        // One pooled connection stays with the listener for as long as it runs.
        try await client.withConnection { connection in
            try await connection.listen(on: Self.changeChannel) { notifications in
                for try await notification in notifications where notification.payload != own {
                    await onChange()
                }
            }
        }
    }
}
