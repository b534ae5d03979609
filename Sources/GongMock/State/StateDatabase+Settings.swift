/// The per-run switches the test controls set (`settings`: auto-approve subject, exhaustion
/// mode) and the marker that a control replaced the state. They are written in the same
/// transaction as the rest of a reset, restore or `PUT /_mock/state`, so a restart serves them.
extension StateDatabase {
    static let settingsSchema = [
        "CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    ]

    /// What the controls store in `settings`.
    public struct Settings: Sendable, Equatable {
        /// When set, the last reset/restore/`PUT /_mock/state` defines the state: at start the
        /// seed's integrations are not added again (a deleted one stays deleted).
        public var replacedByControl = false
        public var autoApprove: String?
        /// `CreditExhaustionMode`'s raw value.
        public var creditsExhausted: String?

        public init(replacedByControl: Bool = false, autoApprove: String? = nil, creditsExhausted: String? = nil) {
            self.replacedByControl = replacedByControl
            self.autoApprove = autoApprove
            self.creditsExhausted = creditsExhausted
        }

        var rows: [[SQLiteValue]] {
            var rows: [[SQLiteValue]] = []
            if replacedByControl { rows.append([.text("replacedByControl"), .text("1")]) }
            if let autoApprove { rows.append([.text("autoApprove"), .text(autoApprove)]) }
            if let creditsExhausted { rows.append([.text("creditsExhausted"), .text(creditsExhausted)]) }
            return rows
        }
    }

    public func loadSettings() throws(StateDatabaseError) -> Settings {
        let pairs = try read { (db: Access) throws(StateDatabaseError) -> [[String]] in
            try db.rows("SELECT key, value FROM settings") { [$0.text(0) ?? "", $0.text(1) ?? ""] }
        }
        var settings = Settings()
        for pair in pairs {
            switch pair[0] {
            case "replacedByControl": settings.replacedByControl = pair[1] == "1"
            case "autoApprove": settings.autoApprove = pair[1]
            case "creditsExhausted": settings.creditsExhausted = pair[1]
            default: continue
            }
        }
        return settings
    }
}

extension StateDatabase.Image {
    /// The image with its `settings` rows set to `settings`.
    func with(_ settings: StateDatabase.Settings) -> Self {
        var copy = self
        copy.tables["settings"] = settings.rows
        return copy
    }
}
