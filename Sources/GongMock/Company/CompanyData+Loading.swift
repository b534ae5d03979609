import Essentials

extension CompanyData {
    /// Loads the fixture in `directory` (the `--fixtures DIR` option), resolving its relative times
    /// against `clock` once. Refuses, listing every problem, when the fixture does not validate.
    public static func load(directory: String, clock: any ServerClock) throws(CompanyFixtureError) -> CompanyData {
        let (documents, problems) = CompanyFixtureFiles.read(directory: directory)
        return try build(documents: documents, readProblems: problems, now: clock.now())
    }

    /// The default company compiled into the binary (generated from Fixtures/company).
    public static func bundled(clock: any ServerClock) throws(CompanyFixtureError) -> CompanyData {
        let (documents, problems) = CompanyFixtureFiles.bundled()
        return try build(documents: documents, readProblems: problems, now: clock.now())
    }

    static func build(documents: [String: JSONValue], readProblems: [FixtureProblem],
                      now: Double) throws(CompanyFixtureError) -> CompanyData {
        let (decoder, problems) = CompanyFixtureValidator.validate(
            documents: documents, now: now, filesAlreadyReported: Set(readProblems.map(\.file)))
        let all = readProblems + problems
        guard all.isEmpty, let company = decoder.company, let workspace = decoder.workspace else {
            throw .invalid(all)
        }
        return CompanyData(company: company, workspace: workspace, users: decoder.users.map(\.value),
                           accounts: decoder.accounts.map(\.value), deals: decoder.deals.map(\.value),
                           contacts: decoder.contacts.map(\.value), calls: decoder.calls.map(\.value),
                           emails: decoder.emails.map(\.value), trackers: decoder.trackers.map(\.value),
                           briefs: decoder.briefs.map(\.value))
    }
}
