import EligoEngine
import EligoExpr
import EligoYAML
import Foundation

extension LimitOptions {
    var policyLimits: PolicyLimits {
        PolicyLimits(
            yaml: YAMLLimits(maxDocumentBytes: maxYamlBytes, maxDepth: maxYamlDepth, maxAliasExpansion: maxAliasNodes, maxScalarBytes: maxStringBytes),
            expression: ExpressionLimits(maxLength: maxExpressionLength, maxDepth: maxExpressionDepth))
    }
}

enum FileSystemCheck {
    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }
}
