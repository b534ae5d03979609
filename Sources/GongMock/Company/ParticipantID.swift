/// Who took part in a call or spoke a transcript line: one of the company's users or a CRM contact.
public enum ParticipantID: Sendable, Hashable {
    case user(String)
    case contact(String)

    public var id: String {
        switch self {
        case .user(let id), .contact(let id): return id
        }
    }
}
