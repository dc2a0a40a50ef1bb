public import EligoDiagnostics
public import EligoExpr
public import EligoYAML

/// A loaded and validated policy directory: the catalog and its products in
/// discovery order.
public struct PolicySet: Sendable {
    public let catalog: FieldCatalog
    public let products: [Product]
}

/// The bounds of §9 that apply to policy files, each overridable from the CLI.
public struct PolicyLimits: Sendable {
    public var yaml: YAMLLimits
    public var expression: ExpressionLimits

    public init(yaml: YAMLLimits = .default, expression: ExpressionLimits = .default) {
        self.yaml = yaml
        self.expression = expression
    }
}

/// What one path given on the command line stands for (see ``PolicyLoader/sources(for:defaultDirectory:)``).
public enum PolicySource: Sendable, Equatable {
    /// A policy directory: its `fields.yaml` and every product file below it.
    case directory(String)
    /// A catalog file on its own.
    case catalog(String)
    /// Product files, checked against the catalog at `catalog`.
    case products([String], catalog: String)
}

/// Finds, reads and decodes policy files, reporting every problem of every file.
public enum PolicyLoader {
    /// Loads `directory/fields.yaml` and every product file below the directory (§10 discovery).
    ///
    /// - Returns: the policy set when there were no errors, and all diagnostics.
    public static func load(directory: String, limits: PolicyLimits = PolicyLimits()) -> (PolicySet?, Diagnostics) {
        var diagnostics = Diagnostics()
        let catalogPath = FileSystem.join(directory, "fields.yaml")
        // A catalog with errors still has its products checked (cli.md: every problem), with what did load.
        let catalog = loadCatalog(catalogPath, limits: limits, into: &diagnostics)
        let files = FileSystem.yamlFiles(under: directory).filter { $0 != "fields.yaml" }
        let products = loadProducts(files.map { FileSystem.join(directory, $0) }, catalog: catalog, limits: limits, into: &diagnostics)
        if files.isEmpty {
            diagnostics.add(Diagnostic(.warning, .policyNoProducts, at: nil, path: directory))
        }
        return (diagnostics.hasErrors ? nil : PolicySet(catalog: catalog, products: products), diagnostics)
    }

    /// Validates what the user named: policy directories, a catalog, or product
    /// files (checked against the nearest `fields.yaml` above them, else the one in `defaultDirectory`).
    public static func validate(paths: [String], defaultDirectory: String, limits: PolicyLimits = PolicyLimits()) -> Diagnostics {
        var diagnostics = Diagnostics()
        for source in sources(for: paths, defaultDirectory: defaultDirectory) {
            diagnostics.append(contentsOf: load(source, limits: limits).1)
        }
        return diagnostics
    }

    /// What the paths a user named stand for, as `eligo validate` and `eligo test` read them:
    /// each directory and catalog in place, then the product files grouped by the catalog they
    /// are checked against (the nearest `fields.yaml` above them, else the one in
    /// `defaultDirectory`), in the order those catalogs were first needed. A directory without
    /// a `fields.yaml` of its own inside a policy tree (`Policies/zuoquan`) stands for the
    /// product files under it, checked against the catalog above it as each of them would be.
    ///
    /// Each file is read once, however many of the paths reach it (`Policies Policies/pv.yaml`,
    /// a file named twice, a link): a file read twice would be its own duplicate id (§10), and
    /// every problem in it would be told twice.
    public static func sources(for paths: [String], defaultDirectory: String) -> [PolicySource] {
        var sources: [PolicySource] = []
        var looseFiles: [String: [String]] = [:]
        var catalogOrder: [String] = []
        // What the directories read, first: a file named before the directory that holds it is read with the directory.
        var read = Set<String>()
        for path in paths where FileSystem.isDirectory(path) && FileSystem.exists(FileSystem.join(path, "fields.yaml")) {
            guard read.insert(FileSystem.canonical(path) + "/").inserted else { continue }
            read.insert(FileSystem.canonical(FileSystem.join(path, "fields.yaml")))
            for file in FileSystem.yamlFiles(under: path) where file != "fields.yaml" {
                read.insert(FileSystem.canonical(FileSystem.join(path, file)))
            }
        }
        var directories = Set<String>()
        var others = Set<String>()
        func unread(_ file: String) -> Bool {
            let canonical = FileSystem.canonical(file)
            return !read.contains(canonical) && others.insert(canonical).inserted
        }
        for path in paths {
            if FileSystem.isDirectory(path) {
                guard !FileSystem.exists(FileSystem.join(path, "fields.yaml")), let catalogPath = nearestCatalog(for: path) else {
                    if directories.insert(FileSystem.canonical(path)).inserted { sources.append(.directory(path)) }
                    continue
                }
                let files = FileSystem.yamlFiles(under: path).map { FileSystem.join(path, $0) }.filter(unread)
                if files.isEmpty { continue }
                if looseFiles[catalogPath] == nil { catalogOrder.append(catalogPath) }
                looseFiles[catalogPath, default: []] += files
            } else if FileSystem.basename(path) == "fields.yaml" {
                if unread(path) { sources.append(.catalog(path)) }
            } else if unread(path) {
                let catalogPath = nearestCatalog(for: path) ?? FileSystem.join(defaultDirectory, "fields.yaml")
                if looseFiles[catalogPath] == nil { catalogOrder.append(catalogPath) }
                looseFiles[catalogPath, default: []].append(path)
            }
        }
        for catalogPath in catalogOrder {
            sources.append(.products(looseFiles[catalogPath] ?? [], catalog: catalogPath))
        }
        return sources
    }

