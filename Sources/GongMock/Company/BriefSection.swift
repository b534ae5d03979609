/// One section of a brief: an open-ended prompt, or a smart tracker's findings.
public struct BriefSection: Sendable, Hashable {
    public enum Content: Sendable, Hashable {
        case openEnded(prompt: String)
        case smartTracker(trackerID: String)
    }

    public let title: String
    public let content: Content

    public init(title: String, content: Content) {
        self.title = title
        self.content = content
    }

    public var type: BriefSectionType {
        switch content {
        case .openEnded: return .openEnded
        case .smartTracker: return .smartTracker
        }
    }
}
