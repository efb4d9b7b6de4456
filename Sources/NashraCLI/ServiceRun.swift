import NashraFetch
import ServiceLifecycle

/// Runs `group` until it ends (its work done, or SIGINT/SIGTERM), then shuts `fetcher` down.
/// A failure is printed as `command: error` and exits 1.
func runServices(_ group: ServiceGroup, fetcher: Fetcher, command: String) async throws {
    do {
        try await group.run()
    } catch {
        try? await fetcher.shutdown()
        printError("\(command): \(error)")
        throw ExitStatus.failure
    }
    try? await fetcher.shutdown()
}
