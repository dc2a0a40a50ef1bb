/// The operating system's reasons (`strerror`, always English) in Chinese, for the messages
/// that pass one on: `无法读取 a.yaml：文件或目录不存在`, not `…:No such file or directory`.
public enum SystemErrorText {
    /// The Chinese for a reason `strerror` gives; the reason as it is when it is not a common one.
    public static func chinese(_ reason: String) -> String {
        table[reason] ?? reason
    }

    private static let table: [String: String] = [
        "No such file or directory": "文件或目录不存在",
        "Permission denied": "没有访问权限",
        "Is a directory": "这是一个目录",
        "Not a directory": "路径中有一部分不是目录",
        "No space left on device": "磁盘空间不足",
        "Disk quota exceeded": "超出磁盘配额",
        "File too large": "文件过大",
        "Read-only file system": "文件系统为只读",
        "Too many open files": "打开的文件过多",
        "Input/output error": "输入输出错误",
        "File exists": "文件已存在",
        "Broken pipe": "管道已断开",
        "File name too long": "文件名过长",
        "Operation not permitted": "不允许的操作",
        "Too many levels of symbolic links": "符号链接层级过多",
        "Device or resource busy": "设备或资源忙",
    ]
}
