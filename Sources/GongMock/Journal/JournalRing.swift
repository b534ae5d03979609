/// The journal's storage: a ring of entries bounded by count and by total footprint; the
/// oldest go first. Sequence numbers are contiguous, so an entry is found by arithmetic.
struct JournalRing: Sendable {
    let capacity: Int
    let byteLimit: Int
    /// Each entry with the footprint it was counted at, so eviction subtracts exactly that without
    /// walking the (by then cache-cold) headers and bodies again.
    private var slots: [Slot?] = []
    private var head = 0
    private(set) var count = 0
    private(set) var bytes = 0
    /// `seq` of the oldest retained entry.
    private(set) var firstSeq: UInt64 = 1
    private(set) var evicted: UInt64 = 0
    /// Footprint of every entry evicted so far (what the journal's heap trimming paces itself by).
    private(set) var evictedBytes = 0

    private struct Slot: Sendable {
        var entry: JournalEntry
        let footprint: Int
    }

    init(capacity: Int, byteLimit: Int, firstSeq: UInt64 = 1) {
        self.capacity = max(0, capacity)
        self.byteLimit = max(0, byteLimit)
        self.firstSeq = firstSeq
    }

    var nextSeq: UInt64 { firstSeq + UInt64(count) }

    /// Appends (the caller set `entry.seq == nextSeq`), then evicts until both bounds hold. An
    /// entry larger than the byte limit on its own still stays, alone, until the next one.
    /// Returns what was evicted, so the caller frees it after releasing its lock: at the bounds
    /// one entry goes per append, so the first travels alone and only further ones in an array
    /// (no allocation per record on the common path).
    mutating func append(_ entry: JournalEntry) -> (first: JournalEntry?, more: [JournalEntry]) {
        guard capacity > 0 else { return (nil, []) }
        var first: JournalEntry?
        var evictedEntries: [JournalEntry] = []
        func evict(_ old: JournalEntry) {
            if first == nil { first = old } else { evictedEntries.append(old) }
        }
        let slot = Slot(entry: entry, footprint: entry.footprint)
        if slots.count < capacity && count == slots.count {
            slots.append(slot)
        } else {
            if count == capacity, let old = dropOldest() { evict(old) }
            slots[(head + count) % slots.count] = slot
        }
        count += 1
        bytes += slot.footprint
        while count > 1 && bytes > byteLimit, let old = dropOldest() { evict(old) }
        return (first, evictedEntries)
    }

    private mutating func dropOldest() -> JournalEntry? {
        guard count > 0 else { return nil }
        let old = slots[head].take()
        bytes -= old?.footprint ?? 0
        evictedBytes += old?.footprint ?? 0
        head = (head + 1) % slots.count
        count -= 1
        firstSeq += 1
        evicted += 1
        return old?.entry
    }

    subscript(seq: UInt64) -> JournalEntry? {
        get {
            guard seq >= firstSeq, seq < nextSeq else { return nil }
            return slots[(head + Int(seq - firstSeq)) % slots.count]?.entry
        }
        set {
            // Only flow attribution rewrites an entry: its footprint (bodies, headers) is unchanged.
            guard seq >= firstSeq, seq < nextSeq, let newValue else { return }
            slots[(head + Int(seq - firstSeq)) % slots.count]?.entry = newValue
        }
    }

    /// Retained entries, oldest first, from `since` (exclusive) on.
    func entries(after since: UInt64 = 0) -> [JournalEntry] {
        var result: [JournalEntry] = []
        let start = max(firstSeq, since + 1)
        guard start < nextSeq else { return [] }
        result.reserveCapacity(Int(nextSeq - start))
        for seq in start..<nextSeq { if let entry = self[seq] { result.append(entry) } }
        return result
    }
}
