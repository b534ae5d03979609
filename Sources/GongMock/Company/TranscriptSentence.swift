/// One sentence of a call transcript, timed from the start of the call (as in Gong's
/// transcript API, where monologues hold timed sentences).
public struct TranscriptSentence: Sendable, Hashable {
    public let startSeconds: Int
    public let endSeconds: Int
    public let text: String

    public init(startSeconds: Int, endSeconds: Int, text: String) {
        self.startSeconds = startSeconds
        self.endSeconds = endSeconds
        self.text = text
    }
}
