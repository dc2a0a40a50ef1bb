/// A read-only hash table from byte strings to small integers, built once.
///
/// Record readers look up field names and enum values straight from the input's
/// bytes; a `[String: Int]` would need a `String` (an allocation for anything over
/// 15 bytes) per lookup. Keys live in one contiguous array, the table uses open
/// addressing, and a lookup allocates nothing.
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
                        if upper - lower == bytes.count, bytes.isEmpty || sameBytes(blob.baseAddress! + lower, bytes.baseAddress!, bytes.count) {
                            return entry - 1
                        }
                        bucket = (bucket + 1) & mask
                    }
                }
            }
        }
    }

    /// Whether `bytes` spell key `index`: a cheap check of a guess (JSONL keys tend to come in catalog order).
    @inline(__always)
    func matches(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard index >= 0, index + 1 < offsets.count else { return false }
        return offsets.withUnsafeBufferPointer { offsets in
            blob.withUnsafeBufferPointer { blob in
                let lower = offsets[index]
                guard offsets[index + 1] - lower == bytes.count else { return false }
                return bytes.isEmpty || sameBytes(blob.baseAddress! + lower, bytes.baseAddress!, bytes.count)
            }
        }
    }

    /// A word at a time (multiply-xorshift), the length mixed in.
    @inline(__always)
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var hash = UInt64(truncatingIfNeeded: bytes.count) &* 0x9E37_79B9_7F4A_7C15
        var index = 0
        let count = bytes.count
        while index + 8 <= count {
            let word = UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self))
            hash = (hash ^ word) &* 0xBF58_476D_1CE4_E5B9
            hash ^= hash >> 31
            index += 8
        }
        if index < count {
            var word: UInt64 = 0
            var shift: UInt64 = 0
            while index < count {
                word |= UInt64(bytes[index]) << shift
                shift += 8
                index += 1
            }
            hash = (hash ^ word) &* 0xBF58_476D_1CE4_E5B9
            hash ^= hash >> 31
        }
        return Int(truncatingIfNeeded: hash ^ (hash >> 29))
    }
}

/// Whether `count` bytes agree, a word at a time (keys and values are short: no call to
/// `memcmp`). The last word overlaps the one before it rather than ending in a byte loop.
@inline(__always)
func sameBytes(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    let (a, b) = (UnsafeRawPointer(a), UnsafeRawPointer(b))
    if count >= 8 {
        var index = 0
        while index + 8 < count {
            if a.loadUnaligned(fromByteOffset: index, as: UInt64.self) != b.loadUnaligned(fromByteOffset: index, as: UInt64.self) {
                return false
            }
            index += 8
        }
        return a.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) == b.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
    }
    if count >= 4 {
        return a.loadUnaligned(as: UInt32.self) == b.loadUnaligned(as: UInt32.self)
            && a.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self) == b.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
    }
    for index in 0..<count where a.load(fromByteOffset: index, as: UInt8.self) != b.load(fromByteOffset: index, as: UInt8.self) {
        return false
    }
    return true
}
