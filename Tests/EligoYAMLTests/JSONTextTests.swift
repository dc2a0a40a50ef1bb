import EligoYAML
import Testing

@Suite("Node trees as JSON text")
struct JSONTextTests {
    @Test("YAML to JSON", arguments: [
        ("a: 1\nb: [true, null, 'x']\nc: {d: 1.5}\n", #"{"a":1,"b":[true,null,"x"],"c":{"d":1.5}}"#),
        ("z: 1\na: 2\nm: 3\n", #"{"z":1,"a":2,"m":3}"#),
        ("- yes\n- no\n- 1_000\n- 2025-01-01\n- ~\n- ''\n", #"["yes","no","1_000","2025-01-01",null,""]"#),
        ("[+1, 007, -0, 0x1F, 0o17, 0xFFFFFFFFFFFFFFFFF]", #"[1,7,-0,31,15,"0xFFFFFFFFFFFFFFFFF"]"#),
        ("[.5, 5., -1.25e3, +1E+5, .inf, -.Inf, .nan, 007.50]", #"[0.5,5,-1.25e3,1E+5,".inf","-.Inf",".nan",7.50]"#),
        ("1: x\ntrue: y\nnull: z\n", #"{"1":"x","true":"y","null":"z"}"#),
        ("a: !!str 42\nb: \"42\"\n", #"{"a":"42","b":"42"}"#),
        ("a: |\n  line\n", #"{"a":"line\n"}"#),
        ("名称: \"张三\"\n", #"{"名称":"张三"}"#),
        ("[]", "[]"),
        ("{}", "{}"),
    ])
    func json(_ yaml: String, _ expected: String) throws {
        let node = try #require(root(yaml))
        #expect(node.jsonText() == expected)
    }

    @Test("strings are escaped for JSON")
    func escaping() throws {
        let node = try #require(root(#"a: "q\"\\\n\t\r\b\f\u0001\u007fé/""#))
        #expect(node.jsonText() == #"{"a":"q\"\\\n\t\r\b\f\u0001"# + "\u{7f}é/\"}")
    }
}
