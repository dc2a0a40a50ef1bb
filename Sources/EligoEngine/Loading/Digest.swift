import Crypto

/// Policy digests: which exact bytes of a product file made a decision.
enum Digest {
    static func sha256Hex(_ bytes: [UInt8]) -> String {
        let hex: [Character] = Array("0123456789abcdef")
        var out = ""
        out.reserveCapacity(64)
        for byte in SHA256.hash(data: bytes) {
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0F)])
        }
        return out
    }
}
