/// A Gong keyword tracker: a named list of keywords/phrases found in transcripts and e-mails.
///
/// `questionTriggers` are the words that, when they appear in an `ask_*` question, pull the
/// tracker's keywords into the search (a question about "competition" finds "Chorus").
/// Fixture file `trackers.json`; see Fixtures/README.md.
public struct Tracker: Sendable, Hashable {
    public let id: String
    public let name: String
    public let category: TrackerCategory
    public let keywords: [String]
    public let questionTriggers: [String]

    public init(id: String, name: String, category: TrackerCategory, keywords: [String], questionTriggers: [String]) {
        self.id = id
        self.name = name
        self.category = category
        self.keywords = keywords
        self.questionTriggers = questionTriggers
    }
}
