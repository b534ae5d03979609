import Essentials
import Synchronization

/// The company's shared pool of Gong credits and its usage report (gong.md §1.6: "Companies
/// receive a shared pool of credits"; Admin center > Gong credits shows "the number of credits
/// remaining" and "the total number of credits").
///
/// `charge` is an atomic check-and-debit under one lock: concurrent charges never take the
/// balance below zero and none is lost. An insufficient balance debits and records nothing.
public final class CreditLedger: Sendable {
    struct State: Sendable {
        var balance: CreditAmount
        var total: CreditAmount
        /// The report itself when no archive keeps it; with one, only the next sequence number.
        var rows: CompactCreditRows
        var nextSequence: Int
        /// How a call the pool cannot pay for is refused; per-run state, so reset and snapshots cover it.
        var exhaustionMode: CreditExhaustionMode = .toolError
    }

    /// Credits per paid seat per month, the third-party figure in gong.md §2.4 ("~2,000").
    public static let creditsPerPaidSeat: CreditAmount = 2_000

    let state: Mutex<State>
    private let clock: any ServerClock
    let journal: (any CreditLedgerJournal)?
    private let archive: (any CreditLedgerArchive)?

    /// `balance` defaults to `total`. A journal that is a `CreditLedgerArchive` keeps the usage
    /// rows (numbered on from `nextSequence`); otherwise they are kept here, compactly.
    public init(total: CreditAmount, balance: CreditAmount? = nil, nextSequence: Int = 1, clock: any ServerClock,
                journal: (any CreditLedgerJournal)? = nil) {
        let archive = journal as? any CreditLedgerArchive
        state = Mutex(State(balance: balance ?? total, total: total, rows: CompactCreditRows(firstSequence: nextSequence),
                            nextSequence: nextSequence))
        self.clock = clock
        self.journal = journal
        self.archive = archive
    }

    /// The default pool: `creditsPerPaidSeat` for every active paid seat of the company.
    public static func defaultPool(for data: CompanyData) -> CreditAmount {
        creditsPerPaidSeat * data.activePaidSeatCount
    }

    public var balance: CreditAmount { state.withLock { $0.balance } }
    public var total: CreditAmount { state.withLock { $0.total } }
    public var pool: (balance: CreditAmount, total: CreditAmount) { state.withLock { ($0.balance, $0.total) } }
    /// How many usage rows the report has.

    /// Visits the report's rows in sequence order (only those whose usage time lies in `range`
    /// when given) until `visit` returns false. The rows are never copied under the lock: memory
    /// rows through a copy-on-write snapshot, archived rows page by page.
    public func visitUsageRows(in range: ClosedRange<Double>? = nil, _ visit: (CreditUsageRow) -> Bool) throws {
        if let archive {
            try archive.visitRows(in: range, visit)
        } else {
            state.withLock { $0.rows.snapshot }.forEach(in: range, visit)
        }
    }

    /// Rows kept in this process's memory (none when an archive keeps them).
    var rowsHeldInMemory: Int { state.withLock { $0.rows.count } }

    /// Every row (tests and small reports; prefer `visitUsageRows`).
    public var usageRows: [CreditUsageRow] { usageRows(in: nil) }

    /// Rows whose usage time lies in `from...to` (the report's date-range picker).
    public func usageRows(from: Double, to: Double) -> [CreditUsageRow] {
        from <= to ? usageRows(in: from...to) : []
    }

    private func usageRows(in range: ClosedRange<Double>?) -> [CreditUsageRow] {
        var rows: [CreditUsageRow] = []
        do {
            try visitUsageRows(in: range) { rows.append($0); return true }
        } catch {
            return rows
        }
        return rows
    }

    /// Debits `cost` and appends a usage row, or does nothing when the balance is below the cost.
    /// Negative costs are treated as zero. A zero cost (a tracker-only brief) still gets a row.
    public func charge(_ cost: CreditAmount, usage: CreditUsage) -> ChargeResult {
        let cost = max(cost, .zero)
        return state.withLock { state -> ChargeResult in
            guard state.balance >= cost else { return .insufficient(balance: state.balance, cost: cost) }
            let balance = state.balance - cost
            let row = CreditUsageRow(sequence: state.nextSequence, usageTime: clock.now(),
                                     usage: usage, creditsUsed: cost, balanceAfter: balance)
            if let journal {
                do {
                    try journal.record(.charged(row))
                } catch {
                    return .notRecorded(reason: "the credit charge could not be stored: \(error)")
                }
            }
            state.balance = balance
            state.nextSequence += 1
            if archive == nil {
                state.rows.append(time: row.usageTime, kind: CreditUsageKind(usage: usage, creditsUsed: cost), balanceAfter: balance)
            }
            return .charged(row: row, balance: balance)
        }
    }

    /// Sets the remaining balance (admin `PUT /admin/api/credits`). The total grows to the balance
    /// if needed, or takes `total` when given. Negative values are clamped to zero.
    @discardableResult
    public func setBalance(_ balance: CreditAmount, total: CreditAmount? = nil) -> Result<Void, CreditLedgerError> {
        let balance = max(balance, .zero)
        return state.withLock { state -> Result<Void, CreditLedgerError> in
            let newTotal = max(total.map { max($0, .zero) } ?? state.total, balance)
            if let journal {
                do {
                    try journal.record(.poolSet(balance: balance, total: newTotal))
                } catch {
                    return .failure(CreditLedgerError(message: "the credit balance could not be stored: \(error)"))
                }
            }
            state.balance = balance
            state.total = newTotal
            return .success(())
        }
    }
}

public struct CreditLedgerError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
