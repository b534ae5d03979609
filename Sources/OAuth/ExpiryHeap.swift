/// Keys ordered by expiry (a binary min-heap), so the in-memory store drops expired codes and
/// access-token revocations by popping what is due instead of filtering every record: the work
/// is proportional to what expired, never to what is stored (issue #16).
///
/// An entry may be stale (its record overwritten with another expiry, or already gone); the
/// owner checks the record itself before dropping it.
struct ExpiryHeap: Sendable {
    private(set) var entries: [(expiresAt: Double, key: String)] = []

    var count: Int { entries.count }

    mutating func insert(_ key: String, expiresAt: Double) {
        entries.append((expiresAt, key))
        var child = entries.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard entries[child].expiresAt < entries[parent].expiresAt else { break }
            entries.swapAt(child, parent)
            child = parent
        }
    }

    /// The earliest entry's key when it expires before `time`, removed from the heap.
    mutating func popExpired(before time: Double) -> String? {
        guard let first = entries.first, first.expiresAt < time else { return nil }
        let last = entries.removeLast()
        guard !entries.isEmpty else { return first.key }
        entries[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < entries.count, entries[left].expiresAt < entries[smallest].expiresAt { smallest = left }
            if right < entries.count, entries[right].expiresAt < entries[smallest].expiresAt { smallest = right }
            guard smallest != parent else { break }
            entries.swapAt(parent, smallest)
            parent = smallest
        }
        return first.key
    }

    mutating func removeAll() { entries = [] }
}
