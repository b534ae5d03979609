/// A recorded call. Ids are numeric strings like Gong call ids.
///
/// Fixture file `calls.json`; the start is stored relative to "now" and resolved against the
/// server clock at load, so "last 30 days" always has data. See Fixtures/README.md.
public struct Call: Sendable, Hashable {
    public let id: String
    public let title: String
    /// Seconds since the Unix epoch (UTC).
    public let startTime: Double
    public let durationSeconds: Int
    public let participants: [ParticipantID]
    public let accountID: String
    public let dealID: String?
    public let transcript: [TranscriptMonologue]

    public init(id: String, title: String, startTime: Double, durationSeconds: Int, participants: [ParticipantID],
                accountID: String, dealID: String?, transcript: [TranscriptMonologue]) {
        self.id = id
        self.title = title
        self.startTime = startTime
        self.durationSeconds = durationSeconds
        self.participants = participants
        self.accountID = accountID
        self.dealID = dealID
        self.transcript = transcript
    }
}
