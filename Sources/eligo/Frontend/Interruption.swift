import EligoDiagnostics
import Foundation

/// Removes the temporary outputs when the run is interrupted (SIGINT, SIGTERM,
/// SIGHUP), says so, and exits with 128 + the signal number (130, 143, 129).
///
/// The handler may only call async-signal-safe functions, so the paths and the
/// messages live in preallocated C buffers and are written with `write(2)`.
/// There is room for ``slotCount`` temporary files at once: a batch writes its
/// decisions and its summary beside their targets, and renames both at the end.
///
/// SIGKILL cannot be caught: a killed run leaves its temporary file behind, under
/// a name that ``OutputFile`` recognises and removes on the next run.
enum Interruption {
    /// The signals that stop a run cleanly.
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// How many temporary files may be registered at once.
    static let slotCount = 2
    private static let pathCapacity = Int(PATH_MAX) + 1
    /// One path per slot, each `pathCapacity` bytes.
    nonisolated(unsafe) private static var paths = UnsafeMutablePointer<CChar>.allocate(capacity: slotCount * pathCapacity)
    /// Whether each slot holds a path to remove.
    nonisolated(unsafe) private static var armed: UnsafeMutablePointer<sig_atomic_t> = {
        let flags = UnsafeMutablePointer<sig_atomic_t>.allocate(capacity: slotCount)
        flags.initialize(repeating: 0, count: slotCount)
        return flags
    }()
    private static let messageCapacity = 512
    /// One message per entry of ``signals``, in the same order.
    nonisolated(unsafe) private static var messages: UnsafeMutablePointer<CChar> = {
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: signals.count * messageCapacity)
        buffer.initialize(repeating: 0, count: signals.count * messageCapacity)
        return buffer
    }()

    /// Installs the handlers; `note` gives what is printed for each signal.
    static func install(note: (Int32) -> String) {
        for (index, signal) in signals.enumerated() {
            // Cut at a character boundary so that a long note never ends in half a character.
            var bytes: [UInt8] = []
            for character in note(signal) {
                let utf8 = Array(String(character).utf8)
                if bytes.count + utf8.count > messageCapacity - 1 { break }
                bytes += utf8
            }
            let slot = messages + index * messageCapacity
            for (offset, byte) in bytes.enumerated() { slot[offset] = CChar(bitPattern: byte) }
            slot[bytes.count] = 0
        }
        // Made now, not lazily inside the handler, which may not allocate.
        _ = (paths, armed)
        for signal in signals { Foundation.signal(signal, handler) }
        // A parent may start us with these signals blocked (some process launchers do);
        // an interruptible run must receive them.
        var set = sigset_t()
        sigemptyset(&set)
        for signal in signals { sigaddset(&set, signal) }
        sigprocmask(SIG_UNBLOCK, &set, nil)
    }

    /// The signal's name for messages: `SIGINT`, `SIGTERM`, `SIGHUP`.
    static func name(_ signal: Int32) -> String {
        switch signal {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        case SIGHUP: "SIGHUP"
        default: "signal \(signal)"
        }
    }

    /// Makes the handler remove `temporary`; give the slot back with ``unregister(_:)``.
    ///
    /// - Returns: The slot, or `nil` when every slot is taken (the file is then not removed
    ///   on interruption; the next run removes it as a leftover, see ``OutputFile``).
    static func register(_ temporary: String) -> Int? {
        guard let slot = (0..<slotCount).first(where: { armed[$0] == 0 }) else { return nil }
        // Armed only once the path is whole, so the handler never sees half a path.
        let path = paths + slot * pathCapacity
        let bytes = Array(temporary.utf8.prefix(pathCapacity - 1))
        for (index, byte) in bytes.enumerated() { path[index] = CChar(bitPattern: byte) }
        path[bytes.count] = 0
        armed[slot] = 1
        return slot
    }

    static func unregister(_ slot: Int?) {
        if let slot { armed[slot] = 0 }
    }

    private static let handler: @convention(c) (Int32) -> Void = { signal in
        for slot in 0..<Interruption.slotCount where Interruption.armed[slot] != 0 {
            unlink(Interruption.paths + slot * Interruption.pathCapacity)
        }
        // No array is touched here: the slot follows the order of `signals`.
        let index = signal == SIGINT ? 0 : signal == SIGTERM ? 1 : 2
        let text = Interruption.messages + index * Interruption.messageCapacity
        write(2, text, strlen(text))
        _exit(128 + signal)
    }
}

extension Message {
    /// What an interrupted batch says before it exits.
    ///
    /// - Parameter outputRemoved: The output went to a temporary file, now removed; otherwise
    ///   it went to standard output or a device and what was written there is incomplete.
    static func batchInterrupted(_ signal: String, outputRemoved: Bool) -> Message {
        outputRemoved
            ? Message(
                id: "batch.interrupted", en: "\neligo: stopped by \(signal); the unfinished output was removed and nothing was written to --out\n",
                zh: "\neligo:收到 \(signal)，已停止；未完成的输出已删除，--out 没有写入任何内容\n")
            : Message(
                id: "batch.interrupted", en: "\neligo: stopped by \(signal); the output written so far is incomplete\n",
                zh: "\neligo:收到 \(signal)，已停止；已写出的输出不完整\n")
    }
}
