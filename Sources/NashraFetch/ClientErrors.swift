import AsyncHTTPClient
import Foundation
import NIOHTTPCompression

extension FetchError {
    /// Translates what AsyncHTTPClient and NIO throw into the fetcher's codes.
    init(wrapping error: any Error, url: URL, policy: FetchPolicy) {
        switch error {
        case var error as FetchError:
            error.url = error.url ?? url
            self = error
        case let error as HTTPClientError:
            self.init(code: Self.code(for: error), message: error.description, url: url)
        case NIOHTTPDecompression.DecompressionError.limit:
            self.init(
                code: .tooLarge,
                message: "the decompressed body passed \(policy.maxDecompressedBytes) bytes",
                url: url
            )
        case let error as NIOHTTPDecompression.DecompressionError:
            self.init(code: .decompression, message: "the compressed body is corrupt (\(error))", url: url)
        case let error as NIOHTTPDecompression.ExtraDecompressionError:
            self.init(code: .decompression, message: "the compressed body is corrupt (\(error))", url: url)
        case is CancellationError:
            self.init(code: .cancelled, message: "the fetch was cancelled", url: url)
        default:
            self.init(code: .connection, message: "\(error)", url: url)
        }
    }
}

// MARK: - Private

extension FetchError {
    private static func code(for error: HTTPClientError) -> Code {
        switch error {
        case .deadlineExceeded, .readTimeout, .writeTimeout, .connectTimeout, .getConnectionFromPoolTimeout,
            .tlsHandshakeTimeout, .socksHandshakeTimeout, .httpProxyHandshakeTimeout:
            .timeout
        case .invalidURL, .emptyHost, .emptyScheme:
            .invalidURL
        case .cancelled:
            .cancelled
        default:
            .connection
        }
    }
}
