/// The in-memory credit-usage report in 20 bytes a row: usage time, an interned
/// `CreditUsageKind` number and the balance after the charge, held column-wise in fixed-size
/// chunks so growth never copies the whole report (issue #16: flat memory under load).
///
/// Readers take a `Snapshot` (copy-on-write: O(chunks) under the ledger's lock) and walk it
/// outside the lock; the writer's next append copies at most the one chunk being filled.
struct CompactCreditRows: Sendable {
    static let chunkCapacity = 8_192

    struct Chunk: Sendable {
        var times: [Double] = []
        var kinds: [UInt32] = []
        var balances: [Int64] = []

        init() {
            times.reserveCapacity(CompactCreditRows.chunkCapacity)
            kinds.reserveCapacity(CompactCreditRows.chunkCapacity)
            balances.reserveCapacity(CompactCreditRows.chunkCapacity)
        }
    }

    /// A stable view of the rows at one moment.
    struct Snapshot: Sendable {
        let kinds: [CreditUsageKind]
        let chunks: [Chunk]
        let tail: Chunk
        let firstSequence: Int

        var count: Int { chunks.count * CompactCreditRows.chunkCapacity + tail.times.count }

        /// Visits rows in sequence order whose time lies in `range` (all when nil) until `visit` returns false.
        func forEach(in range: ClosedRange<Double>? = nil, _ visit: (CreditUsageRow) throws -> Bool) rethrows {
            var sequence = firstSequence
            for chunk in chunks + [tail] {
                for index in chunk.times.indices {
                    defer { sequence += 1 }
                    let time = chunk.times[index]
                    if let range, !range.contains(time) { continue }
                    let kind = kinds[Int(chunk.kinds[index])]
                    let row = CreditUsageRow(sequence: sequence, usageTime: time, usage: kind.usage,
                                             creditsUsed: kind.creditsUsed, balanceAfter: CreditAmount(hundredths: chunk.balances[index]))
                    guard try visit(row) else { return }
                }
            }
        }
    }

    private var kinds: [CreditUsageKind] = []
    private var kindNumbers: [CreditUsageKind: UInt32] = [:]
    private var chunks: [Chunk] = []
    private var tail = Chunk()
    private let firstSequence: Int

    init(firstSequence: Int = 1) { self.firstSequence = firstSequence }

    var count: Int { chunks.count * Self.chunkCapacity + tail.times.count }
    var nextSequence: Int { firstSequence + count }

    var snapshot: Snapshot { Snapshot(kinds: kinds, chunks: chunks, tail: tail, firstSequence: firstSequence) }

    mutating func append(time: Double, kind: CreditUsageKind, balanceAfter: CreditAmount) {
        let number = intern(kind)
        if tail.times.count == Self.chunkCapacity {
            chunks.append(tail)
            tail = Chunk()
        }
        tail.times.append(time)
        tail.kinds.append(number)
        tail.balances.append(balanceAfter.hundredths)
    }

    /// Repeated calls share a kind; comparing with the latest one first skips hashing the usual case.
    private mutating func intern(_ kind: CreditUsageKind) -> UInt32 {
        if let last = tail.kinds.last, kinds[Int(last)] == kind { return last }
        if let number = kindNumbers[kind] { return number }
        let number = UInt32(kinds.count)
        kinds.append(kind)
        kindNumbers[kind] = number
        return number
    }
}
