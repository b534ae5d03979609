/// A run of sentences by one speaker: the unit of Gong's call transcripts.
public struct TranscriptMonologue: Sendable, Hashable {
    public let speaker: ParticipantID
    public let sentences: [TranscriptSentence]

    public init(speaker: ParticipantID, sentences: [TranscriptSentence]) {
        self.speaker = speaker
        self.sentences = sentences
    }
}
