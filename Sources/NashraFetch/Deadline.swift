import NIOConcurrencyHelpers

/// Runs `operation` in a task of its own and returns the first of: its result, `onTimeout()` at
/// `deadline`, or `onCancel()` when the calling task is cancelled.
///
/// The loser is cancelled but not waited for. A task group would wait, so a step that ignores
/// cancellation (a `getaddrinfo` stuck on a slow name server) could hold the caller past the
/// deadline; here it cannot.
func firstOf<T: Sendable>(
    deadline: ContinuousClock.Instant,
    operation: @escaping @Sendable () async -> T,
    onTimeout: @escaping @Sendable () -> T,
    onCancel: @escaping @Sendable () -> T
) async -> T {
    let race = Race<T>()
    return await withTaskCancellationHandler {
        await withCheckedContinuation { continuation in
            race.start(continuation) { finish in
                [
                    Task { finish(await operation()) },
                    Task {
                        guard (try? await Task.sleep(until: deadline, clock: .continuous)) != nil else { return }
                        finish(onTimeout())
                    },
                ]
            }
        }
    } onCancel: {
        race.finish(onCancel())
    }
}

// MARK: - Private

/// One continuation resumed exactly once, by whichever contestant finishes first.
private final class Race<T: Sendable>: Sendable {
    private struct State: Sendable {
        var continuation: CheckedContinuation<T, Never>?
        var result: T?
        var tasks: [Task<Void, Never>] = []
    }

    private let state = NIOLockedValueBox(State())

    func start(
        _ continuation: CheckedContinuation<T, Never>,
        contestants: (@escaping @Sendable (T) -> Void) -> [Task<Void, Never>]
    ) {
        // Cancellation may have come before the continuation existed.
        let early: T? = state.withLockedValue { state in
            if let result = state.result { return result }
            state.continuation = continuation
            return nil
        }
        if let early {
            continuation.resume(returning: early)
            return
        }
        let tasks = contestants { [self] value in self.finish(value) }
        let alreadyDone = state.withLockedValue { state in
            if state.result != nil { return true }
            state.tasks = tasks
            return false
        }
        if alreadyDone {
            for task in tasks { task.cancel() }
        }
    }

    func finish(_ value: T) {
        let winner: (CheckedContinuation<T, Never>?, [Task<Void, Never>])? = state.withLockedValue { state in
            guard state.result == nil else { return nil }
            state.result = value
            defer {
                state.continuation = nil
                state.tasks = []
            }
            return (state.continuation, state.tasks)
        }
        guard let (continuation, tasks) = winner else { return }
        for task in tasks { task.cancel() }
        continuation?.resume(returning: value)
    }
}
