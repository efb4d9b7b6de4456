/// How a fetch ended; the scheduler decides what each case means for the feed.
public enum FetchOutcome: Sendable {
    /// A 2xx with its body.
    case ok(FetchResponse)
    /// 304: nothing changed, nothing to parse.
    case notModified(FetchResponse)
    /// 410: the partner removed the feed; stop polling it.
    case gone(FetchResponse)
    /// Any other answer that is not a success: 4xx and 5xx other than 410 (404, 429 and 503 with
    /// `retryAfter`, 500), and a 3xx that cannot be followed (no `Location`, 300, 305).
    case httpError(FetchResponse)
    /// No usable answer: time-out, size cap, refused address, redirect trouble, connection failure.
    case failed(FetchError)
}

extension FetchOutcome {
    /// The response, for every case but ``failed(_:)``.
    public var response: FetchResponse? {
        switch self {
        case .ok(let response), .notModified(let response), .gone(let response), .httpError(let response): response
        case .failed: nil
        }
    }

    /// The error, for ``failed(_:)`` only.
    public var error: FetchError? {
        if case .failed(let error) = self { error } else { nil }
    }
}
