import Foundation
import NashraTestSupport
import Testing

/// `/` in headless Chromium: the Arabic page must lay out right to left. The
/// screenshot is kept in `.build/test-artifacts/home.png` for people to look at.
@Suite struct HomePageScreenshotTests {
    /// Debian's `chromium` (or a `chromium-browser`/`google-chrome` on PATH); `.ci/run` installs it.
    static let chromium: String? = ["chromium", "chromium-browser", "google-chrome"].lazy.compactMap(ExternalTool.find).first

    @Test(.enabled(if: chromium != nil, "skipped: Chromium is not installed (Debian: apt-get install chromium)"))
    func theArabicHomePageLaysOutRightToLeft() async throws {
        let chromium = try #require(Self.chromium)
        let running = try await FeedServerTests.Running.start()
        let artifacts = Fixtures.packageRoot.appendingPathComponent(".build/test-artifacts")
        try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        let screenshot = artifacts.appendingPathComponent("home.png")
        try? FileManager.default.removeItem(at: screenshot)
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("nashra-chromium-\(UUID().uuidString)")
        let run = try await onOwnThread {
            try ExternalTool.run(
                chromium,
                [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
                    "--user-data-dir=\(profile.path)", "--window-size=1000,1400", "--screenshot=\(screenshot.path)",
                    "http://127.0.0.1:\(running.port)/",
                ])
        }
        try await running.stop()
        #expect(FileManager.default.fileExists(atPath: screenshot.path), "Chromium wrote no screenshot: \(run.stderr.suffix(800))")
        print("home page screenshot: \(screenshot.path)")

        // The site title is the first line of dark text, in the page's top band. Right to left,
        // it hugs the right margin of the 960-pixel column and leaves the left half empty.
        let ink = try Self.ink(screenshot, rows: 0..<90)
        let width = try #require(ink["width"] as? Int)
        let left = try #require(ink["left"] as? Int, "no text at the top of the page")
        let right = try #require(ink["right"] as? Int)
        #expect(right > width * 85 / 100, "the title ends \(width - right) px from the right edge")
        #expect(left > width / 2, "the title starts at \(left) px: it runs left to right")
    }

    /// Where the dark pixels are in a band of rows (Scripts/png_ink.py).
    static func ink(_ png: URL, rows: Range<Int>) throws -> [String: Any] {
        let script = Fixtures.packageRoot.appendingPathComponent("Scripts/png_ink.py").path
        let run = try ExternalTool.run("/usr/bin/env", ["python3", script, png.path, String(rows.lowerBound), String(rows.upperBound)])
        return try #require(try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any], "\(run.stderr)")
    }
}
