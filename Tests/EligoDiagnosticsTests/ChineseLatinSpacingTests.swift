import EligoDiagnostics
import Testing

/// Templates that insert Latin names or types into Chinese get a space at each join, and
/// quoted values are left exactly as written.
@Suite struct ChineseLatinSpacingTests {
    @Test(arguments: [
        ("“abs”需要1 个参数", "“abs”需要 1 个参数"),
        ("不能比较枚举 county与整数", "不能比较枚举 county 与整数"),
        ("budget中有未知的键“x”", "budget 中有未知的键“x”"),
        ("不是true 或 false", "不是 true 或 false"),
        ("此处应为整数，实际为字符串", "此处应为整数，实际为字符串"),
        ("“大棚1号”不是整数", "“大棚1号”不是整数"),
        ("标签 'a1中' 不能用于列表", "标签 'a1中' 不能用于列表"),
        ("`x 中1` 中除数为零", "`x 中1` 中除数为零"),
        ("already spaced 1 个", "already spaced 1 个"),
    ])
    func spacing(_ input: String, _ expected: String) {
        #expect(ChineseLatinSpacing.spaced(input) == expected)
    }
}
