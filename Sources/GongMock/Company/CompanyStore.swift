import Synchronization

/// The edition of the company data the server answers from (issue #15 §3: "company data ages
/// with the clock … reset re-anchors it to the clock's now"). Calls age on their own as the
/// virtual clock moves, since their times are absolute once resolved; reset, restore and
/// `PUT /_mock/state` swap in another edition, anchored elsewhere.
///
/// Every reader (tools, admin pages and API, the OAuth policy's seat checks, the state document)
/// takes `current` once per request and uses that value throughout, so a request in flight
/// during a swap sees the old edition or the new one, never a mix. A swap builds the new edition
/// first, outside the lock, then replaces one reference: readers never wait for a build. A new
/// edition shares the search indexes of the one it was moved from (`reanchored(to:)`), so the
/// first tool call after a reset finds them built; only the small tool engines are rebuilt.
public final class CompanyStore: Sendable {
    private let edition: Mutex<CompanyData>
    /// The anchor the seed pins (`company.anchoredAt`), which reset returns to; nil: the clock's now.
    public let pinnedAnchor: Double?

    public init(_ data: CompanyData, pinnedAnchor: Double? = nil) {
        edition = Mutex(data)
        self.pinnedAnchor = pinnedAnchor
    }

    /// The edition to answer this request from; read it once per request.
    public var current: CompanyData { edition.withLock { $0 } }

    /// Puts `data` in place (restore of a snapshot, which recorded its edition).
    public func replace(with data: CompanyData) {
        edition.withLock { $0 = data }
    }

    /// Resolves the fixture's relative times against `now` from here on: a call two days old at
    /// `now` is two days old again. The same UTC day keeps the current times and records the anchor.
    public func reanchor(to now: Double) {
        replace(with: current.reanchored(to: now))
    }

    /// The edition reset puts in place: anchored to the seed's pinned anchor, else to `clockNow`
    /// (the clock's now once reset). Built here, swapped in by `replace(with:)`.
    public func resetEdition(clockNow: Double) -> CompanyData {
        current.reanchored(to: pinnedAnchor ?? clockNow)
    }
}
