import Synchronization

/// The tool catalog for the company store's current edition: when reset or restore swaps the
/// edition (`CompanyStore`), the next tool call gets a catalog over the new one, sharing the
/// definitions and request-id sequence, with engines of its own. A call uses the one catalog it
/// got throughout (data and engines of one edition), so a swap mid-call cannot mix two editions.
final class CurrentToolCatalog: Sendable {
    let company: CompanyStore
    private let latest: Mutex<GongToolCatalog>

    init(company: CompanyStore, catalog: GongToolCatalog) {
        self.company = company
        latest = Mutex(catalog.serving(company.current))
    }

    /// The catalog over the edition in use now: two uncontended lock reads per tool call.
    var catalog: GongToolCatalog {
        let data = company.current
        return latest.withLock { catalog in
            if catalog.data !== data { catalog = catalog.serving(data) }
            return catalog
        }
    }
}
