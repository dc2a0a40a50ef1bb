import Foundation

/// Where output goes: results to stdout, messages to stderr, colour only on a terminal.
enum Terminal {
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Colour is used when writing to a terminal and `NO_COLOR` is not set.
    static func wantsColour(forStdout: Bool) -> Bool {
        if ProcessInfo.processInfo.environment["NO_COLOR"] != nil { return false }
        return forStdout ? stdoutIsTerminal : stderrIsTerminal
    }
}
