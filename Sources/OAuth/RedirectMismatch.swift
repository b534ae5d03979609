/// Why a requested `redirect_uri` matched none of a client's registered ones (RFC 6749 §3.1.2.3,
/// OAuth 2.1 §4.1.3 exact matching, RFC 8252 §7.3 loopback ports), built once and shown
/// unchanged on the authorization error page, in the log, in the decision event the journal
/// keeps and in a registration refusal's `error_description` (RFC 7591 §3.2.2).
///
/// The fields are stable for the pages that render them: the requested URI, every registered
/// one, the closest registered one (also when only one is registered), how it differs, and at
/// most one hint from a table of `RedirectHintRule`s.
public struct RedirectMismatch: Sendable, Equatable {
    public let requested: String
    /// Who the URIs are registered for, in words: `integration 'CI test client'`.
    public let owner: String
    public let registered: [String]
    /// Redirect URIs admitted by a rule rather than the list (ChatGPT's dynamic callbacks), in words.
    public let alsoAdmitted: String?
    /// The registered URI with the smallest edit distance (loopback ports ignored); nil when none.
    public let closest: String?
    /// How `requested` differs from `closest`.
    public let differences: [RedirectURIDifference]
    /// The first applicable row of the hint table, if any.
    public let hint: RedirectHint?
    /// Everything above in sentences, each fact once: `error_description`, log and page text.
    public let text: String

    public init(requested: String, owner: String, registered: [String], alsoAdmitted: String? = nil,
                hintRules: [RedirectHintRule] = RedirectHintRule.standard) {
        self.requested = requested
        self.owner = owner
        self.registered = registered
        self.alsoAdmitted = alsoAdmitted
        let closest = Self.closest(to: requested, in: registered)
        self.closest = closest
        let differences = closest.map { RedirectURIDifference.between(requested, $0) } ?? []
        self.differences = differences
        let input = RedirectHintRule.Input(requested: requested, closest: closest, registered: registered, differences: differences)
        var chosen: RedirectHint?
        for rule in hintRules {
            if let hint = rule.hint(for: input) { chosen = hint; break }
        }
        self.hint = chosen
        self.text = Self.sentences(requested: requested, owner: owner, registered: registered, alsoAdmitted: alsoAdmitted,
                                   closest: closest, differences: differences, hint: chosen)
    }

    /// The matching rule, in one sentence (OAuth 2.1 §4.1.3, RFC 8252 §7.3).
    public static let rule = "Redirect URIs must match exactly; only an http loopback URI may use another port (RFC 8252 §7.3)."

    /// The first sentence of `text`: what was refused, for a page's heading paragraph.
    public var summary: String { "redirect_uri '\(requested)' is not registered for \(owner)." }

    /// `host, port`; nil when there is nothing to compare with.
    public var differenceSummary: String? {
        differences.isEmpty ? nil : differences.map(\.rawValue).joined(separator: ", ")
    }

    /// Name/value pairs for logs and decision events (the journal).
    public var fields: [(String, String)] {
        var fields: [(String, String)] = [("redirect_uri", requested)]
        if let closest { fields.append(("closest_registered", closest)) }
        if let differenceSummary { fields.append(("differs_in", differenceSummary)) }
        if let hint { fields.append(("hint", hint.rule)) }
        return fields
    }

    static func sentences(requested: String, owner: String, registered: [String], alsoAdmitted: String?, closest: String?,
                          differences: [RedirectURIDifference], hint: RedirectHint?) -> String {
        var text = "redirect_uri '\(requested)' is not registered for \(owner)."  // = summary
        let differs = differences.isEmpty ? "" : " (differs in \(differences.map(\.rawValue).joined(separator: ", ")))"
        switch registered.count {
        case 0: text += " No redirect URI is registered."
        case 1: text += " The only registered URI is '\(registered[0])'\(differs)."
        default:
            text += " Registered: \(registered.map { "'\($0)'" }.joined(separator: ", "))."
            if let closest { text += " Closest: '\(closest)'\(differs)." }
        }
        if let alsoAdmitted { text += " Also admitted: \(alsoAdmitted)." }
        text += " " + rule
        if let hint { text += " Hint: \(hint.text)" }
        return text
    }

    /// Loopback `http` URIs are compared without their ports, which RFC 8252 §7.3 lets vary.
    static func closest(to requested: String, in registered: [String]) -> String? {
        let key = comparisonForm(requested)
        var best: (uri: String, distance: Int)?
        for candidate in registered {
            let distance = editDistance(key, comparisonForm(candidate))
            if best.map({ distance < $0.distance }) ?? true { best = (candidate, distance) }
        }
        return best?.uri
    }

    static func comparisonForm(_ uri: String) -> String {
        guard let parsed = URIReference(uri), parsed.isHTTPLoopback else { return uri }
        return parsed.rendered(includingPort: false)
    }

    /// Levenshtein distance over UTF-8 bytes, capped at 512 bytes a side so hostile input stays cheap.
    static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs.utf8.prefix(512)), b = Array(rhs.utf8.prefix(512))
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
