/// The in-memory credit-usage report in 6 bytes a row (issue #16: flat memory under load): a
/// 4-byte time offset and a 2-byte kind number, held column-wise in fixed-size chunks so growth
/// never copies the whole report. Everything else a row shows is derived exactly on reading:
/// the time from the chunk's base bit pattern, the usage and cost from the interned
/// `CreditUsageKind`, the balance from the previous row's less this row's cost (a pool set in
/// between is the rare exception each chunk stores; see `Chunk`).
///
/// Readers take a `Snapshot` (copy-on-write: O(chunks) under the ledger's lock) and walk it
/// outside the lock; the writer's next append copies at most the one chunk being filled.
struct CompactCreditRows: Sendable {
    static let chunkCapacity = 8_192

    /// A stable view of the rows at one moment.
    struct Snapshot: Sendable {
        let kinds: [CreditUsageKind]
        let chunks: [Chunk]
        let tail: Chunk
        let firstSequence: Int

        var count: Int { chunks.count * CompactCreditRows.chunkCapacity + tail.count }

        /// Visits rows in sequence order whose time lies in `range` (all when nil) until `visit` returns false.
        func forEach(in range: ClosedRange<Double>? = nil, _ visit: (CreditUsageRow) throws -> Bool) rethrows {
            var sequence = firstSequence
            for chunk in chunks + [tail] {
                var balance: Int64 = 0
                for index in 0..<chunk.count {
                    defer { sequence += 1 }
                    let kind = kinds[Int(chunk.kindNumber(at: index))]
                    // Every row's balance is derived, including the ones out of range.
                    balance = chunk.balanceBreak(at: index) ?? balance - kind.creditsUsed.hundredths
                    let time = chunk.time(at: index)
                    if let range, !range.contains(time) { continue }
                    let row = CreditUsageRow(sequence: sequence, usageTime: time, usage: kind.usage,
                                             creditsUsed: kind.creditsUsed, balanceAfter: CreditAmount(hundredths: balance))
                    guard try visit(row) else { return }
                }
            }
        }
    }

    private var kinds: [CreditUsageKind] = []
    private var kindNumbers: [CreditUsageKind: UInt32] = [:]
    private var lastKind: UInt32?
    private var chunks: [Chunk] = []
    private var tail = Chunk()
    private let firstSequence: Int

    init(firstSequence: Int = 1) { self.firstSequence = firstSequence }

    var count: Int { chunks.count * Self.chunkCapacity + tail.count }
    var nextSequence: Int { firstSequence + count }

    var snapshot: Snapshot { Snapshot(kinds: kinds, chunks: chunks, tail: tail, firstSequence: firstSequence) }

    mutating func append(time: Double, kind: CreditUsageKind, balanceAfter: CreditAmount) {
        let number = intern(kind)
        if tail.count == Self.chunkCapacity {
            chunks.append(tail)
            tail = Chunk()
        }
        tail.append(time: time, kindNumber: number, cost: kind.creditsUsed.hundredths, balanceAfter: balanceAfter.hundredths)
    }

    /// Repeated calls share a kind; comparing with the latest one first skips hashing the usual case.
    private mutating func intern(_ kind: CreditUsageKind) -> UInt32 {
        if let last = lastKind, kinds[Int(last)] == kind { return last }
        let number: UInt32
        if let known = kindNumbers[kind] {
            number = known
        } else {
            number = UInt32(kinds.count)
            kinds.append(kind)
            kindNumbers[kind] = number
        }
        lastKind = number
        return number
    }
}
