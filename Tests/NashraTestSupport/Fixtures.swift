public import Foundation

/// Locates the repository's `Fixtures/` folder and the shared corpus.
public enum Fixtures {
    /// The package root, found from this file's path (tests run from anywhere).
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Fixtures/<path>`.
    public static func url(_ path: String) -> URL {
        packageRoot.appendingPathComponent("Fixtures").appendingPathComponent(path)
    }

    /// Reads `Fixtures/<path>`.
    public static func data(_ path: String) throws -> Data {
        try Data(contentsOf: url(path))
    }

    /// Files directly below `Fixtures/<folder>` with one of the extensions, sorted.
    public static func files(in folder: String, extensions: Set<String>) -> [URL] {
        let base = url(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? []
        return names.sorted().map { base.appendingPathComponent($0) }
            .filter { extensions.contains($0.pathExtension) && !$0.lastPathComponent.contains(".expected.") }
    }

    /// `../shared/corpus/realworld` beside the clone, when it is there (CI has it; a user's clone may not).
    public static var realWorldCorpus: URL? {
        let url = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/realworld")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }
}
