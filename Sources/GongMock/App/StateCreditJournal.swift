import Essentials
import Synchronization

/// Writes every credit change through to the SQLite state before the ledger acknowledges it
/// (`synchronous=FULL`: a charge that was answered is on disk) and keeps the usage rows there:
/// memory holds only the pool total and the table of distinct usage kinds (issue #16).
public final class StateCreditJournal: CreditLedgerArchive {
    let database: StateDatabase
    /// Rows read per page when a report walks the ledger.
    static let pageSize = 2_048

    private struct Cache {
        /// The pool total as last written: the ledger calls `record` under its own lock, so the
        /// journal keeps the total it needs for the balance row instead of asking the ledger.
        var total: Double
        var kinds: [Int64: CreditUsageKind]
        var kindIDs: [CreditUsageKind: Int64]
    }

    private let cache: Mutex<Cache>

    public init(database: StateDatabase, total: Double) throws(StateDatabaseError) {
        self.database = database
        let kinds = try database.loadCreditKinds()
        cache = Mutex(Cache(total: total, kinds: kinds,
                            kindIDs: Dictionary(kinds.map { ($1, $0) }, uniquingKeysWith: { first, _ in first })))
    }

    /// Reads the kinds and the total again after the test controls replaced the ledger's tables
    /// (called with the ledger's lock held, so no charge uses the old kind ids meanwhile).
    func reload(total: Double) throws(StateDatabaseError) {
        let kinds = try database.loadCreditKinds()
        cache.withLock { $0 = Cache(total: total, kinds: kinds, kindIDs: Dictionary(kinds.map { ($1, $0) }, uniquingKeysWith: { first, _ in first })) }
    }

    /// The sequence number the next charge gets.
    public func nextSequence() throws(StateDatabaseError) -> Int { Int(try database.lastCreditSequence()) + 1 }

    public func record(_ change: CreditLedgerChange) throws {
        switch change {
        case .charged(let row):
            let kind = CreditUsageKind(usage: row.usage, creditsUsed: row.creditsUsed)
            let (known, total, nextID) = cache.withLock { ($0.kindIDs[kind], $0.total, Int64($0.kinds.count + 1)) }
            let id = known ?? nextID
            try database.recordCreditRow(StateDatabase.StoredCreditRow(sequence: Int64(row.sequence), usageTime: row.usageTime,
                                                                       kind: id, balanceAfterHundredths: row.balanceAfter.hundredths),
                                         newKind: known == nil ? kind : nil, balance: row.balanceAfter.credits, total: total)
            // Only once the kind is committed may later rows refer to it.
            if known == nil { cache.withLock { $0.kinds[id] = kind; $0.kindIDs[kind] = id } }
        case .poolSet(let balance, let newTotal):
            try database.saveCreditBalance(balance: balance.credits, total: newTotal.credits)
            cache.withLock { $0.total = newTotal.credits }
        }
    }

    public func visitRows(in range: ClosedRange<Double>?, _ visit: (CreditUsageRow) -> Bool) throws {
        var after: Int64 = 0
        while true {
            let page = try database.creditRows(after: after, in: range, limit: Self.pageSize)
            let kinds = cache.withLock { $0.kinds }
            for stored in page {
                guard let kind = kinds[stored.kind] else {
                    throw StateDatabaseError(.corrupt, path: database.path, "credit_rows row \(stored.sequence) names unknown kind \(stored.kind)")
                }
                let row = CreditUsageRow(sequence: Int(stored.sequence), usageTime: stored.usageTime, usage: kind.usage,
                                         creditsUsed: kind.creditsUsed, balanceAfter: CreditAmount(hundredths: stored.balanceAfterHundredths))
                guard visit(row) else { return }
            }
            guard page.count == Self.pageSize, let last = page.last else { return }
            after = last.sequence
        }
    }
}
