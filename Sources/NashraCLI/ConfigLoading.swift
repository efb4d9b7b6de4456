import Foundation
import NashraModel

/// Reads `--config FILE`, or `nashra.json` in the working directory when present.
func loadConfig(_ path: String?) throws -> FeedConfig {
    if let path {
        return try FeedConfig(contentsOf: URL(fileURLWithPath: path))
    }
    let local = "nashra.json"
    guard FileManager.default.fileExists(atPath: local) else { return FeedConfig() }
    return try FeedConfig(contentsOf: URL(fileURLWithPath: local))
}