    /// Loads one ``PolicySource``: a directory as ``load(directory:limits:)`` does, a catalog
    /// alone (a policy set without products), or product files against their catalog.
    ///
    /// - Returns: the policy set when there were no errors, and all diagnostics.
    public static func load(_ source: PolicySource, limits: PolicyLimits = PolicyLimits()) -> (PolicySet?, Diagnostics) {
        var diagnostics = Diagnostics()
        switch source {
        case .directory(let directory):
            return load(directory: directory, limits: limits)
        case .catalog(let path):
            let catalog = loadCatalog(path, limits: limits, into: &diagnostics)
            return (diagnostics.hasErrors ? nil : PolicySet(catalog: catalog, products: []), diagnostics)
        case .products(let paths, let catalogPath):
            // A catalog with errors still has its products checked, with what did load.
            let catalog = loadCatalog(catalogPath, limits: limits, into: &diagnostics)
            let products = loadProducts(paths, catalog: catalog, limits: limits, into: &diagnostics)
            return (diagnostics.hasErrors ? nil : PolicySet(catalog: catalog, products: products), diagnostics)
        }
    }

    private static func nearestCatalog(for file: String) -> String? {
        var directory = FileSystem.parent(of: file)
        for _ in 0..<64 {
            let candidate = FileSystem.join(directory, "fields.yaml")
            if FileSystem.exists(candidate) { return candidate }
            let up = FileSystem.parent(of: directory)
            if up == directory || directory == "." || directory == "/" { return nil }
            directory = up
        }
        return nil
    }

    /// Reads a file and composes its single YAML document.
    static func document(_ path: String, limits: PolicyLimits, into diagnostics: inout Diagnostics) -> (YAMLNode, SourceFile)? {
        let bytes: [UInt8]
        // Read no further than the limit: a huge file is refused without being held in memory.
        switch FileSystem.read(path, limit: limits.yaml.maxDocumentBytes) {
        case .success(let read): bytes = read
        case .failure(.failed(let reason)):
            diagnostics.add(Diagnostic(.error, .policyUnreadable(path, reason), at: nil, path: path))
            return nil
        case .failure(.tooLarge(let size)):
            diagnostics.add(YAMLLoader.documentTooLarge(path: path, size: size, limits: limits.yaml))
            return nil
        }
        let file = SourceFile(path: path, bytes: bytes)
        let (documents, problems) = YAMLLoader.load(file, limits: limits.yaml, maxDocuments: 2)
        diagnostics.append(contentsOf: problems)
        // A repeated or non-scalar key is dropped from a document that is otherwise whole,
        // so the rest of the file is still checked: validation reports every problem, and
        // `{en: 50,000 to 5,000,000}` is also the unknown language key it became (§3).
        if problems.all.contains(where: { $0.severity == .error && !recoverable.contains($0.message.id) }) { return nil }
        guard let first = documents.first else {
            diagnostics.add(Diagnostic(.error, .policyEmptyDocument, at: nil, path: path))
            return nil
        }
        if documents.count > 1 {
            diagnostics.error(.policyOneDocument, at: documents[1].span)
            return nil
        }
        return (first, file)
    }

    /// YAML errors after which the composed document is still the file's, minus the bad pair.
    private static let recoverable: Set<String> = ["yaml.duplicate-key", "yaml.non-scalar-key"]

    /// Reads the field catalog. One with errors (reported) comes back with the fields that did
    /// load and the names of those that did not (``FieldCatalog/unusable``), or as
    /// ``FieldCatalog/isUnread`` when nothing could be read, so that product files are still
    /// checked; only a catalog without errors ever makes a ``PolicySet``.
    static func loadCatalog(_ path: String, limits: PolicyLimits, into diagnostics: inout Diagnostics) -> FieldCatalog {
        guard FileSystem.exists(path) else {
            diagnostics.add(Diagnostic(.error, .policyCatalogMissing(path), at: nil, path: path))
            return .unread(SourceFile(path: path, bytes: []))
        }
        guard let (root, file) = document(path, limits: limits, into: &diagnostics) else { return .unread(SourceFile(path: path, bytes: [])) }
        let (catalog, problems) = CatalogDecoder.decode(root, file: file)
        diagnostics.append(contentsOf: problems)
        return catalog
    }

    static func loadProducts(_ paths: [String], catalog: FieldCatalog, limits: PolicyLimits, into diagnostics: inout Diagnostics) -> [Product] {
        var products: [Product] = []
        var firstByID: [String: SourceSpan] = [:]
        for path in paths {
            guard let (root, file) = document(path, limits: limits, into: &diagnostics) else { continue }
            let (product, problems) = ProductDecoder.decode(root, file: file, catalog: catalog, limits: limits.expression)
            diagnostics.append(contentsOf: problems)
            // A duplicate id is reported in the later file (§10), even when that file has other errors.
            if let idNode = root["id"], let id = idNode.scalar?.value, PolicyReader.isValidID(id) {
                if let first = firstByID[id] {
                    diagnostics.error(
                        .policyDuplicateID("product", "产品", id), at: idNode.span,
                        notes: [.init(message: .policyFirstDefined(id), span: first)])
                    continue
                }
                firstByID[id] = idNode.span
            }
            if let product { products.append(product) }
        }
        return products
    }
}
