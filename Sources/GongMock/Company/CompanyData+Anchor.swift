extension CompanyData {
    /// This company with its relative times resolved against `now` instead of `anchor`: what
    /// loading the fixture at `now` gives, without reading or parsing it again.
    ///
    /// Exact because a relative time depends on the anchor's UTC day only (`RelativeTime`:
    /// "`daysAgo` days before today" at a fixed time of day; a close date is "`daysFromNow` days
    /// after today"), so moving the anchor by whole days moves every such time by as many days.
    /// Cheap: the new edition shares this one's lookups and search indexes (built or not), and
    /// copies only the call, e-mail and deal values; on the same UTC day it shares those too and
    /// records only the new anchor, so `company.anchoredAt` reads back as it was set. Returns
    /// `self` when the anchor is already `now` or when the data has no anchor (absolute times, tests).
    public func reanchored(to now: Double) -> CompanyData {
        guard let anchor, anchor != now else { return self }
        let days = UTCCalendar.day(of: now) - UTCCalendar.day(of: anchor)
        guard days != 0 else { return CompanyData(reanchoring: self, deals: deals, calls: calls, emails: emails, anchor: now) }
        let seconds = Double(days * UTCCalendar.secondsPerDay)
        let calls = self.calls.map { call in
            Call(id: call.id, title: call.title, startTime: call.startTime + seconds, durationSeconds: call.durationSeconds,
                 participants: call.participants, accountID: call.accountID, dealID: call.dealID, transcript: call.transcript)
        }
        let emails = self.emails.map { email in
            Email(id: email.id, sentTime: email.sentTime + seconds, from: email.from, to: email.to, cc: email.cc,
                  subject: email.subject, body: email.body, accountID: email.accountID, dealID: email.dealID)
        }
        let deals = self.deals.map { deal in
            Deal(id: deal.id, name: deal.name, accountID: deal.accountID, ownerID: deal.ownerID, stage: deal.stage,
                 amount: deal.amount, currency: deal.currency, closeDate: Self.date(deal.closeDate, movedBy: days))
        }
        return CompanyData(reanchoring: self, deals: deals, calls: calls, emails: emails, anchor: now)
    }

    /// `YYYY-MM-DD` moved by `days` (the loader writes close dates in this form; anything else is
    /// left as it is).
    static func date(_ text: String, movedBy days: Int64) -> String {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, let year = Int64(parts[0]), let month = Int64(parts[1]), let day = Int64(parts[2]) else {
            return text
        }
        let moved = UTCCalendar.daysFromCivil(year, month, day) + days
        return UTCCalendar.dateString(UTCCalendar.start(ofDay: moved))
    }
}
