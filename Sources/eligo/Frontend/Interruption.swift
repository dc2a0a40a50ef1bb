import Foundation

/// Removes the temporary output when the run is interrupted (SIGINT, SIGTERM),
/// says so, and exits with 128 + the signal number (130, 143).
///
/// The handler may only call async-signal-safe functions, so the path lives in a
/// preallocated C buffer and the message is written with `write(2)`.
enum Interruption {
    nonisolated(unsafe) private static var path = UnsafeMutablePointer<CChar>.allocate(capacity: Int(PATH_MAX) + 1)
    nonisolated(unsafe) private static var armed: sig_atomic_t = 0
    nonisolated(unsafe) private static var message = UnsafeMutablePointer<CChar>.allocate(capacity: 256)

    /// Installs the handlers; `note` is printed on interruption.
    static func install(note: String) {
        let bytes = Array(note.utf8.prefix(255))
        for (index, byte) in bytes.enumerated() { message[index] = CChar(bitPattern: byte) }
        message[bytes.count] = 0
        signal(SIGINT, handler)
        signal(SIGTERM, handler)
        // A parent may start us with these signals blocked (some process launchers do);
        // an interruptible run must receive them.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        sigprocmask(SIG_UNBLOCK, &set, nil)
    }

    static func register(_ temporary: String) {
        // Disarmed while the path is rewritten, so the handler never sees half a path.
        armed = 0
        let bytes = Array(temporary.utf8.prefix(Int(PATH_MAX)))
        for (index, byte) in bytes.enumerated() { path[index] = CChar(bitPattern: byte) }
        path[bytes.count] = 0
        armed = 1
    }

    static func unregister() { armed = 0 }

    private static let handler: @convention(c) (Int32) -> Void = { signal in
        if Interruption.armed != 0 { unlink(Interruption.path) }
        let text = Interruption.message
        write(2, text, strlen(text))
        _exit(128 + signal)
    }
}
