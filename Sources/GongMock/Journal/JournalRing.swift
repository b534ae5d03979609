/// The journal's storage: a ring of entries bounded by count and by total footprint; the
/// oldest go first. Sequence numbers are contiguous, so an entry is found by arithmetic.
struct JournalRing: Sendable {
    let capacity: Int
    let byteLimit: Int
    private var slots: [JournalEntry?] = []
    private var head = 0
    private(set) var count = 0
    private(set) var bytes = 0
    /// `seq` of the oldest retained entry.
    private(set) var firstSeq: UInt64 = 1
    private(set) var evicted: UInt64 = 0

    init(capacity: Int, byteLimit: Int, firstSeq: UInt64 = 1) {
        self.capacity = max(0, capacity)
        self.byteLimit = max(0, byteLimit)
        self.firstSeq = firstSeq
    }

    var nextSeq: UInt64 { firstSeq + UInt64(count) }

    /// Appends (the caller set `entry.seq == nextSeq`), then evicts until both bounds hold. An
    /// entry larger than the byte limit on its own still stays, alone, until the next one.
    /// Returns what was evicted, so the caller frees it after releasing its lock.
    mutating func append(_ entry: JournalEntry) -> [JournalEntry] {
        guard capacity > 0 else { return [] }
        var evictedEntries: [JournalEntry] = []
        if slots.count < capacity && count == slots.count {
            slots.append(entry)
        } else {
            if count == capacity, let old = dropOldest() { evictedEntries.append(old) }
            slots[(head + count) % slots.count] = entry
        }
        count += 1
        bytes += entry.footprint
        while count > 1 && bytes > byteLimit, let old = dropOldest() { evictedEntries.append(old) }
        return evictedEntries
    }

    private mutating func dropOldest() -> JournalEntry? {
        guard count > 0 else { return nil }
        let old = slots[head].take()
        bytes -= old?.footprint ?? 0
        head = (head + 1) % slots.count
        count -= 1
        firstSeq += 1
        evicted += 1
        return old
    }

    subscript(seq: UInt64) -> JournalEntry? {
        get {
            guard seq >= firstSeq, seq < nextSeq else { return nil }
            return slots[(head + Int(seq - firstSeq)) % slots.count]
        }
        set {
            guard seq >= firstSeq, seq < nextSeq, let newValue else { return }
            slots[(head + Int(seq - firstSeq)) % slots.count] = newValue
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
