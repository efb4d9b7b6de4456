public import Foundation

/// Byte-exact golden files: `NASHRA_RECORD=1 swift test` rewrites them, and
/// the diff is reviewed like code.
public enum GoldenFile {
    /// Whether this run records instead of comparing.
    public static var isRecording: Bool { ProcessInfo.processInfo.environment["NASHRA_RECORD"] == "1" }

    /// Compares `actual` with `Fixtures/<path>`, or records it.
    /// - Returns: `nil` when they match (or were recorded), else a message saying where they first differ.
    public static func compare(_ actual: Data, with path: String) -> String? {
        let url = Fixtures.url(path)
        if isRecording {
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            do { try actual.write(to: url) } catch { return "cannot record \(path): \(error)" }
            return nil
        }
        guard let expected = try? Data(contentsOf: url) else {
            return "missing golden file \(path); run NASHRA_RECORD=1 swift test and review it"
        }
        if expected == actual { return nil }
        let a = String(decoding: actual, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let e = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(a.count, e.count) where i >= a.count || i >= e.count || a[i] != e[i] {
            let got = i < a.count ? String(a[i]) : "<end>"
            let want = i < e.count ? String(e[i]) : "<end>"
            return "\(path) differs at line \(i + 1):\n  expected: \(want)\n  actual:   \(got)"
        }
        return "\(path) differs"
    }
}
