import Foundation

/// The little file-system access the engine needs, with errors people can read.
enum FileSystem {
    enum ReadError: Error {
        case failed(String)
        /// The file holds more than the limit; `size` is its size when it is a regular file.
        case tooLarge(size: Int?)
    }

    /// The bytes of a file, or the system's reason why not ("No such file or directory").
    ///
    /// - Parameter limit: The most bytes to read: a larger file is refused after
    ///   `limit + 1` bytes, so that a huge or endless file (`/dev/zero`) costs no more
    ///   memory or time than the limit allows.
    static func read(_ path: String, limit: Int = .max) -> Result<[UInt8], ReadError> {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return .failure(.failed("is a directory"))
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(.failed(String(cString: strerror(errno)))) }
        defer { close(descriptor) }
        var status = stat()
        let knownSize = fstat(descriptor, &status) == 0 && status.st_mode & S_IFMT == S_IFREG ? Int(status.st_size) : nil
        if let knownSize, knownSize > limit { return .failure(.tooLarge(size: knownSize)) }
        var bytes: [UInt8] = []
        if let knownSize { bytes.reserveCapacity(knownSize) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let wanted = limit == .max ? buffer.count : min(buffer.count, limit - bytes.count + 1)
            let count = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, wanted) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(.failed(String(cString: strerror(errno))))
            }
            if count == 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
            if bytes.count > limit { return .failure(.tooLarge(size: knownSize.map { max($0, bytes.count) })) }
        }
        return .success(bytes)
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    /// Every `*.yaml`/`*.yml` below `directory`, as paths relative to it, skipping
    /// hidden files and folders, in code-point order (§10 discovery).
    static func yamlFiles(under directory: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        var found: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let components = relative.split(separator: "/")
            if components.contains(where: { $0.hasPrefix(".") }) {
                if isDirectory(join(directory, relative)) { enumerator.skipDescendants() }
                continue
            }
            guard relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") else { continue }
            guard !isDirectory(join(directory, relative)) else { continue }
            found.append(relative)
        }
        return found.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
    }

    /// The path with links and `.`/`..` resolved, to tell when two paths name one file;
    /// the path as given when it cannot be resolved (a file that does not exist).
    static func canonical(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func join(_ directory: String, _ relative: String) -> String {
        if directory.isEmpty || directory == "." { return relative }
        return directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let parent = String(path[..<slash])
        return parent.isEmpty ? "/" : parent
    }

    static func basename(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}
