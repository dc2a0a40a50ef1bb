import EligoDiagnostics
import Foundation

/// ArgumentParser's own usage errors (an unknown option, a missing argument, a value that does
/// not parse) in the language the command line asked for.
///
/// The parser reports in English and before `--lang` is known, so the language is read from
/// the raw arguments (`--lang zh`, `--lang=zh`), else from `LANG`, as ``GlobalOptions`` reads it.
/// The parser's sentences are few and fixed by the pinned version; each is matched whole and
/// rewritten, and a line that matches none stays as the parser wrote it, so a new sentence in a
/// later version is shown in English rather than lost.
enum ParserErrorText {
    static func localized(_ text: String, language: Language) -> String {
        guard language == .zh else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { zh(String($0)) }.joined(separator: "\n")
    }

    /// The parser's help screen in `language`: its headings and its own phrases; the texts of
    /// commands and options are eligo's and already in the language (``HelpText``).
    static func localizedHelp(_ text: String, language: Language) -> String {
        guard language == .zh else { return text }
        let headings = ["OVERVIEW: ": "概述：", "USAGE: ": "用法：", "ARGUMENTS:": "参数：", "OPTIONS:": "选项：", "SUBCOMMANDS:": "子命令："]
        let phrases = [
            ("Show the version.", "显示版本。"), ("Show help information.", "显示帮助信息。"),
            ("(default: ", "(默认："), ("; default: ", "; 默认："), ("(values: ", "(可选值："),
            ("  See 'eligo help <subcommand>' for detailed help.", "  运行 'eligo help <子命令>' 查看详细帮助。"),
        ]
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var line = String(line)
            if let (heading, zh) = headings.first(where: { line.hasPrefix($0.key) }) { line = zh + line.dropFirst(heading.count) }
            for (en, zh) in phrases { line = line.replacingOccurrences(of: en, with: zh) }
            return line
        }.joined(separator: "\n")
    }

    /// The arguments without their `--lang` options (`--lang zh`, `--lang=zh`), up to a `--`.
    static func withoutLanguage(_ arguments: [String]) -> [String] {
        var kept: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" {
                kept += arguments[index...]
                break
            }
            if argument == "--lang" {
                index += 2
                continue
            }
            if !argument.hasPrefix("--lang=") { kept.append(argument) }
            index += 1
        }
        return kept
    }

    /// The language of the raw command line: the last `--lang` given, else `LANG`.
    static func language(arguments: [String], environment: [String: String]) -> Language {
        var chosen: String?
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" { break }
            if argument == "--lang", index + 1 < arguments.count {
                chosen = arguments[index + 1]
                index += 1
            } else if argument.hasPrefix("--lang=") {
                chosen = String(argument.dropFirst("--lang=".count))
            }
            index += 1
        }
        // As `PolicyOptions.language` decides; a value it would refuse falls back to `LANG`.
        return chosen.flatMap(LanguageOption.init(rawValue:))?.language ?? Language(locale: environment["LANG"])
    }

    private static func zh(_ line: String) -> String {
        if let rest = line.strip(prefix: "Error: ") { return "错误：" + sentence(rest) }
        if let rest = line.strip(prefix: "Help:  ") { return "帮助：" + rest }
        if let rest = line.strip(prefix: "Usage: ") { return "用法：" + rest }
        if let command = line.between("  See '", "' for more information.") { return "  运行 '\(command)' 查看更多信息。" }
        return line
    }

    /// One of the parser's error sentences.
    private static func sentence(_ text: String) -> String {
        if let pair = text.between("Unknown option '", "'?"), let split = pair.range(of: "'. Did you mean '") {
            return "未知选项 '\(pair[..<split.lowerBound])'，是否想用 '\(pair[split.upperBound...])'？"
        }
        if let name = text.between("Unknown option '", "'") { return "未知选项 '\(name)'" }
        if let name = text.between("Missing expected argument '", "'") { return "缺少参数 '\(name)'" }
        if let names = text.between("Missing one of: '", "'") { return "缺少以下之一：'\(names)'" }
        if let name = text.between("Missing value for '", "'") { return "'\(name)' 缺少值" }
        if let value = text.between("Unexpected argument '", "'") { return "多余的参数 '\(value)'" }
        if let rest = text.strip(prefix: "Invalid option: ") { return "无效的选项：\(rest)" }
        if text == "Missing required subcommand." { return "缺少子命令。" }
        if let range = text.range(of: " unexpected arguments: "), let count = Int(text[..<range.lowerBound]) {
            return "\(count) 个多余的参数：" + text[range.upperBound...]
        }
        if let rest = text.strip(prefix: "The value '"), let close = rest.range(of: "' is invalid for '") {
            let value = rest[..<close.lowerBound]
            let tail = rest[close.upperBound...]
            guard let end = tail.firstIndex(of: "'") else { return text }
            let option = tail[..<end]
            return "'\(option)' 的值 '\(value)' 无效" + choices(String(tail[tail.index(after: end)...]))
        }
        return text
    }

    /// What follows an invalid value: the allowed values, when the parser lists them.
    private static func choices(_ tail: String) -> String {
        if let list = tail.strip(prefix: ". Please provide one of "), list.hasSuffix(".") {
            // "'a', 'b' or 'c'": the values are quoted names, so the joiners are unambiguous.
            let values = list.dropLast().replacingOccurrences(of: ", ", with: "、")
                .replacingOccurrences(of: " or ", with: "、").replacingOccurrences(of: " and ", with: "、")
            return "，可选值：\(values)。"
        }
        if let list = tail.strip(prefix: ". Please provide one of the following:") { return "，可选值：" + list }
        return tail
    }
}

extension String {
    /// The rest of the string after `prefix`, or nil when it does not start with it.
    fileprivate func strip(prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
    }

    /// The text between `open` at the start and `close` at the end, when the string is exactly that.
    fileprivate func between(_ open: String, _ close: String) -> String? {
        guard hasPrefix(open), hasSuffix(close), count >= open.count + close.count else { return nil }
        return String(dropFirst(open.count).dropLast(close.count))
    }
}
