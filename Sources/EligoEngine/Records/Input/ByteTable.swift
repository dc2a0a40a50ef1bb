/// A read-only hash table from byte strings to small integers, built once.
///
/// Record readers look up field names and enum values straight from the input's
/// bytes; a `[String: Int]` would need a `String` (an allocation for anything over
/// 15 bytes) per lookup. Keys live in one contiguous array, the table uses open
/// addressing with FNV-1a, and a lookup allocates nothing.
struct ByteTable: Sendable {
    private let blob: [UInt8]
    /// Start of key `i` in `blob`; `offsets[count]` is the blob's end.
    private let offsets: [Int]
    /// Key index + 1 per bucket, 0 for an empty bucket.
    private let buckets: [Int32]
    private let mask: Int

    /// - Parameter keys: The keys; a lookup returns a key's index. Later duplicates are ignored.
    init(_ keys: [String]) {
        var blob: [UInt8] = []
        var offsets: [Int] = []
        for key in keys {
            offsets.append(blob.count)
            blob.append(contentsOf: key.utf8)
        }
        offsets.append(blob.count)
        var size = 8
        while size < keys.count * 2 { size <<= 1 }
        var buckets = [Int32](repeating: 0, count: size)
        for index in keys.indices {
            let lower = offsets[index]
            let upper = offsets[index + 1]
            var bucket = blob.withUnsafeBufferPointer { Self.hash(UnsafeBufferPointer(rebasing: $0[lower..<upper])) } & (size - 1)
            var duplicate = false
            while buckets[bucket] != 0 {
                let other = Int(buckets[bucket]) - 1
                if blob[offsets[other]..<offsets[other + 1]].elementsEqual(blob[lower..<upper]) {
                    duplicate = true
                    break
                }
                bucket = (bucket + 1) & (size - 1)
            }
            if !duplicate { buckets[bucket] = Int32(index + 1) }
        }
        self.blob = blob
        self.offsets = offsets
        self.buckets = buckets
        self.mask = size - 1
    }

    /// The index of the key spelled by `bytes`, if any.
    @inline(__always)
    func index(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var bucket = Self.hash(bytes) & mask
        return buckets.withUnsafeBufferPointer { buckets in
            offsets.withUnsafeBufferPointer { offsets in
                blob.withUnsafeBufferPointer { blob in
                    while true {
                        let entry = Int(buckets[bucket])
                        if entry == 0 { return nil }
                        let lower = offsets[entry - 1]
                        let upper = offsets[entry]
                        if upper - lower == bytes.count {
                            var index = 0
                            while index < bytes.count, blob[lower + index] == bytes[index] { index += 1 }
                            if index == bytes.count { return entry - 1 }
                        }
                        bucket = (bucket + 1) & mask
                    }
                }
            }
        }
    }

    @inline(__always)
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return Int(truncatingIfNeeded: hash ^ (hash >> 29))
    }
}
