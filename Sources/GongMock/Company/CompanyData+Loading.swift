import Essentials

extension CompanyData {
    /// Loads the fixture in `directory` (the `--fixtures DIR` option), resolving its relative times
    /// against `clock` once. Refuses, listing every problem, when the fixture does not validate.
    public static func load(directory: String, clock: any ServerClock) throws(CompanyFixtureError) -> CompanyData {
        let (files, problems) = CompanyFixtureFiles.readBytes(directory: directory)
        return try build(files: files, readProblems: problems, now: clock.now())
    }

    /// The default company compiled into the binary (generated from Fixtures/company).
    public static func bundled(clock: any ServerClock) throws(CompanyFixtureError) -> CompanyData {
        try build(files: CompanyFixtureFiles.bundledBytes(), readProblems: [], now: clock.now())
    }

    /// The fast path first (calls and e-mails decoded straight from their bytes); when it declines,
    /// the general path, which parses every file and reports every problem.
    static func build(files: [(name: String, bytes: [UInt8])], readProblems: [FixtureProblem],
                      now: Double) throws(CompanyFixtureError) -> CompanyData {
        if readProblems.isEmpty, let decoder = CompanyFixtureValidator.validateFast(files: files, now: now),
           let data = make(decoder, anchor: now) {
            return data
        }
        let (documents, parseProblems) = CompanyFixtureFiles.parse(files)
        // A file has at most one read or parse problem: list them in file order, as reading does.
        let order = CompanyFixtureDecoder.fileNames
        let fileProblems = (readProblems + parseProblems).sorted {
            (order.firstIndex(of: $0.file) ?? -1) < (order.firstIndex(of: $1.file) ?? -1)
        }
        return try build(documents: documents, readProblems: fileProblems, now: now)
    }

    static func build(documents: [String: JSONValue], readProblems: [FixtureProblem],
                      now: Double) throws(CompanyFixtureError) -> CompanyData {
        let (decoder, problems) = CompanyFixtureValidator.validate(
            documents: documents, now: now, filesAlreadyReported: Set(readProblems.map(\.file)))
        let all = readProblems + problems
        guard all.isEmpty, let data = make(decoder, anchor: now) else {
            throw .invalid(all)
        }
        return data
    }

    /// The company a decoder holds (nil without company or workspace, which is reported), its
    /// relative times resolved against `anchor`.
    private static func make(_ decoder: CompanyFixtureDecoder, anchor: Double) -> CompanyData? {
        guard let company = decoder.company, let workspace = decoder.workspace else { return nil }
        return CompanyData(company: company, workspace: workspace, users: decoder.users.map(\.value),
                           accounts: decoder.accounts.map(\.value), deals: decoder.deals.map(\.value),
                           contacts: decoder.contacts.map(\.value), calls: decoder.calls.map(\.value),
                           emails: decoder.emails.map(\.value), trackers: decoder.trackers.map(\.value),
                           briefs: decoder.briefs.map(\.value), anchor: anchor)
    }
}
