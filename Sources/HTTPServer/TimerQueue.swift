/// A binary min-heap of deadlines for one event loop (monotonic nanoseconds). Entries are never
/// removed early: a cancelled task timer or a connection whose deadline moved is recognised
/// when its entry comes due, which keeps arming a timer O(log n) and cancelling O(1).
struct TimerQueue {
    enum Target {
        /// A connection's deadline check; the connection decides whether it is still due.
        case connection(slot: Int32, generation: UInt32)
        /// A scheduled closure, looked up by id (absent when cancelled).
        case task(UInt64)
    }

    struct Entry {
        let deadline: UInt64
        let sequence: UInt64
        let target: Target
    }

    private var heap: [Entry] = []
    private var sequence: UInt64 = 0

    var isEmpty: Bool { heap.isEmpty }
    var count: Int { heap.count }
    var earliest: UInt64? { heap.first?.deadline }

    mutating func schedule(at deadline: UInt64, _ target: Target) {
        sequence &+= 1
        heap.append(Entry(deadline: deadline, sequence: sequence, target: target))
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.before(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the earliest entry if it is due at `now`.
    mutating func popDue(now: UInt64) -> Entry? {
        guard let first = heap.first, first.deadline <= now else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < heap.count, Self.before(heap[left], heap[smallest]) { smallest = left }
                if right < heap.count, Self.before(heap[right], heap[smallest]) { smallest = right }
                if smallest == parent { break }
                heap.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return first
    }

    private static func before(_ a: Entry, _ b: Entry) -> Bool {
        a.deadline != b.deadline ? a.deadline < b.deadline : a.sequence < b.sequence
    }
}
