import Foundation

/// Finds executables that SwiftPM built next to the running test bundle.
///
/// `swift build` and `swift test` put every product of a configuration in one
/// folder (`.build/debug`, or `<scratch-path>/debug` with `--scratch-path`), and
/// the test bundle sits in that folder too. So the bundle's location finds the
/// `eligo` binary that belongs to this build, whatever the scratch path, the
/// configuration or the machine. This is how swift-argument-parser's
/// `AssertExecuteCommand` finds its example commands (`debugURL`); the extra
/// `Bundle.main` candidate covers Linux, where the test bundle is itself an
/// executable and may be started directly.
public enum BuiltProduct {
    /// The variable that runs the tests against another build of the
    /// executable `name`, such as a release build: `ELIGO_BINARY=.build/release/eligo`
    /// for `eligo`.
    public static func overrideVariable(for name: String) -> String {
        name.uppercased().replacingOccurrences(of: "-", with: "_") + "_BINARY"
    }

    public struct NotFound: Error, CustomStringConvertible {
        public let name: String
        public let searched: [String]

        public var description: String {
            "no executable '\(name)' next to the test bundle (looked in \(searched.joined(separator: ", "))); "
                + "build it first (`swift build`) or set \(BuiltProduct.overrideVariable(for: name))"
        }
    }

    /// The built executable called `name`.
    ///
    /// - Throws: ``NotFound`` when the product was not built.
    public static func executable(named name: String) throws -> URL {
        if let override = ProcessInfo.processInfo.environment[overrideVariable(for: name)], !override.isEmpty {
            let url = URL(fileURLWithPath: override)
            guard FileManager.default.isExecutableFile(atPath: url.path) else {
                throw NotFound(name: name, searched: [url.path])
            }
            return url
        }
        let candidates = productDirectories.map { $0.appendingPathComponent(name) }
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) {
            return found
        }
        throw NotFound(name: name, searched: productDirectories.map(\.path))
    }

    /// The folders that may hold this build's products, most likely first.
    static var productDirectories: [URL] {
        var directories: [URL] = []
        let bundle = Bundle(for: Marker.self).bundleURL
        // macOS: `.../debug/EligoPackageTests.xctest` is a bundle folder inside the products folder.
        directories.append(bundle.pathExtension == "xctest" ? bundle.deletingLastPathComponent() : bundle)
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            // Linux: `.../debug/EligoPackageTests.xctest` is the test executable itself.
            var folder = executable.deletingLastPathComponent()
            while folder.pathComponents.count > 1, folder.path.contains(".xctest") {
                folder = folder.deletingLastPathComponent()
            }
            directories.append(folder)
        }
        var unique: [URL] = []
        for directory in directories.map(\.standardizedFileURL) where !unique.contains(directory) {
            unique.append(directory)
        }
        return unique
    }

    private final class Marker {}
}
